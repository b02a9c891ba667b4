//! The answer: status and meaning, time, size, headers, body, and the OData error unpacked.

use yew::prelude::*;

use crate::comparison::Comparison;
use crate::components::error_view::request_ids;
use crate::components::retry_status::RetryStatus;
use crate::error::AppError;
use crate::response::Outcome;
use crate::state::{Attempt, PlaygroundState};
use crate::wording;

/// What the panel may do.
pub struct ResponsePanelProps {
    /// Re-reads the assignment (offered after a success).
    pub on_reread: Callback<()>,
    /// Sends again.
    pub on_retry: Callback<()>,
}

fn attempts_list(attempts: &[Attempt]) -> Html {
    if attempts.len() < 2 {
        return html! {};
    }
    html! {
        <ol class="attempts" aria-label="Attempts">
            { for attempts.iter().map(|a| html! { <li>{ format!("Attempt {}: {}", a.number, wording::headline(&a.outcome)) }</li> }) }
        </ol>
    }
}

fn comparison_table(comparison: &Comparison) -> Html {
    match comparison {
        Err(failure) => html! {
            <p class="warning">{ wording::comparison_failure(failure) }{ request_ids(&failure.error) }</p>
        },
        Ok(rows) => html! {
            <table class="comparison">
                <caption>{ "Target before and after" }</caption>
                <thead><tr><th scope="col">{ "Field" }</th><th scope="col">{ "Before" }</th><th scope="col">{ "After" }</th><th scope="col">{ "Changed" }</th></tr></thead>
                <tbody>
                    { for rows.iter().map(|row| html! {
                        <tr class={if row.changed() { "changed" } else { "" }}>
                            <th scope="row">{ row.label }</th>
                            <td>{ &row.before }</td>
                            <td>{ &row.after }</td>
                            <td>{ if row.changed() { "changed" } else { "" } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        },
    }
}

/// The response region: the last send of `state`, which it only reads.
pub fn response_panel(state: &PlaygroundState, props: &ResponsePanelProps) -> Html {
    let Some(outcome) = &state.outcome else {
        return html! {
            <section class="panel response" aria-label="Response" aria-live="polite">
                if let Some(plan) = state.waiting {
                    <p class="status">{ "Waiting to retry" }</p>
                    { attempts_list(&state.attempts) }
                    <RetryStatus {plan} automatic=true />
                } else {
                    <p class="note">{ "Nothing sent yet." }</p>
                }
            </section>
        };
    };
    let reread = props.on_reread.reform(|_: MouseEvent| ());
    let class = match outcome {
        Outcome::Response(view) if view.is_success() => "panel response success",
        _ => "panel response failure",
    };
    html! {
        <section class={class} aria-label="Response" aria-live="polite">
            <p class="status">{ wording::headline(outcome) }</p>
            if let Some(advice) = wording::advice(outcome) {
                <p>{ advice }</p>
            }
            if let Outcome::NoResponse(AppError::Network { detail, .. }) = outcome {
                <p class="note">{ format!("Browser said: {detail}") }</p>
            }
            { attempts_list(&state.attempts) }
            if let Some(plan) = state.retry_ready {
                <RetryStatus {plan} automatic=false on_retry={props.on_retry.clone()} />
            }
            if let Some(comparison) = &state.comparison {
                { comparison_table(comparison) }
            }
            if let Outcome::Response(view) = outcome {
                <p>{ wording::meaning(view) }</p>
                <p class="note">{ format!("{} ms · {} bytes", view.elapsed_ms.round() as u64, view.size) }</p>
                if view.is_success() {
                    <button type="button" onclick={reread}>{ "Re-read assignment" }</button>
                }
                if let Some(error) = &view.error {
                    <dl class="error-details">
                        <dt>{ "Code" }</dt><dd><code>{ &error.code }</code></dd>
                        <dt>{ "Message" }</dt><dd>{ &error.message }</dd>
                        if let Some(id) = &error.request_id {
                            <dt>{ "request-id" }</dt><dd><code>{ id }</code></dd>
                        }
                        if let Some(date) = &error.date {
                            <dt>{ "date" }</dt><dd>{ date }</dd>
                        }
                    </dl>
                }
                <details>
                    <summary>{ format!("Headers ({})", view.headers.len()) }</summary>
                    <dl class="headers">
                        { for view.headers.iter().map(|(name, value)| html! {
                            <><dt>{ name }</dt><dd><code>{ value }</code></dd></>
                        }) }
                    </dl>
                </details>
                if !view.body.is_empty() {
                    <pre class="body" tabindex="0" aria-label="Response body">{ &view.body }</pre>
                }
            }
        </section>
    }
}
