//! The exact request: method, URL, headers (token masked) and the editable JSON body, with Send.

use yew::prelude::*;

use crate::contract::ids::CHANGE_ID;
use crate::contract::view_tree::Part;
use crate::page::components::messages::body_messages;
use crate::page::components::on_input_value;
use crate::page::components::part::WorkerPart;
use crate::page::state::{RequestEdit, SendSettings};
use crate::shared::draft::Plan;
use crate::shared::retry::MAX_RETRIES;
use crate::shared::target_form::FormField;

/// What the panel shows and may do.
pub struct RequestPanelProps<'a> {
    /// The body text as typed.
    pub body: &'a str,
    /// The checked draft.
    pub plan: &'a Plan,
    /// How Send works.
    pub settings: SendSettings,
    /// True while a send is in progress.
    pub sending: bool,
    /// Edits the body or the switches.
    pub on_edit: Callback<RequestEdit>,
    /// Sends.
    pub on_send: Callback<()>,
    /// Cancels the send in progress.
    pub on_cancel: Callback<()>,
}

fn switch(
    id: &'static str,
    label: String,
    on: bool,
    edit: fn(bool) -> RequestEdit,
    on_edit: &Callback<RequestEdit>,
) -> Html {
    let onchange = on_edit.reform(move |_: Event| edit(!on));
    html! {
        <div class="row options">
            <input {id} type="checkbox" checked={on} {onchange} />
            <label for={id} class="inline">{ label }</label>
        </div>
    }
}

/// The request section: the request line and headers, the change in words and Send (beside
/// each other, so that what is sent and the button that sends it are seen together), then the
/// body and the switches.
pub fn request_panel(props: &RequestPanelProps<'_>) -> Html {
    let plan = props.plan;
    let on_body = on_input_value(props.on_edit.reform(RequestEdit::EditBody));
    let send = props.on_send.reform(|_: MouseEvent| ());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    let error_count = plan.error_count();
    let settings = props.settings;
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
            <p id={CHANGE_ID} class="note"><WorkerPart part={Part::ChangeInWords} /></p>
            <div class="row">
                <button type="button" class="primary" onclick={send} disabled={props.sending || error_count > 0}
                    aria-keyshortcuts="Control+Enter">{ "Send" }</button>
                if props.sending {
                    <button type="button" onclick={cancel}>{ "Cancel" }</button>
                }
                <span class="note">
                    if props.sending {
                        { "Sending…" }
                    } else if error_count > 0 {
                        { format!("Send is disabled: {error_count} error(s) to fix.") }
                    } else {
                        { "Ready: Ctrl+Enter sends." }
                    }
                </span>
            </div>
            <label for="body">{ "Request body (JSON)" }</label>
            <textarea id="body" rows="10" spellcheck="false" value={props.body.to_owned()} oninput={on_body}
                aria-describedby="body-messages" />
            { body_messages(&plan.body, "body-messages", |pointer| FormField::for_pointer(pointer).is_none()) }
            { switch("auto-retry", format!("Retry 429/503/504 automatically (up to {MAX_RETRIES} times, honouring Retry-After)"),
                settings.auto_retry, RequestEdit::SetAutoRetry, &props.on_edit) }
            { switch("compare", "Read the assignment first and show before and after".to_owned(),
                settings.compare, RequestEdit::SetCompare, &props.on_edit) }
            { switch("return-representation", "Ask for the updated assignment in the answer (Prefer: return=representation; tenants answer 200 with it or 204 without)".to_owned(),
                settings.return_representation, RequestEdit::SetReturnRepresentation, &props.on_edit) }
        </section>
    }
}
