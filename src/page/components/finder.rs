//! "Find group by name" and "Find filter by name": comboboxes whose work is the worker's
//! ([`crate::worker::finder_work`]). Typing asks for a search, the
//! arrow keys, Enter and Escape go to the worker (which shows the options and says the combobox's
//! state), and a click on an option chooses it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::contract::protocol::FinderKind;
use crate::contract::view_tree::{Attr, Node, Tag, el};
use crate::page::components::part::{self, WorkerPart};

/// What a combobox's listeners ask for, of the page's link to its worker
/// ([`crate::page::components::worker_parts::FINDER_ACTIONS`]).
#[derive(Clone, Copy)]
pub struct FinderActions {
    /// A search for this text.
    pub find: fn(FinderKind, &str),
    /// A key for the worker to act on: an arrow, Enter or Escape.
    pub key: fn(FinderKind, String),
}

/// A combobox as a view: its label, its search field with the state the worker last said
/// (whether its options are open, and which is active), and the places for its options and
/// status, which the worker shows.
fn combobox(kind: FinderKind, expanded: bool, active_option: &str) -> Vec<Node> {
    let word = kind.word();
    let (label, listed) = match kind {
        FinderKind::Group => ("Find group by name", "Groups"),
        FinderKind::Filter => ("Find filter by name", "iOS/iPadOS filters"),
    };
    let (search, results) = (format!("{word}-search"), format!("{word}-results"));
    let mut field = el(Tag::Input)
        .id(&*search)
        .attr(Attr::Type, "text")
        .attr(Attr::Role, "combobox")
        .attr(Attr::AriaExpanded, expanded.to_string())
        .attr(Attr::AriaControls, &*results)
        .attr(Attr::AriaAutocomplete, "list")
        .attr(Attr::Autocomplete, "off")
        .attr(Attr::Spellcheck, "false");
    if !active_option.is_empty() {
        field = field.attr(Attr::AriaActivedescendant, active_option);
    }
    vec![
        el(Tag::Label).attr(Attr::For, search).text(label).into(),
        field.into(),
        el(Tag::Ul)
            .id(results)
            .class("options")
            .attr(Attr::Role, "listbox")
            .attr(Attr::AriaLabel, listed)
            .child(Node::Part(kind.results()))
            .into(),
        el(Tag::P)
            .id(format!("{word}-finder-status"))
            .class("note")
            .attr(Attr::Role, "status")
            .child(Node::Part(kind.status()))
            .into(),
    ]
}

/// Shows what the worker says of a combobox: whether its options are open, and which is
/// active (empty: none).
pub fn show_state(kind: FinderKind, expanded: bool, active_option: String) {
    part::show(kind.finder(), combobox(kind, expanded, &active_option));
}

fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// A combobox, its options (which the worker shows) and its listeners, which ask `actions`.
pub fn finder(kind: FinderKind, actions: FinderActions) -> Html {
    part::preset(kind.finder(), || combobox(kind, false, ""));
    let on_input = Callback::from(move |event: InputEvent| {
        if let Some(input) = target(&event).and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
            (actions.find)(kind, &input.value());
        }
    });
    let on_key = Callback::from(move |event: KeyboardEvent| {
        let key = event.key();
        if ["ArrowDown", "ArrowUp", "Enter", "Escape"].contains(&key.as_str()) {
            event.prevent_default();
            (actions.key)(kind, key);
        }
    });
    html! {
        <div class="finder" oninput={on_input} onkeydown={on_key}>
            <WorkerPart part={kind.finder()} />
        </div>
    }
}
