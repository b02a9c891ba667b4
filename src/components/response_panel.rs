//! The answer: status and meaning, time, size, headers, body, and the OData error unpacked.
//!
//! Its markup is built as one escaped HTML string ([`response_html`], pure and tested
//! natively) rather than as view code, which keeps the first load small. The page re-renders
//! it twice a second while a retry is counted down; the clicks on "Retry when ready" and
//! "Re-read assignment" are read where they bubble to.

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::comparison::{Comparison, name_slot};
use crate::error::AppError;
use crate::error_view::request_ids;
use crate::html::escape;
use crate::response::Outcome;
use crate::state::{Attempt, PlaygroundState, RetryPlan};
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

/// The wait before a retry, counted down at `now`: for an automatic retry, when it goes;
/// otherwise "Retry when ready", which retries as soon as the wait is over.
fn retry_html(state: &PlaygroundState, now: f64) -> String {
    if let (None, Some(plan)) = (&state.outcome, &state.waiting) {
        return format!(
            "<p class=\"waiting\" role=\"status\">{}</p>",
            escape(&wording::automatic_retry(
                plan.retry,
                seconds_left(plan, now),
                source(plan)
            ))
        );
    }
    let (Some(_), Some(plan)) = (&state.outcome, &state.retry_ready) else {
        return String::new();
    };
    let status = match (seconds_left(plan, now), state.retry_armed) {
        (0, _) => "Ready to retry now.".to_owned(),
        (left, true) => format!("Retrying in {left} s ({}).", source(plan)),
        (left, false) => format!("Ready in {left} s ({}).", source(plan)),
    };
    let disabled = if state.retry_armed { " disabled" } else { "" };
    format!(
        "<div class=\"row\"><button type=\"button\" id=\"{RETRY_ID}\"{disabled}>Retry when ready</button><span class=\"note\" role=\"status\">{}</span></div>",
        escape(&status)
    )
}

fn attempts_list(attempts: &[Attempt]) -> String {
    if attempts.len() < 2 {
        return String::new();
    }
    let items: String = attempts
        .iter()
        .map(|a| {
            format!(
                "<li>Attempt {}: {}</li>",
                a.number,
                escape(&wording::headline(&a.outcome))
            )
        })
        .collect();
    format!("<ol class=\"attempts\" aria-label=\"Attempts\">{items}</ol>")
}

fn comparison_table(comparison: &Comparison) -> String {
    let rows = match comparison {
        Err(failure) => {
            return format!(
                "<p class=\"warning\">{}{}</p>",
                escape(&wording::comparison_failure(failure)),
                request_ids(&failure.error)
            );
        }
        Ok(rows) => rows,
    };
    let body: String = rows
        .iter()
        .map(|row| {
            let changed = if row.changed() { "changed" } else { "" };
            let cell = |value: &str, after: bool| match name_slot(row.label, after) {
                Some(slot) => format!("{}<span id=\"{slot}\"></span>", escape(value)),
                None => escape(value),
            };
            format!(
                "<tr class=\"{changed}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{changed}</td></tr>",
                row.label,
                cell(&row.before, false),
                cell(&row.after, true)
            )
        })
        .collect();
    format!(
        "<table class=\"comparison\"><caption>Target before and after</caption><thead><tr><th scope=\"col\">Field</th><th scope=\"col\">Before</th><th scope=\"col\">After</th><th scope=\"col\">Changed</th></tr></thead><tbody>{body}</tbody></table>"
    )
}

