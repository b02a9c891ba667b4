//! Load check on loopback: PATCH and GET throughput and p50/p99 latency, and the process's
//! resident memory afterwards. A report, not a pass/fail test.
//!
//! Run with `cargo bench -p graph-emulator --bench load` (REQUESTS and CONCURRENCY override the
//! defaults).

use std::time::{Duration, Instant};

use graph_emulator::server::{ClientLimits, serve as serve_router};
use graph_emulator::store::{Dataset, Store};
use graph_emulator::{AppState, EmulatorConfig, app};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;

const CONFIGURATION: &str = "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01";
const ASSIGNMENT: &str =
    "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(default)
}

fn resident_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|line| line.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn percentile(sorted: &[Duration], share: f64) -> Duration {
    let index = ((sorted.len() as f64 - 1.0) * share).round() as usize;
    sorted[index]
}

type HttpClient = Client<hyper_util::client::legacy::connect::HttpConnector, Full<Bytes>>;

async fn measure(
    name: &str,
    client: &HttpClient,
    make: impl Fn(usize) -> hyper::Request<Full<Bytes>>,
    requests: usize,
    concurrency: usize,
) {
    let started = Instant::now();
    let mut latencies = Vec::with_capacity(requests);
    let mut next = 0;
    while next < requests {
        let wave: Vec<_> = (next..(next + concurrency).min(requests))
            .map(|index| {
                let request = make(index);
                let client = client.clone();
                tokio::spawn(async move {
                    let sent = Instant::now();
                    let response = client.request(request).await.expect("request failed");
                    let status = response.status();
                    response.into_body().collect().await.expect("body failed");
                    assert!(status.is_success(), "unexpected status {status}");
                    sent.elapsed()
                })
            })
            .collect();
        next += wave.len();
        for task in wave {
            latencies.push(task.await.expect("task failed"));
        }
    }
    let elapsed = started.elapsed();
    latencies.sort();
    println!(
        "{name:<32} {requests} requests, concurrency {concurrency}: {:.0} req/s, p50 {:.2} ms, p99 {:.2} ms",
        requests as f64 / elapsed.as_secs_f64(),
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
    );
}

async fn serve(store: Store) -> String {
    let state = AppState::new(EmulatorConfig::default(), store);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(
        async move { serve_router(listener, app(state), ClientLimits::default(), None).await },
    );
    format!(
        "http://{address}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    )
}

async fn measure_patches(
    name: &str,
    client: &HttpClient,
    url: String,
    requests: usize,
    concurrency: usize,
) {
    measure(
        name,
        client,
        move |index| {
            let group = format!("{:08x}-0000-4000-8000-000000000000", index);
            let body = format!(
                r##"{{"target":{{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"{group}"}}}}"##
            );
            hyper::Request::patch(&url)
                .header("authorization", "Bearer load-check")
                .header("content-type", "application/json")
                .body(Full::new(Bytes::from(body)))
                .expect("request")
        },
        requests,
        concurrency,
    )
    .await;
}

/// Creates assignments far past the emulator's limit and reports where it stopped.
async fn flood(client: &HttpClient) {
    let url = serve(Store::in_memory(Dataset::sample())).await;
    let (assignments, _) = url.rsplit_once('/').expect("an assignment url");
    let list = assignments.to_owned();
    let attempts = setting("FLOOD", 5_000);
    let (mut created, mut refused) = (0, 0);
    for _ in 0..attempts {
        let body = r##"{"target":{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}}"##;
        let request = hyper::Request::post(list.as_str())
            .header("authorization", "Bearer load-check")
            .header("content-type", "application/json")
            .body(Full::new(Bytes::from(body)))
            .expect("request");
        let response = client.request(request).await.expect("request failed");
        match response.status().as_u16() {
            201 => created += 1,
            400 => refused += 1,
            status => panic!("a create answered {status}"),
        }
        response.into_body().collect().await.expect("body failed");
    }
    println!(
        "{:<32} {attempts} creates into one configuration: {created} created, {refused} refused at --max-assignments-per-configuration {}",
        "flood of creates",
        graph_emulator::config::Limits::default().assignments_per_configuration
    );
}

#[tokio::main]
async fn main() {
    let requests = setting("REQUESTS", 20_000);
    let concurrency = setting("CONCURRENCY", 32);
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    println!("Emulator load check on loopback; client and server share this process");

    let url = serve(Store::in_memory(Dataset::sample())).await;
    measure_patches(
        "PATCH (in memory)",
        &client,
        url.clone(),
        requests,
        concurrency,
    )
    .await;
    measure(
        "GET",
        &client,
        move |_| {
            hyper::Request::get(&url)
                .header("authorization", "Bearer load-check")
                .body(Full::new(Bytes::new()))
                .expect("request")
        },
        requests,
        concurrency,
    )
    .await;
    let folder = tempfile::tempdir().expect("temporary folder");
    let store =
        Store::persistent(folder.path().join("data.json"), Dataset::sample()).expect("data file");
    let persistent_url = serve(store).await;
    let persistent_requests = (requests / 10).max(1);
    measure_patches(
        "PATCH (--data, fsync per write)",
        &client,
        persistent_url,
        persistent_requests,
        concurrency,
    )
    .await;

    flood(&client).await;

    match resident_memory_kib() {
        Some(kib) => println!(
            "resident memory after the run: {:.1} MiB",
            kib as f64 / 1024.0
        ),
        None => println!("resident memory after the run: unknown (no /proc/self/status)"),
    }
}
