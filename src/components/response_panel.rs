//! The answer: status and meaning, time, size, headers, body, and the OData error unpacked.
//!
//! The page re-renders it twice a second while a retry is counted down; the names beside the
//! compared ids are the worker's ([`Part::ComparedName`]).

use yew::prelude::*;

use crate::comparison::{Comparison, name_slot};
use crate::components::part::{WorkerPart, render_all};
use crate::error::AppError;
use crate::error_view::request_ids;
use crate::response::{Outcome, ResponseView};
use crate::state::{Attempt, PlaygroundState, RetryPlan};
use crate::view_tree::Part;
use crate::wording;

/// What the panel may do.
pub struct ResponsePanelProps {
    /// Re-reads the assignment (offered after a success).
    pub on_reread: Callback<()>,
    /// Arms "Retry when ready".
    pub on_arm_retry: Callback<()>,
}

/// The id of the "Re-read assignment" button.
const REREAD_ID: &str = "reread-assignment";
/// The id of the "Retry when ready" button.
const RETRY_ID: &str = "retry-when-ready";

fn source(plan: &RetryPlan) -> &'static str {
    if plan.from_retry_after {
        "from Retry-After"
    } else {
        "the app's backoff: Retry-After was missing or hidden by CORS"
    }
}

/// Whole seconds left before `plan` may go, at `now` (ms since 1970).
pub fn seconds_left(plan: &RetryPlan, now: f64) -> u64 {
    ((plan.ready_at_ms - now) / 1000.0).ceil().max(0.0) as u64
}

/// What the wait before a retry says at `now`, and whether "Retry when ready" is offered
/// beside it (disabled once armed): for an automatic retry, when it goes; otherwise how long
/// until "Retry when ready" may go.
fn retry_status(state: &PlaygroundState, now: f64) -> Option<(String, bool)> {
    if let (None, Some(plan)) = (&state.outcome, &state.waiting) {
        let left = seconds_left(plan, now);
        return Some((
            wording::automatic_retry(plan.retry, left, source(plan)),
            false,
        ));
    }
    let (Some(_), Some(plan)) = (&state.outcome, &state.retry_ready) else {
        return None;
    };
    let status = match (seconds_left(plan, now), state.retry_armed) {
        (0, _) => "Ready to retry now.".to_owned(),
        (left, true) => format!("Retrying in {left} s ({}).", source(plan)),
        (left, false) => format!("Ready in {left} s ({}).", source(plan)),
    };
    Some((status, true))
}

fn retry_view(state: &PlaygroundState, now: f64, on_arm_retry: &Callback<()>) -> Html {
    match retry_status(state, now) {
        None => Html::default(),
        Some((status, false)) => html! { <p class="waiting" role="status">{ status }</p> },
        Some((status, true)) => html! {
            <div class="row">
                <button type="button" id={RETRY_ID} disabled={state.retry_armed}
                    onclick={on_arm_retry.reform(|_: MouseEvent| ())}>{ "Retry when ready" }</button>
                <span class="note" role="status">{ status }</span>
            </div>
        },
    }
}

fn attempts_list(attempts: &[Attempt]) -> Html {
    if attempts.len() < 2 {
        return Html::default();
    }
    html! {
        <ol class="attempts" aria-label="Attempts">
            { for attempts.iter().map(|a| html! {
                <li>{ format!("Attempt {}: {}", a.number, wording::headline(&a.outcome)) }</li>
            }) }
        </ol>
    }
}

fn comparison_table(comparison: &Comparison) -> Html {
    let rows = match comparison {
        Err(failure) => {
            return html! {
                <p class="warning">
                    { wording::comparison_failure(failure) }
                    { render_all(&request_ids(&failure.error)) }
                </p>
            };
        }
        Ok(rows) => rows,
    };
    let cell = |value: &str, slot: Option<u8>| {
        html! {
            <td>
                { value.to_owned() }
                if let Some(slot) = slot {
                    <span><WorkerPart part={Part::ComparedName(slot)} /></span>
                }
            </td>
        }
    };
    html! {
        <table class="comparison">
            <caption>{ "Target before and after" }</caption>
            <thead><tr>
                <th scope="col">{ "Field" }</th><th scope="col">{ "Before" }</th>
                <th scope="col">{ "After" }</th><th scope="col">{ "Changed" }</th>
            </tr></thead>
            <tbody>
                { for rows.iter().map(|row| {
                    let changed = if row.changed() { "changed" } else { "" };
                    html! {
                        <tr class={changed}>
                            <th scope="row">{ row.label }</th>
                            { cell(&row.before, name_slot(row.label, false)) }
                            { cell(&row.after, name_slot(row.label, true)) }
                            <td>{ changed }</td>
                        </tr>
                    }
                }) }
            </tbody>
        </table>
    }
}

