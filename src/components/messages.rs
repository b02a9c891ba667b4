//! The errors and warnings that belong to one field, shown next to it.

use graph_model::{Diagnostics, Problem};
use yew::prelude::*;

fn message_item(problem: &Problem, class: &'static str, label: &'static str) -> Html {
    html! {
        <li class={class}>
            <strong>{ label }</strong>{ " " }{ &problem.message }
            if let Some(hint) = &problem.hint {
                <span class="hint">{ " " }{ hint }</span>
            }
        </li>
    }
}

/// Errors and warnings of one field (message, then hint), in an element with this `id` for the
/// field's `aria-describedby`.
pub fn field_messages<'a>(
    id: &'static str,
    errors: impl IntoIterator<Item = &'a Problem>,
    warnings: impl IntoIterator<Item = &'a Problem>,
) -> Html {
    html! {
        <ul {id} class="messages">
            { for errors.into_iter().map(|p| message_item(p, "error", "Error:")) }
            { for warnings.into_iter().map(|p| message_item(p, "warning", "Warning:")) }
        </ul>
    }
}

/// The messages whose pointer satisfies `belongs`.
pub fn messages_where(
    diagnostics: &Diagnostics,
    id: &'static str,
    belongs: impl Fn(&str) -> bool,
) -> Html {
    field_messages(
        id,
        diagnostics.errors.iter().filter(|p| belongs(&p.pointer)),
        diagnostics.warnings.iter().filter(|p| belongs(&p.pointer)),
    )
}

/// The messages of exactly one pointer.
pub fn messages_at(diagnostics: &Diagnostics, pointer: &str, id: &'static str) -> Html {
    messages_where(diagnostics, id, |p| p == pointer)
}
