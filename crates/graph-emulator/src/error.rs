//! The one error type of the emulator. Every failure becomes an OData error body; the request
//! context middleware ([`crate::context`]) adds `innerError` with the request's ids and date.

use axum::http::{HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use graph_model::{Diagnostics, ErrorDetail, ODataError};

/// An error answer: a status, the OData error, and any extra headers.
#[derive(Debug, Clone)]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The OData error (without `innerError`, which is added per request); boxed to keep
    /// `Result<_, ApiError>` small.
    pub error: Box<ODataError>,
    /// Headers such as `Retry-After` or `WWW-Authenticate`.
    pub headers: Vec<(HeaderName, HeaderValue)>,
}

/// Put in a response's extensions by [`ApiError`]; the context middleware turns it into the body.
#[derive(Debug, Clone)]
pub struct PendingODataError(pub ODataError);

impl ApiError {
    /// An error with this status, code and message.
    pub fn new(status: StatusCode, code: &str, message: impl Into<String>) -> Self {
        ApiError {
            status,
            error: Box::new(ODataError::new(code, message)),
            headers: Vec::new(),
        }
    }

    /// Adds a header.
    pub fn with_header(mut self, name: HeaderName, value: &str) -> Self {
        if let Ok(value) = HeaderValue::from_str(value) {
            self.headers.push((name, value));
        }
        self
    }

    /// 400 `BadRequest`.
    pub fn bad_request(message: impl Into<String>) -> Self {
        ApiError::new(StatusCode::BAD_REQUEST, "BadRequest", message)
    }

    /// 400 for a body the model refused: every problem in `details`, with its JSON pointer as
    /// the target. An unknown or abstract `@odata.type` earns `ModelValidationFailure`, as on
    /// Graph.
    pub fn invalid_body(diagnostics: &Diagnostics) -> Self {
        let type_problem = diagnostics
            .errors
            .iter()
            .any(|problem| problem.pointer.ends_with("/@odata.type"));
        let code = if type_problem {
            "ModelValidationFailure"
        } else {
            "BadRequest"
        };
        let message = diagnostics
            .errors
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(" ");
        let mut error = ApiError::new(StatusCode::BAD_REQUEST, code, message);
        error.error.details = diagnostics
            .errors
            .iter()
            .map(|problem| ErrorDetail {
                code: code.to_owned(),
                message: problem.message.clone(),
                target: Some(problem.pointer.clone()),
            })
            .collect();
        error
    }

    /// 404 for an id that does not exist.
    pub fn not_found(what: &str, id: &str) -> Self {
        ApiError::new(
            StatusCode::NOT_FOUND,
            "ResourceNotFound",
            format!("{what} with id '{id}' was not found."),
        )
    }

    /// 400 as Intune answers a documented route it does not serve: `method` on the assignments of
    /// `configuration_id` (the collection, or the item `assignment_id`).
    pub fn route_not_served(
        method: &str,
        configuration_id: &str,
        assignment_id: Option<&str>,
    ) -> Self {
        let (template, item) = match assignment_id {
            Some(id) => (
                "~/singleton/navigation/key/navigation/key",
                format!("('{id}')"),
            ),
            None => ("~/singleton/navigation/key/navigation", String::new()),
        };
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "No method match route template",
            format!(
                "No OData route exists that match template {template} with http verb {method} for request \
                 /AppLifecycle_2012/StatelessAppMetadataFEService/deviceAppManagement/\
                 iosLobAppProvisioningConfigurations('{configuration_id}')/assignments{item}."
            ),
        )
    }

    /// 401 `InvalidAuthenticationToken`, with the `WWW-Authenticate` challenge Graph sends.
    pub fn unauthorized(message: &str) -> Self {
        ApiError::new(
            StatusCode::UNAUTHORIZED,
            "InvalidAuthenticationToken",
            message,
        )
        .with_header(
            header::WWW_AUTHENTICATE,
            "Bearer realm=\"\", authorization_uri=\"https://login.microsoftonline.com/common/oauth2/authorize\", client_id=\"00000003-0000-0000-c000-000000000000\"",
        )
    }

    /// 400 for a change that would pass one of the emulator's limits, naming the flag.
    pub fn limit_reached(what: &str, limit: usize, flag: &str) -> Self {
        ApiError::bad_request(format!(
            "The emulator keeps at most {limit} {what}, and this change would pass that. Start it with {flag} to allow more."
        ))
    }

    /// 429 `TooManyRequests` with `Retry-After` in seconds.
    pub fn too_many_requests(retry_after_seconds: u64) -> Self {
        ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "TooManyRequests",
            "Too many requests: the write limit for this application was reached. Retry after the time in Retry-After.",
        )
        .with_header(header::RETRY_AFTER, &retry_after_seconds.to_string())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut response = self.status.into_response();
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
            .extensions_mut()
            .insert(PendingODataError(*self.error));
        response
    }
}

impl From<std::io::Error> for ApiError {
    /// Saving the data file failed (the error says whether the change was made).
    fn from(error: std::io::Error) -> Self {
        tracing::error!(%error, "could not save the data file");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            format!("The emulator could not save its data file: {error}."),
        )
    }
}
