//! The request as code to run elsewhere, one language at a time, with a copy button. The
//! panel's body is written by the worker ([`crate::code_work`]) once typing pauses; the page
//! passes on the language list's changes and the button's clicks, and does the copying.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement};
use yew::prelude::*;

use crate::code_work::{COPY_STATUS_ID, LANGUAGE_ID};
use crate::components::{markup, worker_parts};
use crate::services::{clipboard, workbench};
use crate::workbench::{Job, Reply};

/// The panel's fixed markup around the worker-written body, which says the snippet is coming
/// until the worker writes it.
const PANEL: &str = r#"<h2 id="code-heading">Code</h2><div id="code-body"><p class="note">Preparing the snippet…</p></div><p class="note">The token is a placeholder: $TOKEN or &lt;access-token&gt;.</p>"#;

/// The code section.
pub fn code_panel() -> Html {
    html! {
        <section class="panel" aria-labelledby="code-heading"
            onclick={Callback::from(on_click)} onchange={Callback::from(on_change)}>
            { markup(PANEL) }
        </section>
    }
}

/// The `data-code` action of the element an event came from.
fn action(event: &Event) -> Option<String> {
    event
        .target()?
        .dyn_into::<Element>()
        .ok()?
        .get_attribute("data-code")
}

fn on_click(event: MouseEvent) {
    if action(&event).as_deref() == Some("copy") {
        copy_snippet();
    }
}

fn on_change(event: Event) {
    if action(&event).as_deref() == Some("language") {
        worker_parts::show_code(true);
    }
}

/// The key of the chosen language (curl until the worker has written the list).
pub fn language() -> String {
    web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(LANGUAGE_ID))
        .and_then(|list| list.dyn_into::<HtmlSelectElement>().ok())
        .map_or_else(|| "curl".to_owned(), |list| list.value())
}

/// Says how the last copy went.
fn say(text: &str) {
    if let Some(status) = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(COPY_STATUS_ID))
    {
        status.set_text_content(Some(text));
    }
}

/// Copies the snippet of the page's draft as it is now, in the chosen language: the worker
/// builds it at once, so a copy right after typing copies what was typed.
pub fn copy_snippet() {
    let job = Job::Snippet {
        draft: worker_parts::draft(),
        language: language(),
    };
    workbench::ask(
        job,
        Callback::from(|reply| match reply {
            Reply::Snippet(Ok(code)) => clipboard::copy(code, Callback::from(say)),
            Reply::Snippet(Err(reason)) | Reply::Unreadable(reason) => say(&reason),
            _ => {}
        }),
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::code_work::{BODY_ID, PREPARING};

    #[test]
    fn the_panel_holds_the_worker_written_body_saying_the_snippet_is_coming() {
        assert!(PANEL.contains(&format!("<div id=\"{BODY_ID}\">{PREPARING}</div>")));
    }
}
