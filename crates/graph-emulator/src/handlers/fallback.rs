//! Answers for what matches no resource: unknown routes, wrong methods, and v1.0.

use axum::http::{Method, StatusCode, Uri};

use crate::error::ApiError;

/// 404 for a path the emulator does not serve.
pub async fn not_found(uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::NOT_FOUND,
        "NotFound",
        format!("Resource not found for the segment in '{}'.", uri.path()),
    )
}

/// 405 for a known path with a method it does not take.
pub async fn method_not_allowed(method: Method, uri: Uri) -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "No method match route template",
        format!(
            "No OData route exists that match template with http verb {method} for request {}.",
            uri.path()
        ),
    )
}

/// 400 for the v1.0 paths: the entity set exists only in beta.
pub async fn beta_only() -> ApiError {
    ApiError::bad_request(
        "Resource not found for the segment 'iosLobAppProvisioningConfigurations'.",
    )
}
