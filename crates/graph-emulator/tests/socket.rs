//! A few checks over a real socket: CORS preflight, a PATCH round trip, `$batch`, throttling,
//! and persistence across a restart, including a `kill -9` of the real binary mid-writes.

mod common;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

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

/// Starts the real binary on a free port and returns it with the address it printed.
fn start_binary(data: &std::path::Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-emulator"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .env("RUST_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    let address = line
        .trim()
        .strip_prefix("Graph emulator: http://")
        .and_then(|rest| rest.strip_suffix("/beta"))
        .unwrap_or_else(|| panic!("unexpected first line: {line}"))
        .parse()
        .unwrap();
    (child, address)
}

fn group_for(index: u32) -> String {
    format!("{index:08x}-0000-4000-8000-000000000000")
}

#[tokio::test]
async fn kill_9_loses_no_acknowledged_write() {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("data.json");
    let client = client();
    let (mut child, address) = start_binary(&file);
    let url = format!("http://{address}{}", assignment_path());

    // One writer sends PATCH after PATCH, recording the last one acknowledged, until the
    // process dies under it.
    let last_acknowledged = Arc::new(AtomicU32::new(u32::MAX));
    let writer = {
        let (client, url, last_acknowledged) =
            (client.clone(), url.clone(), last_acknowledged.clone());
        tokio::spawn(async move {
            for index in 0..100_000u32 {
                let request = hyper::Request::patch(url.as_str())
                    .header(AUTH.0, AUTH.1)
                    .header(JSON.0, JSON.1)
                    .body(Full::new(Bytes::from(group_body(&group_for(index)))))
                    .unwrap();
                match client.request(request).await {
                    Ok(response) if response.status() == 204 => {
                        last_acknowledged.store(index, Ordering::SeqCst)
                    }
                    _ => return,
                }
            }
        })
    };
    let deadline = Instant::now() + Duration::from_secs(20);
    while last_acknowledged.load(Ordering::SeqCst) == u32::MAX
        || last_acknowledged.load(Ordering::SeqCst) < 20
    {
        assert!(Instant::now() < deadline, "writes were not acknowledged");
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    writer.await.unwrap();
    let last = last_acknowledged.load(Ordering::SeqCst);

    // The file is whole and holds the last acknowledged write, or the one in flight after it.
    let text = std::fs::read_to_string(&file).unwrap();
    let data = Dataset::from_json(&text).expect("data file is not corrupt");
    let stored = data
        .configuration(CONFIGURATION)
        .unwrap()
        .assignments
        .iter()
        .find(|a| a.id.as_str() == ASSIGNMENT)
        .unwrap()
        .target
        .group_id()
        .unwrap()
        .to_string();
    let stored_index = u32::from_str_radix(&stored[..8], 16).unwrap();
    assert!(
        stored_index == last || stored_index == last + 1,
        "stored write {stored_index}, last acknowledged {last}"
    );

    // A restarted emulator serves it.
    let (mut child, address) = start_binary(&file);
    let deadline = Instant::now() + Duration::from_secs(10);
    let text = loop {
        let url = format!("http://{address}{}", assignment_path());
        let request = hyper::Request::get(url)
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
