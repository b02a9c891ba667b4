//! The errors and warnings that belong to one input, shown next to it.

use graph_model::{Diagnostics, Problem};
use yew::prelude::*;

use crate::shared::draft::{Field, Plan};

/// How a message is shown.
#[derive(Clone, Copy)]
enum Severity {
    /// Something is wrong: Send is disabled.
    Error,
    /// Worth a second look.
    Warning,
    /// Not given yet (Send is disabled, but nothing is wrong).
    Needed,
}

fn message_item(message: &str, hint: Option<&str>, severity: Severity) -> Html {
    let (class, label) = match severity {
        Severity::Error => ("error", "Error:"),
        Severity::Warning => ("warning", "Warning:"),
        Severity::Needed => ("needed", "Needed:"),
    };
    html! {
        <li class={class}>
            <strong>{ label }</strong>{ " " }{ message }
            if let Some(hint) = hint {
                <span class="hint">{ " " }{ hint }</span>
            }
        </li>
    }
}

fn problem_items<'a>(problems: impl IntoIterator<Item = &'a Problem>, severity: Severity) -> Html {
    problems
        .into_iter()
        .map(|p| message_item(&p.message, p.hint.as_deref(), severity))
        .collect()
}

/// The messages of an input outside the body, in an element with this `id` for the input's
/// `aria-describedby`.
pub fn field_messages(plan: &Plan, field: Field, id: &'static str) -> Html {
    let at = |blocks_sending: bool| {
        plan.fields
            .iter()
            .filter(move |p| p.field == field && p.blocks_sending == blocks_sending)
            .map(|p| {
                let severity = match (p.missing, p.blocks_sending) {
                    (true, _) => Severity::Needed,
                    (false, true) => Severity::Error,
                    (false, false) => Severity::Warning,
                };
                message_item(&p.message, p.hint.as_deref(), severity)
            })
    };
    html! {
        <ul {id} class="messages">
            { for at(true) }
            { for at(false) }
        </ul>
    }
}

/// The body's messages whose JSON pointer satisfies `belongs`.
pub fn body_messages(
    diagnostics: &Diagnostics,
    id: &'static str,
    belongs: impl Fn(&str) -> bool,
) -> Html {
    html! {
        <ul {id} class="messages">
            { problem_items(diagnostics.errors.iter().filter(|p| belongs(&p.pointer)), Severity::Error) }
            { problem_items(diagnostics.warnings.iter().filter(|p| belongs(&p.pointer)), Severity::Warning) }
        </ul>
    }
}
