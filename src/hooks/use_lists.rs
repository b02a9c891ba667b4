//! The reads behind the picker: the configuration list, a configuration's assignments, and
//! "Load current". Each goes through a [`Flight`] (30 s timeout); a new load of the same kind
//! cancels the one before, so a stale answer never lands.

use std::cell::RefCell;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::services::flight::Flight;
use crate::services::graph::{self, new_client_request_id};
use crate::state::{Action, PlaygroundState};

/// The picker's loads.
pub struct UseListsHandle {
    /// Loads every page of the configuration list.
    pub load_configurations: Callback<()>,
    /// Loads every page of the assignments of a configuration.
    pub load_assignments: Callback<String>,
    /// Reads the draft's assignment into the form.
    pub load_current: Callback<()>,
}

/// Starts a read on a fresh flight, cancelling the last one kept in `slot`.
fn fly(slot: &Rc<RefCell<Option<Rc<Flight>>>>) -> Rc<Flight> {
    let flight = Rc::new(Flight::default());
    if let Some(previous) = slot.borrow_mut().replace(flight.clone()) {
        previous.cancel();
    }
    flight
}

/// The picker's loads over the page's state and the token.
#[hook]
pub fn use_lists(state: &UseReducerHandle<PlaygroundState>, token: &str) -> UseListsHandle {
    let configurations_slot = use_mut_ref(|| None);
    let assignments_slot = use_mut_ref(|| None);
    let current_slot = use_mut_ref(|| None);

    let load_configurations = {
        let (state, token) = (state.clone(), token.to_owned());
        Callback::from(move |()| {
            state.dispatch(Action::ConfigurationsLoading);
            let request = state
                .draft
                .read_configurations(&token, new_client_request_id());
            let (state, flight) = (state.clone(), fly(&configurations_slot));
            spawn_local(async move {
                let list = match request {
                    Ok((first, root)) => graph::read_all_pages(&flight, first, &root).await,
                    Err(error) => Err(error),
                };
                if !flight.is_cancelled() {
                    state.dispatch(Action::ConfigurationsLoaded(list));
                }
            });
        })
    };
    let load_assignments = {
        let (state, token) = (state.clone(), token.to_owned());
        Callback::from(move |configuration_id: String| {
            state.dispatch(Action::AssignmentsLoading);
            let request =
                state
                    .draft
                    .read_assignments(&configuration_id, &token, new_client_request_id());
            let (state, flight) = (state.clone(), fly(&assignments_slot));
            spawn_local(async move {
                let list = match request {
                    Ok((first, root)) => graph::read_all_pages(&flight, first, &root).await,
                    Err(error) => Err(error),
                };
                if !flight.is_cancelled() {
                    state.dispatch(Action::AssignmentsLoaded(list));
                }
            });
        })
    };
    let load_current = {
        let (state, token) = (state.clone(), token.to_owned());
        Callback::from(move |()| {
            state.dispatch(Action::CurrentLoading);
            let request = state.draft.read_assignment(&token, new_client_request_id());
            let (state, flight) = (state.clone(), fly(&current_slot));
            spawn_local(async move {
                let assignment = match request {
                    Ok(request) => graph::read(&flight, &request).await,
                    Err(error) => Err(error),
                };
                if !flight.is_cancelled() {
                    state.dispatch(Action::CurrentLoaded(assignment));
                }
            });
        })
    };
    UseListsHandle {
        load_configurations,
        load_assignments,
        load_current,
    }
}
