//! The work that is not needed to show and send the form: code snippets, HAR export and
//! import, reading share links, and the sign-in's logic (PKCE, redeeming and renewing tokens, explaining failures,
//! token insight; see [`crate::sign_in_work`]). It runs in a web worker with a wasm module of
//! its own (`src/bin/playground-worker.rs`), which the page starts once the form is usable, so
//! none of this code is in the first load. The page and the worker exchange [`Request`] and
//! [`Response`] as JSON text of a number and a list of words (see [`Job::into_words`] and
//! [`Reply::into_words`]): that shape keeps the page's reading and writing code small.
//! [`handle`] is the whole of the worker's logic. Most jobs get one
//! reply; the sign-in also sends unasked updates (a renewed token, the insight's countdown)
//! with the id [`UPDATE_ID`].

use std::rc::Rc;

use crate::draft::Draft;
use crate::history::{self, HistoryEntry};
use crate::share;
use crate::{code_work, name_work, sign_in_work};

/// The id of a message the worker sends unasked.
pub const UPDATE_ID: u32 = 0;

/// What the page's worker-written parts (sign-in, insight, names, finders, history list) are
/// told to do, each step a name and its values:
/// - `fill ID HTML`: put the HTML (escaped here) in the element with that id;
/// - `signed-in true|false`: which button to offer;
/// - `token TOKEN`: the page's new access token (empty: forget it);
/// - `go URL RECORD`: keep the round trip's record in sessionStorage, then leave for the URL;
/// - `attribute ID NAME VALUE`: set an attribute (a combobox's state);
/// - `choose group|filter ID`: put the id chosen by name into the form;
/// - `chosen-at-start CONFIGURATION_ID ASSIGNMENT_ID`: the pair chosen for a user who has
///   chosen none;
/// - `current ASSIGNMENT_ID FORM`: the assignment "Load current" read, its target as the
///   target form (JSON);
/// - `store KEY VALUE`: keep VALUE in localStorage (empty: remove it), as the Bulk journal;
/// - `download NAME TYPE TEXT`: offer TEXT as a file.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Steps(Vec<String>);

impl Steps {
    fn step(mut self, values: &[&str]) -> Steps {
        self.0
            .extend(values.iter().map(|value| (*value).to_owned()));
        self
    }

    /// Puts `html` in the element `id`.
    pub fn fill(self, id: &str, html: &str) -> Steps {
        self.step(&["fill", id, html])
    }

    /// Says whether the user is signed in.
    pub fn signed_in(self, signed_in: bool) -> Steps {
        self.step(&["signed-in", if signed_in { "true" } else { "false" }])
    }

    /// Hands the page a new access token (empty: forget it).
    pub fn token(self, token: &str) -> Steps {
        self.step(&["token", token])
    }

    /// Sets an attribute of the element `id`.
    pub fn attribute(self, id: &str, name: &str, value: &str) -> Steps {
        self.step(&["attribute", id, name, value])
    }

    /// Puts an id chosen by name (`kind`: group or filter) into the form.
    pub fn choose(self, kind: &str, id: &str) -> Steps {
        self.step(&["choose", kind, id])
    }

    /// The configuration and assignment the page chooses at start for a user who has chosen
    /// none (see [`crate::state::Action::ChosenAtStart`]).
    pub fn chosen_at_start(self, configuration_id: &str, assignment_id: &str) -> Steps {
        self.step(&["chosen-at-start", configuration_id, assignment_id])
    }

    /// Fills the target form from the assignment read by "Load current" (`form` as JSON).
    pub fn current(self, assignment_id: &str, form: &str) -> Steps {
        self.step(&["current", assignment_id, form])
    }

    /// Keeps `value` in the page's localStorage under `key` (empty: removes it).
    pub fn store(self, key: &str, value: &str) -> Steps {
        self.step(&["store", key, value])
    }

    /// Offers `text` as a download named `name` of type `mime`.
    pub fn download(self, name: &str, mime: &str, text: &str) -> Steps {
        self.step(&["download", name, mime, text])
    }

    /// Keeps `record`, then leaves for `url`.
    pub fn go(self, url: &str, record: &str) -> Steps {
        self.step(&["go", url, record])
    }

