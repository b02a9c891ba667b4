//! The request as code, computed after the page has shown the change that asked for it: a
//! snippet takes longer to build than the rest of a keystroke's work, so it follows a moment
//! later instead of delaying the form and the request preview.

use std::time::Duration;

use graph_model::RequestOptions;
use graph_model::snippets::SnippetLanguage;
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::draft::Draft;

/// What the Code panel says before the first snippet is ready.
const PREPARING: &str = "Preparing the snippet…";

/// The snippet of `draft` in `language` (or what to fix first), rebuilt in a task of its own
/// whenever either changes.
#[hook]
pub fn use_snippet(draft: &Draft, language: SnippetLanguage) -> Result<String, String> {
    let code = use_state(|| Err(PREPARING.to_owned()));
    {
        let code = code.clone();
        use_effect_with((draft.clone(), language), move |(draft, language)| {
            let (draft, language) = (draft.clone(), *language);
            spawn_local(async move {
                // A task of its own: the browser paints the keystroke first.
                sleep(Duration::ZERO).await;
                let plan = draft.plan("", &RequestOptions::default());
                code.set(draft.snippet(&plan, language));
            });
        });
    }
    (*code).clone()
}
