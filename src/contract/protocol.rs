//! The contract between the page and its worker, used by both sides: every message each way is
//! a serde enum sent as JSON text, never a list of positional words. The page sends a
//! [`Request`] (a [`Job`] with a number); the worker answers with a [`Response`] under the same
//! number, or sends one unasked under [`UPDATE_ID`]. Its first message is [`Reply::Ready`] with
//! its [`PROTOCOL_VERSION`], so that a page and a worker of different builds say so instead of
//! misreading each other.
//!
//! What the worker shows crosses as a typed view ([`crate::contract::view_tree`]), never as markup.

use std::rc::Rc;

use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

pub use crate::contract::view_tree::FinderKind;
use crate::contract::view_tree::{Control, Node, Part};
use crate::shared::draft::{Draft, Environment};
use crate::shared::history::HistoryEntry;
use crate::shared::signin::PendingSignIn;
use crate::shared::target_form::TargetForm;

/// The version of this contract: a page and a worker of different versions refuse each other.
pub const PROTOCOL_VERSION: u32 = 9;

/// The id of a message the worker sends unasked.
pub const UPDATE_ID: u32 = 0;

/// The localStorage key under which the page keeps the Bulk run's journal for the worker.
pub const BULK_JOURNAL_KEY: &str = "ios-lob-assignment-playground.bulk-journal";

/// The sign-in round trip's record (a [`PendingSignIn`], as JSON within the message), which
/// the page keeps in sessionStorage and hands back without reading it: only the worker knows
/// its fields, so the page carries no code to read or write them.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SignInRecord(Box<RawValue>);

impl PartialEq for SignInRecord {
    fn eq(&self, other: &SignInRecord) -> bool {
        self.0.get() == other.0.get()
    }
}

impl SignInRecord {
    /// The record of `pending`.
    pub fn of(pending: &PendingSignIn) -> SignInRecord {
        let text = serde_json::to_string(pending).unwrap_or_default();
        SignInRecord(RawValue::from_string(text).unwrap_or_else(|_| RawValue::NULL.to_owned()))
    }

    /// The pending sign-in it records, if it is one.
    pub fn read(&self) -> Option<PendingSignIn> {
        serde_json::from_str(self.0.get()).ok()
    }

    /// The record as the page keeps it.
    pub fn stored(&self) -> &str {
        self.0.get()
    }

    /// A record the page kept (`None` when the text is not JSON).
    pub fn from_stored(text: String) -> Option<SignInRecord> {
        RawValue::from_string(text).ok().map(SignInRecord)
    }
}

/// Where requests go: the page's environment and emulator URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Place {
    /// The environment chosen.
    pub environment: Environment,
    /// The emulator URL typed (used against the emulator only).
    pub emulator_url: String,
}

impl Place {
    /// Where `draft` sends its requests.
    pub fn of(draft: &Draft) -> Place {
        Place {
            environment: draft.environment,
            emulator_url: draft.emulator_url.clone(),
        }
    }

    /// A draft of this place and nothing else, for the code that reads a draft's service root.
    pub fn draft(&self) -> Draft {
        Draft {
            environment: self.environment,
            emulator_url: self.emulator_url.clone(),
            ..Draft::default()
        }
    }
}

/// Which of the picker's lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum ListKind {
    /// "Pick a configuration".
    Configurations,
    /// "Pick an assignment", of one configuration.
    Assignments,
}

