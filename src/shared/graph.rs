//! Sending requests described by the model crate through the browser's own `fetch` (no HTTP
//! crate in the bundle), and reading Graph's answers as the model's types.

use std::collections::BTreeMap;

use graph_model::request::{RequestOptions, get};
use graph_model::{
    ApiVersion, BatchRequest, BatchRequestItem, BatchResponseItem, HttpRequest, ServiceRoot,
};
use wasm_bindgen::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

use crate::shared::clock::now_ms;
use crate::shared::response::ResponseView;

/// Why `fetch` gave no response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// The request was aborted (by a cancel or the timeout).
    Aborted,
    /// The browser could not complete it (unreachable host, CORS refusal), in its words.
    Network(String),
    /// The browser lacks what the request needs.
    NoBrowserSupport(String),
}

#[wasm_bindgen]
extern "C" {
    /// The global `fetch`, which a page and a worker both have.
    #[wasm_bindgen(js_name = fetch)]
    fn global_fetch(request: &Request) -> js_sys::Promise;
}

/// A fresh GUID for `client-request-id`, in the page or in the worker.
pub fn new_client_request_id() -> Option<String> {
    let crypto = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?;
    Some(crypto.dyn_into::<web_sys::Crypto>().ok()?.random_uuid())
}

/// Sends a described request through the browser's `fetch` and reads the whole response.
pub async fn fetch(
    request: &HttpRequest,
    signal: &AbortSignal,
) -> Result<ResponseView, FetchError> {
    let init = RequestInit::new();
    init.set_method(request.method);
    let headers = Headers::new().map_err(network)?;
    for (name, value) in &request.headers {
        headers.append(name, value).map_err(network)?;
    }
    init.set_headers(&headers);
    if let Some(body) = &request.body {
        init.set_body(&JsValue::from_str(body));
    }
    init.set_signal(Some(signal));
    let fetch_request = Request::new_with_str_and_init(&request.url, &init).map_err(network)?;
    let started = now_ms();
    let response: Response = JsFuture::from(global_fetch(&fetch_request))
        .await
        .map_err(classify)?
        .unchecked_into();
    let mut received = Vec::new();
    if let Ok(Some(entries)) = js_sys::try_iter(&response.headers()) {
        for entry in entries.flatten() {
            let pair: js_sys::Array = entry.unchecked_into();
            if let (Some(name), Some(value)) = (pair.get(0).as_string(), pair.get(1).as_string()) {
                received.push((name, value));
            }
        }
    }
    let text = JsFuture::from(response.text().map_err(network)?)
        .await
        .map_err(classify)?
        .as_string()
        .unwrap_or_default();
    Ok(ResponseView::new(
        response.status(),
        received,
        &text,
        now_ms() - started,
    ))
}

fn network(error: JsValue) -> FetchError {
    FetchError::Network(describe(&error))
}

fn describe(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|error| {
            format!(
                "{}: {}",
                String::from(error.name()),
                String::from(error.message())
            )
        })
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".to_owned())
}

/// An abort (by a cancel or the timeout) or a network failure.
fn classify(error: JsValue) -> FetchError {
    let text = describe(&error);
    if text.starts_with("AbortError") {
        FetchError::Aborted
    } else {
        FetchError::Network(text)
    }
}

/// The `$batch` request for `items` under `root` and `version` with `token`.
pub fn batch_request(
    root: &ServiceRoot,
    version: ApiVersion,
    token: &str,
    items: Vec<BatchRequestItem>,
) -> HttpRequest {
    let mut request = get(
        format!("{}/{version}/$batch", root.base_url()),
        token,
        &RequestOptions::default(),
    );
    request.method = "POST";
    request
        .headers
        .push(("Content-Type".to_owned(), "application/json".to_owned()));
    request.body = serde_json::to_string(&BatchRequest { requests: items }).ok();
    request
}

/// The `Retry-After` of an inner response, in seconds.
pub fn retry_after(headers: &BTreeMap<String, String>) -> Option<u64> {
    headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("retry-after"))
        .and_then(|(_, value)| value.trim().parse().ok())
}

/// The index of the request an inner `$batch` response answers, for envelopes whose items are
/// numbered by their index: `None` unless `asked` says that request was in the envelope.
pub fn answered_index(
    response: &BatchResponseItem,
    asked: impl Fn(usize) -> bool,
) -> Option<usize> {
    response
        .id
        .parse::<usize>()
        .ok()
        .filter(|index| asked(*index))
}
