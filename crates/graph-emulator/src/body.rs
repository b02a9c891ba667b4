//! The JSON body extractor: its rejections are OData errors, never framework text.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};
use graph_model::Problem;
use serde_json::Value;

use crate::error::ApiError;
use crate::server::{BodyReadLimit, DEFAULT_CLIENT_TIMEOUT};

/// A request body that is JSON (by `Content-Type`) and parses; its shape is checked by the
/// handler with the model crate.
#[derive(Debug, Clone)]
pub struct JsonBody(pub Value);

impl<S: Send + Sync> FromRequest<S> for JsonBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, ApiError> {
        let content_type = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .unwrap_or("");
        let media_type = content_type.split(';').next().unwrap_or("").trim();
        if !media_type.eq_ignore_ascii_case("application/json") {
            let given = if content_type.is_empty() {
                "no Content-Type".to_owned()
            } else {
                format!("Content-Type '{content_type}'")
            };
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "UnsupportedMediaType",
                format!("The request has {given}; send the body as application/json."),
            ));
        }
        let limit = request
            .extensions()
            .get::<BodyReadLimit>()
            .map_or(DEFAULT_CLIENT_TIMEOUT, |limit| limit.0);
        let bytes = tokio::time::timeout(limit, Bytes::from_request(request, state))
            .await
            .map_err(|_| {
                ApiError::new(
                    StatusCode::REQUEST_TIMEOUT,
                    "RequestTimeout",
                    format!(
                        "The request body did not arrive within {} seconds.",
                        limit.as_secs()
                    ),
                )
            })?
            .map_err(|rejection| {
                if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                    ApiError::new(
                        StatusCode::PAYLOAD_TOO_LARGE,
                        "RequestEntityTooLarge",
                        "The request body is larger than the emulator accepts.",
                    )
                } else {
                    ApiError::bad_request("The request body could not be read.")
                }
            })?;
        serde_json::from_slice(&bytes)
            .map(JsonBody)
            .map_err(|error| ApiError::bad_request(Problem::from_syntax_error(&error).message))
    }
}
