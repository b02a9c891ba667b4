//! Where the emulator once differed from Graph: the envelope's version in `$batch`, `$top=0`,
//! `innerError` on every inner error, and injected faults inside a batch.

mod common;

use axum::http::StatusCode;
use common::{ASSIGNMENT, CONFIGURATION, CONFIGURATIONS, emulator, json_request, request, send};
use graph_emulator::EmulatorConfig;
use serde_json::{Value, json};

fn assignment_url() -> String {
    format!(
        "/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    )
}

/// Posts `requests` to `/{version}/$batch` and returns the inner responses.
async fn batch(app: &axum::Router, version: &str, requests: Value) -> Vec<Value> {
    let body = json!({ "requests": requests });
    let answer = send(
        app,
        json_request("POST", &format!("/{version}/$batch"), &body.to_string()),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()["responses"].as_array().unwrap().clone()
}

#[tokio::test]
async fn a_v1_batch_runs_its_requests_under_v1_as_graph_does() {
    let app = emulator(EmulatorConfig::default());
    let direct = send(&app, request("GET", &format!("/v1.0{}", assignment_url()))).await;
    assert_eq!(direct.status, StatusCode::BAD_REQUEST);
    let inner = batch(
        &app,
        "v1.0",
        json!([{"id": "1", "method": "GET", "url": assignment_url()}]),
    )
    .await;
    assert_eq!(inner[0]["status"], 400);
    assert_eq!(inner[0]["body"]["error"]["code"], direct.error_code());
    let beta = batch(
        &app,
        "beta",
        json!([{"id": "1", "method": "GET", "url": assignment_url()}]),
    )
    .await;
    assert_eq!(beta[0]["status"], 200);
}

#[tokio::test]
async fn top_zero_is_an_empty_page_without_a_next_link() {
    let app = emulator(EmulatorConfig::default());
    let answer = send(&app, request("GET", &format!("{CONFIGURATIONS}?$top=0"))).await;
    assert_eq!(answer.status, StatusCode::OK);
    let body = answer.json();
    assert_eq!(body["value"], json!([]));
    assert!(body.get("@odata.nextLink").is_none(), "{body}");
}

#[tokio::test]
async fn every_inner_error_carries_inner_error_with_request_id_and_date() {
    let app = emulator(EmulatorConfig::default());
    let inner = batch(
        &app,
        "beta",
        json!([
            {"id": "1", "method": "GET", "url": "/deviceAppManagement/iosLobAppProvisioningConfigurations/missing"},
            {"id": "2", "method": "GET", "url": assignment_url(), "dependsOn": ["1"]},
            {"id": "3", "method": "GET", "url": assignment_url(), "headers": {"bad header name": "x"}}
        ]),
    )
    .await;
    let statuses: Vec<u64> = inner
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [404, 424, 400]);
    for response in &inner {
        let error = &response["body"]["error"];
        let request_id = error["innerError"]["request-id"].as_str().unwrap();
        assert_eq!(request_id.len(), 36, "{response}");
        assert!(error["innerError"]["date"].is_string(), "{response}");
        assert_eq!(response["headers"]["request-id"], request_id, "{response}");
    }
}

#[tokio::test]
async fn injected_faults_reach_inner_requests() {
    let app = emulator(EmulatorConfig {
        fail_rate: 1.0,
        ..EmulatorConfig::default()
    });
    let inner = batch(
        &app,
        "beta",
        json!([
            {"id": "1", "method": "GET", "url": assignment_url()},
            {"id": "2", "method": "GET", "url": assignment_url()}
        ]),
    )
    .await;
    for response in &inner {
        let status = response["status"].as_u64().unwrap();
        assert!([500, 503, 504].contains(&status), "{response}");
        assert!(
            response["body"]["error"]["message"]
                .as_str()
                .unwrap()
                .contains("--fail-rate")
        );
    }
}

#[tokio::test]
async fn inner_urls_that_start_with_the_version_run_under_it() {
    // Microsoft's JavaScript SDK strips only the host from the URLs it batches.
    let app = emulator(EmulatorConfig::default());
    let inner = batch(
        &app,
        "beta",
        json!([
            {"id": "1", "method": "GET", "url": format!("/beta{}", assignment_url())},
            {"id": "2", "method": "GET", "url": format!("/v1.0{}", assignment_url())}
        ]),
    )
    .await;
    assert_eq!(inner[0]["status"], 200);
    assert_eq!(inner[1]["status"], 400, "v1.0 has no such entity");
}
