//! The exact request: method, URL, headers (token masked) and the editable JSON body, with Send.

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{PlaygroundHandle, dispatch_of};

use crate::components::messages::messages_where;
use crate::components::on_input_value;
use crate::draft::Plan;
use crate::state::Action;
use crate::target_form::FormField;

/// What the panel shows and does, besides the page state.
pub struct RequestPanelProps {
    /// The checked draft.
    pub plan: Rc<Plan>,
    /// Sends.
    pub on_send: Callback<()>,
    /// Cancels the request in flight.
    pub on_cancel: Callback<()>,
}

/// True for problems that belong under the body rather than at a form or connection field.
fn is_body_problem(pointer: &str) -> bool {
    !pointer.starts_with('#') && FormField::for_pointer(pointer).is_none()
}

/// The request fieldset.
pub fn request_panel(state: &PlaygroundHandle, props: &RequestPanelProps) -> Html {
    let dispatch = dispatch_of(state);
    let plan = &props.plan;
    let on_body = on_input_value(dispatch.reform(Action::EditBody));
    let send = props.on_send.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let error_count = plan.diagnostics.errors.len();
    let on_auto_retry = {
        let (dispatch, on) = (dispatch.clone(), !state.settings.auto_retry);
        Callback::from(move |_: Event| dispatch.emit(Action::SetAutoRetry(on)))
    };
    let on_compare = {
        let (dispatch, on) = (dispatch.clone(), !state.settings.compare);
        Callback::from(move |_: Event| dispatch.emit(Action::SetCompare(on)))
    };
    html! {
        <section class="panel" aria-labelledby="request-heading">
            <h2 id="request-heading">{ "Request" }</h2>
            if let Some(preview) = &plan.preview {
                <p class="request-line"><strong>{ preview.method }</strong>{ " " }<code class="url">{ &preview.url }</code></p>
                <dl class="headers">
                    { for preview.headers.iter().map(|(name, value)| html! {
                        <><dt>{ name }</dt><dd><code>{ value }</code></dd></>
                    }) }
                </dl>
            } else {
                <p class="note">{ "The URL appears once the environment is valid." }</p>
            }
            <label for="body">{ "Request body (JSON)" }</label>
            <textarea id="body" rows="14" spellcheck="false" value={state.draft.body.clone()} oninput={on_body}
                aria-describedby="body-messages" />
            { messages_where(&plan.diagnostics, "body-messages", is_body_problem) }
            <div class="row options">
                <input id="auto-retry" type="checkbox" checked={state.settings.auto_retry} onchange={on_auto_retry} />
                <label for="auto-retry" class="inline">{ "Retry 429/503/504 automatically (up to 3 times, honouring Retry-After)" }</label>
            </div>
            <div class="row options">
                <input id="compare" type="checkbox" checked={state.settings.compare} onchange={on_compare} />
                <label for="compare" class="inline">{ "Read the assignment first and show before and after" }</label>
            </div>
            <div class="row">
                <button type="button" class="primary" onclick={send} disabled={state.sending || error_count > 0}
                    aria-keyshortcuts="Control+Enter">{ "Send" }</button>
                if state.sending {
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                }
                <span class="note">
                    if state.sending {
                        { "Sending…" }
                    } else if error_count > 0 {
                        { format!("Send is disabled: {error_count} error(s) to fix.") }
                    } else {
                        { "Ready: Ctrl+Enter sends." }
                    }
                </span>
            </div>
        </section>
    }
}
