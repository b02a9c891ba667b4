//! The picker's loads: the configuration and assignment lists and "Load current" are read and
//! written by the worker ([`crate::worker::list_work`]), which keeps them off the first load; a new
//! read of a kind aborts the one before, so a stale answer never lands.

use yew::prelude::*;

use crate::contract::protocol::{Job, ListKind};
use crate::page::components::worker_parts;
use crate::page::state::Latest;
use crate::shared::draft::Draft;

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
pub fn load_list(list: ListKind, token: &str, draft: &Draft, configuration_id: &str, start: bool) {
    worker_parts::ask(Job::Lists {
        list,
        token: token.to_owned(),
        draft: draft.clone(),
        configuration_id: configuration_id.to_owned(),
        start,
    });
}

/// The picker's loads, which read the page's latest draft and token when they run.
pub fn list_loads(latest: &Latest) -> ListLoads {
    let load_configurations = {
        let latest = latest.clone();
        Callback::from(move |()| {
            let (state, token) = &*latest.borrow();
            load_list(ListKind::Configurations, token, &state.draft, "", false);
        })
    };
    let load_assignments = {
        let latest = latest.clone();
        Callback::from(move |id: String| {
            let (state, token) = &*latest.borrow();
            load_list(ListKind::Assignments, token, &state.draft, &id, false);
        })
    };
    let load_current = {
        let latest = latest.clone();
        Callback::from(move |()| {
            let (state, token) = &*latest.borrow();
            worker_parts::ask(Job::LoadCurrent {
                token: token.clone(),
                draft: state.draft.clone(),
            });
        })
    };
    ListLoads {
        load_configurations,
        load_assignments,
        load_current,
    }
}
