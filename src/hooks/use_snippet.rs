//! The request as code, built by the workbench worker (see [`crate::workbench`]) after the page
//! has shown the change that asked for it, so that neither the first load nor a keystroke waits
//! for it.

use graph_model::snippets::SnippetLanguage;
use yew::prelude::*;

use crate::draft::Draft;
use crate::services::workbench;
use crate::workbench::{Job, Reply};

/// What the Code panel says before the first snippet is ready.
const PREPARING: &str = "Preparing the snippet…";

/// The snippet of `draft` in `language` (or what to fix first), rebuilt whenever either changes.
#[hook]
pub fn use_snippet(draft: &Draft, language: SnippetLanguage) -> Result<String, String> {
    let code = use_state(|| Err(PREPARING.to_owned()));
    {
        let code = code.clone();
        use_effect_with((draft.clone(), language), move |(draft, language)| {
            let job = Job::Snippet {
                draft: draft.clone(),
                language: language.key().to_owned(),
            };
            workbench::ask(
                job,
                Callback::from(move |reply| {
                    code.set(match reply {
                        Reply::Snippet(snippet) => snippet,
                        Reply::Unreadable(reason) => {
                            Err(format!("Code export is not available: {reason}."))
                        }
                        _ => Err("Code export answered something else.".to_owned()),
                    })
                }),
            );
        });
    }
    (*code).clone()
}
