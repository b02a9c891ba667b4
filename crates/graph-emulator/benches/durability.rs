//! Durability trials: the real binary with `--data`, a writer sending PATCH after PATCH, and a
//! `kill -9` at a random moment; then the file is read back. Prints how many acknowledged
//! writes were lost and how many files were corrupt (both must be 0). A report, not a timed test.
//!
//! Run with `cargo bench -p graph-emulator --bench durability` (TRIALS overrides the default 100).

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use graph_emulator::store::Dataset;
use http_body_util::Full;
use hyper::body::Bytes;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use rand::Rng;

const CONFIGURATION: &str = "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01";
const ASSIGNMENT: &str =
    "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";

/// The emulator on a free port, persisting to `data`.
fn start(data: &Path) -> (Child, SocketAddr) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_graph-emulator"))
        .args(["--listen", "127.0.0.1:0", "--data"])
        .arg(data)
        .env("RUST_LOG", "off")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the emulator starts");
    let mut line = String::new();
    BufReader::new(child.stdout.take().expect("stdout"))
        .read_line(&mut line)
        .expect("the emulator prints its address");
    let address = line
        .trim()
        .strip_prefix("Graph emulator: http://")
        .and_then(|rest| rest.strip_suffix("/beta"))
        .and_then(|address| address.parse().ok())
        .unwrap_or_else(|| panic!("unexpected first line: {line}"));
    (child, address)
}

/// A group id that encodes the write's number.
fn group(index: u32) -> String {
    format!("{index:08x}-0000-4000-8000-000000000000")
}

/// How one trial ended.
enum Verdict {
    /// The file holds the last acknowledged write or the one in flight after it.
    Kept,
    /// The file holds an older write than one that was acknowledged.
    Lost,
    /// The file cannot be read.
    Corrupt,
}

async fn trial(folder: &Path, kill_after: Duration) -> (Verdict, u32) {
    let file = folder.join("data.json");
    let (mut child, address) = start(&file);
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let url = format!(
        "http://{address}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    );
    let acknowledged = Arc::new(AtomicU32::new(0));
    let writer = {
        let acknowledged = acknowledged.clone();
        tokio::spawn(async move {
            for index in 1.. {
                let body = format!(
                    r##"{{"target": {{"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "{}"}}}}"##,
                    group(index)
                );
                let request = hyper::Request::patch(url.as_str())
                    .header("authorization", "Bearer durability")
                    .header("content-type", "application/json")
                    .body(Full::new(Bytes::from(body)))
                    .expect("a request");
                match client.request(request).await {
                    Ok(response) if response.status() == 204 => {
                        acknowledged.store(index, Ordering::SeqCst)
                    }
                    _ => return,
                }
            }
        })
    };
    let started = Instant::now();
    while acknowledged.load(Ordering::SeqCst) == 0 && started.elapsed() < Duration::from_secs(10) {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    tokio::time::sleep(kill_after).await;
    child.kill().expect("SIGKILL");
    child.wait().expect("the emulator ends");
    writer.await.expect("the writer ends");
    let last = acknowledged.load(Ordering::SeqCst);
    let Ok(data) = std::fs::read_to_string(&file)
        .map_err(|error| error.to_string())
        .and_then(|text| Dataset::from_json(&text))
    else {
        return (Verdict::Corrupt, last);
    };
    let stored = data
        .configuration(CONFIGURATION)
        .and_then(|record| {
            record
                .assignments
                .iter()
                .find(|a| a.id.as_str() == ASSIGNMENT)
        })
        .and_then(|assignment| assignment.target.group_id().map(ToString::to_string))
        .and_then(|id| u32::from_str_radix(&id[..8], 16).ok())
        .unwrap_or(0);
    let verdict = if stored == last || stored == last + 1 {
        Verdict::Kept
    } else {
        Verdict::Lost
    };
    (verdict, last)
}

#[tokio::main]
async fn main() {
    let trials: u32 = std::env::var("TRIALS")
        .ok()
        .and_then(|value| value.parse().ok())
        .unwrap_or(100);
    let (mut lost, mut corrupt, mut writes) = (0, 0, 0u64);
    let started = Instant::now();
    for _ in 0..trials {
        let folder = tempfile::tempdir().expect("a temporary folder");
        let kill_after = Duration::from_millis(rand::rng().random_range(0..150));
        let (verdict, acknowledged) = trial(folder.path(), kill_after).await;
        writes += u64::from(acknowledged);
        match verdict {
            Verdict::Kept => {}
            Verdict::Lost => lost += 1,
            Verdict::Corrupt => corrupt += 1,
        }
    }
    println!(
        "{trials} kill -9 trials in {:.0} s ({writes} acknowledged writes): acknowledged writes lost in {lost} trial(s), corrupt files {corrupt}",
        started.elapsed().as_secs_f64()
    );
    if lost > 0 || corrupt > 0 {
        std::process::exit(1);
    }
}