/// One job for the worker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// The draft's request as code.
    Snippet {
        /// What the user typed.
        draft: Draft,
        /// The language's key (see [`graph_model::snippets::SnippetLanguage`]).
        language: String,
    },
    /// The history as a HAR document.
    ExportHar {
        /// Newest first.
        history: Vec<HistoryEntry>,
    },
    /// Reads a HAR document into history entries.
    ImportHar {
        /// The file's text.
        text: String,
        /// The draft that fills what the file does not say.
        draft: Draft,
    },
    /// The history list, for the page's history panel.
    RenderHistory {
        /// Newest first.
        history: Vec<HistoryEntry>,
    },
    /// Reads a share link's fragment into a draft based on the page's current one.
    OpenShareLink {
        /// The address's fragment, with its `#`.
        fragment: String,
        /// The page's draft.
        draft: Draft,
    },
    /// The sign-in group, with the remembered client id and tenant and this page's address.
    SignInForm {
        /// The remembered client id.
        client_id: String,
        /// The remembered tenant.
        tenant: String,
        /// The page's address (its redirect URI is derived from it).
        page_url: String,
    },
    /// Prepares the round trip to the sign-in page.
    SignIn {
        /// Where the page points.
        place: Place,
        /// The client id typed.
        client_id: String,
        /// The tenant typed.
        tenant: String,
        /// The page's address.
        page_url: String,
        /// Whether names are looked up (sign-in then asks for their permissions too).
        look_up: bool,
    },
    /// Completes a sign-in from the answer the page took off its address.
    SignInReturn {
        /// The address's query.
        query: String,
        /// The round trip's record, if the page kept one.
        record: Option<SignInRecord>,
    },
    /// Signs out.
    SignOut,
    /// Token insight for the page's token.
    Inspect {
        /// Where the page points.
        place: Place,
        /// The page's token.
        token: String,
    },
    /// Searches a finder's text.
    Find {
        /// Which finder.
        finder: FinderKind,
        /// Where the page points.
        place: Place,
        /// The page's token.
        token: String,
        /// What was typed.
        text: String,
        /// Whether names are looked up.
        look_up: bool,
    },
    /// A key pressed in a finder (arrows, Enter, Escape).
    FinderKey {
        /// Which finder.
        finder: FinderKind,
        /// The key's name, as `KeyboardEvent.key` gives it.
        key: String,
    },
    /// An option of a finder clicked: the one at `index` among those it shows.
    FinderPick {
        /// Which finder.
        finder: FinderKind,
        /// The option's index.
        index: u32,
    },
    /// The names beside the target's ids, the assignment list in words, the change in words
    /// and the admin center's rules, for what the page shows.
    Names {
        /// The page's token.
        token: String,
        /// Whether names are looked up.
        look_up: bool,
        /// The page's draft.
        draft: Draft,
        /// The ids of the before/after comparison ([`crate::shared::comparison::named_ids`]).
        compared: [String; 4],
    },
    /// Reads one of the picker's lists.
    Lists {
        /// Which list.
        list: ListKind,
        /// The page's token.
        token: String,
        /// The page's draft.
        draft: Draft,
        /// The configuration whose assignments are read.
        configuration_id: String,
        /// True for the page's own quiet read at start.
        start: bool,
    },
    /// "Load current": reads the draft's assignment into the form.
    LoadCurrent {
        /// The page's token.
        token: String,
        /// The page's draft.
        draft: Draft,
    },
    /// The Code panel of the draft.
    Code {
        /// The page's draft.
        draft: Draft,
        /// The language's key.
        language: String,
    },
    /// The Bulk view opens, with the journal of a run the page kept.
    BulkOpen {
        /// The journal's text from localStorage (empty: none).
        journal: String,
    },
    /// A click or edit of a control the worker shows: the Bulk view's (see
    /// [`crate::worker::bulk_work::run`]) or the assignment set's (see
    /// [`crate::worker::set_work::control`]).
    BulkControl {
        /// The control, as the view gave it.
        control: Control,
        /// What it acts on (a row's index; 0 for none).
        row: u32,
        /// Its value (`true` or `false` for a checkbox).
        value: String,
        /// The page's token.
        token: String,
        /// The page's draft.
        draft: Draft,
    },
}

