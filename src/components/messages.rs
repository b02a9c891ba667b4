//! The errors and warnings that belong to one field, shown next to it.

use graph_model::{Diagnostics, Problem};
use yew::prelude::*;

/// Props of [`FieldMessages`].
#[derive(Properties, PartialEq)]
pub struct FieldMessagesProps {
    /// The element id, for the field's `aria-describedby`.
    pub id: AttrValue,
    /// Errors of this field.
    pub errors: Vec<Problem>,
    /// Warnings of this field.
    pub warnings: Vec<Problem>,
}

/// Errors and warnings of one field: message, then hint.
#[function_component(FieldMessages)]
pub fn field_messages(props: &FieldMessagesProps) -> Html {
    if props.errors.is_empty() && props.warnings.is_empty() {
        return html! { <div id={props.id.clone()} class="messages" /> };
    }
    let item = |problem: &Problem, class: &'static str, label: &'static str| {
        html! {
            <li class={class}>
                <strong>{ label }</strong>{ " " }{ &problem.message }
                if let Some(hint) = &problem.hint {
                    <span class="hint">{ " " }{ hint }</span>
                }
            </li>
        }
    };
    html! {
        <ul id={props.id.clone()} class="messages">
            { for props.errors.iter().map(|p| item(p, "error", "Error:")) }
            { for props.warnings.iter().map(|p| item(p, "warning", "Warning:")) }
        </ul>
    }
}

/// The errors and warnings whose pointer satisfies `belongs`.
pub fn problems_where(
    diagnostics: &Diagnostics,
    belongs: impl Fn(&str) -> bool,
) -> (Vec<Problem>, Vec<Problem>) {
    let pick = |list: &[Problem]| {
        list.iter()
            .filter(|p| belongs(&p.pointer))
            .cloned()
            .collect()
    };
    (pick(&diagnostics.errors), pick(&diagnostics.warnings))
}

/// Renders the messages of exactly one pointer.
pub fn messages_at(diagnostics: &Diagnostics, pointer: &str, id: &'static str) -> Html {
    let (errors, warnings) = problems_where(diagnostics, |p| p == pointer);
    html! { <FieldMessages id={id} {errors} {warnings} /> }
}
