//! Sending requests described by the model crate through the browser's fetch, with an abort
//! signal for cancelling and timing out.

use gloo_net::http::{Method, RequestBuilder};
use graph_model::{Collection, HttpRequest, ODataErrorResponse};
use serde::de::DeserializeOwned;
use web_sys::AbortSignal;

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

/// Sends a described request and reads the whole response.
pub async fn send(
    request: &HttpRequest,
    signal: Option<&AbortSignal>,
) -> Result<ResponseView, SendError> {
    let method = match request.method {
        "PATCH" => Method::PATCH,
        "POST" => Method::POST,
        "DELETE" => Method::DELETE,
        _ => Method::GET,
    };
    let mut builder = RequestBuilder::new(&request.url)
        .method(method)
        .abort_signal(signal);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    let built = match &request.body {
        Some(body) => builder.body(body.as_str()),
        None => builder.build(),
    }
    .map_err(|error| SendError::Network(error.to_string()))?;
    let started = now_ms();
    let response = built.send().await.map_err(classify)?;
    let status = response.status();
    let headers = response.headers().entries().collect();
    let body = response.text().await.map_err(classify)?;
    Ok(ResponseView::new(
        status,
        headers,
        &body,
        now_ms() - started,
    ))
}

fn classify(error: gloo_net::Error) -> SendError {
    let text = error.to_string();
    if text.contains("AbortError") || text.contains("aborted") {
        SendError::Aborted
    } else {
        SendError::Network(text)
    }
}

/// GETs JSON, turning any failure into one readable line.
pub async fn get_json<T: DeserializeOwned>(request: &HttpRequest) -> Result<T, String> {
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
    serde_json::from_str(&view.body)
        .map_err(|error| format!("The answer could not be read: {error}."))
}

/// GETs an OData collection's items (first page).
pub async fn get_collection<T: DeserializeOwned>(request: &HttpRequest) -> Result<Vec<T>, String> {
    get_json::<Collection<T>>(request)
        .await
        .map(|page| page.value)
}
