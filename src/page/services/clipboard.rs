//! Copying text to the clipboard.

use wasm_bindgen_futures::JsFuture;
use yew::Callback;
use yew::platform::spawn_local;

/// Copies `text`, then tells `done` how it went in words for the page.
pub fn copy(text: String, done: Callback<&'static str>) {
    let Some(clipboard) = web_sys::window().map(|window| window.navigator().clipboard()) else {
        done.emit("The clipboard is not available here: select the text and copy it.");
        return;
    };
    spawn_local(async move {
        match JsFuture::from(clipboard.write_text(&text)).await {
            Ok(_) => done.emit("Copied."),
            Err(_) => done.emit("The browser refused the clipboard: select the text and copy it."),
        }
    });
}
