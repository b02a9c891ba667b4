//! A few checks over a real socket: CORS preflight, a PATCH round trip, `$batch`, throttling,
//! and persistence across a restart, including a `kill -9` of the real binary mid-writes.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::kill9::{self, Verdict};
use common::*;
use graph_emulator::config::Throttle;
use graph_emulator::server::{self, ClientLimits};
use graph_emulator::store::{Dataset, Store};
use graph_emulator::{AppState, EmulatorConfig, app};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

fn client() -> HttpClient {
    Client::builder(TokioExecutor::new()).build_http()
}

async fn serve(state: AppState) -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move {
        server::serve(listener, app(state), ClientLimits::default(), None).await
    });
    address
}

async fn call(
    client: &HttpClient,
    method: &str,
    url: String,
    headers: &[(&str, &str)],
    body: Option<String>,
) -> (u16, hyper::HeaderMap, String) {
    let mut builder = hyper::Request::builder().method(method).uri(url);
    for (name, value) in headers {
        builder = builder.header(*name, *value);
    }
    let request = builder
        .body(Full::new(Bytes::from(body.unwrap_or_default())))
        .unwrap();
    let response = client.request(request).await.unwrap();
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        headers,
        String::from_utf8_lossy(&bytes).into_owned(),
    )
}

const AUTH: (&str, &str) = ("authorization", "Bearer socket-test");

/// PATCHes the sample assignment to the sample group.
async fn patch_sample(client: &HttpClient, address: SocketAddr) -> (u16, hyper::HeaderMap, String) {
    call(
        client,
        "PATCH",
        format!("http://{address}{}", assignment_path()),
        &[AUTH, JSON],
        Some(group_body(GROUP)),
    )
    .await
}
const JSON: (&str, &str) = ("content-type", "application/json");

#[tokio::test]
async fn preflight_then_patch_round_trip() {
    let address = serve(AppState::new(
        EmulatorConfig::default(),
        Store::in_memory(Dataset::sample()),
    ))
    .await;
    let client = client();
    let url = format!("http://{address}{}", assignment_path());
    let (status, headers, _) = call(
        &client,
        "OPTIONS",
        url.clone(),
        &[
            ("origin", "http://127.0.0.1:8080"),
            ("access-control-request-method", "PATCH"),
            (
                "access-control-request-headers",
                "authorization,content-type",
            ),
        ],
        None,
    )
    .await;
    assert_eq!(status, 200);
    assert_eq!(
        headers["access-control-allow-origin"],
        "http://127.0.0.1:8080"
    );

    let (status, headers, _) = call(
        &client,
        "PATCH",
        url.clone(),
        &[AUTH, JSON, ("origin", "http://127.0.0.1:8080")],
        Some(group_body(GROUP)),
    )
    .await;
    assert_eq!(status, 204);
    assert_eq!(
        headers["access-control-allow-origin"],
        "http://127.0.0.1:8080"
    );
    let (status, _, text) = call(&client, "GET", url, &[AUTH], None).await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["target"]["groupId"], GROUP);
}

#[tokio::test]
async fn batch_and_throttling_over_a_socket() {
    let address = serve(AppState::new(
        EmulatorConfig {
            throttle: Throttle::Limit {
                writes: 2,
                window: Duration::from_secs(60),
            },
            ..EmulatorConfig::default()
        },
        Store::in_memory(Dataset::sample()),
    ))
    .await;
    let client = client();
    let relative = format!(
        "/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    );
    let patch: Value = serde_json::from_str(&group_body(GROUP)).unwrap();
    let item = |id: &str| json!({"id": id, "method": "PATCH", "url": relative, "headers": {"Content-Type": "application/json"}, "body": patch});
    let batch = json!({"requests": [item("1"), item("2"), item("3")]});
    let (status, _, text) = call(
        &client,
        "POST",
        format!("http://{address}/beta/$batch"),
        &[AUTH, JSON],
        Some(batch.to_string()),
    )
    .await;
    assert_eq!(status, 200);
    let body: Value = serde_json::from_str(&text).unwrap();
    let statuses: Vec<u64> = body["responses"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["status"].as_u64().unwrap())
        .collect();
    assert_eq!(statuses, [204, 204, 429]);

    let (status, headers, _) = patch_sample(&client, address).await;
    assert_eq!(status, 429);
    assert!(headers.contains_key("retry-after"));
}

#[tokio::test]
async fn persistent_data_survives_a_restart() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("data.json");
    let client = client();
    {
        let store = Store::persistent(file.clone(), Dataset::sample()).unwrap();
        let address = serve(AppState::new(EmulatorConfig::default(), store)).await;
        let (status, _, _) = patch_sample(&client, address).await;
        assert_eq!(status, 204);
    }
    let store = Store::persistent(file, Dataset::default()).unwrap();
    let address = serve(AppState::new(EmulatorConfig::default(), store)).await;
    let (_, _, text) = call(
        &client,
        "GET",
        format!("http://{address}{}", assignment_path()),
        &[AUTH],
        None,
    )
    .await;
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["target"]["groupId"], GROUP);
}

#[tokio::test]
async fn kill_9_loses_no_acknowledged_write() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("data.json");
    let (verdict, acknowledged) = kill9::trial(&file, Duration::from_millis(50)).await;
    assert!(acknowledged >= 1);
    let Verdict::Kept(stored) = verdict else {
        panic!("{verdict:?} after {acknowledged} acknowledged writes");
    };

    // A restarted emulator serves it.
    let client = client();
    let (mut child, address) = kill9::start_binary(&file);
    let deadline = Instant::now() + Duration::from_secs(10);
    let text = loop {
        let request = hyper::Request::get(kill9::assignment_url(address))
            .header(AUTH.0, AUTH.1)
            .body(Full::new(Bytes::new()))
            .unwrap();
        if let Ok(response) = client.request(request).await {
            let bytes = response.into_body().collect().await.unwrap().to_bytes();
            break String::from_utf8_lossy(&bytes).into_owned();
        }
        assert!(
            Instant::now() < deadline,
            "restarted emulator did not answer"
        );
        tokio::time::sleep(Duration::from_millis(20)).await;
    };
    child.kill().unwrap();
    child.wait().unwrap();
    let body: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(body["target"]["groupId"], stored.as_str());
}
