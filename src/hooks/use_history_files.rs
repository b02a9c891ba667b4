//! The history as a HAR file: export downloads it, import reads a chosen one.

use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::history;
use crate::services::files;
use crate::state::{Action, Notice, PlaygroundState};

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

/// Export and import over the page's state.
#[hook]
pub fn use_history_files(state: &UseReducerHandle<PlaygroundState>) -> UseHistoryFilesHandle {
    let dispatcher = state.dispatcher();
    let export = {
        let (dispatcher, history) = (dispatcher.clone(), state.history.clone());
        Callback::from(move |()| {
            let har = history::to_har(&history);
            if let Err(reason) = files::download("playground-history.har", "application/json", &har)
            {
                dispatcher.dispatch(notice(
                    format!("The history could not be exported: {reason}."),
                    true,
                ));
            }
        })
    };
    let draft = state.draft.clone();
    let import = Callback::from(move |input: HtmlInputElement| {
        let (draft, state) = (draft.clone(), dispatcher.clone());
        spawn_local(async move {
            let read = files::read_chosen_file(&input).await;
            input.set_value("");
            match read.and_then(|text| history::from_har(&text, &draft)) {
                Ok((entries, skipped)) => {
                    let count = entries.len();
                    state.dispatch(Action::HistoryImported(entries));
                    state.dispatch(notice(
                            format!("Imported {count} request(s) from the HAR file; skipped {skipped} that are not PATCHes of this API."),
                            false,
                        ));
                }
                Err(reason) => state.dispatch(notice(
                    format!("The HAR file was refused and the history is unchanged: {reason}."),
                    true,
                )),
            }
        });
    });
    UseHistoryFilesHandle { export, import }
}
