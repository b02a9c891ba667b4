//! What came back, made readable: the status and its meaning, the OData error unpacked, and a
//! hint for the usual causes.

use graph_model::ODataErrorResponse;

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
    /// An HTTP response arrived.
    Response(ResponseView),
    /// No response: the browser reports only that the request failed.
    NetworkFailure {
        /// The browser's words.
        detail: String,
        /// The URL that could not be reached.
        url: String,
    },
    /// No response before the timeout.
    TimedOut {
        /// The timeout in seconds.
        seconds: u32,
    },
    /// The user cancelled.
    Cancelled,
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

    /// The status line, such as `204 No Content`.
    pub fn status_line(&self) -> String {
        format!("{} {}", self.status, reason_phrase(self.status))
            .trim_end()
            .to_owned()
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

    /// What the status means for this request, and what to do about it.
    pub fn meaning(&self) -> String {
        match self.status {
            200 => "Success: Graph applied the change and returned the updated assignment.".to_owned(),
            204 => "Success: Graph applied the change and sent no body. Re-read the assignment to see it.".to_owned(),
            400 => "Graph refused the request: the body, an id or the API version is wrong. The message says which; v1.0 does not have this entity.".to_owned(),
            401 => "The token is missing, expired or not for this cloud. Get a fresh one (Graph Explorer's Access token tab, or az account get-access-token --resource https://graph.microsoft.com) and paste it again.".to_owned(),
            403 => "The token is valid but lacks permission: it needs DeviceManagementApps.ReadWrite.All (with admin consent), and a delegated user also needs an Intune role that can assign apps.".to_owned(),
            404 => "The configuration or assignment id does not exist in this tenant. Pick them from the lists to be sure.".to_owned(),
            405 => "This method is not allowed on this URL.".to_owned(),
            413 => "The body is too large.".to_owned(),
            415 => "The body was not sent as application/json.".to_owned(),
            429 => match self.header("Retry-After") {
                Some(wait) => format!("Throttled: Intune allows about 100 writes per 20 seconds per app. Wait {wait} seconds (Retry-After) before sending again."),
                None => "Throttled: Intune allows about 100 writes per 20 seconds per app. The Retry-After header is not readable here (CORS may hide it): wait a few seconds, then longer each time.".to_owned(),
            },
            500..=599 => match self.header("Retry-After") {
                Some(wait) => format!("A server-side failure, usually passing. Retry after {wait} seconds (Retry-After); PATCH is safe to repeat."),
                None => "A server-side failure, usually passing. Retry in a few seconds; PATCH is safe to repeat.".to_owned(),
            },
            status if (200..300).contains(&status) => "Success.".to_owned(),
            _ => "An unexpected status: see the body.".to_owned(),
        }
    }
}

impl Outcome {
    /// The first words of the response region.
    pub fn headline(&self) -> String {
        match self {
            Outcome::Response(view) => view.status_line(),
            Outcome::NetworkFailure { .. } => "No response: network error".to_owned(),
            Outcome::TimedOut { seconds } => format!("No response within {seconds} s: timed out"),
            Outcome::Cancelled => "Cancelled: the request was aborted".to_owned(),
        }
    }

    /// Advice for the failures that have no status.
    pub fn advice(&self) -> Option<String> {
        match self {
            Outcome::NetworkFailure { url, .. } => Some(format!(
                "The browser could not complete the request to {url}. Usually the host is unreachable (is the emulator running?) or the server did not allow this page's origin (CORS). The browser hides which: its developer console has the detail."
            )),
            Outcome::TimedOut { .. } => Some("The server did not answer in time. The change may or may not have been applied: re-read the assignment before sending again.".to_owned()),
            Outcome::Cancelled => Some("The request was cancelled. If it had reached the server the change may have been applied: re-read the assignment.".to_owned()),
            Outcome::Response(_) => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_lines_and_meanings() {
        let view = ResponseView::new(204, vec![], "", 12.0);
        assert_eq!(view.status_line(), "204 No Content");
        assert!(view.is_success());
        assert!(view.meaning().contains("Re-read"));
        assert_eq!(ResponseView::new(299, vec![], "", 0.0).status_line(), "299");
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
    fn throttling_hint_uses_retry_after_when_readable() {
        let view = ResponseView::new(429, vec![("retry-after".into(), "7".into())], "{}", 1.0);
        assert!(view.meaning().contains("Wait 7 seconds"));
        let hidden = ResponseView::new(429, vec![], "{}", 1.0);
        assert!(hidden.meaning().contains("not readable"));
    }

    #[test]
    fn usual_causes_are_named() {
        assert!(
            ResponseView::new(403, vec![], "", 0.0)
                .meaning()
                .contains("DeviceManagementApps.ReadWrite.All")
        );
        assert!(
            ResponseView::new(401, vec![], "", 0.0)
                .meaning()
                .contains("token")
        );
        assert!(
            ResponseView::new(404, vec![], "", 0.0)
                .meaning()
                .contains("id")
        );
        let failure = Outcome::NetworkFailure {
            detail: "TypeError: Failed to fetch".into(),
            url: "http://127.0.0.1:9".into(),
        };
        assert!(failure.advice().unwrap().contains("CORS"));
        assert!(failure.headline().starts_with("No response"));
    }

    #[test]
    fn non_json_bodies_are_kept_as_text() {
        let view = ResponseView::new(502, vec![], "<html>bad gateway</html>", 0.0);
        assert_eq!(view.body, "<html>bad gateway</html>");
        assert_eq!(view.error, None);
    }
}