fn answer_view(view: &ResponseView, on_reread: &Callback<()>) -> Html {
    let error = view.error.as_ref().map(|error| {
        html! {
            <dl class="error-details">
                <dt>{ "Code" }</dt><dd><code>{ error.code.clone() }</code></dd>
                <dt>{ "Message" }</dt><dd>{ error.message.clone() }</dd>
                if let Some(id) = &error.request_id {
                    <dt>{ "request-id" }</dt><dd><code>{ id.clone() }</code></dd>
                }
                if let Some(date) = &error.date {
                    <dt>{ "date" }</dt><dd>{ date.clone() }</dd>
                }
            </dl>
        }
    });
    html! {
        <>
            <p>{ wording::meaning(view) }</p>
            <p class="note">{ format!("{} ms · {} bytes", view.elapsed_ms.round() as u64, view.size) }</p>
            if view.is_success() {
                <button type="button" id={REREAD_ID} onclick={on_reread.reform(|_: MouseEvent| ())}>
                    { "Re-read assignment" }
                </button>
            }
            { error }
            <details>
                <summary>{ format!("Headers ({})", view.headers.len()) }</summary>
                <dl class="headers">
                    { for view.headers.iter().map(|(name, value)| html! {
                        <><dt>{ name.clone() }</dt><dd><code>{ value.clone() }</code></dd></>
                    }) }
                </dl>
            </details>
            if !view.body.is_empty() {
                <pre class="body" tabindex="0" aria-label="Response body">{ view.body.clone() }</pre>
            }
        </>
    }
}

/// The response region: the last send of `state`, which it only reads, at `now`.
pub fn response_panel(state: &PlaygroundState, now: f64, props: &ResponsePanelProps) -> Html {
    let class = match &state.outcome {
        None => "panel response",
        Some(Outcome::Response(view)) if view.is_success() => "panel response success",
        Some(_) => "panel response failure",
    };
    let retry = retry_view(state, now, &props.on_arm_retry);
    let shown = match &state.outcome {
        None if state.waiting.is_some() => html! {
            <>
                <p class="status">{ "Waiting to retry" }</p>
                { attempts_list(&state.attempts) }
                { retry }
            </>
        },
        None => html! { <p class="note">{ "Nothing sent yet." }</p> },
        Some(outcome) => {
            let network = match outcome {
                Outcome::NoResponse(AppError::Network { detail, .. }) => Some(detail.clone()),
                _ => None,
            };
            html! {
                <>
                    <p class="status">{ wording::headline(outcome) }</p>
                    if let Some(advice) = wording::advice(outcome) {
                        <p>{ advice }</p>
                    }
                    if let Some(detail) = network {
                        <p class="note">{ format!("Browser said: {detail}") }</p>
                    }
                    { attempts_list(&state.attempts) }
                    { retry }
                    { state.comparison.as_ref().map(comparison_table) }
                    if let Outcome::Response(view) = outcome {
                        { answer_view(view, &props.on_reread) }
                    }
                </>
            }
        }
    };
    html! {
        <section class={class} aria-label="Response" aria-live="polite">{ shown }</section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;

    #[test]
    fn retries_are_counted_down() {
        let mut state = PlaygroundState::new(Draft::default(), Vec::new());
        let plan = RetryPlan {
            ready_at_ms: 10_000.0,
            seconds: 10,
            from_retry_after: true,
            retry: 1,
        };
        state.waiting = Some(plan);
        let (waiting, offered) = retry_status(&state, 4_500.0).unwrap();
        assert!(waiting.contains("Retry 1 of 3 in 6 s (from Retry-After)."));
        assert!(!offered, "an automatic retry offers no button");
        state.waiting = None;
        state.outcome = Some(Outcome::Response(ResponseView::new(429, vec![], "", 1.0)));
        assert_eq!(retry_status(&state, 1_000.0), None, "no retry offered");
        state.retry_ready = Some(plan);
        assert_eq!(
            retry_status(&state, 1_000.0),
            Some(("Ready in 9 s (from Retry-After).".into(), true))
        );
        state.retry_armed = true;
        let (armed, _) = retry_status(&state, 1_000.0).unwrap();
        assert!(armed.starts_with("Retrying in 9 s"), "{armed}");
        let (ready, _) = retry_status(&state, 10_000.0).unwrap();
        assert_eq!(ready, "Ready to retry now.");
    }
}
