//! Request handlers, one module per resource.

pub mod assignments;
pub mod audit_events;
pub mod batch;
pub mod configurations;
pub mod directory;
pub mod directory_objects;
pub mod fallback;
pub mod group_members;
pub mod query;
pub mod statuses;

use axum::extract::rejection::PathRejection;
use axum::http::HeaderMap;
use axum::http::header;
use graph_model::ApiVersion;
use graph_model::request::CONFIGURATIONS_PATH;
use serde_json::{Map, Value};

use crate::error::ApiError;
use crate::server::SCHEME_HEADER;

/// The service root as the client reached it (scheme and host), for `@odata.context`,
/// `@odata.nextLink` and `Location`.
pub fn service_root(headers: &HeaderMap) -> String {
    let host = headers
        .get(header::HOST)
        .and_then(|value| value.to_str().ok())
        .unwrap_or("127.0.0.1");
    let scheme = match headers
        .get(SCHEME_HEADER)
        .and_then(|value| value.to_str().ok())
    {
        Some("https") => "https",
        _ => "http",
    };
    format!("{scheme}://{host}/{}", ApiVersion::Beta)
}

/// The configurations' path as `@odata.context` names it after `$metadata#` (no leading `/`).
pub fn metadata_path() -> &'static str {
    CONFIGURATIONS_PATH.trim_start_matches('/')
}

/// Adds `@odata.context` in front of an entity or collection.
pub fn with_context(context: String, value: Value) -> Value {
    let mut object = Map::new();
    object.insert("@odata.context".to_owned(), Value::String(context));
    match value {
        Value::Object(fields) => object.extend(fields),
        other => {
            object.insert("value".to_owned(), other);
        }
    }
    Value::Object(object)
}

/// Maps a path that cannot be decoded (such as invalid UTF-8 in a percent-escape) to a 400.
pub fn path_error(rejection: PathRejection) -> ApiError {
    ApiError::bad_request(format!("The URL path could not be read: {rejection}."))
}
