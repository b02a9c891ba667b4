//! The worker's side of the contract in [`crate::contract::protocol`]: [`handle`] reads each
//! [`Request`] and hands its job to the module that does it: code snippets and HAR
//! ([`crate::worker::code_work`], [`crate::shared::history`]), share links ([`crate::shared::share`]), the sign-in and
//! token insight ([`crate::worker::sign_in_work`]), names ([`crate::worker::name_work`]), the finders
//! ([`crate::worker::finder_work`]), the picker's lists ([`crate::worker::list_work`]) and the Bulk view
//! ([`crate::worker::bulk_work`]). It runs in a web worker with a wasm module of its own
//! (`src/bin/playground-worker.rs`), which the page starts once the form is usable, so none of
//! this code is in the first load. Most jobs get one reply; some also send unasked updates
//! (a renewed token, the insight's countdown, names that came) with the id [`UPDATE_ID`].

use std::rc::Rc;

use crate::contract::protocol::{Job, PROTOCOL_VERSION, Reply, Request, Steps, UPDATE_ID, respond};
use crate::shared::history;
use crate::shared::share;
use crate::worker::bulk_work;
use crate::worker::code_work;
use crate::worker::finder_work;
use crate::worker::list_work;
use crate::worker::name_work;
use crate::worker::sign_in_work;
use crate::worker::worker_events;

pub use crate::contract::protocol::Post;

/// Connects the worker's features (see [`crate::worker::worker_events`]); called once, before the
/// first message.
pub fn start() {
    worker_events::connect(
        name_work::refresh,
        bulk_work::names_arrived,
        bulk_work::follow_token,
    );
}

/// The worker's first message: it is ready, and speaks this version of the contract.
pub fn ready() -> String {
    respond(
        UPDATE_ID,
        Reply::Ready {
            protocol: PROTOCOL_VERSION,
        },
    )
}

/// The worker's whole logic: a [`Request`] as JSON text in; each response goes to `post` as
/// JSON text (at once, or later for the work that reads the network).
pub fn handle(request: &str, post: Post) {
    let Request { id, job } = match Request::from_text(request) {
        Ok(request) => request,
        Err(error) => {
            let id = serde_json::from_str::<serde_json::Value>(request)
                .ok()
                .and_then(|value| value.get("id")?.as_u64())
                .and_then(|id| u32::try_from(id).ok())
                .unwrap_or(UPDATE_ID);
            post(respond(id, Reply::Unreadable(error)));
            return;
        }
    };
    let reply = match job {
        Job::Snippet { draft, language } => {
            match code_work::snippet(&draft, code_work::language(&language)) {
                Ok(code) => Reply::Snippet(code),
                Err(reason) => Reply::NoSnippet(reason),
            }
        }
        Job::ExportHar { history } => Reply::Har(history::to_har(&history)),
        Job::ImportHar { text, draft } => match history::from_har(&text, &draft) {
            Ok((entries, skipped)) => Reply::Imported(entries, skipped),
            Err(reason) => Reply::NotImported(reason),
        },
        Job::RenderHistory { history } => name_work::show_history(history, &post).reply(),
        Job::OpenShareLink { fragment, draft } => match share::decode(&fragment, &draft) {
            Ok(shared) => Reply::Shared(shared),
            Err(reason) => Reply::Refused(reason),
        },
        Job::SignInForm {
            client_id,
            tenant,
            page_url,
        } => sign_in_work::form(&client_id, &tenant, &page_url),
        Job::SignIn {
            place,
            client_id,
            tenant,
            page_url,
            look_up,
        } => sign_in_work::start(&place.draft(), &client_id, &tenant, &page_url, look_up),
        Job::SignInReturn { query, record } => {
            return sign_in_work::finish(id, &query, record, post);
        }
        Job::SignOut => sign_in_work::sign_out(),
        Job::Inspect { place, token } => {
            bulk_work::follow_token(&token);
            sign_in_work::inspect(&token, &place.draft(), post.clone())
        }
        Job::Find {
            finder,
            place,
            token,
            text,
            look_up,
        } => finder_work::find(finder, &place.draft(), &token, &text, look_up, post.clone()),
        Job::FinderKey { finder, key } => finder_work::key(finder, &key),
        Job::Names {
            token,
            look_up,
            draft,
            compared,
        } => {
            name_work::show(draft, &token, look_up, compared, &post);
            Steps::default().reply()
        }
        Job::Lists {
            list,
            token,
            draft,
            configuration_id,
            start,
        } => list_work::load(list, &draft, &token, &configuration_id, start, post.clone()),
        Job::LoadCurrent { token, draft } => list_work::load_current(&draft, &token, post.clone()),
        Job::Code { draft, language } => code_work::panel(&draft, &language).reply(),
        Job::BulkOpen { journal } => bulk_work::open_view(&journal, &post),
        Job::BulkControl {
            control,
            row,
            value,
            token,
            draft,
        } => bulk_work::run(control, row, value, &token, draft, post.clone()),
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
    use crate::contract::protocol::Response;
    use crate::shared::draft::Draft;
    use graph_model::snippets::SnippetLanguage;

    fn ask(id: u32, job: Job) -> Response {
        let text = Request { id, job }.to_text();
        Response::from_text(&answer(&text)).unwrap()
    }

    fn chosen() -> Draft {
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
                draft: chosen(),
                language: SnippetLanguage::HttpFile.key().into(),
            },
        );
        assert_eq!(response.id, 7);
        let Reply::Snippet(code) = response.reply else {
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
        assert!(matches!(not_yet.reply, Reply::NoSnippet(_)));
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
                draft: chosen(),
            },
        );
        assert_eq!(imported.reply, Reply::Imported(vec![], 0));
        let refused = ask(
            3,
            Job::ImportHar {
                text: "not json".into(),
                draft: chosen(),
            },
        );
        assert!(matches!(refused.reply, Reply::NotImported(_)));
    }

    #[test]
    fn an_unreadable_request_is_answered_not_dropped() {
        let response = Response::from_text(&answer(r#"{"id":4,"job":"Teleport"}"#)).unwrap();
        assert_eq!(response.id, 4);
        assert!(matches!(response.reply, Reply::Unreadable(_)));
        let missing =
            Response::from_text(&answer(r#"{"id":5,"job":{"Snippet":{"draft":1}}}"#)).unwrap();
        assert_eq!(missing.id, 5);
        assert!(matches!(missing.reply, Reply::Unreadable(_)));
        let garbage = Response::from_text(&answer("{{{")).unwrap();
        assert_eq!(garbage.id, 0);
    }

    #[test]
    fn the_worker_says_ready_with_its_contract_version() {
        let ready = Response::from_text(&ready()).unwrap();
        assert_eq!(ready.id, UPDATE_ID);
        assert_eq!(
            ready.reply,
            Reply::Ready {
                protocol: PROTOCOL_VERSION
            }
        );
    }
}
