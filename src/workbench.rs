//! The work that is not needed to show and send the form: code snippets and HAR export and
//! import. It runs in a web worker with a wasm module of its own (`src/bin/playground-worker.rs`),
//! which the page starts once the form is usable, so none of this code is in the first load.
//! The page and the worker exchange [`Request`] and [`Reply`] as JSON text; [`answer`] is the
//! whole of the worker's logic and is tested natively.

use graph_model::RequestOptions;
use graph_model::snippets::SnippetLanguage;
use serde::{Deserialize, Serialize};

use crate::draft::Draft;
use crate::history::{self, HistoryEntry};

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

/// Does one job.
pub fn run(job: Job) -> Reply {
    match job {
        Job::Snippet { draft, language } => {
            let language = language.parse().unwrap_or(SnippetLanguage::Curl);
            let plan = draft.plan("", &RequestOptions::default());
            Reply::Snippet(draft.snippet(&plan, language))
        }
        Job::ExportHar { history } => Reply::Har(history::to_har(&history)),
        Job::ImportHar { text, draft } => Reply::Imported(history::from_har(&text, &draft)),
    }
}

/// The worker's whole logic: a [`Request`] as JSON text in, a [`Response`] as JSON text out.
pub fn answer(request: &str) -> String {
    let response = match serde_json::from_str::<Request>(request) {
        Ok(request) => Response {
            id: request.id,
            reply: run(request.job),
        },
        Err(error) => Response {
            id: serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|value| value.get("id")?.as_u64())
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(0),
            reply: Reply::Unreadable(error.to_string()),
        },
    };
    serde_json::to_string(&response).unwrap_or_default()
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