    /// The steps as a reply.
    pub fn reply(self) -> Reply {
        Reply::Page(self.0)
    }
}

/// Hands a response, as JSON text, to the page.
pub type Post = Rc<dyn Fn(String)>;

/// The message the worker sends once it answers jobs (jobs sent before are queued by the page).
pub const READY: &str = "ready";

/// The worker's script, relative to the page (Trunk names worker files after their binary).
pub const WORKER_SCRIPT: &str = "./playground-worker_loader.js";

/// One job for the worker.
#[derive(Debug, Clone, PartialEq)]
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
    /// The history list as HTML, for the page's history panel.
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
    /// A job for the parts of the page the worker writes (sign-in, token insight, names beside
    /// ids), as plain strings (see [`crate::sign_in_work::run`]), whose writing code is the
    /// smallest in the page.
    Page(Vec<String>),
}

/// What the worker answers to a [`Job`].
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The snippet, or what to fix first.
    Snippet(Result<String, String>),
    /// The HAR document.
    Har(String),
    /// The imported entries and how many were skipped, or why the file was refused.
    Imported(Result<(Vec<HistoryEntry>, usize), String>),
    /// The shared draft, or why the link was refused.
    Shared(Result<Option<Draft>, String>),
    /// Steps for the page's worker-written parts (see [`Steps`]): plain strings,
    /// whose reading code is the smallest in the page.
    Page(Vec<String>),
    /// The job could not be read (a page and a worker of different builds).
    Unreadable(String),
}

/// A job with the number its reply will carry.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// Chosen by the page, unique among the jobs in flight.
    pub id: u32,
    /// The job.
    pub job: Job,
}

/// A reply with its request's number.
#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    /// The request's number.
    pub id: u32,
    /// The reply.
    pub reply: Reply,
}

/// A number and words as the JSON text that crosses between page and worker.
fn message(id: u32, words: Vec<String>) -> String {
    serde_json::to_string(&(id, words)).unwrap_or_default()
}

/// Reads [`message`]'s text.
fn read_message(text: &str) -> Result<(u32, Vec<String>), String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

/// JSON text of a value the page and the worker both know.
fn json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// The value in a JSON text written by [`json`].
fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| error.to_string())
}

impl Job {
    /// The job's name, then its values (drafts and histories as JSON text).
    pub fn into_words(self) -> Vec<String> {
        let (name, mut values) = match self {
            Job::Snippet { draft, language } => ("snippet", vec![json(&draft), language]),
            Job::ExportHar { history } => ("export-har", vec![json(&history)]),
            Job::ImportHar { text, draft } => ("import-har", vec![text, json(&draft)]),
            Job::RenderHistory { history } => ("render-history", vec![json(&history)]),
            Job::OpenShareLink { fragment, draft } => {
                ("open-share-link", vec![fragment, json(&draft)])
            }
            Job::Page(words) => ("page", words),
        };
        values.insert(0, name.to_owned());
        values
    }

    /// Reads [`Job::into_words`]'s words.
    pub fn from_words(mut words: Vec<String>) -> Result<Job, String> {
        if words.is_empty() {
            return Err("the job is empty".to_owned());
        }
        let name = words.remove(0);
        if name == "page" {
            return Ok(Job::Page(words));
        }
        let mut values = words.into_iter();
        let mut next = || values.next().unwrap_or_default();
        Ok(match name.as_str() {
            "snippet" => Job::Snippet {
                draft: from_json(&next())?,
                language: next(),
            },
            "export-har" => Job::ExportHar {
                history: from_json(&next())?,
            },
            "import-har" => Job::ImportHar {
                text: next(),
                draft: from_json(&next())?,
            },
            "render-history" => Job::RenderHistory {
                history: from_json(&next())?,
            },
            "open-share-link" => Job::OpenShareLink {
                fragment: next(),
                draft: from_json(&next())?,
            },
            other => return Err(format!("no job is called {other:?}")),
        })
    }
}

