//! Errors in the shape Entra ID's token endpoint answers them, and as an authorize redirect
//! carries them back to the app.

use std::time::SystemTime;

use axum::Json;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;

use graph_model::signin::authority::form_encode;

/// An OAuth error with its AADSTS code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntraError {
    /// The OAuth error, such as `invalid_grant`.
    pub error: &'static str,
    /// The AADSTS number.
    pub code: u32,
    /// What went wrong, as Entra words it.
    pub message: String,
}

impl EntraError {
    /// An error with this OAuth error, AADSTS number and message.
    pub fn new(error: &'static str, code: u32, message: impl Into<String>) -> EntraError {
        EntraError {
            error,
            code,
            message: message.into(),
        }
    }

    /// AADSTS900144: a required parameter is missing.
    pub fn missing(parameter: &str) -> EntraError {
        EntraError::new(
            "invalid_request",
            900144,
            format!("The request body must contain the following parameter: '{parameter}'."),
        )
    }

    /// `AADSTS<code>: <message>`, the start of every `error_description`.
    pub fn description(&self) -> String {
        format!("AADSTS{}: {}", self.code, self.message)
    }

    /// The query (or fragment) that an authorize redirect carries back, with `state`.
    pub fn redirect_parameters(&self, state: Option<&str>) -> String {
        let description = self.description();
        let mut parameters = vec![("error", self.error), ("error_description", &description)];
        if let Some(state) = state {
            parameters.push(("state", state));
        }
        form_encode(&parameters)
    }
}

impl IntoResponse for EntraError {
    fn into_response(self) -> Response {
        let trace_id = uuid::Uuid::new_v4().to_string();
        let correlation_id = uuid::Uuid::new_v4().to_string();
        let timestamp = format!(
            "{}Z",
            crate::context::graph_date(SystemTime::now()).replace('T', " ")
        );
        let status = if self.error == "invalid_client" {
            StatusCode::UNAUTHORIZED
        } else {
            StatusCode::BAD_REQUEST
        };
        let body = json!({
            "error": self.error,
            "error_description": format!(
                "{} Trace ID: {trace_id} Correlation ID: {correlation_id} Timestamp: {timestamp}",
                self.description()
            ),
            "error_codes": [self.code],
            "timestamp": timestamp,
            "trace_id": trace_id,
            "correlation_id": correlation_id,
        });
        (status, [(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
    }
}
