//! The request as code to run elsewhere, one language at a time, with a copy button.

use graph_model::snippets::SnippetLanguage;
use yew::prelude::*;

use crate::components::markup;

use crate::components::on_select_value;
use crate::hooks::use_snippet::Snippet;

/// What the panel says while the snippet for the current draft is being built.
const PREPARING: &str = "Preparing the snippet…";

/// What the panel shows and may do.
pub struct CodePanelProps {
    /// The chosen language.
    pub language: SnippetLanguage,
    /// Chooses another language.
    pub on_language: Callback<SnippetLanguage>,
    /// The snippet in the chosen language, or why there is none yet.
    pub code: Snippet,
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
            { markup(r#"<h2 id="code-heading">Code</h2><label for="snippet-language">Snippet language</label>"#) }
            <div class="row">
                <select id="snippet-language" onchange={on_language} ~value={props.language.key()}>
                    { for SnippetLanguage::ALL.iter().map(|l| html! {
                        <option value={l.key()} selected={*l == props.language}>{ l.label() }</option>
                    }) }
                </select>
                <button type="button" onclick={on_copy} disabled={matches!(props.code, Snippet::Unavailable(_))} aria-keyshortcuts="Alt+Shift+C">
                    { "Copy snippet" }
                </button>
                <span class="note" role="status">{ props.copy_status.clone() }</span>
            </div>
            {
                match &props.code {
                    Snippet::Ready(text) => html! { <pre class="snippet" aria-label="Snippet" tabindex="0"><code>{ text }</code></pre> },
                    Snippet::Preparing => html! { <p class="note">{ PREPARING }</p> },
                    Snippet::Unavailable(reason) => html! { <p class="note">{ reason }</p> },
                }
            }
            { markup(r#"<p class="note">The token is a placeholder: $TOKEN or &lt;access-token&gt;.</p>"#) }
        </section>
    }
}
