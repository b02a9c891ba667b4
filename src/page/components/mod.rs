//! The page's parts. The root owns the state; each panel is a view function of props that hold
//! only what it shows and the callbacks it may use (a panel that edits the target gets a
//! `Callback<TargetEdit>` and cannot touch the history). Plain functions cost less in the
//! bundle than components, so the root is the only panel component, and one generic
//! component, [`part::WorkerPart`], renders the parts the worker shows (lists, names, Bulk,
//! Code, sign-in), which meet the page in [`worker_parts`]; the picker's loads, which ask the
//! worker for lists, are in [`picker_loads`].

pub mod code_panel;
pub mod connection;
pub mod connection_line;
pub mod finder;
pub mod history_panel;
pub mod messages;
pub mod notice_bar;
pub mod part;
pub mod picker;
pub mod picker_loads;
pub mod request_panel;
pub mod response_panel;
pub mod share_bar;
pub mod share_offer;
pub mod shortcuts_help;
pub mod target_editor;
pub mod view_tabs;
pub mod worker_parts;

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::{Callback, Event, InputEvent};

/// The value of the `<input>`, `<textarea>` or `<select>` an event came from.
fn value_of(event: &Event) -> Option<String> {
    let target = event.target()?;
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        return Some(input.value());
    }
    if let Some(area) = target.dyn_ref::<HtmlTextAreaElement>() {
        return Some(area.value());
    }
    target
        .dyn_ref::<HtmlSelectElement>()
        .map(HtmlSelectElement::value)
}

/// A callback for an `<input>` or `<textarea>` that passes its new value.
pub fn on_input_value(callback: Callback<String>) -> Callback<InputEvent> {
    Callback::from(move |event: InputEvent| {
        if let Some(value) = value_of(&event) {
            callback.emit(value);
        }
    })
}

/// A callback for a `<select>` that passes the chosen value.
pub fn on_select_value(callback: Callback<String>) -> Callback<Event> {
    Callback::from(move |event: Event| {
        if let Some(value) = value_of(&event) {
            callback.emit(value);
        }
    })
}
