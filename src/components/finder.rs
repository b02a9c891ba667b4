//! "Find group by name" and "Find filter by name": comboboxes whose work is the worker's
//! ([`crate::finder_work`]). Typing asks for a search, the
//! arrow keys, Enter and Escape go to the worker (which writes the options and the combobox's
//! state), and a click on an option chooses it.

use std::cell::RefCell;

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

use crate::components::part::WorkerPart;
use crate::components::worker_parts;
use crate::protocol::{FinderKind, Job};

/// A combobox's state, as the worker last said: whether its options are open, the active
/// option's id, and the component that shows it.
#[derive(Default)]
struct Combobox {
    expanded: bool,
    active_option: String,
    render: Option<Callback<()>>,
}

thread_local! {
    static COMBOBOXES: RefCell<[Combobox; 2]> = RefCell::default();
}

fn index(kind: FinderKind) -> usize {
    match kind {
        FinderKind::Group => 0,
        FinderKind::Filter => 1,
    }
}

/// Shows what the worker says of a combobox: whether its options are open, and which is
/// active (empty: none).
pub fn show_state(kind: FinderKind, expanded: bool, active_option: String) {
    let render = COMBOBOXES.with(|boxes| {
        let combobox = &mut boxes.borrow_mut()[index(kind)];
        let changed = (combobox.expanded, &combobox.active_option) != (expanded, &active_option);
        combobox.expanded = expanded;
        combobox.active_option = active_option;
        combobox.render.clone().filter(|_| changed)
    });
    if let Some(render) = render {
        render.emit(());
    }
}

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

/// Which combobox a [`Finder`] is.
#[derive(Properties, PartialEq)]
pub struct FinderProps {
    /// Groups or filters.
    pub kind: FinderKind,
}

/// A combobox, its options (which the worker shows) and its listeners.
#[function_component(Finder)]
pub fn finder(props: &FinderProps) -> Html {
    let kind = props.kind;
    let update = use_force_update();
    use_effect_with(kind, move |kind| {
        let at = index(*kind);
        let render = Callback::from(move |()| update.force_update());
        COMBOBOXES.with(|boxes| boxes.borrow_mut()[at].render = Some(render));
        move || COMBOBOXES.with(|boxes| boxes.borrow_mut()[at].render = None)
    });
    let (expanded, active) = COMBOBOXES.with(|boxes| {
        let combobox = &boxes.borrow()[index(kind)];
        (combobox.expanded, combobox.active_option.clone())
    });
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
    let word = kind.word();
    let (label, listed) = match kind {
        FinderKind::Group => ("Find group by name", "Groups"),
        FinderKind::Filter => ("Find filter by name", "iOS/iPadOS filters"),
    };
    let (search, results) = (format!("{word}-search"), format!("{word}-results"));
    html! {
        <div class="finder" oninput={on_input} onkeydown={on_key} onclick={on_click}>
            <label for={search.clone()}>{ label }</label>
            <input id={search} type="text" role="combobox" aria-expanded={expanded.to_string()}
                aria-activedescendant={Some(active).filter(|id| !id.is_empty())}
                aria-controls={results.clone()} aria-autocomplete="list" autocomplete="off" spellcheck="false" />
            <ul id={results} class="options" role="listbox" aria-label={listed}>
                <WorkerPart part={kind.results()} />
            </ul>
            <p id={format!("{word}-finder-status")} class="note" role="status">
                <WorkerPart part={kind.status()} />
            </p>
        </div>
    }
}
