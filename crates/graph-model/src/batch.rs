//! JSON batching: the `$batch` request and response envelopes and Graph's rules for them.

use std::collections::{BTreeMap, HashSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::problem::Problem;

/// Graph accepts at most this many requests in one batch.
pub const MAX_BATCH_REQUESTS: usize = 20;

/// The methods a batch may carry.
pub const BATCH_METHODS: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

/// `POST /$batch` body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchRequest {
    /// The requests, in any order; `depends_on` orders them.
    pub requests: Vec<BatchRequestItem>,
}

/// One request inside a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct BatchRequestItem {
    /// Unique within the batch; responses are matched by it.
    pub id: String,
    /// The HTTP method.
    pub method: String,
    /// A URL relative to the version root, such as `/deviceAppManagement/...`.
    pub url: String,
    /// Request headers; `Content-Type` is required when there is a body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headers: Option<BTreeMap<String, String>>,
    /// The body, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
    /// Ids of requests that must succeed first; when one fails this one gets 424.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depends_on: Option<Vec<String>>,
}

/// The `$batch` response body (the envelope is 200 even when inner requests fail).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchResponse {
    /// One response per request, in any order.
    pub responses: Vec<BatchResponseItem>,
}

/// One response inside a batch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchResponseItem {
    /// The id of the request it answers.
    pub id: String,
    /// The HTTP status.
    pub status: u16,
    /// Response headers (readable here even where CORS hides them on the envelope).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// The body, as JSON.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Value>,
}

impl BatchRequestItem {
    /// The value of a header (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .as_ref()?
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }
}

impl BatchRequest {
    /// Checks Graph's batch rules; any error makes the whole batch a 400. Every problem is
    /// returned, each with a JSON pointer such as `/requests/3/id`.
    pub fn validate(&self) -> Result<(), Vec<Problem>> {
        let mut problems = Vec::new();
        if self.requests.is_empty() {
            problems.push(Problem::new(
                "/requests",
                "A batch needs at least one request.",
            ));
        }
        if self.requests.len() > MAX_BATCH_REQUESTS {
            problems.push(Problem::new(
                "/requests",
                format!(
                    "A batch may hold at most {MAX_BATCH_REQUESTS} requests; this one holds {}.",
                    self.requests.len()
                ),
            ));
        }
        let ids: HashSet<&str> = self.requests.iter().map(|r| r.id.as_str()).collect();
        let mut seen = HashSet::new();
        for (index, item) in self.requests.iter().enumerate() {
            let at = |field: &str| format!("/requests/{index}/{field}");
            if item.id.is_empty() {
                problems.push(Problem::new(at("id"), "The request id must not be empty."));
            } else if !seen.insert(item.id.as_str()) {
                problems.push(Problem::new(
                    at("id"),
                    format!("The request id \"{}\" is used more than once.", item.id),
                ));
            }
            if !BATCH_METHODS.contains(&item.method.to_ascii_uppercase().as_str()) {
                problems.push(Problem::new(
                    at("method"),
                    format!("\"{}\" is not a method a batch can carry.", item.method),
                ));
            }
            if item.url.contains("://") || item.url.starts_with("//") {
                problems.push(
                    Problem::new(at("url"), "Batch URLs must be relative.")
                        .with_hint("Write /deviceAppManagement/..., without the host or version."),
                );
            }
            if item.body.is_some() && item.header("Content-Type").is_none() {
                problems.push(Problem::new(
                    at("headers"),
                    "A request with a body needs a Content-Type header.",
                ));
            }
            for dependency in item.depends_on.iter().flatten() {
                if !ids.contains(dependency.as_str()) || dependency == &item.id {
                    problems.push(Problem::new(
                        at("dependsOn"),
                        format!("\"{dependency}\" is not the id of another request in this batch."),
                    ));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn item(id: &str) -> BatchRequestItem {
        BatchRequestItem {
            id: id.to_owned(),
            method: "GET".to_owned(),
            url: "/deviceAppManagement/iosLobAppProvisioningConfigurations".to_owned(),
            headers: None,
            body: None,
            depends_on: None,
        }
    }

    #[test]
    fn parses_graph_spelling() {
        let batch: BatchRequest = serde_json::from_value(json!({"requests": [
            {"id": "1", "method": "PATCH", "url": "/x", "headers": {"Content-Type": "application/json"}, "body": {"a": 1}},
            {"id": "2", "method": "GET", "url": "/x", "dependsOn": ["1"]}
        ]}))
        .unwrap();
        assert_eq!(
            batch.requests[1].depends_on.as_deref(),
            Some(&["1".to_owned()][..])
        );
        assert!(batch.validate().is_ok());
    }

    #[test]
    fn enforces_graph_rules() {
        let mut with_body = item("2");
        with_body.body = Some(json!({}));
        let mut absolute = item("3");
        absolute.url = "https://graph.microsoft.com/beta/me".to_owned();
        let mut dangling = item("4");
        dangling.depends_on = Some(vec!["9".to_owned()]);
        let mut bad_method = item("5");
        bad_method.method = "TRACE".to_owned();
        let batch = BatchRequest {
            requests: vec![
                item("1"),
                item("1"),
                with_body,
                absolute,
                dangling,
                bad_method,
            ],
        };
        let pointers: Vec<String> = batch
            .validate()
            .unwrap_err()
            .into_iter()
            .map(|p| p.pointer)
            .collect();
        assert_eq!(
            pointers,
            [
                "/requests/1/id",
                "/requests/2/headers",
                "/requests/3/url",
                "/requests/4/dependsOn",
                "/requests/5/method"
            ]
        );
    }

    #[test]
    fn limits_batch_size() {
        let batch = BatchRequest {
            requests: (0..21).map(|i| item(&i.to_string())).collect(),
        };
        let problems = batch.validate().unwrap_err();
        assert!(problems[0].message.contains("at most 20"));
        assert!(BatchRequest { requests: vec![] }.validate().is_err());
    }

    #[test]
    fn response_round_trips() {
        let response = BatchResponse {
            responses: vec![BatchResponseItem {
                id: "1".to_owned(),
                status: 429,
                headers: BTreeMap::from([("Retry-After".to_owned(), "10".to_owned())]),
                body: Some(json!({"error": {"code": "TooManyRequests", "message": "slow down"}})),
            }],
        };
        let text = serde_json::to_string(&response).unwrap();
        assert_eq!(
            serde_json::from_str::<BatchResponse>(&text).unwrap(),
            response
        );
    }
}
