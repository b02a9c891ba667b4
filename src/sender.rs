//! Sending the PATCH: optionally reading the assignment first, then one attempt after another
//! while automatic retry says so, recording each in the history, and finally comparing the
//! target before and after. Every step is reported to the page as an [`Action`].

use std::cell::{Cell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use graph_model::{HttpRequest, IosLobAppProvisioningConfigurationAssignment};
use web_sys::AbortController;
use yew::Callback;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::comparison::compare;
use crate::draft::Draft;
use crate::history::HistoryEntry;
use crate::response::Outcome;
use crate::retry::{RetryAfter, backoff, is_retryable_status, next_retry};
use crate::services::graph::{self, SendError};
use crate::state::{Action, Attempt, RetryPlan, SendSettings};

/// How long one attempt may take before it is aborted.
pub const ATTEMPT_TIMEOUT_SECONDS: u32 = 30;

/// A send in progress: the attempt's abort controller and why it stopped.
#[derive(Default)]
pub struct Flight {
    current: RefCell<Option<AbortController>>,
    cancelled: Cell<bool>,
    timed_out: Cell<bool>,
}

impl Flight {
    /// Stops the send: aborts the attempt in flight and any wait for a retry.
    pub fn cancel(&self) {
        self.cancelled.set(true);
        if let Some(controller) = self.current.borrow().as_ref() {
            controller.abort();
        }
    }
}

/// Everything one send needs.
pub struct SendJob {
    /// The PATCH, with the token.
    pub request: HttpRequest,
    /// The GET of the same assignment, for before and after.
    pub read_request: HttpRequest,
    /// The draft as it was when Send was pressed (for the history).
    pub draft: Draft,
    /// Automatic retry and comparison.
    pub settings: SendSettings,
}

fn now_ms() -> f64 {
    js_sys::Date::now()
}

fn parse_http_date(text: &str) -> Option<f64> {
    let millis = js_sys::Date::parse(text);
    (!millis.is_nan()).then_some(millis)
}

/// One PATCH with its own timeout.
async fn attempt(request: &HttpRequest, flight: &Rc<Flight>) -> Outcome {
    let Ok(controller) = AbortController::new() else {
        return Outcome::NetworkFailure {
            detail: "the browser could not create an abort controller".to_owned(),
            url: request.url.clone(),
        };
    };
    *flight.current.borrow_mut() = Some(controller.clone());
    {
        let (controller, flight) = (controller.clone(), flight.clone());
        spawn_local(async move {
            sleep(Duration::from_secs(ATTEMPT_TIMEOUT_SECONDS.into())).await;
            if !controller.signal().aborted() {
                flight.timed_out.set(true);
                controller.abort();
            }
        });
    }
    let result = graph::send(request, Some(&controller.signal())).await;
    // Finished: the timer must find nothing left to abort.
    controller.abort();
    match result {
        Ok(view) => Outcome::Response(view),
        Err(SendError::Aborted) if flight.cancelled.get() => Outcome::Cancelled,
        Err(SendError::Aborted) => Outcome::TimedOut {
            seconds: ATTEMPT_TIMEOUT_SECONDS,
        },
        Err(SendError::Network(detail)) => Outcome::NetworkFailure {
            detail,
            url: request.url.clone(),
        },
    }
}

/// Waits, checking for a cancel four times a second. Returns false when cancelled.
async fn wait(duration: Duration, flight: &Flight) -> bool {
    let until = now_ms() + duration.as_secs_f64() * 1000.0;
    while now_ms() < until {
        if flight.cancelled.get() {
            return false;
        }
        sleep(Duration::from_millis(250)).await;
    }
    !flight.cancelled.get()
}

/// When a retry could go, for an answer with `status` and `Retry-After`.
fn plan(wait: Duration, from_header: bool, retry: u32) -> RetryPlan {
    RetryPlan {
        ready_at_ms: now_ms() + wait.as_secs_f64() * 1000.0,
        seconds: wait.as_secs(),
        from_retry_after: from_header,
        retry,
    }
}

/// Runs the send to the end, reporting through `dispatch`.
pub async fn run(job: SendJob, flight: Rc<Flight>, dispatch: Callback<Action>) {
    let before = if job.settings.compare {
        Some(graph::get_assignment(&job.read_request).await)
    } else {
        None
    };
    let first_started = now_ms();
    let mut retries = 0;
    let outcome = loop {
        let started = js_sys::Date::new_0()
            .to_iso_string()
            .as_string()
            .unwrap_or_default();
        let outcome = attempt(&job.request, &flight).await;
        let id = format!(
            "{}#{}",
            job.request.header("client-request-id").unwrap_or("request"),
            retries + 1
        );
        dispatch.emit(Action::HistoryRecorded(Box::new(HistoryEntry::new(
            id,
            started,
            &job.request,
            &outcome,
            &job.draft,
        ))));
        dispatch.emit(Action::AttemptFinished(Attempt {
            number: retries + 1,
            summary: outcome.headline(),
        }));
        let Outcome::Response(view) = &outcome else {
            break outcome;
        };
        let retry_after = view
            .header("Retry-After")
            .and_then(|value| RetryAfter::parse(value, now_ms(), parse_http_date));
        let elapsed = Duration::from_secs_f64(((now_ms() - first_started) / 1000.0).max(0.0));
        let jitter = js_sys::Math::random();
        let automatic = job
            .settings
            .auto_retry
            .then(|| {
                next_retry(
                    job.request.method,
                    view.status,
                    retries,
                    elapsed,
                    retry_after,
                    jitter,
                )
            })
            .flatten();
        if let Some(delay) = automatic {
            retries += 1;
            dispatch.emit(Action::RetryWaiting(Some(plan(
                delay,
                retry_after.is_some(),
                retries,
            ))));
            let went_on = wait(delay, &flight).await;
            dispatch.emit(Action::RetryWaiting(None));
            if !went_on {
                break Outcome::Cancelled;
            }
            continue;
        }
        if is_retryable_status(view.status) {
            let delay = backoff(retries + 1, retry_after, jitter);
            dispatch.emit(Action::RetryReady(Some(plan(
                delay,
                retry_after.is_some(),
                retries + 1,
            ))));
        }
        break outcome;
    };
    let success_body = match &outcome {
        Outcome::Response(view) if view.is_success() => Some(view.body.clone()),
        _ => None,
    };
    dispatch.emit(Action::SendFinished(outcome));
    if let (Some(before), Some(body)) = (before, success_body) {
        let after =
            match serde_json::from_str::<IosLobAppProvisioningConfigurationAssignment>(&body) {
                Ok(entity) => Ok(entity),
                Err(_) => graph::get_assignment(&job.read_request).await,
            };
        let comparison = match (before, after) {
            (Ok(before), Ok(after)) => Ok(compare(&before.target, &after.target)),
            (Err(error), _) => Err(format!(
                "Reading the assignment before the write failed: {error}"
            )),
            (_, Err(error)) => Err(format!(
                "Reading the assignment after the write failed: {error}"
            )),
        };
        dispatch.emit(Action::ComparisonReady(comparison));
    }
}
