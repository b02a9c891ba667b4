//! Send and Cancel: one send at a time, carried out by [`crate::page::sender`] as the pure
//! [`SendMachine`] decides.

use std::cell::RefCell;
use std::rc::Rc;

use graph_model::RequestOptions;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::page::send_machine::{SendJob, SendMachine};
use crate::page::sender;
use crate::page::state::PlaygroundState;
use crate::shared::flight::Flight;
use crate::shared::graph::new_client_request_id;

/// Send and Cancel for the page.
pub struct UseSendHandle {
    /// Starts a send of the draft, unless one is in progress or the draft is invalid.
    pub send: Callback<()>,
    /// Cancels the send in progress: the request in flight is aborted and nothing more is sent.
    pub cancel: Callback<()>,
}

/// Send and Cancel over the page's state and the token.
#[hook]
pub fn use_send(state: &UseReducerHandle<PlaygroundState>, token: &str) -> UseSendHandle {
    let flight: Rc<RefCell<Option<Rc<Flight>>>> = use_mut_ref(|| None);
    let send = {
        let (state, token, flight) = (state.clone(), token.to_owned(), flight.clone());
        Callback::from(move |()| {
            if flight.borrow().is_some() {
                return;
            }
            let options = RequestOptions {
                client_request_id: new_client_request_id(),
                return_representation: state.settings.return_representation,
            };
            let plan = state.draft.plan(&token, &options);
            let (Some(request), Ok(read_request)) = (
                plan.request,
                state.draft.read_assignment(&token, new_client_request_id()),
            ) else {
                return;
            };
            let machine = SendMachine::new(SendJob {
                request,
                read_request,
                draft: state.draft.clone(),
                settings: state.settings,
            });
            let current = Rc::new(Flight::default());
            *flight.borrow_mut() = Some(current.clone());
            let (flight, dispatcher) = (flight.clone(), state.dispatcher());
            spawn_local(async move {
                let dispatch = Callback::from(move |action| dispatcher.dispatch(action));
                sender::run(machine, current, dispatch).await;
                flight.borrow_mut().take();
            });
        })
    };
    let cancel = Callback::from(move |()| {
        if let Some(current) = flight.borrow().as_ref() {
            current.cancel();
        }
    });
    UseSendHandle { send, cancel }
}