/// The response region's markup for `state` at `now` (ms since 1970, for a retry's
/// countdown).
pub fn response_html(state: &PlaygroundState, now: f64) -> String {
    let Some(outcome) = &state.outcome else {
        return match state.waiting {
            Some(_) => format!(
                "<p class=\"status\">Waiting to retry</p>{}{}",
                attempts_list(&state.attempts),
                retry_html(state, now)
            ),
            None => "<p class=\"note\">Nothing sent yet.</p>".to_owned(),
        };
    };
    let mut before = format!(
        "<p class=\"status\">{}</p>",
        escape(&wording::headline(outcome))
    );
    if let Some(advice) = wording::advice(outcome) {
        before.push_str(&format!("<p>{}</p>", escape(&advice)));
    }
    if let Outcome::NoResponse(AppError::Network { detail, .. }) = outcome {
        before.push_str(&format!(
            "<p class=\"note\">Browser said: {}</p>",
            escape(detail)
        ));
    }
    before.push_str(&attempts_list(&state.attempts));
    before.push_str(&retry_html(state, now));
    let mut after = state
        .comparison
        .as_ref()
        .map(comparison_table)
        .unwrap_or_default();
    if let Outcome::Response(view) = outcome {
        after.push_str(&format!(
            "<p>{}</p><p class=\"note\">{} ms · {} bytes</p>",
            escape(&wording::meaning(view)),
            view.elapsed_ms.round() as u64,
            view.size
        ));
        if view.is_success() {
            after.push_str(&format!(
                "<button type=\"button\" id=\"{REREAD_ID}\">Re-read assignment</button>"
            ));
        }
        if let Some(error) = &view.error {
            after.push_str(&format!(
                "<dl class=\"error-details\"><dt>Code</dt><dd><code>{}</code></dd><dt>Message</dt><dd>{}</dd>",
                escape(&error.code),
                escape(&error.message)
            ));
            if let Some(id) = &error.request_id {
                after.push_str(&format!(
                    "<dt>request-id</dt><dd><code>{}</code></dd>",
                    escape(id)
                ));
            }
            if let Some(date) = &error.date {
                after.push_str(&format!("<dt>date</dt><dd>{}</dd>", escape(date)));
            }
            after.push_str("</dl>");
        }
        let headers: String = view
            .headers
            .iter()
            .map(|(name, value)| {
                format!(
                    "<dt>{}</dt><dd><code>{}</code></dd>",
                    escape(name),
                    escape(value)
                )
            })
            .collect();
        after.push_str(&format!(
            "<details><summary>Headers ({})</summary><dl class=\"headers\">{headers}</dl></details>",
            view.headers.len()
        ));
        if !view.body.is_empty() {
            after.push_str(&format!(
                "<pre class=\"body\" tabindex=\"0\" aria-label=\"Response body\">{}</pre>",
                escape(&view.body)
            ));
        }
    }
    before + &after
}

/// The response region: the last send of `state`, which it only reads, at `now`.
pub fn response_panel(state: &PlaygroundState, now: f64, props: &ResponsePanelProps) -> Html {
    let class = match &state.outcome {
        None => "panel response",
        Some(Outcome::Response(view)) if view.is_success() => "panel response success",
        Some(_) => "panel response failure",
    };
    let on_click = {
        let (on_reread, on_arm_retry) = (props.on_reread.clone(), props.on_arm_retry.clone());
        Callback::from(move |event: MouseEvent| {
            let id = event
                .target()
                .and_then(|target| target.dyn_into::<Element>().ok())
                .map(|element| element.id());
            match id.as_deref() {
                Some(REREAD_ID) => on_reread.emit(()),
                Some(RETRY_ID) => on_arm_retry.emit(()),
                _ => {}
            }
        })
    };
    html! {
        <section class={class} aria-label="Response" aria-live="polite" onclick={on_click}>
            { Html::from_html_unchecked(response_html(state, now).into()) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::draft::Draft;
    use crate::response::ResponseView;

    #[test]
    fn the_answer_is_escaped_and_complete() {
        let mut state = PlaygroundState::new(Draft::default(), Vec::new());
        assert_eq!(
            response_html(&state, 0.0),
            "<p class=\"note\">Nothing sent yet.</p>"
        );
        let body = r#"{"error":{"code":"BadRequest","message":"<script>x</script>","innerError":{"request-id":"r-1"}}}"#;
        state.outcome = Some(Outcome::Response(ResponseView::new(
            400,
            vec![("request-id".into(), "r-1".into())],
            body,
            12.4,
        )));
        let after = response_html(&state, 0.0);
        assert!(
            after.starts_with("<p class=\"status\">400 Bad Request</p>"),
            "{after}"
        );
        assert!(
            after.contains("<dd>&lt;script&gt;x&lt;/script&gt;</dd>"),
            "{after}"
        );
        assert!(after.contains("<dt>request-id</dt><dd><code>r-1</code></dd>"));
        assert!(after.contains("<summary>Headers (1)</summary>"));
        assert!(!after.contains("<script>"));
        assert!(!after.contains(REREAD_ID), "no re-read after a failure");
    }

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
        assert!(response_html(&state, 4_500.0).contains("Retry 1 of 3 in 6 s (from Retry-After)."));
        state.waiting = None;
        state.outcome = Some(Outcome::Response(ResponseView::new(429, vec![], "", 1.0)));
        state.retry_ready = Some(plan);
        assert!(response_html(&state, 1_000.0).contains("Ready in 9 s (from Retry-After)."));
        state.retry_armed = true;
        let armed = response_html(&state, 1_000.0);
        assert!(armed.contains("Retrying in 9 s") && armed.contains(" disabled>Retry when ready"));
        assert!(response_html(&state, 10_000.0).contains("Ready to retry now."));
    }
}
