//! The answer: status and meaning, time, size, headers, body, and the OData error unpacked.
//!
//! It is built as a typed view ([`response_view`], pure and tested natively) that Yew renders
//! like the worker's parts: less code in the first load than the same elements as view code.
//! The page re-renders it twice a second while a retry is counted down; the clicks on "Retry
//! when ready" and "Re-read assignment" are read where they bubble to; the names beside the
//! compared ids are the worker's ([`Part::COMPARED`]).

use wasm_bindgen::JsCast;
use web_sys::Element;
use yew::prelude::*;

use crate::contract::error_view::request_ids;
use crate::contract::view_tree::{Attr, El, Node, Part, Tag, el};
use crate::page::components::part::render_all;
use crate::page::state::{Attempt, PlaygroundState, RetryPlan};
use crate::shared::comparison::{Comparison, name_slot};
use crate::shared::error::AppError;
use crate::shared::response::{Outcome, ResponseView};
use crate::shared::wording;

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

fn retry_view(state: &PlaygroundState, now: f64) -> Option<Node> {
    let (status, offered) = retry_status(state, now)?;
    if !offered {
        return Some(
            el(Tag::P)
                .class("waiting")
                .attr(Attr::Role, "status")
                .text(status)
                .into(),
        );
    }
    let button = el(Tag::Button)
        .attr(Attr::Type, "button")
        .id(RETRY_ID)
        .flag(Attr::Disabled, state.retry_armed)
        .text("Retry when ready");
    let said = el(Tag::Span)
        .class("note")
        .attr(Attr::Role, "status")
        .text(status);
    Some(el(Tag::Div).class("row").child(button).child(said).into())
}

fn attempts_list(attempts: &[Attempt]) -> Option<Node> {
    if attempts.len() < 2 {
        return None;
    }
    let items = attempts.iter().map(|a| {
        let said = format!("Attempt {}: {}", a.number, wording::headline(&a.outcome));
        el(Tag::Li).text(said)
    });
    Some(
        el(Tag::Ol)
            .class("attempts")
            .attr(Attr::AriaLabel, "Attempts")
            .children(items)
            .into(),
    )
}

fn th(scope: &str, text: &str) -> El {
    el(Tag::Th).attr(Attr::Scope, scope).text(text)
}

fn comparison_table(comparison: &Comparison) -> Node {
    let rows = match comparison {
        Err(failure) => {
            return el(Tag::P)
                .class("warning")
                .text(wording::comparison_failure(failure))
                .children(request_ids(&failure.error))
                .into();
        }
        Ok(rows) => rows,
    };
    let cell = |value: &str, slot: Option<u8>| {
        let name =
            slot.map(|slot| el(Tag::Span).child(Node::Part(Part::COMPARED[usize::from(slot)])));
        el(Tag::Td).text(value).children(name)
    };
    let body = rows.iter().map(|row| {
        let changed = if row.changed() { "changed" } else { "" };
        el(Tag::Tr)
            .class(changed)
            .child(th("row", row.label))
            .child(cell(&row.before, name_slot(row.label, false)))
            .child(cell(&row.after, name_slot(row.label, true)))
            .child(el(Tag::Td).text(changed))
    });
    let header = ["Field", "Before", "After", "Changed"].map(|column| th("col", column));
    el(Tag::Table)
        .class("comparison")
        .child(el(Tag::Caption).text("Target before and after"))
        .child(el(Tag::Thead).child(el(Tag::Tr).children(header)))
        .child(el(Tag::Tbody).children(body))
        .into()
}

fn code(text: &str) -> El {
    el(Tag::Code).text(text)
}

