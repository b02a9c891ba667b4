//! Per-request identity: every response carries `request-id`, echoes `client-request-id`, has a
//! `Date`, and error bodies get `innerError`. Also logs one line per request.

use std::time::{Instant, SystemTime};

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use graph_model::{InnerError, ODataErrorResponse};

use crate::error::PendingODataError;

/// The ids of one request, shared by its response headers and its error body.
#[derive(Debug, Clone)]
pub struct RequestContext {
    /// The id the emulator gives the request.
    pub request_id: String,
    /// The id the client sent, if any.
    pub client_request_id: Option<String>,
}

/// The `innerError.date` form: ISO 8601 without a zone suffix, as Graph writes it.
pub fn graph_date(time: SystemTime) -> String {
    let text = humantime::format_rfc3339_seconds(time).to_string();
    text.trim_end_matches('Z').to_owned()
}

/// An `innerError` for an answer that no request of its own produced (an inner response of a
/// `$batch` that was never dispatched): a fresh request id and the time now.
pub fn fresh_inner_error() -> InnerError {
    InnerError {
        date: Some(graph_date(SystemTime::now())),
        request_id: Some(uuid::Uuid::new_v4().to_string()),
        client_request_id: None,
    }
}

/// Middleware: gives the request its ids (reusing them when an outer layer already did), turns a
/// pending OData error into the body, sets the identity headers and logs the request.
pub async fn request_context(mut request: Request, next: Next) -> Response {
    let started = Instant::now();
    let context = match request.extensions().get::<RequestContext>() {
        Some(context) => context.clone(),
        None => RequestContext {
            request_id: uuid::Uuid::new_v4().to_string(),
            client_request_id: request
                .headers()
                .get("client-request-id")
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned),
        },
    };
    let outermost = request.extensions().get::<RequestContext>().is_none();
    request.extensions_mut().insert(context.clone());
    let method = request.method().clone();
    let path = request.uri().path().to_owned();

    let mut response = next.run(request).await;

    let now = SystemTime::now();
    if let Some(PendingODataError(mut error)) = response.extensions_mut().remove() {
        error.inner_error = Some(InnerError {
            date: Some(graph_date(now)),
            request_id: Some(context.request_id.clone()),
            client_request_id: context.client_request_id.clone(),
        });
        let body = serde_json::to_vec(&ODataErrorResponse { error }).unwrap_or_default();
        response.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        );
        response.headers_mut().remove(header::CONTENT_LENGTH);
        *response.body_mut() = Body::from(body);
    }
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&context.request_id) {
        headers.insert("request-id", value);
    }
    if let Some(value) = context
        .client_request_id
        .as_deref()
        .and_then(|id| HeaderValue::from_str(id).ok())
    {
        headers.insert("client-request-id", value);
    }
    if !headers.contains_key(header::DATE)
        && let Ok(value) = HeaderValue::from_str(&httpdate::fmt_http_date(now))
    {
        headers.insert(header::DATE, value);
    }
    if outermost {
        tracing::info!(
            %method,
            path,
            status = response.status().as_u16(),
            latency_ms = %format_args!("{:.2}", started.elapsed().as_secs_f64() * 1000.0),
            request_id = context.request_id,
            "request"
        );
    }
    response
}
