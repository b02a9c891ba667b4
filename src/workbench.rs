//! The work that is not needed to show and send the form: code snippets, HAR export and
//! import, reading share links, and the sign-in's logic (PKCE, redeeming and renewing tokens, explaining failures,
//! token insight; see [`crate::sign_in_work`]). It runs in a web worker with a wasm module of
//! its own (`src/bin/playground-worker.rs`), which the page starts once the form is usable, so
//! none of this code is in the first load. The page and the worker exchange [`Request`] and
//! [`Response`] as JSON text; [`handle`] is the whole of the worker's logic. Most jobs get one
//! reply; the sign-in also sends unasked updates (a renewed token, the insight's countdown)
//! with the id [`UPDATE_ID`].

use std::rc::Rc;

use graph_model::RequestOptions;
use graph_model::snippets::SnippetLanguage;
use serde::{Deserialize, Serialize};

use crate::draft::Draft;
use crate::history::{self, HistoryEntry};
use crate::share;
use crate::{name_work, sign_in_work};

/// The id of a message the worker sends unasked.
pub const UPDATE_ID: u32 = 0;

/// What the page's worker-written parts (sign-in, insight, names, finders, history list) are
/// told to do, each step a name and its values:
/// - `fill ID HTML`: put the HTML (escaped here) in the element with that id;
/// - `signed-in true|false`: which button to offer;
/// - `token TOKEN`: the page's new access token (empty: forget it);
/// - `go URL RECORD`: keep the round trip's record in sessionStorage, then leave for the URL;
/// - `attribute ID NAME VALUE`: set an attribute (a combobox's state);
/// - `choose group|filter|configuration|assignment ID`: put the chosen id into the page;
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

    /// Puts a chosen id (`kind`: group, filter, configuration or assignment) into the page.
    pub fn choose(self, kind: &str, id: &str) -> Steps {
        self.step(&["choose", kind, id])
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Job {
    /// The draft's request as code.
    Snippet {
        /// What the user typed.
        draft: Draft,
        /// The language's key (see [`SnippetLanguage`]).
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
/// Serde's default (externally tagged) form keeps the page's reading code small.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Request {
    /// Chosen by the page, unique among the jobs in flight.
    pub id: u32,
    /// The job.
    pub job: Job,
}

/// A reply with its request's number.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Response {
    /// The request's number.
    pub id: u32,
    /// The reply.
    pub reply: Reply,
}

/// A response as JSON text.
pub fn respond(id: u32, reply: Reply) -> String {
    serde_json::to_string(&Response { id, reply }).unwrap_or_default()
}

/// The worker's whole logic: a [`Request`] as JSON text in; each [`Response`] goes to `post`
/// as JSON text (at once, or later for the sign-in's network work).
pub fn handle(request: &str, post: Post) {
    let request = match serde_json::from_str::<Request>(request) {
        Ok(request) => request,
        Err(error) => {
            let id = serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|value| value.get("id")?.as_u64())
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(UPDATE_ID);
            post(respond(id, Reply::Unreadable(error.to_string())));
            return;
        }
    };
    let id = request.id;
    let reply = match request.job {
        Job::Snippet { draft, language } => {
            let language = language.parse().unwrap_or(SnippetLanguage::Curl);
            let plan = draft.plan("", &RequestOptions::default());
            Reply::Snippet(draft.snippet(&plan, language))
        }
        Job::ExportHar { history } => Reply::Har(history::to_har(&history)),
        Job::ImportHar { text, draft } => Reply::Imported(history::from_har(&text, &draft)),
        Job::RenderHistory { history } => Steps::default()
            .fill(
                history::LIST_ID,
                &history::list_html(&history, name_work::target_words),
            )
            .reply(),
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

    fn ask(id: u32, job: Job) -> Response {
        let text = serde_json::to_string(&Request { id, job }).unwrap();
        serde_json::from_str(&answer(&text)).unwrap()
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
    fn an_unreadable_request_is_answered_not_dropped() {
        let response: Response =
            serde_json::from_str(&answer(r#"{"id": 4, "job": {"Teleport": {}}}"#)).unwrap();
        assert_eq!(response.id, 4);
        assert!(matches!(response.reply, Reply::Unreadable(_)));
        let garbage: Response = serde_json::from_str(&answer("{{{")).unwrap();
        assert_eq!(garbage.id, 0);
    }
}
