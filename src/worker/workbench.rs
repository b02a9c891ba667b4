//! The worker's side of the contract in [`crate::contract::protocol`]: a [`Workbench`] holds
//! the worker's whole state, one value, and [`Workbench::handle`] reads each [`Request`] and
//! hands its job, with the part of the state it works on, to the feature that does it: code
//! snippets and HAR ([`crate::worker::code_work`], [`crate::shared::history`]), share links
//! ([`crate::shared::share`]), the sign-in and token insight ([`crate::worker::sign_in_work`]),
//! names ([`crate::worker::name_work`]), the finders ([`crate::worker::finder_work`]), the
//! picker's lists ([`crate::worker::list_work`]) and the Bulk view
//! ([`crate::worker::bulk_work`]). The features do not know each other: what one tells the
//! others ([`Event`]) comes back here, where all the state is. It runs in a web worker with a
//! wasm module of its own (`src/bin/playground-worker.rs`), which the page starts once the
//! form is usable, so none of this code is in the first load. Most jobs get one reply; some
//! also send unasked updates (a renewed token, the insight's countdown, names that came) with
//! the id [`UPDATE_ID`].

use std::cell::RefCell;
use std::rc::{Rc, Weak};

use crate::contract::protocol::{Job, PROTOCOL_VERSION, Reply, Request, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::Control;
use crate::shared::history;
use crate::shared::share;
use crate::worker::bulk_work::{self, Bulk};
use crate::worker::changes_work::{self, Changes};
use crate::worker::code_work;
use crate::worker::finder_work::{self, Finders};
use crate::worker::list_work::{self, Lists};
use crate::worker::name_directory::Directory;
use crate::worker::name_work::{self, Around, Names};
use crate::worker::pick_list::{Kind as ListKind, Listing};
use crate::worker::reach_work::{self, Reach};
use crate::worker::set_work::{self, WholeSet};
use crate::worker::sign_in_work::{self, SignIn};
use crate::worker::worker_events::{Event, Events};

pub use crate::contract::protocol::Post;

/// The worker's whole state, owned here, and where its answers go. Each feature's part is
/// shared (`Rc`) only so that the feature's work in flight can come back to it.
pub struct Workbench {
    post: Post,
    /// Itself, for the events its features tell after this call returns.
    this: Weak<Workbench>,
    sign_in: Rc<SignIn>,
    lists: Rc<RefCell<Lists>>,
    names: Rc<RefCell<Names>>,
    /// The names known, which names, lists and Bulk all write targets with.
    directory: Rc<RefCell<Directory>>,
    finders: Rc<Finders>,
    bulk: Rc<RefCell<Bulk>>,
    set: Rc<RefCell<WholeSet>>,
    reach: Rc<RefCell<Reach>>,
    changes: Rc<RefCell<Changes>>,
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

impl Workbench {
    /// A workbench with nothing done yet, whose responses go to `post` as JSON text.
    pub fn new(post: Post) -> Rc<Workbench> {
        Rc::new_cyclic(|this| Workbench {
            post,
            this: this.clone(),
            sign_in: Rc::default(),
            lists: Rc::default(),
            names: Rc::default(),
            directory: Rc::default(),
            finders: Rc::default(),
            bulk: Rc::default(),
            set: Rc::default(),
            reach: Rc::default(),
            changes: Rc::default(),
        })
    }

    /// Where the features tell their events: back to this workbench.
    fn events(&self) -> Events {
        let this = self.this.clone();
        Events::new(move |event| {
            if let Some(workbench) = this.upgrade() {
                workbench.on(event);
            }
        })
    }

    /// Does what an event asks of the features it concerns.
    fn on(&self, event: Event) {
        match event {
            Event::NamesWanted => self.refresh_names(),
            Event::NamesCame => {
                let lists = self.lists.borrow();
                let (_, assignments) = lists.assignments();
                name_work::write(
                    &self.names.borrow(),
                    &self.directory.borrow(),
                    assignments,
                    &self.post,
                );
                drop(lists);
                bulk_work::names_arrived(&self.bulk_work());
                self.write_set();
            }
            Event::TokenChanged(token) => self.bulk.borrow_mut().follow_token(&token),
            Event::SetShown => self.write_set(),
            Event::RunPreviewed(previewed) => {
                let (draft, sets) = *previewed;
                reach_work::follow_run(&self.reach_work(), &draft, sets);
            }
            Event::HistoryWrites(writes) => {
                changes_work::records::look_for(&self.changes_work(), writes, &self.events());
            }
            Event::AuditRecorded(note) => {
                name_work::recorded(&self.names, &self.directory.borrow(), *note, &self.post);
            }
            Event::AssignmentsChanged(changed) => {
                let (draft, token) = *changed;
                let reply = list_work::load(
                    &self.list_work(),
                    ListKind::Assignments,
                    &draft,
                    &token,
                    &draft.configuration_id,
                    false,
                );
                (self.post)(respond(UPDATE_ID, reply));
            }
        }
    }

    /// Reads the names not yet known and writes the named parts, with what the lists and the
    /// Bulk table show.
    fn refresh_names(&self) {
        self.with_around(|around| {
            name_work::refresh(
                &self.names,
                &self.directory,
                around,
                &self.events(),
                &self.post,
            )
        });
        self.write_set();
    }

    /// Writes the assignment set region for the draft and the assignments listed now.
    fn write_set(&self) {
        let lists = self.lists.borrow();
        let names = self.names.borrow();
        let (configuration_id, assignments) = lists.assignments();
        set_work::write(
            &self.set_work(),
            &set_work::Shown {
                draft: names.draft(),
                newest_sent: names.newest_sent(),
                configuration_id,
                assignments,
            },
        );
        reach_work::follow(
            &self.reach_work(),
            &reach_work::Shown {
                draft: names.draft(),
                configuration_id,
                assignments,
            },
        );
        changes_work::follow(
            &self.changes_work(),
            &changes_work::Shown {
                draft: names.draft(),
                configuration_id,
                assignments,
            },
        );
    }

    /// What Changes works with.
    fn changes_work(&self) -> changes_work::Work {
        changes_work::Work {
            changes: self.changes.clone(),
            directory: self.directory.clone(),
            post: self.post.clone(),
        }
    }

    /// What Reach works with.
    fn reach_work(&self) -> reach_work::Work {
        reach_work::Work {
            reach: self.reach.clone(),
            directory: self.directory.clone(),
            post: self.post.clone(),
        }
    }

    /// What the assignment set works with.
    fn set_work(&self) -> set_work::Work {
        set_work::Work {
            set: self.set.clone(),
            directory: self.directory.clone(),
            events: self.events(),
            post: self.post.clone(),
        }
    }

    /// What the lists and the Bulk table show, for the names.
    fn with_around<T>(&self, act: impl FnOnce(&Around) -> T) -> T {
        let lists = self.lists.borrow();
        let bulk = self.bulk.clone();
        let bulk_targets = move |visit: &mut dyn FnMut(&graph_model::AssignmentTarget)| {
            bulk.borrow().each_target(visit)
        };
        act(&Around {
            assignments: lists.assignments().1,
            bulk_targets: &bulk_targets,
        })
    }

    /// What the lists work with.
    fn list_work(&self) -> list_work::Work {
        list_work::Work {
            lists: self.lists.clone(),
            directory: self.directory.clone(),
            events: self.events(),
            post: self.post.clone(),
        }
    }

    /// What the Bulk view works with.
    fn bulk_work(&self) -> bulk_work::Work {
        bulk_work::Work {
            bulk: self.bulk.clone(),
            directory: self.directory.clone(),
            events: self.events(),
            post: self.post.clone(),
        }
    }

    /// The worker's whole logic: a [`Request`] as JSON text in; each response goes to the
    /// workbench's post as JSON text (at once, or later for the work that reads the network).
    pub fn handle(&self, request: &str) {
        let post = &self.post;
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
            Job::RenderHistory { history } => {
                let steps = self.with_around(|around| {
                    name_work::show_history(
                        &self.names,
                        &self.directory,
                        around,
                        history,
                        &self.events(),
                    )
                });
                // The set offers /assign when the newest PATCH found its route not served.
                self.write_set();
                steps.reply()
            }
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
                let events = self.events();
                return sign_in_work::finish(
                    &self.sign_in,
                    &events,
                    id,
                    &query,
                    record,
                    post.clone(),
                );
            }
            Job::SignOut => sign_in_work::sign_out(&self.sign_in, &self.events()),
            Job::Inspect { place, token } => {
                self.bulk.borrow_mut().follow_token(&token);
                sign_in_work::inspect(&self.sign_in, &token, &place.draft(), post.clone())
            }
            Job::Find {
                finder,
                place,
                token,
                text,
                look_up,
            } => finder_work::find(
                &self.finders,
                finder,
                &place.draft(),
                &token,
                &text,
                look_up,
                post.clone(),
            ),
            Job::FinderKey { finder, key } => finder_work::key(&self.finders, finder, &key),
            Job::FinderPick { finder, index } => finder_work::pick(&self.finders, finder, index),
            Job::Names {
                token,
                look_up,
                draft,
                compared,
            } => {
                let moved = list_work::follow(&self.lists, &draft);
                reach_work::asked(&self.reach, &token, look_up);
                changes_work::asked(&self.changes, &token, look_up);
                changes_work::records::look_for_waiting(&self.changes_work(), &self.events());
                name_work::show(&self.names, draft, &token, look_up, compared);
                self.refresh_names();
                moved.reply()
            }
            Job::Lists {
                list,
                token,
                draft,
                configuration_id,
                start,
            } => list_work::load(
                &self.list_work(),
                list,
                &draft,
                &token,
                &configuration_id,
                start,
            ),
            Job::LoadCurrent { token, draft } => {
                list_work::load_current(&self.list_work(), &draft, &token)
            }
            Job::Code { draft, language } => code_work::panel(&draft, &language).reply(),
            Job::BulkOpen { journal } => bulk_work::open_view(&journal, &self.bulk_work()),
            Job::BulkControl {
                control,
                row,
                token,
                draft,
                ..
            } if set_work::CONTROLS.contains(&control) => {
                let listed = match self.lists.borrow().assignments().1 {
                    Listing::Loaded(list) => list.clone(),
                    _ => Vec::new(),
                };
                set_work::control(&self.set_work(), control, row, &token, draft, listed)
            }
            Job::BulkControl {
                control,
                row,
                token,
                ..
            } if changes_work::CONTROLS.contains(&control) => {
                let anyway = control == Control::UndoEntryAnyway;
                changes_work::records::undo(
                    &self.changes_work(),
                    row,
                    anyway,
                    token,
                    &self.events(),
                );
                Steps::default().reply()
            }
            Job::BulkControl { control, row, .. } if reach_work::CONTROLS.contains(&control) => {
                reach_work::control(&self.reach_work(), control, row)
            }
            Job::BulkControl {
                control,
                row,
                value,
                token,
                draft,
            } => bulk_work::run(control, row, value, &token, draft, self.bulk_work()),
        };
        post(respond(id, reply));
    }
}

/// [`Workbench::handle`] on a new workbench, for a job answered at once: its response as JSON
/// text.
pub fn answer(request: &str) -> String {
    let answers = Rc::new(RefCell::new(Vec::new()));
    let collect = answers.clone();
    Workbench::new(Rc::new(move |text| collect.borrow_mut().push(text))).handle(request);
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