impl Reply {
    /// The reply's name, then its values (drafts and histories as JSON text).
    pub fn into_words(self) -> Vec<String> {
        let (name, mut values) = match self {
            Reply::Snippet(Ok(code)) => ("code", vec![code]),
            Reply::Snippet(Err(reason)) => ("no-code", vec![reason]),
            Reply::Har(har) => ("har", vec![har]),
            Reply::Imported(Ok((entries, skipped))) => {
                ("imported", vec![json(&entries), skipped.to_string()])
            }
            Reply::Imported(Err(reason)) => ("not-imported", vec![reason]),
            Reply::Shared(Ok(None)) => ("no-link", vec![]),
            Reply::Shared(Ok(Some(draft))) => ("shared", vec![json(&draft)]),
            Reply::Shared(Err(reason)) => ("refused", vec![reason]),
            Reply::Page(steps) => ("page", steps),
            Reply::Unreadable(reason) => ("unreadable", vec![reason]),
        };
        values.insert(0, name.to_owned());
        values
    }

    /// Reads [`Reply::into_words`]'s words; what cannot be read is [`Reply::Unreadable`].
    pub fn from_words(mut words: Vec<String>) -> Reply {
        if words.is_empty() {
            return Reply::Unreadable("the answer is empty".to_owned());
        }
        let name = words.remove(0);
        if name == "page" {
            return Reply::Page(words);
        }
        let mut values = words.into_iter();
        let mut next = || values.next().unwrap_or_default();
        let mut read = || -> Result<Reply, String> {
            Ok(match name.as_str() {
                "code" => Reply::Snippet(Ok(next())),
                "no-code" => Reply::Snippet(Err(next())),
                "har" => Reply::Har(next()),
                "imported" => {
                    let entries = from_json(&next())?;
                    let skipped = next().parse().map_err(|_| "a bad count".to_owned())?;
                    Reply::Imported(Ok((entries, skipped)))
                }
                "not-imported" => Reply::Imported(Err(next())),
                "no-link" => Reply::Shared(Ok(None)),
                "shared" => Reply::Shared(Ok(Some(from_json(&next())?))),
                "refused" => Reply::Shared(Err(next())),
                "unreadable" => Reply::Unreadable(next()),
                other => return Err(format!("no answer is called {other:?}")),
            })
        };
        read().unwrap_or_else(Reply::Unreadable)
    }
}

impl Request {
    /// The request as the page sends it.
    pub fn to_text(self) -> String {
        message(self.id, self.job.into_words())
    }
}

impl Response {
    /// The response as the worker sends it.
    pub fn to_text(self) -> String {
        message(self.id, self.reply.into_words())
    }

    /// Reads a response the worker sent.
    pub fn from_text(text: &str) -> Result<Response, String> {
        let (id, words) = read_message(text)?;
        Ok(Response {
            id,
            reply: Reply::from_words(words),
        })
    }
}

/// A response as JSON text.
pub fn respond(id: u32, reply: Reply) -> String {
    Response { id, reply }.to_text()
}

/// The worker's whole logic: a [`Request`] as JSON text in; each [`Response`] goes to `post`
/// as JSON text (at once, or later for the sign-in's network work).
pub fn handle(request: &str, post: Post) {
    let (id, words) = match read_message(request) {
        Ok(message) => message,
        Err(error) => {
            let id = serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|value| value.get(0)?.as_u64())
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(UPDATE_ID);
            post(respond(id, Reply::Unreadable(error)));
            return;
        }
    };
    let request = match Job::from_words(words) {
        Ok(job) => Request { id, job },
        Err(error) => {
            post(respond(id, Reply::Unreadable(error)));
            return;
        }
    };
    let id = request.id;
    let reply = match request.job {
        Job::Snippet { draft, language } => {
            Reply::Snippet(code_work::snippet(&draft, code_work::language(&language)))
        }
        Job::ExportHar { history } => Reply::Har(history::to_har(&history)),
        Job::ImportHar { text, draft } => Reply::Imported(history::from_har(&text, &draft)),
        Job::RenderHistory { history } => name_work::show_history(history, &post).reply(),
        Job::OpenShareLink { fragment, draft } => Reply::Shared(share::decode(&fragment, &draft)),
        Job::Page(words) => return sign_in_work::run(id, words, post),
    };
    post(respond(id, reply));
}