/// One thing the page is told to do for the parts the worker writes. (Tuple variants: the
/// page reads them with less code than named fields.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Step {
    /// Show a view in a part of the page.
    Show(
        /// The part.
        Part,
        /// What it shows.
        Vec<Node>,
    ),
    /// Which sign-in button to offer.
    SignedIn(bool),
    /// The page's new access token (empty: forget it).
    Token(String),
    /// A finder's combobox state.
    Combobox(
        /// Which finder.
        FinderKind,
        /// Whether its list of options is open.
        bool,
        /// The id of its active option (empty: none).
        String,
    ),
    /// An id chosen by name, for the form.
    Choose(
        /// Which finder chose it.
        FinderKind,
        /// The group or filter id.
        String,
    ),
    /// The configuration and assignment chosen at start for a user who has chosen none (see
    /// [`crate::page::state::Action::ChosenAtStart`]).
    ChosenAtStart(
        /// The configuration.
        String,
        /// Its first assignment (empty: it has none).
        String,
    ),
    /// The assignment "Load current" read, with its target as the form.
    Current(
        /// The assignment read.
        String,
        /// Its target.
        TargetForm,
    ),
    /// Keep the Bulk run's journal in localStorage (`None`: remove it).
    KeepJournal(Option<String>),
    /// Offer text as a file.
    Download(
        /// The file's name.
        String,
        /// Its media type.
        String,
        /// Its content.
        String,
    ),
    /// Keep the round trip's record in sessionStorage, then leave for the sign-in page.
    GoSignIn(
        /// The authorize URL.
        String,
        /// What the return needs.
        SignInRecord,
    ),
    /// Open the connection settings: something there needs the user (a start read that
    /// failed, a sign-in error).
    OpenConnection,
    /// Keep a request the worker sent (an added or removed assignment, an `/assign`) in the
    /// history, as the page keeps its own.
    Record(Box<HistoryEntry>),
    /// Choose this assignment in the form (empty: none), as after adding it.
    ChooseAssignment(String),
}

/// Steps for the page, built one after another.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Steps(pub Vec<Step>);

impl Steps {
    fn and(mut self, step: Step) -> Steps {
        self.0.push(step);
        self
    }

    /// Shows `nodes` in `part`.
    pub fn show<N: Into<Node>>(self, part: Part, nodes: impl IntoIterator<Item = N>) -> Steps {
        self.and(Step::Show(
            part,
            nodes.into_iter().map(Into::into).collect(),
        ))
    }

    /// Says whether the user is signed in.
    pub fn signed_in(self, signed_in: bool) -> Steps {
        self.and(Step::SignedIn(signed_in))
    }

    /// Hands the page a new access token (empty: forget it).
    pub fn token(self, token: &str) -> Steps {
        self.and(Step::Token(token.to_owned()))
    }

    /// Sets a finder's combobox state.
    pub fn combobox(self, finder: FinderKind, expanded: bool, active_option: &str) -> Steps {
        self.and(Step::Combobox(finder, expanded, active_option.to_owned()))
    }

    /// Puts an id chosen by name into the form.
    pub fn choose(self, finder: FinderKind, id: &str) -> Steps {
        self.and(Step::Choose(finder, id.to_owned()))
    }

    /// The pair chosen at start for a user who has chosen none.
    pub fn chosen_at_start(self, configuration_id: &str, assignment_id: &str) -> Steps {
        self.and(Step::ChosenAtStart(
            configuration_id.to_owned(),
            assignment_id.to_owned(),
        ))
    }

    /// Fills the target form from the assignment "Load current" read.
    pub fn current(self, assignment_id: &str, form: TargetForm) -> Steps {
        self.and(Step::Current(assignment_id.to_owned(), form))
    }

    /// Keeps the Bulk journal (`None`: removes it).
    pub fn keep_journal(self, journal: Option<String>) -> Steps {
        self.and(Step::KeepJournal(journal))
    }

    /// Offers `text` as a download named `name` of type `mime`.
    pub fn download(self, name: &str, mime: &str, text: &str) -> Steps {
        self.and(Step::Download(
            name.to_owned(),
            mime.to_owned(),
            text.to_owned(),
        ))
    }

    /// Keeps `record`, then leaves for `url`.
    pub fn go_sign_in(self, url: &str, record: SignInRecord) -> Steps {
        self.and(Step::GoSignIn(url.to_owned(), record))
    }

    /// Opens the connection settings, where something needs the user.
    pub fn open_connection(self) -> Steps {
        self.and(Step::OpenConnection)
    }

    /// Keeps `entry` in the page's history.
    pub fn record(self, entry: HistoryEntry) -> Steps {
        self.and(Step::Record(Box::new(entry)))
    }

    /// Chooses the assignment `id` in the form.
    pub fn choose_assignment(self, id: &str) -> Steps {
        self.and(Step::ChooseAssignment(id.to_owned()))
    }

