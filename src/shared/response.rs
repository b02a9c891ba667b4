//! What came back: the status, headers and body, with the OData error unpacked. What it means
//! is worded by [`crate::shared::wording`].

use graph_model::ODataErrorResponse;

use crate::shared::error::{AppError, HttpFailure};

/// A response as the page shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseView {
    /// The HTTP status.
    pub status: u16,
    /// Milliseconds from sending to the whole body.
    pub elapsed_ms: f64,
    /// Response headers that the browser let the page read (CORS hides the others).
    pub headers: Vec<(String, String)>,
    /// The body size in bytes.
    pub size: usize,
    /// The body: pretty-printed when it is JSON, otherwise as received.
    pub body: String,
    /// The OData error, when the body is one.
    pub error: Option<ErrorSummary>,
}

/// The parts of an OData error worth reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorSummary {
    /// `error.code`.
    pub code: String,
    /// The message, with Intune's JSON-in-message unpacked.
    pub message: String,
    /// `innerError.request-id`.
    pub request_id: Option<String>,
    /// `innerError.date`.
    pub date: Option<String>,
}

/// How an attempt to send ended.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// An HTTP response arrived (of any status).
    Response(ResponseView),
    /// No response: a network failure, a timeout or a cancel.
    NoResponse(AppError),
}

/// The standard reason phrase.
pub fn reason_phrase(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Payload Too Large",
        415 => "Unsupported Media Type",
        424 => "Failed Dependency",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "",
    }
}

impl ResponseView {
    /// The failure this answer describes, or `None` for a success.
    pub fn failure(&self, client_request_id: Option<&str>) -> Option<HttpFailure> {
        if self.is_success() {
            return None;
        }
        let error = self.error.as_ref();
        Some(HttpFailure {
            status: self.status,
            code: error.map(|error| error.code.clone()),
            message: error.map(|error| error.message.clone()),
            request_id: self.request_id(),
            client_request_id: client_request_id.map(str::to_owned),
        })
    }

    /// Builds the view from what the browser gave.
    pub fn new(status: u16, headers: Vec<(String, String)>, body: &str, elapsed_ms: f64) -> Self {
        let error = ODataErrorResponse::parse(body).map(|parsed| {
            let inner = parsed.error.inner_error.clone().unwrap_or_default();
            ErrorSummary {
                code: parsed.error.code.clone(),
                message: parsed.error.readable_message(),
                request_id: inner.request_id,
                date: inner.date,
            }
        });
        let pretty = serde_json::from_str::<serde_json::Value>(body)
            .ok()
            .and_then(|value| serde_json::to_string_pretty(&value).ok())
            .unwrap_or_else(|| body.to_owned());
        ResponseView {
            status,
            elapsed_ms,
            headers,
            size: body.len(),
            body: pretty,
            error,
        }
    }

    /// The service's `request-id`: the header, or the error body's `innerError` when CORS hides
    /// the header.
    pub fn request_id(&self) -> Option<String> {
        self.header("request-id")
            .map(str::to_owned)
            .or_else(|| self.error.as_ref()?.request_id.clone())
    }

    /// True for 2xx.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }

    /// A header's value (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_keeps_its_status_code_and_ids() {
        let body = r#"{"error":{"code":"ResourceNotFound","message":"No assignment a_1","innerError":{"request-id":"inner-7"}}}"#;
        let view = ResponseView::new(404, vec![], body, 5.0);
        let failure = view.failure(Some("client-1")).unwrap();
        assert_eq!(
            failure,
            HttpFailure {
                status: 404,
                code: Some("ResourceNotFound".into()),
                message: Some("No assignment a_1".into()),
                request_id: Some("inner-7".into()),
                client_request_id: Some("client-1".into()),
            }
        );
        let headed = ResponseView::new(
            503,
            vec![("Request-Id".into(), "head-1".into())],
            "oops",
            1.0,
        );
        let failure = headed.failure(None).unwrap();
        assert_eq!(failure.request_id.as_deref(), Some("head-1"));
        assert_eq!(failure.code, None);
        assert_eq!(ResponseView::new(204, vec![], "", 1.0).failure(None), None);
    }

    #[test]
    fn success_is_2xx_and_the_request_id_comes_from_the_header_first() {
        assert!(ResponseView::new(204, vec![], "", 12.0).is_success());
        assert!(!ResponseView::new(300, vec![], "", 12.0).is_success());
        let body = r#"{"error":{"code":"x","message":"y","innerError":{"request-id":"inner"}}}"#;
        let hidden = ResponseView::new(404, vec![], body, 1.0);
        assert_eq!(hidden.request_id().as_deref(), Some("inner"));
        let shown = ResponseView::new(404, vec![("Request-Id".into(), "header".into())], body, 1.0);
        assert_eq!(shown.request_id().as_deref(), Some("header"));
    }

    #[test]
    fn odata_errors_are_unpacked() {
        let body = r#"{"error":{"code":"BadRequest","message":"{\"_version\":3,\"Message\":\"An error has occurred - Operation ID: 1\",\"CustomApiErrorPhrase\":\"\"}","innerError":{"date":"2026-11-28T11:00:00","request-id":"r-1"}}}"#;
        let view = ResponseView::new(400, vec![], body, 80.0);
        let error = view.error.clone().unwrap();
        assert_eq!(error.code, "BadRequest");
        assert_eq!(error.message, "An error has occurred - Operation ID: 1");
        assert_eq!(error.request_id.as_deref(), Some("r-1"));
        assert!(view.body.contains("\n  \"error\""), "pretty-printed");
        assert_eq!(view.size, body.len());
    }

    #[test]
    fn non_json_bodies_are_kept_as_text() {
        let view = ResponseView::new(502, vec![], "<html>bad gateway</html>", 0.0);
        assert_eq!(view.body, "<html>bad gateway</html>");
        assert_eq!(view.error, None);
    }
}
