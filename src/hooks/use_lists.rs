//! The reads behind the picker: the configuration list, a configuration's assignments, and
//! "Load current". Each goes through a [`Flight`] (30 s timeout); a new load of the same kind
//! cancels the one before, so a stale answer never lands.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::error::AppError;
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

/// The flight of the last load of one kind.
type Slot = Rc<RefCell<Option<Rc<Flight>>>>;

/// Runs `read` on a fresh flight (cancelling the last one in `slot`) and dispatches what `done`
/// makes of its result, unless a newer load cancelled it.
fn spawn_read<T: 'static, F: Future<Output = Result<T, AppError>> + 'static>(
    dispatcher: UseReducerDispatcher<PlaygroundState>,
    slot: &Slot,
    read: impl FnOnce(Rc<Flight>) -> F,
    done: fn(Result<T, AppError>) -> Action,
) {
    let flight = Rc::new(Flight::default());
    if let Some(previous) = slot.borrow_mut().replace(flight.clone()) {
        previous.cancel();
    }
    let result = read(flight.clone());
    spawn_local(async move {
        let result = result.await;
        if !flight.is_cancelled() {
            dispatcher.dispatch(done(result));
        }
    });
}

/// The picker's loads over the page's state and the token.
#[hook]
pub fn use_lists(state: &UseReducerHandle<PlaygroundState>, token: &str) -> UseListsHandle {
    let configurations: Slot = use_mut_ref(|| None);
    let assignments: Slot = use_mut_ref(|| None);
    let current: Slot = use_mut_ref(|| None);

    let load_configurations = {
        let (state, token) = (state.clone(), token.to_owned());
        Callback::from(move |()| {
            state.dispatch(Action::ConfigurationsLoading);
            let request = state
                .draft
                .read_configurations(&token, new_client_request_id());
            let read = |flight: Rc<Flight>| async move {
                let (first, root) = request?;
                graph::read_all_pages(&flight, first, &root).await
            };
            spawn_read(
                state.dispatcher(),
                &configurations,
                read,
                Action::ConfigurationsLoaded,
            );
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
            let read = |flight: Rc<Flight>| async move {
                let (first, root) = request?;
                graph::read_all_pages(&flight, first, &root).await
            };
            spawn_read(
                state.dispatcher(),
                &assignments,
                read,
                Action::AssignmentsLoaded,
            );
        })
    };
    let load_current = {
        let (state, token) = (state.clone(), token.to_owned());
        Callback::from(move |()| {
            state.dispatch(Action::CurrentLoading);
            let request = state.draft.read_assignment(&token, new_client_request_id());
            let read = |flight: Rc<Flight>| async move { graph::read(&flight, &request?).await };
            spawn_read(state.dispatcher(), &current, read, Action::CurrentLoaded);
        })
    };
    UseListsHandle {
        load_configurations,
        load_assignments,
        load_current,
    }
}