    /// The steps as a reply.
    pub fn reply(self) -> Reply {
        Reply::Steps(self.0)
    }
}

/// What the worker answers to a [`Job`], or sends unasked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Reply {
    /// The worker's first message: it answers jobs from now on, in this contract's version.
    Ready {
        /// The worker's [`PROTOCOL_VERSION`].
        protocol: u32,
    },
    /// The snippet.
    Snippet(String),
    /// What to fix before there is a snippet.
    NoSnippet(String),
    /// The HAR document.
    Har(String),
    /// The imported entries, and how many were skipped.
    Imported(Vec<HistoryEntry>, usize),
    /// Why the file was refused.
    NotImported(String),
    /// The shared draft (`None`: the address has no share link).
    Shared(Option<Draft>),
    /// Why the share link was refused.
    Refused(String),
    /// Steps for the page's worker-written parts.
    Steps(Vec<Step>),
    /// The job could not be read or done (a page and a worker of different builds, or a
    /// worker that could not start).
    Unreadable(String),
}

/// A job with the number its reply will carry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the page, unique among the jobs in flight.
    pub id: u32,
    /// The job.
    pub job: Job,
}

/// A reply with its request's number ([`UPDATE_ID`] when unasked).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The request's number.
    pub id: u32,
    /// The reply.
    pub reply: Reply,
}

impl Request {
    /// The request as the page sends it.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a request the page sent.
    pub fn from_text(text: &str) -> Result<Request, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }
}

impl Response {
    /// The response as the worker sends it.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a response the worker sent.
    pub fn from_text(text: &str) -> Result<Response, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }
}

/// Hands a response, as JSON text, to the page.
pub type Post = Rc<dyn Fn(String)>;

/// A response as JSON text.
pub fn respond(id: u32, reply: Reply) -> String {
    Response { id, reply }.to_text()
}