/// [`handle`] for a job answered at once: its response as JSON text.
pub fn answer(request: &str) -> String {
    let answers = Rc::new(std::cell::RefCell::new(Vec::new()));
    let collect = answers.clone();
    handle(
        request,
        Rc::new(move |text| collect.borrow_mut().push(text)),
    );
    answers.borrow().first().cloned().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_model::snippets::SnippetLanguage;

    fn ask(id: u32, job: Job) -> Response {
        let text = Request { id, job }.to_text();
        Response::from_text(&answer(&text)).unwrap()
    }

    fn ready() -> Draft {
        Draft {
            configuration_id: "c1".into(),
            assignment_id: "c1_0_0".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn snippets_come_back_for_the_language_asked() {
        let response = ask(
            7,
            Job::Snippet {
                draft: ready(),
                language: SnippetLanguage::HttpFile.key().into(),
            },
        );
        assert_eq!(response.id, 7);
        let Reply::Snippet(Ok(code)) = response.reply else {
            panic!("{response:?}");
        };
        assert!(code.contains("@token = <access-token>"), "{code}");
        assert!(code.contains("PATCH http://127.0.0.1:8787/beta/"), "{code}");
        let not_yet = ask(
            8,
            Job::Snippet {
                draft: Draft::default(),
                language: "curl".into(),
            },
        );
        assert!(matches!(not_yet.reply, Reply::Snippet(Err(_))));
    }

    #[test]
    fn har_goes_out_and_comes_back_in() {
        let har = match ask(1, Job::ExportHar { history: vec![] }).reply {
            Reply::Har(text) => text,
            other => panic!("{other:?}"),
        };
        assert!(har.contains("\"version\": \"1.2\""));
        let imported = ask(
            2,
            Job::ImportHar {
                text: har,
                draft: ready(),
            },
        );
        assert_eq!(imported.reply, Reply::Imported(Ok((vec![], 0))));
        let refused = ask(
            3,
            Job::ImportHar {
                text: "not json".into(),
                draft: ready(),
            },
        );
        assert!(matches!(refused.reply, Reply::Imported(Err(_))));
    }

    #[test]
    fn every_job_and_reply_crosses_as_words_and_back() {
        let jobs = [
            Job::Snippet {
                draft: ready(),
                language: "curl".into(),
            },
            Job::ExportHar { history: vec![] },
            Job::ImportHar {
                text: "{}".into(),
                draft: ready(),
            },
            Job::RenderHistory { history: vec![] },
            Job::OpenShareLink {
                fragment: "#draft=x".into(),
                draft: Draft::default(),
            },
            Job::Page(vec!["names".into(), String::new()]),
        ];
        for job in jobs {
            assert_eq!(Job::from_words(job.clone().into_words()), Ok(job));
        }
        let replies = [
            Reply::Snippet(Ok("curl".into())),
            Reply::Snippet(Err("fix".into())),
            Reply::Har("{}".into()),
            Reply::Imported(Ok((vec![], 2))),
            Reply::Imported(Err("no".into())),
            Reply::Shared(Ok(None)),
            Reply::Shared(Ok(Some(ready()))),
            Reply::Shared(Err("bad".into())),
            Reply::Page(vec!["fill".into(), "id".into(), "<b>".into()]),
            Reply::Page(vec![]),
            Reply::Unreadable("why".into()),
        ];
        for reply in replies {
            assert_eq!(Reply::from_words(reply.clone().into_words()), reply);
        }
        assert!(matches!(Reply::from_words(vec![]), Reply::Unreadable(_)));
        assert!(matches!(
            Reply::from_words(vec!["imported".into(), "[]".into(), "many".into()]),
            Reply::Unreadable(_)
        ));
        assert!(Job::from_words(vec![]).is_err());
    }

    #[test]
    fn an_unreadable_request_is_answered_not_dropped() {
        let response = Response::from_text(&answer(r#"[4, ["teleport"]]"#)).unwrap();
        assert_eq!(response.id, 4);
        assert!(matches!(response.reply, Reply::Unreadable(_)));
        let missing = Response::from_text(&answer(r#"[5, ["snippet", "not a draft"]]"#)).unwrap();
        assert_eq!(missing.id, 5);
        assert!(matches!(missing.reply, Reply::Unreadable(_)));
        let garbage = Response::from_text(&answer("{{{")).unwrap();
        assert_eq!(garbage.id, 0);
    }
}
