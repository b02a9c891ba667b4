//! The Code panel's body, written by the worker (the heading and the language list's label are
//! the page's): the language list, "Copy snippet" (disabled while the
//! draft cannot be sent) and the snippet, for the draft the page had when typing paused and the
//! language chosen in the list. The page passes on the list's changes and the button's clicks;
//! a copy asks the worker for the snippet of the page's draft as it is then (see
//! [`crate::components::code_panel`]).

use graph_model::RequestOptions;
use graph_model::snippets::SnippetLanguage;

use crate::draft::Draft;
use crate::html::escape;

/// The container the worker writes into.
pub const BODY_ID: &str = "code-body";
/// The part of it that holds the snippet, which the page empties while a newer one is built.
pub const SNIPPET_ID: &str = "snippet-area";
/// The status of the last copy: the page's, outside the body, so that it outlives the worker's
/// writes of the same snippet.
pub const COPY_STATUS_ID: &str = "snippet-copy-status";
/// The language list.
pub const LANGUAGE_ID: &str = "snippet-language";
/// What the snippet's place says while a newer snippet is being built.
pub const PREPARING: &str = "<p class=\"note\">Preparing the snippet…</p>";

/// The language whose key the page sent: curl for an unknown key, and for none (the page
/// sends the list's value, empty until the worker has written the list).
pub fn language(key: &str) -> SnippetLanguage {
    key.parse().unwrap_or(SnippetLanguage::Curl)
}

/// The request of `draft` as code in `language`, with a token placeholder; or what to fix
/// first. The panel shows it, and "Copy snippet" asks for it.
pub fn snippet(draft: &Draft, language: SnippetLanguage) -> Result<String, String> {
    draft.snippet(&draft.plan("", &RequestOptions::default()), language)
}

/// The panel for `draft` in the language whose key is `language`.
pub fn markup(draft: &Draft, language: &str) -> String {
    let language = self::language(language);
    let code = snippet(draft, language);
    let options: String = SnippetLanguage::ALL
        .iter()
        .map(|choice| {
            let selected = if *choice == language { " selected" } else { "" };
            format!(
                "<option value=\"{}\"{selected}>{}</option>",
                choice.key(),
                escape(choice.label())
            )
        })
        .collect();
    let (disabled, snippet) = match &code {
        Ok(text) => (
            "",
            format!(
                "<pre class=\"snippet\" aria-label=\"Snippet\" tabindex=\"0\"><code>{}</code></pre>",
                escape(text)
            ),
        ),
        Err(reason) => (
            " disabled",
            format!("<p class=\"note\">{}</p>", escape(reason)),
        ),
    };
    format!(
        "<div class=\"row\">\
         <select id=\"{LANGUAGE_ID}\" data-code=\"language\">{options}</select>\
         <button type=\"button\" data-code=\"copy\" aria-keyshortcuts=\"Alt+Shift+C\"{disabled}>Copy snippet</button></div>\
         <div id=\"{SNIPPET_ID}\">{snippet}</div>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn draft(configuration_id: &str) -> Draft {
        Draft {
            configuration_id: configuration_id.into(),
            assignment_id: "a<1>".into(),
            ..Draft::default()
        }
    }

    #[test]
    fn the_chosen_language_is_selected_and_the_snippet_escaped() {
        let html = markup(&draft("c1"), SnippetLanguage::HttpFile.key());
        assert!(html.contains("value=\"http\" selected"), "{html}");
        assert_eq!(html.matches(" selected").count(), 1);
        assert!(html.contains("<pre class=\"snippet\""));
        assert!(
            html.contains("a%3C1%3E") || html.contains("a&lt;1&gt;"),
            "{html}"
        );
        assert!(!html.contains("a<1>"));
        assert!(!html.contains(" disabled"));
    }

    #[test]
    fn a_draft_that_cannot_be_sent_disables_the_copy_and_says_why() {
        let html = markup(&draft(""), "curl");
        assert!(html.contains("Copy snippet"));
        assert!(html.contains(" disabled>Copy snippet"));
        assert!(!html.contains("<pre"));
        assert!(html.contains("<p class=\"note\">"));
    }

    #[test]
    fn an_unknown_language_falls_back_to_curl() {
        let html = markup(&draft("c1"), "cobol");
        assert!(html.contains("curl --request PATCH"), "{html}");
        assert_eq!(language(""), SnippetLanguage::Curl);
        assert_eq!(language("http"), SnippetLanguage::HttpFile);
    }
}
