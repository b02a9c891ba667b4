//! The request as code, built by the workbench worker (see [`crate::workbench`]) after the page
//! has shown the change that asked for it, so that neither the first load nor a keystroke waits
//! for it. A snippet built for an earlier draft or language is never shown as the current one.

use std::rc::Rc;

use graph_model::snippets::SnippetLanguage;
use yew::prelude::*;

use crate::draft::Draft;
use crate::services::workbench;
use crate::workbench::{Job, Reply};

/// What the Code panel says while the snippet for the current draft is being built.
const PREPARING: &str = "Preparing the snippet…";

/// A snippet and what it was built from.
type Built = Rc<(Draft, SnippetLanguage, Result<String, String>)>;

/// The snippet of `draft` in `language` (or what to fix first), rebuilt whenever either
/// changes; "Preparing the snippet…" until the one for them is there.
#[hook]
pub fn use_snippet(draft: &Draft, language: SnippetLanguage) -> Result<String, String> {
    let built: UseStateHandle<Option<Built>> = use_state(|| None);
    {
        let built = built.clone();
        use_effect_with((draft.clone(), language), move |(draft, language)| {
            let (draft, language) = (draft.clone(), *language);
            let job = Job::Snippet {
                draft: draft.clone(),
                language: language.key().to_owned(),
            };
            let answer = Callback::from(move |reply| {
                let code = match reply {
                    Reply::Snippet(snippet) => snippet,
                    Reply::Unreadable(reason) => {
                        Err(format!("Code export is not available: {reason}."))
                    }
                    _ => Err("Code export answered something else.".to_owned()),
                };
                built.set(Some(Rc::new((draft.clone(), language, code))));
            });
            workbench::ask(job, answer);
        });
    }
    match built.as_deref() {
        Some((for_draft, for_language, code))
            if for_draft == draft && *for_language == language =>
        {
            code.clone()
        }
        _ => Err(PREPARING.to_owned()),
    }
}
