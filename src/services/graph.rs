//! Sending requests described by the model crate through the browser's own `fetch` (no HTTP
//! crate in the bundle), with an abort signal for cancelling and timing out.

use graph_model::{
    Collection, HttpRequest, IosLobAppProvisioningConfigurationAssignment, ODataErrorResponse,
};
use serde::de::DeserializeOwned;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortSignal, Headers, Request, RequestInit, Response};

use crate::response::ResponseView;

/// Why no response arrived.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendError {
    /// The request was aborted (by the user or the timeout).
    Aborted,
    /// The browser could not complete it (unreachable host, CORS refusal).
    Network(String),
}

fn now_ms() -> f64 {
    web_sys::window()
        .and_then(|window| window.performance())
        .map_or(0.0, |performance| performance.now())
}

/// A fresh GUID for `client-request-id`.
pub fn new_client_request_id() -> Option<String> {
    Some(web_sys::window()?.crypto().ok()?.random_uuid())
}

/// Sends a described request through the browser's `fetch` and reads the whole response.
pub async fn send(
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
) -> Result<ResponseView, SendError> {
    let window = web_sys::window().ok_or_else(|| SendError::Network("no window".to_owned()))?;
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
    init.set_signal(signal);
    let fetch_request = Request::new_with_str_and_init(&request.url, &init).map_err(network)?;
    let started = now_ms();
    let response: Response = JsFuture::from(window.fetch_with_request(&fetch_request))
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

fn network(error: JsValue) -> SendError {
    SendError::Network(describe(&error))
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

/// An abort (by the user or the timeout) or a network failure.
fn classify(error: JsValue) -> SendError {
    let text = describe(&error);
    if text.starts_with("AbortError") {
        SendError::Aborted
    } else {
        SendError::Network(text)
    }
}

/// GETs a resource, turning any failure into one readable line; the body text on success.
pub async fn get_text(request: &HttpRequest) -> Result<String, String> {
    let view = send(request, None).await.map_err(|error| match error {
        SendError::Aborted => "The request was aborted.".to_owned(),
        SendError::Network(_) => format!(
            "No response from {}: the host is unreachable or refused this page's origin (CORS).",
            request.url
        ),
    })?;
    if !view.is_success() {
        let detail = ODataErrorResponse::parse(&view.body)
            .map(|body| format!("{}: {}", body.error.code, body.error.readable_message()))
            .unwrap_or_default();
        return Err(format!("{} {}", view.status_line(), detail)
            .trim()
            .to_owned());
    }
    Ok(view.body)
}

/// Reads JSON text as `T`, with a readable error.
fn parse_json<T: DeserializeOwned>(text: &str) -> Result<T, String> {
    serde_json::from_str(text).map_err(|error| format!("The answer could not be read: {error}."))
}

/// GETs an assignment.
pub async fn get_assignment(
    request: &HttpRequest,
) -> Result<IosLobAppProvisioningConfigurationAssignment, String> {
    parse_json(&get_text(request).await?)
}

/// The most pages of a list that are followed.
pub const MAX_PAGES: usize = 20;

/// GETs every page of an OData collection, following `@odata.nextLink` only while it stays on
/// `base_url` (so the token never goes to another host), at most [`MAX_PAGES`] pages.
pub async fn get_all_pages<T: DeserializeOwned>(
    first: HttpRequest,
    base_url: &str,
) -> Result<Vec<T>, String> {
    let mut items = Vec::new();
    let mut request = first;
    for _ in 0..MAX_PAGES {
        let page: Collection<T> = parse_json(&get_text(&request).await?)?;
        items.extend(page.value);
        let Some(next) = page.next_link else {
            return Ok(items);
        };
        if !next.starts_with(&format!("{base_url}/")) {
            return Err(format!(
                "The list continues at {next}, which is not on {base_url}: the token is not sent there."
            ));
        }
        request.url = next;
    }
    Err(format!(
        "The list has more than {MAX_PAGES} pages; showing none rather than part of it."
    ))
}
