//! The draft and the history saved in the browser whenever they change; when the browser will
//! not keep them (storage full or disabled), the page says so.

use yew::prelude::*;

use crate::page::services::{later, storage};
use crate::page::state::{Action, Notice, PlaygroundState};

/// Says on the page when the browser would not keep the draft or the history.
fn report(
    dispatcher: &UseReducerDispatcher<PlaygroundState>,
    what: &str,
    saved: Result<(), String>,
) {
    if let Err(reason) = saved {
        dispatcher.dispatch(Action::Notify(Notice {
            text: format!(
                "Your {what} could not be saved in this browser: {reason}. It is kept while this page stays open."
            ),
            is_error: true,
        }));
    }
}

/// Saves the draft (once typing pauses, see [`later`]) and the history of `state` whenever they
/// change.
#[hook]
pub fn use_saved_work(state: &UseReducerHandle<PlaygroundState>) {
    {
        let dispatcher = state.dispatcher();
        use_effect_with(state.draft.clone(), move |draft| {
            let draft = draft.clone();
            later::after_pause(
                "draft",
                Box::new(move || report(&dispatcher, "draft", storage::save_draft(&draft))),
            );
        });
    }
    let dispatcher = state.dispatcher();
    use_effect_with(state.history.clone(), move |history| {
        report(&dispatcher, "history", storage::save_history(history))
    });
}
