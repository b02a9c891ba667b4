//! One durability trial, shared by the socket test (one trial) and the durability bench (many):
//! the real binary with `--data`, a writer sending PATCH after PATCH, a `kill -9` while it
//! writes, and the file read back.

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

/// A configuration and an assignment of the sample fixture.
pub const CONFIGURATION: &str = "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01";
/// The assignment the trial writes.
pub const ASSIGNMENT: &str =
    "3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";

/// The real binary on a free port, persisting to `data`, with the address it printed.
pub fn start_binary(data: &Path) -> (Child, SocketAddr) {
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

/// The URL of the assignment the trial writes.
pub fn assignment_url(address: SocketAddr) -> String {
    format!(
        "http://{address}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/{CONFIGURATION}/assignments/{ASSIGNMENT}"
    )
}

/// A group id that encodes the write's number.
fn group(index: u32) -> String {
    format!("{index:08x}-0000-4000-8000-000000000000")
}

/// How one trial ended.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The file holds the last acknowledged write or the one in flight after it (its group id).
    Kept(String),
    /// The file holds an older write than one that was acknowledged.
    Lost {
        /// The write's number in the file.
        stored: u32,
        /// The last acknowledged write's number.
        acknowledged: u32,
    },
    /// The file cannot be read.
    Corrupt(String),
}

/// Starts the binary on `data`, writes until `kill_after` has passed since the first
/// acknowledged write, kills it with SIGKILL and reads the file. Returns the verdict and how
/// many writes were acknowledged.
pub async fn trial(data: &Path, kill_after: Duration) -> (Verdict, u32) {
    let (mut child, address) = start_binary(data);
    let client = Client::builder(TokioExecutor::new()).build_http::<Full<Bytes>>();
    let url = assignment_url(address);
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
    let deadline = Instant::now() + Duration::from_secs(20);
    while acknowledged.load(Ordering::SeqCst) == 0 {
        assert!(Instant::now() < deadline, "no write was acknowledged");
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    tokio::time::sleep(kill_after).await;
    child.kill().expect("SIGKILL");
    child.wait().expect("the emulator ends");
    writer.await.expect("the writer ends");
    let last = acknowledged.load(Ordering::SeqCst);
    let data = match std::fs::read_to_string(data)
        .map_err(|error| error.to_string())
        .and_then(|text| Dataset::from_json(&text))
    {
        Ok(data) => data,
        Err(error) => return (Verdict::Corrupt(error), last),
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
        .unwrap_or_default();
    let index = stored
        .get(..8)
        .and_then(|hex| u32::from_str_radix(hex, 16).ok())
        .unwrap_or(0);
    let verdict = if index == last || index == last + 1 {
        Verdict::Kept(stored)
    } else {
        Verdict::Lost {
            stored: index,
            acknowledged: last,
        }
    };
    (verdict, last)
}
