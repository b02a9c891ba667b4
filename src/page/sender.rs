//! Carries out a send: each [`Step`] the pure [`SendMachine`] decides is done here with
//! fetch, abort and sleep, and what happened goes back to it as an [`Event`]. What it reports
//! is dispatched to the page.

use std::rc::Rc;

use yew::Callback;

use crate::page::send_machine::{Event, SendMachine, Step};
use crate::page::state::Action;
use crate::shared::clock::{now_iso, now_ms, parse_http_date};
use crate::shared::flight::Flight;
use crate::shared::response::Outcome;
use crate::shared::retry::RetryAfter;

/// Runs the send to the end, reporting through `dispatch`. A cancel of `flight` aborts the
/// request in flight and ends the send before anything else is sent.
pub async fn run(mut machine: SendMachine, flight: Rc<Flight>, dispatch: Callback<Action>) {
    let mut transition = machine.start(now_ms());
    loop {
        for action in transition.reports.drain(..) {
            dispatch.emit(action);
        }
        let event = match transition.step {
            Step::Done => return,
            Step::ReadBefore => Event::BeforeRead(flight.read(&machine.job().read_request).await),
            Step::Attempt { .. } => {
                let started = now_iso();
                let outcome = match flight.fetch(&machine.job().request).await {
                    Ok(view) => Outcome::Response(view),
                    Err(error) => Outcome::NoResponse(error),
                };
                let retry_after = match &outcome {
                    Outcome::Response(view) => view
                        .header("Retry-After")
                        .and_then(|value| RetryAfter::parse(value, now_ms(), parse_http_date)),
                    Outcome::NoResponse(_) => None,
                };
                Event::AttemptEnded {
                    outcome,
                    started,
                    retry_after,
                    jitter: js_sys::Math::random(),
                }
            }
            Step::Wait { delay } => {
                if flight.wait(delay).await {
                    Event::WaitOver
                } else {
                    Event::Cancelled
                }
            }
            Step::ReadAfter => Event::AfterRead(flight.read(&machine.job().read_request).await),
        };
        let event = match event {
            Event::AttemptEnded { .. } => event,
            _ if flight.is_cancelled() => Event::Cancelled,
            other => other,
        };
        transition = machine.on(event, now_ms());
    }
}
