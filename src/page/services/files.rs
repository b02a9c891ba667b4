//! Saving text as a download and reading a chosen file.

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, HtmlAnchorElement, HtmlInputElement, Url};
use yew::platform::spawn_local;

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, mime_type: &str, text: &str) -> Result<(), String> {
    let failed = |_| "the browser refused to create the file".to_owned();
    let parts = js_sys::Array::of1(&text.into());
    let options = BlobPropertyBag::new();
    options.set_type(mime_type);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(failed)?;
    let url = Url::create_object_url_with_blob(&blob).map_err(failed)?;
    let document = web_sys::window()
        .and_then(|window| window.document())
        .ok_or("no document")?;
    let anchor: HtmlAnchorElement = document
        .create_element("a")
        .map_err(failed)?
        .dyn_into()
        .map_err(|_| "no anchor element".to_owned())?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = Url::revoke_object_url(&url);
    Ok(())
}

/// Reads the first file chosen in `input`, clears the choice (so that the same file can be
/// chosen again), then gives `then` its text or why it could not be read.
pub fn read_chosen_then(input: HtmlInputElement, then: Box<dyn FnOnce(Result<String, String>)>) {
    spawn_local(async move {
        let read = read_chosen_file(&input).await;
        input.set_value("");
        then(read);
    });
}

/// The text of the first file chosen in a file input.
async fn read_chosen_file(input: &HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|files| files.get(0))
        .ok_or("no file was chosen")?;
    let text = JsFuture::from(file.text())
        .await
        .map_err(|_| "the file could not be read".to_owned())?;
    text.as_string()
        .ok_or_else(|| "the file is not text".to_owned())
}
