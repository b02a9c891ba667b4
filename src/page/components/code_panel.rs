//! The request as code to run elsewhere, one language at a time, with a copy button. The
//! panel's body is shown by the worker ([`crate::worker::code_work`]) once typing pauses (until then
//! it says the snippet is being prepared); the list's changes and the button's clicks are its
//! controls ([`crate::contract::view_tree::Control::SnippetLanguage`] and
//! [`crate::contract::view_tree::Control::CopySnippet`]), which the page does: it asks for the snippet
//! again, or copies it.

use yew::prelude::*;

use crate::contract::ids::{CODE_BODY_ID, COPY_STATUS_ID, LANGUAGE_ID};
use crate::contract::protocol::{Job, Reply};
use crate::contract::view_tree::{Attr, Node, Part, Tag, el};
use crate::page::components::part::{self, WorkerPart};
use crate::page::services::{clipboard, dom, workbench};
use crate::shared::draft::Draft;

/// The code section.
pub fn code_panel() -> Html {
    part::preset(Part::CodeBody, || vec![Node::Part(Part::Snippet)]);
    part::preset(Part::Snippet, || vec![preparing()]);
    html! {
        <section class="panel" aria-labelledby="code-heading">
            <h2 id="code-heading">{ "Code" }</h2>
            // The worker shows the language list (which this label names), the button and
            // the snippet into the body.
            <label for={LANGUAGE_ID}>{ "Snippet language" }</label>
            <div id={CODE_BODY_ID}><WorkerPart part={Part::CodeBody} /></div>
            <p id={COPY_STATUS_ID} class="note" role="status">
                <WorkerPart part={Part::CodeCopyStatus} />
            </p>
            <p class="note">{ "The token is a placeholder: $TOKEN or <access-token>." }</p>
        </section>
    }
}

/// The key of the chosen language, as the list has it (empty until the worker has written the
/// list; the worker reads that as curl, see [`crate::worker::code_work::language`]).
pub fn language() -> String {
    dom::value(LANGUAGE_ID)
}

/// Says how the last copy went (empty: nothing to say, as when the snippet changes).
pub fn say(text: &str) {
    part::say(Part::CodeCopyStatus, text);
}

/// Copies the snippet of `draft` (the page's as it is now), in the chosen language: the worker
/// builds it at once, so a copy right after typing copies what was typed.
pub fn copy_snippet(draft: Draft) {
    let job = Job::Snippet {
        draft,
        language: language(),
    };
    workbench::ask(
        job,
        Callback::from(|reply| match reply {
            Reply::Snippet(code) => clipboard::copy(code, Callback::from(say)),
            Reply::NoSnippet(reason) | Reply::Unreadable(reason) => say(&reason),
            _ => {}
        }),
    );
}

/// What the snippet's place says while a newer snippet is being built.
pub fn preparing() -> Node {
    el(Tag::P)
        .class("note")
        .attr(Attr::AriaBusy, "true")
        .text("Preparing the snippet…")
        .into()
}
