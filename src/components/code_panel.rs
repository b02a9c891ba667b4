//! The request as code to run elsewhere, one language at a time, with a copy button.

use graph_model::snippets::SnippetLanguage;
use yew::prelude::*;

use crate::components::on_select_value;
use crate::services::clipboard::copy;

/// Props of [`CodePanel`].
#[derive(Properties, PartialEq)]
pub struct CodePanelProps {
    /// The snippet for each language, or why there is none yet.
    pub snippet_for: Callback<SnippetLanguage, Result<String, String>>,
}

/// The code fieldset.
#[function_component(CodePanel)]
pub fn code_panel(props: &CodePanelProps) -> Html {
    let language = use_state(|| SnippetLanguage::Curl);
    let status = use_state(|| "");
    let code = props.snippet_for.emit(*language);
    let on_language = {
        let (language, status) = (language.clone(), status.clone());
        on_select_value(Callback::from(move |key: String| {
            language.set(SnippetLanguage::from_key(&key).unwrap_or(SnippetLanguage::Curl));
            status.set("");
        }))
    };
    let on_copy = {
        let (code, status) = (code.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            if let Ok(text) = &code {
                let status = status.clone();
                copy(
                    text.clone(),
                    Callback::from(move |message| status.set(message)),
                );
            }
        })
    };
    html! {
        <section class="panel" aria-labelledby="code-heading">
            <h2 id="code-heading">{ "Code" }</h2>
            <label for="snippet-language">{ "Snippet language" }</label>
            <div class="row">
                <select id="snippet-language" onchange={on_language}>
                    { for SnippetLanguage::ALL.iter().map(|l| html! {
                        <option value={l.key()} selected={*l == *language}>{ l.label() }</option>
                    }) }
                </select>
                <button type="button" onclick={on_copy} disabled={code.is_err()} aria-keyshortcuts="Control+Shift+C">
                    { "Copy snippet" }
                </button>
                <span class="note" role="status">{ *status }</span>
            </div>
            {
                match &code {
                    Ok(text) => html! { <pre class="snippet" aria-label="Snippet"><code>{ text }</code></pre> },
                    Err(reason) => html! { <p class="note">{ reason }</p> },
                }
            }
            <p class="note">{ "The token is a placeholder: $TOKEN or <access-token>." }</p>
        </section>
    }
}
