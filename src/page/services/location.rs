//! The page's address: reading and clearing the fragment, the open view, and building share
//! links.

use crate::page::views::View;

/// The current fragment, with its `#` (empty when there is none).
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|window| window.location().hash().ok())
        .unwrap_or_default()
}

/// Removes the fragment from the address bar without reloading or adding a history entry.
pub fn clear_fragment() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(search)) = (location.pathname(), location.search()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{search}")),
        );
    }
}

/// The view the address names (see [`View::from_query`]).
pub fn view() -> View {
    let query = web_sys::window()
        .and_then(|window| window.location().search().ok())
        .unwrap_or_default();
    View::from_query(&query)
}

/// Puts `view` in the address, as a new history entry (so that back returns to the view
/// before), keeping the rest of the address.
pub fn show_view(view: View) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let (Ok(path), Ok(hash)) = (location.pathname(), location.hash()) else {
        return;
    };
    if let Ok(history) = window.history() {
        let address = format!("{path}{}{hash}", view.query());
        let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&address));
    }
}

/// This page's address with `fragment` in place of its own.
pub fn link_with_fragment(fragment: &str) -> String {
    thread_local! {
        /// The page's origin and path, read once: the share link is written on every edit.
        static PAGE: String = web_sys::window()
            .map(|window| {
                let location = window.location();
                let origin = location.origin().unwrap_or_default();
                origin + &location.pathname().unwrap_or_default()
            })
            .unwrap_or_default();
    }
    PAGE.with(|page| format!("{page}{fragment}"))
}

/// The host name the page is served from (`contoso.github.io`, `127.0.0.1`).
pub fn host() -> String {
    web_sys::window()
        .and_then(|window| window.location().hostname().ok())
        .unwrap_or_default()
}

/// The page's origin (`https://contoso.github.io`).
pub fn origin() -> String {
    web_sys::window()
        .and_then(|window| window.location().origin().ok())
        .unwrap_or_default()
}
