//! The counts for bulk tests: writes per assignment, requests, 429s and batches, over a
//! generated data set; answered only to clients on the loopback interface.

mod common;

use std::net::SocketAddr;
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use common::*;
use graph_emulator::config::Throttle;
use graph_emulator::generate::{Size, generate};
use graph_emulator::stats::Peer;
use graph_emulator::store::Store;
use graph_emulator::{AppState, EmulatorConfig, app};
use serde_json::{Value, json};

fn from(mut request: Request<Body>, peer: &str) -> Request<Body> {
    let address: SocketAddr = peer.parse().unwrap();
    request.extensions_mut().insert(Peer(address));
    request
}

async fn counts(app: &Router) -> Value {
    let answer = send(
        app,
        from(request("GET", "/_emulator/stats"), "127.0.0.1:5000"),
    )
    .await;
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.text);
    answer.json()
}

#[tokio::test]
async fn a_batch_of_writes_is_counted_per_assignment_with_its_429s() {
    let data = generate(Size {
        configurations: 2,
        assignments: 3,
    })
    .unwrap();
    let config = EmulatorConfig {
        throttle: Throttle::Limit {
            writes: 2,
            window: Duration::from_secs(60),
        },
        ..EmulatorConfig::default()
    };
    let record = &data.configurations[1];
    let configuration = record.configuration.id.to_string();
    let ids: Vec<String> = record
        .assignments
        .iter()
        .map(|a| a.id.to_string())
        .collect();
    let app = app(AppState::new(config, Store::in_memory(data)));
    let patch = json!({
        "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget"}
    });
    let requests: Vec<Value> = ids
        .iter()
        .enumerate()
        .map(|(index, id)| {
            json!({
                "id": (index + 1).to_string(),
                "method": "PATCH",
                "url": format!("/deviceAppManagement/iosLobAppProvisioningConfigurations/{configuration}/assignments/{id}"),
                "headers": {"Content-Type": "application/json"},
                "body": patch,
            })
        })
        .collect();
    let batch = json!({ "requests": requests }).to_string();
    let answer = send(&app, json_request("POST", "/beta/$batch", &batch)).await;
    assert_eq!(answer.status, StatusCode::OK);
    let statuses: Vec<u64> = answer.json()["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|response| response["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|&&status| status == 429).count(), 1);

    let seen = counts(&app).await;
    assert_eq!(seen["batches"], 1);
    assert_eq!(seen["requests"], 3, "the inner requests, not the envelope");
    assert_eq!(seen["throttled"], 1);
    assert_eq!(seen["totalWrites"], 2);
    let written: u64 = ids
        .iter()
        .map(|id| seen["writes"][id].as_u64().unwrap_or(0))
        .sum();
    assert_eq!(written, 2);

    let reset = send(
        &app,
        from(request("POST", "/_emulator/stats/reset"), "[::1]:7000"),
    )
    .await;
    assert_eq!(reset.status, StatusCode::NO_CONTENT);
    let cleared = counts(&app).await;
    assert_eq!(cleared["totalWrites"], 0);
    assert_eq!(cleared["batches"], 0);
}

#[tokio::test]
async fn the_counts_answer_only_the_loopback_interface_and_need_no_token() {
    let app = emulator(EmulatorConfig {
        token: Some("secret".into()),
        ..EmulatorConfig::default()
    });
    let anonymous = Request::builder()
        .uri("/_emulator/stats")
        .body(Body::empty())
        .unwrap();
    let answer = send(&app, from(anonymous, "127.0.0.1:4000")).await;
    assert_eq!(answer.status, StatusCode::OK);
    for (peer, path, method) in [
        ("192.168.1.20:4000", "/_emulator/stats", "GET"),
        ("10.0.0.2:4000", "/_emulator/stats/reset", "POST"),
    ] {
        let answer = send(&app, from(request(method, path), peer)).await;
        assert_eq!(answer.status, StatusCode::FORBIDDEN, "{peer} {path}");
        assert_eq!(answer.error_code(), "Forbidden");
    }
    let unknown = send(&app, request("GET", "/_emulator/stats")).await;
    assert_eq!(
        unknown.status,
        StatusCode::FORBIDDEN,
        "no peer address: refused"
    );
}
