//! Keyboard shortcuts that work wherever the focus is.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{HtmlElement, KeyboardEvent};
use yew::Callback;

/// What the keyboard shortcuts do.
#[derive(Clone)]
pub struct Shortcuts {
    /// Ctrl+Enter.
    pub send: Callback<()>,
    /// Alt+Shift+C.
    pub copy_snippet: Callback<()>,
    /// Alt+Shift+T.
    pub toggle_theme: Callback<()>,
    /// Alt+Shift+K.
    pub toggle_help: Callback<()>,
}

/// Listens for the shortcuts on the whole window (so they work wherever the focus is), for as
/// long as the page lives. Each render puts the callbacks that see its state in `shortcuts`, so
/// a keystroke does not add and remove a listener.
pub fn listen_for_shortcuts(shortcuts: Rc<RefCell<Shortcuts>>) {
    let listener = Closure::<dyn Fn(KeyboardEvent)>::new(move |event: KeyboardEvent| {
        let shortcuts = shortcuts.borrow();
        let action = if (event.ctrl_key() || event.meta_key()) && event.key() == "Enter" {
            Some(&shortcuts.send)
        } else if event.alt_key() && event.shift_key() {
            match event.code().as_str() {
                "KeyC" => Some(&shortcuts.copy_snippet),
                "KeyT" => Some(&shortcuts.toggle_theme),
                "KeyK" => Some(&shortcuts.toggle_help),
                "KeyJ" => {
                    focus_element("body");
                    event.prevent_default();
                    None
                }
                _ => None,
            }
        } else {
            None
        };
        if let Some(callback) = action.cloned() {
            drop(shortcuts);
            event.prevent_default();
            callback.emit(());
        }
    });
    if let Some(window) = web_sys::window() {
        let _ =
            window.add_event_listener_with_callback("keydown", listener.as_ref().unchecked_ref());
    }
    listener.forget();
}

/// Moves the focus to the element with this id.
fn focus_element(id: &str) {
    let element = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.get_element_by_id(id))
        .and_then(|element| element.dyn_into::<HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
