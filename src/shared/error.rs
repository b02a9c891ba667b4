//! The one error type of the app's edge. Services return it, the state holds it, and only
//! [`crate::shared::wording`] turns it into sentences, so status, OData code and request ids stay
//! readable data until the view shows them.

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
    /// The browser says it is offline: nothing was sent.
    Offline,
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
