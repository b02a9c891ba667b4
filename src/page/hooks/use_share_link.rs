//! Share links in the address bar: opened once at start, or offered when the page already has an
//! unsent draft of the user's own (the link then stays in the address until they choose).

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use yew::prelude::*;

use crate::contract::protocol::{Job, Reply};
use crate::page::services::{location, workbench};
use crate::page::state::Latest;
use crate::page::state::{Action, Notice, PlaygroundState};
use crate::shared::draft::Draft;
use crate::shared::share::FRAGMENT_PREFIX;

/// What the page says when a shared draft is opened.
fn opened_shared_draft() -> Action {
    Action::Notify(Notice {
        text: "Opened the shared draft. Paste your own token to send it.".to_owned(),
        is_error: false,
    })
}

/// Has the worker read a share link in the address bar, if there is one (the page keeps going
/// meanwhile), then applies it with the state as of then.
fn open_share_link(latest: &Latest) {
    let fragment = location::fragment();
    if !fragment.starts_with(FRAGMENT_PREFIX) {
        return;
    }
    let draft = latest.borrow().0.draft.clone();
    let latest = latest.clone();
    workbench::ask(
        Job::OpenShareLink { fragment, draft },
        Callback::from(move |reply| match reply {
            Reply::Shared(shared) => apply_share_link(&latest.borrow().0, Ok(shared)),
            Reply::Refused(reason) => apply_share_link(&latest.borrow().0, Err(reason)),
            _ => {}
        }),
    );
}

/// Applies a read share link, then clears it from the address so a reload keeps the user's
/// later edits. A link whose draft differs from the user's own is only offered.
fn apply_share_link(
    state: &UseReducerHandle<PlaygroundState>,
    shared: Result<Option<Draft>, String>,
) {
    match shared {
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

/// Opens the address bar's share link at start, and again whenever a link is pasted into this
/// tab (which changes only the fragment, so the page is not loaded again); returns the callback
/// of the offer's choice (`true` opens the link's draft, `false` keeps the user's own).
#[hook]
pub fn use_share_link(
    state: &UseReducerHandle<PlaygroundState>,
    latest: &Latest,
) -> Callback<bool> {
    // The state as of the latest render, for links that arrive later.
    let latest = latest.clone();
    use_effect_with((), move |()| {
        open_share_link(&latest);
        let listener = Closure::<dyn Fn()>::new(move || open_share_link(&latest));
        let window = web_sys::window();
        if let Some(window) = &window {
            let _ = window
                .add_event_listener_with_callback("hashchange", listener.as_ref().unchecked_ref());
        }
        move || {
            if let Some(window) = window {
                let _ = window.remove_event_listener_with_callback(
                    "hashchange",
                    listener.as_ref().unchecked_ref(),
                );
            }
        }
    });
    let dispatcher = state.dispatcher();
    Callback::from(move |open: bool| {
        dispatcher.dispatch(Action::OfferDecided(open));
        if open {
            dispatcher.dispatch(opened_shared_draft());
        }
        location::clear_fragment();
    })
}
