//! Helpers shared by the emulator's tests.
#![allow(dead_code)]

pub mod kill9;

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use graph_emulator::store::{Dataset, Store};
use graph_emulator::{AppState, EmulatorConfig, app};
use serde_json::Value;
use tower::ServiceExt;

/// A configuration and assignment of the sample fixture.
pub const CONFIGURATION: &str = "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01";
pub const ASSIGNMENT: &str =
    "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";
pub const GROUP: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";

pub const CONFIGURATIONS: &str = "/beta/deviceAppManagement/iosLobAppProvisioningConfigurations";

/// The URL path of the sample assignment.
pub fn assignment_path() -> String {
    format!("{CONFIGURATIONS}/{CONFIGURATION}/assignments/{ASSIGNMENT}")
}

/// The emulator over the sample data with `config`.
pub fn emulator(config: EmulatorConfig) -> Router {
    app(AppState::new(config, Store::in_memory(Dataset::sample())))
}

/// A response read whole.
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub text: String,
}

impl Answer {
    /// The body as JSON (panics when it is not).
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|error| panic!("{error}: {}", self.text))
    }

    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The OData error code.
    pub fn error_code(&self) -> String {
        self.json()["error"]["code"]
            .as_str()
            .unwrap_or_default()
            .to_owned()
    }
}

/// Sends a request through the router.
pub async fn send(app: &Router, request: Request<Body>) -> Answer {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
        .await
        .unwrap();
    Answer {
        status,
        headers,
        text: String::from_utf8_lossy(&bytes).into_owned(),
    }
}

/// An authorised request without a body.
pub fn request(method: &str, path: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", "Bearer test-token")
        .body(Body::empty())
        .unwrap()
}

/// An authorised request with a JSON body.
pub fn json_request(method: &str, path: &str, body: &str) -> Request<Body> {
    Request::builder()
        .method(method)
        .uri(path)
        .header("authorization", "Bearer test-token")
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap()
}

/// A PATCH body for an included group.
pub fn group_body(group: &str) -> String {
    format!(
        r##"{{"@odata.type":"#microsoft.graph.iosLobAppProvisioningConfigurationAssignment","target":{{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"{group}"}}}}"##
    )
}

/// The path (and query) of an `@odata.nextLink`, as the router is sent it.
pub fn link_path(link: &str) -> String {
    let (_, rest) = link.split_once("://").expect("an absolute link");
    rest[rest.find('/').expect("a path")..].to_owned()
}
