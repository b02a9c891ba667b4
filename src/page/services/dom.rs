//! Reading the page's own elements by id, for the values of the fields the worker shows.

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};

/// The page's element with this id.
pub fn element(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

/// The value of the text field or list with this id (empty when there is none).
pub fn value(id: &str) -> String {
    let Some(element) = element(id) else {
        return String::new();
    };
    match element.dyn_into::<HtmlInputElement>() {
        Ok(input) => input.value(),
        Err(element) => element
            .dyn_into::<HtmlSelectElement>()
            .map(|list| list.value())
            .unwrap_or_default(),
    }
}
