//! The picker's loads. The configuration and assignment lists are read and written by the
//! worker ([`crate::list_work`]), which keeps them off the first load; "Load current" reads
//! here, through a [`Flight`] (30 s timeout), and a new read cancels the one before, so a stale
//! answer never lands.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;

use yew::platform::spawn_local;
use yew::prelude::*;

use crate::components::sign_in;
use crate::draft::Draft;
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

/// Asks the worker for a list (`configurations` or `assignments` of `configuration_id`) for
/// `draft` with `token`; at `start` quietly, choosing the first items for a user who has
/// chosen none.
pub fn load_list(kind: &str, token: &str, draft: &Draft, configuration_id: &str, start: bool) {
    let draft = serde_json::to_string(draft).unwrap_or_default();
    let when = if start { "start" } else { "asked" };
    sign_in::ask(&["lists", kind, token, &draft, configuration_id, when]);
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
    let current: Slot = use_mut_ref(|| None);
    let load_configurations = {
        let (draft, token) = (state.draft.clone(), token.to_owned());
        Callback::from(move |()| load_list("configurations", &token, &draft, "", false))
    };
    let load_assignments = {
        let (draft, token) = (state.draft.clone(), token.to_owned());
        Callback::from(move |id: String| load_list("assignments", &token, &draft, &id, false))
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
