//! The request as code to run elsewhere, one language at a time, with a copy button.

use graph_model::snippets::SnippetLanguage;
use yew::prelude::*;

use crate::components::on_select_value;

/// What the panel shows and may do.
pub struct CodePanelProps {
    /// The chosen language.
    pub language: SnippetLanguage,
    /// Chooses another language.
    pub on_language: Callback<SnippetLanguage>,
    /// The snippet in the chosen language, or why there is none yet.
    pub code: Result<String, String>,
    /// What the last copy did.
    pub copy_status: AttrValue,
    /// Copies the snippet.
    pub on_copy: Callback<()>,
}

/// The code fieldset.
pub fn code_panel(props: &CodePanelProps) -> Html {
    let on_language = on_select_value(
        props
            .on_language
            .reform(|key: String| key.parse().unwrap_or(SnippetLanguage::Curl)),
    );
    let on_copy = props.on_copy.reform(|_: MouseEvent| ());
    html! {
        <section class="panel" aria-labelledby="code-heading">
            <h2 id="code-heading">{ "Code" }</h2>
            <label for="snippet-language">{ "Snippet language" }</label>
            <div class="row">
                <select id="snippet-language" onchange={on_language} ~value={props.language.key()}>
                    { for SnippetLanguage::ALL.iter().map(|l| html! {
                        <option value={l.key()} selected={*l == props.language}>{ l.label() }</option>
                    }) }
                </select>
                <button type="button" onclick={on_copy} disabled={props.code.is_err()} aria-keyshortcuts="Alt+Shift+C">
                    { "Copy snippet" }
                </button>
                <span class="note" role="status">{ props.copy_status.clone() }</span>
            </div>
            {
                match &props.code {
                    Ok(text) => html! { <pre class="snippet" aria-label="Snippet" tabindex="0"><code>{ text }</code></pre> },
                    Err(reason) => html! { <p class="note">{ reason }</p> },
                }
            }
            <p class="note">{ "The token is a placeholder: $TOKEN or <access-token>." }</p>
        </section>
    }
}
