//! The picker's loads: the configuration and assignment lists and "Load current" are read and
//! written by the worker ([`crate::list_work`]), which keeps them off the first load; a new
//! read of a kind aborts the one before, so a stale answer never lands.

use yew::prelude::*;

use crate::components::sign_in;
use crate::draft::Draft;
use crate::state::PlaygroundState;

/// The picker's loads.
pub struct UseListsHandle {
    /// Loads every page of the configuration list.
    pub load_configurations: Callback<()>,
    /// Loads every page of the assignments of a configuration.
    pub load_assignments: Callback<String>,
    /// Reads the draft's assignment into the form.
    pub load_current: Callback<()>,
}

/// Asks the worker for a list (`configurations` or `assignments` of `configuration_id`) for
/// `draft` with `token`; at `start` quietly, choosing the first items for a user who has
/// chosen none.
pub fn load_list(kind: &str, token: &str, draft: &Draft, configuration_id: &str, start: bool) {
    let draft = serde_json::to_string(draft).unwrap_or_default();
    let when = if start { "start" } else { "asked" };
    sign_in::ask(&["lists", kind, token, &draft, configuration_id, when]);
}

/// The picker's loads over the page's state and the token.
#[hook]
pub fn use_lists(state: &UseReducerHandle<PlaygroundState>, token: &str) -> UseListsHandle {
    let load_configurations = {
        let (draft, token) = (state.draft.clone(), token.to_owned());
        Callback::from(move |()| load_list("configurations", &token, &draft, "", false))
    };
    let load_assignments = {
        let (draft, token) = (state.draft.clone(), token.to_owned());
        Callback::from(move |id: String| load_list("assignments", &token, &draft, &id, false))
    };
    let load_current = {
        let (draft, token) = (state.draft.clone(), token.to_owned());
        Callback::from(move |()| {
            let draft = serde_json::to_string(&draft).unwrap_or_default();
            sign_in::ask(&["current", &token, &draft]);
        })
    };
    UseListsHandle {
        load_configurations,
        load_assignments,
        load_current,
    }
}
