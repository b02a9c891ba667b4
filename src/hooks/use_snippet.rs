//! The request as code, built by the workbench worker (see [`crate::workbench`]) once editing
//! pauses (see [`later`]), so that neither the first load nor a keystroke waits for it. A
//! snippet built for an earlier draft or language is never shown as the current one; copying
//! while the current one is being built asks the worker for it at once.

use std::rc::Rc;

use graph_model::snippets::SnippetLanguage;
use yew::prelude::*;

use crate::draft::Draft;
use crate::services::{later, workbench};
use crate::workbench::{Job, Reply};

/// The snippet of the current draft and language, as far as the page knows it.
#[derive(Clone, PartialEq)]
pub enum Snippet {
    /// Built for the current draft and language.
    Ready(String),
    /// Being built.
    Preparing,
    /// Cannot be built: what to fix first, or why code export is not available.
    Unavailable(String),
}

/// A snippet and what it was built from.
type Built = Rc<(Draft, SnippetLanguage, Result<String, String>)>;

/// Asks the worker for the snippet of `draft` in `language`; `answer` gets the code or the
/// reason there is none.
pub fn build(
    draft: Draft,
    language: SnippetLanguage,
    answer: impl Fn(Result<String, String>) + 'static,
) {
    let job = Job::Snippet {
        draft,
        language: language.key().to_owned(),
    };
    workbench::ask(
        job,
        Callback::from(move |reply| {
            answer(match reply {
                Reply::Snippet(snippet) => snippet,
                Reply::Unreadable(reason) => {
                    Err(format!("Code export is not available: {reason}."))
                }
                _ => Err("Code export answered something else.".to_owned()),
            })
        }),
    );
}

/// The snippet of `draft` in `language`, rebuilt once editing pauses after either changes.
#[hook]
pub fn use_snippet(draft: &Draft, language: SnippetLanguage) -> Snippet {
    let built: UseStateHandle<Option<Built>> = use_state(|| None);
    {
        let built = built.clone();
        use_effect_with((draft.clone(), language), move |(draft, language)| {
            let (draft, language) = (draft.clone(), *language);
            later::after_pause(
                "snippet",
                Box::new(move || {
                    build(draft.clone(), language, move |code| {
                        built.set(Some(Rc::new((draft.clone(), language, code))));
                    });
                }),
            );
        });
    }
    match built.as_deref() {
        Some((for_draft, for_language, code))
            if for_draft == draft && *for_language == language =>
        {
            match code {
                Ok(text) => Snippet::Ready(text.clone()),
                Err(reason) => Snippet::Unavailable(reason.clone()),
            }
        }
        _ => Snippet::Preparing,
    }
}
