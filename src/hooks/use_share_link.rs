//! Share links in the address bar: opened once at start, or offered when the page already has an
//! unsent draft of the user's own (the link then stays in the address until they choose).

use yew::prelude::*;

use crate::draft::Draft;
use crate::services::location;
use crate::share;
use crate::state::{Action, Notice, PlaygroundState};

/// What the page says when a shared draft is opened.
fn opened_shared_draft() -> Action {
    Action::Notify(Notice {
        text: "Opened the shared draft. Paste your own token to send it.".to_owned(),
        is_error: false,
    })
}

/// Applies a share link in the address bar, if there is one, then clears it from the address so
/// a reload keeps the user's later edits. A link whose draft differs from the user's own is only
/// offered.
fn open_share_link(state: &UseReducerHandle<PlaygroundState>) {
    match share::decode(&location::fragment(), &state.draft) {
        Ok(None) => {}
        Ok(Some(draft)) if state.draft != Draft::default() && state.draft != draft => {
            state.dispatch(Action::DraftOffered(Box::new(draft)));
        }
        Ok(Some(draft)) => {
            state.dispatch(Action::RestoreDraft(Box::new(draft)));
            state.dispatch(opened_shared_draft());
            location::clear_fragment();
        }
        Err(reason) => {
            state.dispatch(Action::Notify(Notice {
                text: format!("The share link was refused and nothing was changed: {reason}."),
                is_error: true,
            }));
            location::clear_fragment();
        }
    }
}

/// Opens the address bar's share link at start; returns the callback of the offer's choice
/// (`true` opens the link's draft, `false` keeps the user's own).
#[hook]
pub fn use_share_link(state: &UseReducerHandle<PlaygroundState>) -> Callback<bool> {
    {
        let state = state.clone();
        use_effect_with((), move |()| open_share_link(&state));
    }
    let dispatcher = state.dispatcher();
    Callback::from(move |open: bool| {
        dispatcher.dispatch(Action::OfferDecided(open));
        if open {
            dispatcher.dispatch(opened_shared_draft());
        }
        location::clear_fragment();
    })
}