fn answer_view(view: &ResponseView) -> Vec<Node> {
    let mut shown: Vec<Node> = vec![
        el(Tag::P).text(wording::meaning(view)).into(),
        el(Tag::P)
            .class("note")
            .text(format!(
                "{} ms · {} bytes",
                view.elapsed_ms.round() as u64,
                view.size
            ))
            .into(),
    ];
    if view.is_success() {
        let reread = el(Tag::Button)
            .attr(Attr::Type, "button")
            .id(REREAD_ID)
            .text("Re-read assignment");
        shown.push(reread.into());
    }
    if let Some(error) = &view.error {
        let mut details = el(Tag::Dl)
            .class("error-details")
            .child(el(Tag::Dt).text("Code"))
            .child(el(Tag::Dd).child(code(&error.code)))
            .child(el(Tag::Dt).text("Message"))
            .child(el(Tag::Dd).text(&*error.message));
        if let Some(id) = &error.request_id {
            details = details
                .child(el(Tag::Dt).text("request-id"))
                .child(el(Tag::Dd).child(code(id)));
        }
        if let Some(date) = &error.date {
            details = details
                .child(el(Tag::Dt).text("date"))
                .child(el(Tag::Dd).text(&**date));
        }
        shown.push(details.into());
    }
    let headers = view
        .headers
        .iter()
        .flat_map(|(name, value)| [el(Tag::Dt).text(&**name), el(Tag::Dd).child(code(value))]);
    let summary = format!("Headers ({})", view.headers.len());
    shown.push(
        el(Tag::Details)
            .child(el(Tag::Summary).text(summary))
            .child(el(Tag::Dl).class("headers").children(headers))
            .into(),
    );
    if !view.body.is_empty() {
        let body = el(Tag::Pre)
            .class("body")
            .attr(Attr::Tabindex, "0")
            .attr(Attr::AriaLabel, "Response body")
            .text(&*view.body);
        shown.push(body.into());
    }
    shown
}

fn line(class: &str, text: String) -> Node {
    el(Tag::P).class(class).text(text).into()
}

/// What the response region shows for `state` at `now` (ms since 1970, for a retry's
/// countdown).
pub fn response_view(state: &PlaygroundState, now: f64) -> Vec<Node> {
    let Some(outcome) = &state.outcome else {
        if state.waiting.is_none() {
            return vec![line("note", "Nothing sent yet.".into())];
        }
        let mut shown = vec![line("status", "Waiting to retry".into())];
        shown.extend(attempts_list(&state.attempts));
        shown.extend(retry_view(state, now));
        return shown;
    };
    let mut shown = vec![line("status", wording::headline(outcome))];
    if let Some(advice) = wording::advice(outcome) {
        shown.push(el(Tag::P).text(advice).into());
    }
    if let Outcome::NoResponse(AppError::Network { detail, .. }) = outcome {
        shown.push(line("note", format!("Browser said: {detail}")));
    }
    shown.extend(attempts_list(&state.attempts));
    shown.extend(retry_view(state, now));
    shown.extend(state.comparison.as_ref().map(comparison_table));
    if let Outcome::Response(view) = outcome {
        shown.extend(answer_view(view));
    }
    shown
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
            { render_all(&response_view(state, now)) }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::view_tree::{elements, text_of};
    use crate::shared::draft::Draft;

    #[test]
    fn the_answer_is_kept_as_text_and_complete() {
        let mut state = PlaygroundState::new(Draft::default(), Vec::new());
        assert_eq!(text_of(&response_view(&state, 0.0)), "Nothing sent yet.");
        let body = r#"{"error":{"code":"BadRequest","message":"<script>x</script>","innerError":{"request-id":"r-1"}}}"#;
        state.outcome = Some(Outcome::Response(ResponseView::new(
            400,
            vec![("request-id".into(), "r-1".into())],
            body,
            12.4,
        )));
        let shown = response_view(&state, 0.0);
        assert_eq!(shown[0], line("status", "400 Bad Request".into()));
        let dd = |text: &str| Node::from(el(Tag::Dd).text(text));
        let Some(Node::El(Tag::Dl, _, details)) = shown.get(3) else {
            panic!("{shown:?}")
        };
        assert!(details.contains(&dd("<script>x</script>")), "{details:?}");
        let said = text_of(&shown);
        assert!(
            said.contains("Headers (1)") && said.contains("request-idr-1"),
            "{said}"
        );
        let ids: Vec<_> = elements(&shown)
            .into_iter()
            .flat_map(|(_, attrs)| attrs.iter().filter(|(attr, _)| *attr == Attr::Id))
            .collect();
        assert!(ids.is_empty(), "no re-read after a failure: {ids:?}");
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
