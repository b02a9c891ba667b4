//! The picker's loads: the configuration and assignment lists and "Load current" are read and
//! written by the worker ([`crate::list_work`]), which keeps them off the first load; a new
//! read of a kind aborts the one before, so a stale answer never lands.

use yew::prelude::*;

use crate::app::Latest;
use crate::components::worker_parts;
use crate::draft::Draft;

/// The picker's loads.
pub struct ListLoads {
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
    worker_parts::ask(&["lists", kind, token, &draft, configuration_id, when]);
}

/// The picker's loads, which read the page's latest draft and token when they run.
pub fn list_loads(latest: &Latest) -> ListLoads {
    let load_configurations = {
        let latest = latest.clone();
        Callback::from(move |()| {
            let (state, token) = &*latest.borrow();
            load_list("configurations", token, &state.draft, "", false);
        })
    };
    let load_assignments = {
        let latest = latest.clone();
        Callback::from(move |id: String| {
            let (state, token) = &*latest.borrow();
            load_list("assignments", token, &state.draft, &id, false);
        })
    };
    let load_current = {
        let latest = latest.clone();
        Callback::from(move |()| {
            let (state, token) = &*latest.borrow();
            let draft = serde_json::to_string(&state.draft).unwrap_or_default();
            worker_parts::ask(&["current", token, &draft]);
        })
    };
    ListLoads {
        load_configurations,
        load_assignments,
        load_current,
    }
}
