//! The Code panel's body, written by the worker (the heading and the language list's label are
//! the page's): the language list, "Copy snippet" (disabled while the
//! draft cannot be sent) and the snippet, for the draft the page had when typing paused and the
//! language chosen in the list. The page passes on the list's changes and the button's clicks;
//! a copy asks the worker for the snippet of the page's draft as it is then (see
//! [`crate::page::components::code_panel`]).

use graph_model::RequestOptions;
use graph_model::snippets::SnippetLanguage;

use crate::contract::ids::LANGUAGE_ID;
use crate::contract::protocol::Steps;
use crate::contract::view_tree::{Attr, Control, Node, Part, Tag, el};
use crate::shared::draft::Draft;

/// The part of it that holds the snippet, which the page empties while a newer one is built.
pub const SNIPPET_ID: &str = "snippet-area";

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

/// The panel for `draft` in the language whose key is `language`: its body, and the snippet
/// in it.
pub fn panel(draft: &Draft, language: &str) -> Steps {
    let language = self::language(language);
    let code = snippet(draft, language);
    let options = SnippetLanguage::ALL.iter().map(|choice| {
        el(Tag::Option)
            .attr(Attr::Value, choice.key())
            .flag(Attr::Selected, *choice == language)
            .text(choice.label())
    });
    let shown: Node = match &code {
        Ok(text) => el(Tag::Pre)
            .class("snippet")
            .attr(Attr::AriaLabel, "Snippet")
            .attr(Attr::Tabindex, "0")
            .child(el(Tag::Code).text(text))
            .into(),
        Err(reason) => el(Tag::P).class("note").text(reason).into(),
    };
    let body: [Node; 2] = [
        el(Tag::Div)
            .class("row")
            .child(
                el(Tag::Select)
                    .id(LANGUAGE_ID)
                    .on(Control::SnippetLanguage)
                    .children(options),
            )
            .child(
                el(Tag::Button)
                    .attr(Attr::Type, "button")
                    .on(Control::CopySnippet)
                    .attr(Attr::AriaKeyshortcuts, "Alt+Shift+C")
                    .flag(Attr::Disabled, code.is_err())
                    .text("Copy snippet"),
            )
            .into(),
        el(Tag::Div)
            .id(SNIPPET_ID)
            .child(Node::Part(Part::Snippet))
            .into(),
    ];
    Steps::default()
        .show(Part::CodeBody, body)
        .show(Part::Snippet, [shown])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::protocol::Step;
    use crate::contract::view_tree::{elements, text_of};

    fn draft(configuration_id: &str) -> Draft {
        Draft {
            configuration_id: configuration_id.into(),
            assignment_id: "a<1>".into(),
            ..Draft::default()
        }
    }

    /// The body's elements, and the snippet's.
    fn shown(steps: Steps) -> (Vec<Node>, Vec<Node>) {
        match &steps.0[..] {
            [
                Step::Show(Part::CodeBody, body),
                Step::Show(Part::Snippet, snippet),
            ] => (body.clone(), snippet.clone()),
            other => panic!("{other:?}"),
        }
    }

    fn has(nodes: &[Node], tag: Tag, attr: Attr) -> usize {
        elements(nodes)
            .iter()
            .filter(|(found, attrs)| *found == tag && attrs.iter().any(|(a, _)| *a == attr))
            .count()
    }

    #[test]
    fn the_chosen_language_is_selected_and_the_snippet_kept_as_text() {
        let (body, snippet) = shown(panel(&draft("c1"), SnippetLanguage::HttpFile.key()));
        let chosen: Vec<_> = elements(&body)
            .into_iter()
            .filter(|(_, attrs)| attrs.iter().any(|(attr, _)| *attr == Attr::Selected))
            .collect();
        assert_eq!(chosen.len(), 1);
        assert!(chosen[0].1.contains(&(Attr::Value, "http".to_owned())));
        assert_eq!(has(&snippet, Tag::Pre, Attr::Class), 1);
        let code = text_of(&snippet);
        assert!(code.contains("a%3C1%3E") || code.contains("a<1>"), "{code}");
        assert_eq!(has(&body, Tag::Button, Attr::Disabled), 0);
    }

    #[test]
    fn a_draft_that_cannot_be_sent_disables_the_copy_and_says_why() {
        let (body, snippet) = shown(panel(&draft(""), "curl"));
        assert!(text_of(&body).contains("Copy snippet"));
        assert_eq!(has(&body, Tag::Button, Attr::Disabled), 1);
        assert_eq!(has(&snippet, Tag::Pre, Attr::Class), 0);
        assert_eq!(has(&snippet, Tag::P, Attr::Class), 1);
    }

    #[test]
    fn an_unknown_language_falls_back_to_curl() {
        let (_, snippet) = shown(panel(&draft("c1"), "cobol"));
        let code = text_of(&snippet);
        assert!(code.contains("curl --request PATCH"), "{code}");
        assert_eq!(language(""), SnippetLanguage::Curl);
        assert_eq!(language("http"), SnippetLanguage::HttpFile);
    }
}
