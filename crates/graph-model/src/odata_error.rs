//! The OData error body that every Graph failure carries, with Intune's habit of putting a JSON
//! document inside `message` unpacked.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// `{"error": {...}}`: the body of every Graph error response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ODataErrorResponse {
    /// The error.
    pub error: ODataError,
}

/// The error object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ODataError {
    /// A machine-readable code such as `BadRequest` or `InvalidAuthenticationToken`.
    pub code: String,
    /// A human-readable message; Intune often puts a JSON document here (see
    /// [`ODataError::intune_message`]).
    pub message: String,
    /// Individual problems, each naming its `target` (here a JSON pointer into the body).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub details: Vec<ErrorDetail>,
    /// Request identifiers and the time; spelled `innerError` or `innererror` by the service.
    #[serde(
        rename = "innerError",
        alias = "innererror",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub inner_error: Option<InnerError>,
}

/// One entry of an OData error's `details`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// A machine-readable code.
    pub code: String,
    /// A human-readable message.
    pub message: String,
    /// What the problem is about.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// `innerError`: what support needs to find the request.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct InnerError {
    /// The time, such as `2026-11-28T11:00:00` (no zone suffix).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The id the service gave the request.
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// The id the client sent, echoed (older responses lack it).
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
}

/// The JSON document Intune puts inside `message`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IntuneMessage {
    /// `Message`: the readable part.
    pub message: Option<String>,
    /// `CustomApiErrorPhrase`.
    pub custom_api_error_phrase: Option<String>,
    /// `RetryAfter`, as given (a number or a string).
    pub retry_after: Option<String>,
    /// `ErrorSourceService`.
    pub error_source_service: Option<String>,
}

impl ODataError {
    /// An error with a code and message and no inner error.
    pub fn new(code: impl Into<String>, message: impl Into<String>) -> Self {
        ODataError {
            code: code.into(),
            message: message.into(),
            details: Vec::new(),
            inner_error: None,
        }
    }

    /// Unpacks the JSON document Intune puts in `message`, if the message is one.
    pub fn intune_message(&self) -> Option<IntuneMessage> {
        let value: Value = serde_json::from_str(self.message.trim()).ok()?;
        let object = value.as_object()?;
        let text = |key: &str| match object.get(key)? {
            Value::String(text) if !text.is_empty() => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            _ => None,
        };
        Some(IntuneMessage {
            message: text("Message"),
            custom_api_error_phrase: text("CustomApiErrorPhrase"),
            retry_after: text("RetryAfter"),
            error_source_service: text("ErrorSourceService"),
        })
    }

    /// The message to show a person: Intune's inner `Message` when there is one, otherwise the
    /// message as given.
    pub fn readable_message(&self) -> String {
        self.intune_message()
            .and_then(|inner| inner.message)
            .unwrap_or_else(|| self.message.clone())
    }
}

impl ODataErrorResponse {
    /// Reads an error body; `None` when the text is not an OData error.
    pub fn parse(text: &str) -> Option<ODataErrorResponse> {
        serde_json::from_str(text).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_spellings_of_inner_error() {
        for key in ["innerError", "innererror"] {
            let text = format!(
                r#"{{"error":{{"code":"BadRequest","message":"m","{key}":{{"date":"2026-11-28T11:00:00","request-id":"r","client-request-id":"c"}}}}}}"#
            );
            let body = ODataErrorResponse::parse(&text).unwrap();
            let inner = body.error.inner_error.unwrap();
            assert_eq!(inner.request_id.as_deref(), Some("r"));
            assert_eq!(inner.client_request_id.as_deref(), Some("c"));
            assert_eq!(inner.date.as_deref(), Some("2026-11-28T11:00:00"));
        }
    }

    #[test]
    fn older_bodies_without_client_request_id_parse() {
        let body = ODataErrorResponse::parse(
            r#"{"error":{"code":"NotFound","message":"gone","innerError":{"request-id":"r"}}}"#,
        )
        .unwrap();
        assert_eq!(body.error.readable_message(), "gone");
        assert_eq!(body.error.inner_error.unwrap().client_request_id, None);
    }

    #[test]
    fn unpacks_intune_json_in_message() {
        let message = "{\r\n  \"_version\": 3,\r\n  \"Message\": \"An error has occurred - Operation ID (for customer support): 00000000-0000-0000-0000-000000000000\",\r\n  \"CustomApiErrorPhrase\": \"\",\r\n  \"RetryAfter\": null,\r\n  \"ErrorSourceService\": \"\",\r\n  \"HttpHeaders\": \"{}\"\r\n}";
        let error = ODataError::new("BadRequest", message);
        let inner = error.intune_message().unwrap();
        assert_eq!(inner.custom_api_error_phrase, None);
        assert_eq!(inner.retry_after, None);
        assert!(
            error
                .readable_message()
                .starts_with("An error has occurred")
        );
    }

    #[test]
    fn serialises_with_graph_spelling() {
        let error = ODataErrorResponse {
            error: ODataError {
                inner_error: Some(InnerError {
                    date: Some("d".into()),
                    request_id: Some("r".into()),
                    client_request_id: None,
                }),
                ..ODataError::new("NotFound", "m")
            },
        };
        assert_eq!(
            serde_json::to_string(&error).unwrap(),
            r#"{"error":{"code":"NotFound","message":"m","innerError":{"date":"d","request-id":"r"}}}"#
        );
        assert_eq!(ODataErrorResponse::parse("{\"value\": []}"), None);
    }
}