/// What the page says when the worker speaks another version of this contract.
pub fn version_mismatch(worker: u32) -> String {
    format!(
        "the page and its worker come from different builds (contract version {PROTOCOL_VERSION} and {worker}): reload the page"
    )
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::BTreeSet;

    /// Each job's name, with no catch-all: a new job fails to compile here until the samples
    /// below cover it.
    fn job_name(job: &Job) -> &'static str {
        match job {
            Job::Snippet { .. } => "Snippet",
            Job::ExportHar { .. } => "ExportHar",
            Job::ImportHar { .. } => "ImportHar",
            Job::RenderHistory { .. } => "RenderHistory",
            Job::OpenShareLink { .. } => "OpenShareLink",
            Job::SignInForm { .. } => "SignInForm",
            Job::SignIn { .. } => "SignIn",
            Job::SignInReturn { .. } => "SignInReturn",
            Job::SignOut => "SignOut",
            Job::Inspect { .. } => "Inspect",
            Job::Find { .. } => "Find",
            Job::FinderKey { .. } => "FinderKey",
            Job::FinderPick { .. } => "FinderPick",
            Job::Names { .. } => "Names",
            Job::Lists { .. } => "Lists",
            Job::LoadCurrent { .. } => "LoadCurrent",
            Job::Code { .. } => "Code",
            Job::BulkOpen { .. } => "BulkOpen",
            Job::BulkControl { .. } => "BulkControl",
        }
    }

    /// Each step's name, with no catch-all (see [`job_name`]).
    fn step_name(step: &Step) -> &'static str {
        match step {
            Step::Show(..) => "Show",
            Step::SignedIn(_) => "SignedIn",
            Step::Token(_) => "Token",
            Step::Combobox(..) => "Combobox",
            Step::Choose(..) => "Choose",
            Step::ChosenAtStart(..) => "ChosenAtStart",
            Step::Current(..) => "Current",
            Step::KeepJournal(_) => "KeepJournal",
            Step::Download(..) => "Download",
            Step::GoSignIn(..) => "GoSignIn",
            Step::OpenConnection => "OpenConnection",
            Step::Record(_) => "Record",
            Step::ChooseAssignment(_) => "ChooseAssignment",
        }
    }

    /// Each reply's name, with no catch-all (see [`job_name`]).
    fn reply_name(reply: &Reply) -> &'static str {
        match reply {
            Reply::Ready { .. } => "Ready",
            Reply::Snippet(_) => "Snippet",
            Reply::NoSnippet(_) => "NoSnippet",
            Reply::Har(_) => "Har",
            Reply::Imported(..) => "Imported",
            Reply::NotImported(_) => "NotImported",
            Reply::Shared(_) => "Shared",
            Reply::Refused(_) => "Refused",
            Reply::Steps(_) => "Steps",
            Reply::Unreadable(_) => "Unreadable",
        }
    }

    const HOSTILE: &str = "<img src=x onerror=alert(1)> \"Contoso's\" =HYPERLINK(\"x\") \u{2028}";

    fn place() -> Place {
        Place::of(&Draft::default())
    }

    fn record() -> PendingSignIn {
        PendingSignIn {
            state: "s".into(),
            verifier: "v".into(),
            client_id: "00000000-0000-4000-8000-00000000e111".into(),
            token_url: "http://127.0.0.1:8787/organizations/oauth2/v2.0/token".into(),
            scope: "openid offline_access".into(),
            redirect_uri: "http://127.0.0.1:8080/".into(),
            tenant: "organizations".into(),
            cloud: "the emulator".into(),
            emulator: true,
            admin_consent_url: String::new(),
        }
    }

    fn jobs(text: &str) -> Vec<Job> {
        let draft = Draft {
            configuration_id: text.into(),
            ..Draft::default()
        };
        let token = || text.to_owned();
        let mut jobs = vec![
            Job::Snippet {
                draft: draft.clone(),
                language: text.into(),
            },
            Job::ExportHar { history: vec![] },
            Job::ImportHar {
                text: text.into(),
                draft: draft.clone(),
            },
            Job::RenderHistory { history: vec![] },
            Job::OpenShareLink {
                fragment: text.into(),
                draft: draft.clone(),
            },
            Job::SignInForm {
                client_id: text.into(),
                tenant: text.into(),
                page_url: text.into(),
            },
            Job::SignIn {
                place: place(),
                client_id: text.into(),
                tenant: text.into(),
                page_url: text.into(),
                look_up: true,
            },
            Job::SignInReturn {
                query: text.into(),
                record: Some(SignInRecord::of(&record())),
            },
            Job::SignOut,
            Job::Inspect {
                place: place(),
                token: token(),
            },
            Job::Find {
                finder: FinderKind::Filter,
                place: place(),
                token: token(),
                text: text.into(),
                look_up: false,
            },
            Job::FinderKey {
                finder: FinderKind::Group,
                key: text.into(),
            },
            Job::FinderPick {
                finder: FinderKind::Filter,
                index: 2,
            },
            Job::Names {
                token: token(),
                look_up: true,
                draft: draft.clone(),
                compared: [text.into(), String::new(), text.into(), String::new()],
            },
            Job::Lists {
                list: ListKind::Assignments,
                token: token(),
                draft: draft.clone(),
                configuration_id: text.into(),
                start: true,
            },
            Job::LoadCurrent {
                token: token(),
                draft: draft.clone(),
            },
            Job::Code {
                draft: draft.clone(),
                language: text.into(),
            },
        ];
        jobs.push(Job::BulkOpen {
            journal: text.into(),
        });
        jobs.push(Job::BulkControl {
            control: Control::PaceSeconds,
            row: 7,
            value: text.into(),
            token: token(),
            draft,
        });
        jobs
    }

    fn replies(text: &str) -> Vec<Reply> {
        let steps = vec![
            Step::Show(
                Part::GroupResults,
                vec![
                    crate::contract::view_tree::el(crate::contract::view_tree::Tag::Li)
                        .on_row(crate::contract::view_tree::Control::ChooseGroup, 3)
                        .text(text)
                        .into(),
                    Node::Part(Part::FilterAfter),
                ],
            ),
            Step::SignedIn(true),
            Step::Token(text.into()),
            Step::Combobox(FinderKind::Group, true, text.into()),
            Step::Choose(FinderKind::Filter, text.into()),
            Step::ChosenAtStart(text.into(), text.into()),
            Step::Current(text.into(), TargetForm::default()),
            Step::KeepJournal(Some(text.into())),
            Step::KeepJournal(None),
            Step::Download(text.into(), text.into(), text.into()),
            Step::GoSignIn(text.into(), SignInRecord::of(&record())),
            Step::OpenConnection,
            Step::Record(Box::new(
                serde_json::from_value(serde_json::json!({
                    "id": text, "started": text, "method": "POST", "url": text,
                    "requestHeaders": [[text, text]], "requestBody": text, "status": 201,
                    "summary": text, "elapsedMs": 3, "size": 2, "requestId": text,
                    "responseHeaders": [], "responseBody": text, "draft": {}
                }))
                .unwrap(),
            )),
            Step::ChooseAssignment(text.into()),
        ];
        vec![
            Reply::Ready {
                protocol: PROTOCOL_VERSION,
            },
            Reply::Snippet(text.into()),
            Reply::NoSnippet(text.into()),
            Reply::Har(text.into()),
            Reply::Imported(vec![], 2),
            Reply::NotImported(text.into()),
            Reply::Shared(None),
            Reply::Shared(Some(Draft::default())),
            Reply::Refused(text.into()),
            Reply::Steps(steps),
            Reply::Steps(vec![]),
            Reply::Unreadable(text.into()),
        ]
    }

    #[test]
    fn the_samples_cover_every_message() {
        let jobs: BTreeSet<_> = jobs(HOSTILE).iter().map(job_name).collect();
        assert_eq!(jobs.len(), 19, "{jobs:?}");
        let replies = replies(HOSTILE);
        let names: BTreeSet<_> = replies.iter().map(reply_name).collect();
        assert_eq!(names.len(), 10, "{names:?}");
        let steps: BTreeSet<_> = replies
            .iter()
            .flat_map(|reply| match reply {
                Reply::Steps(steps) => steps.iter().map(step_name).collect(),
                _ => Vec::new(),
            })
            .collect();
        assert_eq!(steps.len(), 13, "{steps:?}");
    }

    proptest! {
        #[test]
        fn every_message_crosses_and_comes_back(text in any::<String>(), id in any::<u32>()) {
            for job in jobs(&text) {
                let request = Request { id, job };
                prop_assert_eq!(Request::from_text(&request.to_text()), Ok(request));
            }
            for reply in replies(&text) {
                let response = Response { id, reply };
                prop_assert_eq!(Response::from_text(&response.to_text()), Ok(response));
            }
        }

        #[test]
        fn any_text_is_refused_or_read_never_a_panic(text in any::<String>()) {
            let _ = Request::from_text(&text);
            let _ = Response::from_text(&text);
        }
    }

    #[test]
    fn the_wire_shape_is_the_one_in_the_fixtures() {
        let fixtures = [
            (
                Request {
                    id: 7,
                    job: Job::BulkControl {
                        control: Control::Select,
                        row: 2,
                        value: "true".into(),
                        token: "t".into(),
                        draft: Draft::default(),
                    },
                }
                .to_text(),
                include_str!("../../tests/fixtures/protocol/bulk-select.json"),
            ),
            (
                Response {
                    id: UPDATE_ID,
                    reply: Reply::Ready {
                        protocol: PROTOCOL_VERSION,
                    },
                }
                .to_text(),
                include_str!("../../tests/fixtures/protocol/ready.json"),
            ),
            (
                Response {
                    id: 3,
                    reply: Reply::Steps(vec![
                        Step::Combobox(FinderKind::Group, true, "group-option-0".into()),
                        Step::KeepJournal(None),
                        Step::Show(
                            Part::GroupFinderStatus,
                            vec![
                                crate::contract::view_tree::el(crate::contract::view_tree::Tag::P)
                                    .class("note")
                                    .text("<b>Contoso's</b>")
                                    .into(),
                            ],
                        ),
                    ]),
                }
                .to_text(),
                include_str!("../../tests/fixtures/protocol/steps.json"),
            ),
        ];
        for (written, fixture) in fixtures {
            assert_eq!(written, fixture.trim_end());
        }
    }
}
