//! The answer: status and meaning, time, size, headers, body, and the OData error unpacked.

use yew::prelude::*;

use crate::response::Outcome;

/// Props of [`ResponsePanel`].
#[derive(Properties, PartialEq)]
pub struct ResponsePanelProps {
    /// How the last send ended, if there was one.
    pub outcome: Option<Outcome>,
    /// Re-reads the assignment (offered after a success).
    pub on_reread: Callback<()>,
}

/// The response region.
#[function_component(ResponsePanel)]
pub fn response_panel(props: &ResponsePanelProps) -> Html {
    let Some(outcome) = &props.outcome else {
        return html! {
            <section class="panel response" aria-label="Response" aria-live="polite">
                <p class="note">{ "Nothing sent yet." }</p>
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
            <p class="status">{ outcome.headline() }</p>
            if let Some(advice) = outcome.advice() {
                <p>{ advice }</p>
            }
            if let Outcome::NetworkFailure { detail, .. } = outcome {
                <p class="note">{ format!("Browser said: {detail}") }</p>
            }
            if let Outcome::Response(view) = outcome {
                <p>{ view.meaning() }</p>
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
                    <pre class="body">{ &view.body }</pre>
                }
            }
        </section>
    }
}
