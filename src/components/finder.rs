//! "Find group by name" and "Find filter by name": comboboxes whose fixed markup is a string
//! and whose work is the worker's ([`crate::finder_work`]). Typing asks for a search, the
//! arrow keys, Enter and Escape go to the worker (which writes the options and the combobox's
//! state), and a click on an option chooses it.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::components::worker_parts;
use crate::protocol::{FinderKind, Job};

/// The group combobox's markup.
pub const GROUP_FINDER: &str = r#"<label for="group-search">Find group by name</label><input id="group-search" type="text" role="combobox" aria-expanded="false" aria-controls="group-results" aria-autocomplete="list" autocomplete="off" spellcheck="false"><ul id="group-results" class="options" role="listbox" aria-label="Groups"></ul><p id="group-finder-status" class="note" role="status"></p>"#;
/// The filter combobox's markup.
pub const FILTER_FINDER: &str = r#"<label for="filter-search">Find filter by name</label><input id="filter-search" type="text" role="combobox" aria-expanded="false" aria-controls="filter-results" aria-autocomplete="list" autocomplete="off" spellcheck="false"><ul id="filter-results" class="options" role="listbox" aria-label="iOS/iPadOS filters"></ul><p id="filter-finder-status" class="note" role="status"></p>"#;

/// Which combobox an element belongs to (`group` or `filter`), from its id.
fn kind_of(element: &Element) -> Option<FinderKind> {
    let id = element.id();
    if id.starts_with("group-") {
        Some(FinderKind::Group)
    } else if id.starts_with("filter-") {
        Some(FinderKind::Filter)
    } else {
        None
    }
}

fn target(event: &Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// A combobox with its markup and listeners.
pub fn finder(markup: &'static str) -> Html {
    let on_input = Callback::from(|event: InputEvent| {
        if let Some(input) = target(&event).and_then(|t| t.dyn_into::<HtmlInputElement>().ok())
            && let Some(kind) = kind_of(&input)
        {
            worker_parts::find(kind, &input.value());
        }
    });
    let on_key = Callback::from(|event: KeyboardEvent| {
        let key = event.key();
        if let (Some(kind), true) = (
            target(&event).as_ref().and_then(kind_of),
            ["ArrowDown", "ArrowUp", "Enter", "Escape"].contains(&key.as_str()),
        ) {
            event.prevent_default();
            worker_parts::ask(Job::FinderKey { finder: kind, key });
        }
    });
    let on_click = Callback::from(|event: MouseEvent| {
        let option = target(&event).and_then(|t| t.closest("[data-choose]").ok().flatten());
        if let Some(option) = option
            && let (Some(kind), Some(id)) = (kind_of(&option), option.get_attribute("data-choose"))
        {
            worker_parts::choose(kind, id);
        }
    });
    html! {
        <div class="finder" oninput={on_input} onkeydown={on_key} onclick={on_click}>
            { crate::components::markup(markup) }
        </div>
    }
}
