//! The history as a HAR file: export downloads it, import reads a chosen one; and the history
//! list, written whenever the history changes. The HAR and list work is done by the workbench
//! worker (see [`crate::worker::workbench`]).

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::contract::protocol::{Job, Reply};
use crate::page::components::worker_parts;
use crate::page::services::{files, workbench};
use crate::page::state::{Action, Notice, PlaygroundState};

/// Export and import of the history.
pub struct UseHistoryFilesHandle {
    /// Downloads the history as HAR.
    pub export: Callback<()>,
    /// Reads the HAR file chosen in this input.
    pub import: Callback<HtmlInputElement>,
}

fn notice(text: String, is_error: bool) -> Action {
    Action::Notify(Notice { text, is_error })
}

/// The words for a HAR reply: what happened, and whether it went wrong.
fn imported(reply: Reply) -> (Option<Action>, String, bool) {
    match reply {
        Reply::Imported(entries, skipped) => {
            let count = entries.len();
            (
                Some(Action::HistoryImported(entries)),
                format!(
                    "Imported {count} request(s) from the HAR file; skipped {skipped} that are not PATCHes of this API."
                ),
                false,
            )
        }
        Reply::NotImported(reason) | Reply::Unreadable(reason) => (
            None,
            format!("The HAR file was refused and the history is unchanged: {reason}."),
            true,
        ),
        _ => (None, "The HAR file could not be read.".to_owned(), true),
    }
}

/// Export and import over the page's state; the worker also writes the history list whenever
/// the history changes.
#[hook]
pub fn use_history_files(state: &UseReducerHandle<PlaygroundState>) -> UseHistoryFilesHandle {
    use_effect_with(state.history.clone(), |history| {
        let job = Job::RenderHistory {
            history: history.as_ref().clone(),
        };
        workbench::ask(job, Callback::from(worker_parts::carry_out));
    });
    let dispatcher = state.dispatcher();
    let export = {
        let (dispatcher, history) = (dispatcher.clone(), state.history.clone());
        Callback::from(move |()| {
            let dispatcher = dispatcher.clone();
            let job = Job::ExportHar {
                history: history.as_ref().clone(),
            };
            workbench::ask(
                job,
                Callback::from(move |reply| {
                    let written = match reply {
                        Reply::Har(har) => {
                            files::download("playground-history.har", "application/json", &har)
                        }
                        Reply::Unreadable(reason) => Err(reason),
                        _ => Err("the worker answered something else".to_owned()),
                    };
                    if let Err(reason) = written {
                        dispatcher.dispatch(notice(
                            format!("The history could not be exported: {reason}."),
                            true,
                        ));
                    }
                }),
            );
        })
    };
    // The handle (not a copy of the draft on every render): the draft is read when a file is
    // chosen.
    let state = state.clone();
    let import = Callback::from(move |input: HtmlInputElement| {
        let (draft, dispatcher) = (state.draft.clone(), dispatcher.clone());
        files::read_chosen_then(
            input,
            Box::new(move |read| {
                let done = Callback::from(move |reply| {
                    let (action, text, is_error) = imported(reply);
                    if let Some(action) = action {
                        dispatcher.dispatch(action);
                    }
                    dispatcher.dispatch(notice(text, is_error));
                });
                match read {
                    Ok(text) => workbench::ask(Job::ImportHar { text, draft }, done),
                    Err(reason) => done.emit(Reply::NotImported(reason)),
                }
            }),
        );
    });
    UseHistoryFilesHandle { export, import }
}
