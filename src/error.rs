//! The one error type of the app's edge. Services return it, the state holds it, and only
//! [`crate::wording`] turns it into sentences, so status, OData code and request ids stay
//! readable data until the view shows them.

use crate::response::ResponseView;

/// Why a request gave nothing usable.
#[derive(Debug, Clone, PartialEq)]
pub enum AppError {
    /// No answer: the host is unreachable or refused this page's origin (CORS). The browser
    /// does not say which.
    Network {
        /// The URL that could not be reached.
        url: String,
        /// The browser's own words.
        detail: String,
    },
    /// The user cancelled.
    Cancelled,
    /// No answer within the time allowed.
    TimedOut {
        /// The time allowed, in seconds.
        seconds: u32,
    },
    /// An answer that is not a success.
    Http(HttpFailure),
    /// An answer that arrived but is not what was asked for.
    Unreadable {
        /// The URL that answered.
        url: String,
        /// What the parser said.
        detail: String,
    },
    /// The page did not send the request.
    Refused(Refusal),
}

/// A non-success answer, with what identifies it in Graph's logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HttpFailure {
    /// The HTTP status.
    pub status: u16,
    /// `error.code` of the OData error, when the body is one.
    pub code: Option<String>,
    /// `error.message`, with Intune's JSON-in-message unpacked.
    pub message: Option<String>,
    /// The service's `request-id` (header, or `innerError`).
    pub request_id: Option<String>,
    /// The `client-request-id` the page sent.
    pub client_request_id: Option<String>,
}

/// Why the page would not send a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// There is no token to send.
    NoToken,
    /// A field is not valid: the model's message for it.
    InvalidField(String),
    /// A list continues on a URL outside the service root, where the token must not go.
    ForeignLink {
        /// The `@odata.nextLink`.
        link: String,
        /// The service root the list started on.
        root: String,
    },
    /// A list has more pages than the page follows.
    TooManyPages {
        /// How many pages are followed.
        limit: usize,
    },
    /// The browser lacks something the request needs (no window, no abort controller).
    NoBrowserSupport(String),
}

impl HttpFailure {
    /// The failure an answer describes, or `None` for a success.
    pub fn from_response(view: &ResponseView, client_request_id: Option<&str>) -> Option<Self> {
        if view.is_success() {
            return None;
        }
        let error = view.error.as_ref();
        Some(HttpFailure {
            status: view.status,
            code: error.map(|error| error.code.clone()),
            message: error.map(|error| error.message.clone()),
            request_id: view.request_id(),
            client_request_id: client_request_id.map(str::to_owned),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failure_keeps_its_status_code_and_ids() {
        let body = r#"{"error":{"code":"ResourceNotFound","message":"No assignment a_1","innerError":{"request-id":"inner-7"}}}"#;
        let view = ResponseView::new(404, vec![], body, 5.0);
        let failure = HttpFailure::from_response(&view, Some("client-1")).unwrap();
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
        let failure = HttpFailure::from_response(&headed, None).unwrap();
        assert_eq!(failure.request_id.as_deref(), Some("head-1"));
        assert_eq!(failure.code, None);
        assert_eq!(
            HttpFailure::from_response(&ResponseView::new(204, vec![], "", 1.0), None),
            None
        );
    }
}
