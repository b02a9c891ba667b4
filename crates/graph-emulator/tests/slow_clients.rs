//! Clients that stall are dropped: half a header, an idle kept-alive connection, half a body.

mod common;

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use common::{GROUP, assignment_path, group_body};
use graph_emulator::server::{ClientLimits, serve};
use graph_emulator::store::{Dataset, Store};
use graph_emulator::{AppState, EmulatorConfig, app};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

const LIMIT: Duration = Duration::from_millis(600);

async fn emulator() -> SocketAddr {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    let state = AppState::new(
        EmulatorConfig::default(),
        Store::in_memory(Dataset::sample()),
    );
    let limits = ClientLimits {
        header_read: LIMIT,
        body_read: LIMIT,
    };
    tokio::spawn(async move { serve(listener, app(state), limits, None).await });
    address
}

/// Reads until the server closes the connection (or a deadline far past the limit passes);
/// returns what was read and how long the connection stayed open.
async fn read_until_closed(stream: &mut TcpStream, since: Instant) -> (String, Duration) {
    let mut received = Vec::new();
    let mut buffer = [0u8; 4096];
    let deadline = since + LIMIT * 10;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match tokio::time::timeout(left, stream.read(&mut buffer)).await {
            Ok(Ok(0)) | Ok(Err(_)) => break,
            Ok(Ok(read)) => received.extend_from_slice(&buffer[..read]),
            Err(_) => panic!("the connection was still open after {:?}", LIMIT * 10),
        }
    }
    (
        String::from_utf8_lossy(&received).into_owned(),
        since.elapsed(),
    )
}

#[tokio::test]
async fn half_a_header_is_dropped_within_the_limit() {
    let address = emulator().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let started = Instant::now();
    stream
        .write_all(b"GET /beta/deviceAppManagement HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let (_, open) = read_until_closed(&mut stream, started).await;
    assert!(open >= LIMIT && open < LIMIT * 5, "open for {open:?}");
}

#[tokio::test]
async fn an_idle_kept_alive_connection_is_closed() {
    let address = emulator().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let request = format!(
        "GET {} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\n\r\n",
        assignment_path()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let started = Instant::now();
    let (received, open) = read_until_closed(&mut stream, started).await;
    assert!(received.starts_with("HTTP/1.1 200"), "{received}");
    assert!(open >= LIMIT && open < LIMIT * 5, "open for {open:?}");
}

#[tokio::test]
async fn half_a_body_is_answered_408_within_the_limit() {
    let address = emulator().await;
    let mut stream = TcpStream::connect(address).await.unwrap();
    let body = group_body(GROUP);
    let head = format!(
        "PATCH {} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
        assignment_path(),
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    stream
        .write_all(&body.as_bytes()[..body.len() / 2])
        .await
        .unwrap();
    let started = Instant::now();
    let (received, open) = read_until_closed(&mut stream, started).await;
    assert!(received.starts_with("HTTP/1.1 408"), "{received}");
    assert!(received.contains("RequestTimeout"), "{received}");
    assert!(open < LIMIT * 5, "open for {open:?}");
}

/// A whole PATCH, as bytes, for cutting short.
fn whole_patch() -> Vec<u8> {
    let body = group_body(GROUP);
    format!(
        "PATCH {} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer t\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        assignment_path(),
        body.len()
    )
    .into_bytes()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(12))]

    /// A request cut anywhere and then left hanging is dropped or answered 408 within the
    /// limits, never with a 5xx.
    #[test]
    fn a_request_cut_anywhere_is_dropped_without_a_server_error(cut in 1usize..400) {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        let (received, open) = runtime.block_on(async {
            let address = emulator().await;
            let mut stream = TcpStream::connect(address).await.unwrap();
            let request = whole_patch();
            let cut = cut.min(request.len() - 1);
            stream.write_all(&request[..cut]).await.unwrap();
            let started = Instant::now();
            read_until_closed(&mut stream, started).await
        });
        proptest::prop_assert!(!received.starts_with("HTTP/1.1 5"), "{}", received);
        proptest::prop_assert!(
            received.is_empty() || received.starts_with("HTTP/1.1 408") || received.starts_with("HTTP/1.1 400"),
            "{}", received
        );
        proptest::prop_assert!(open < LIMIT * 5, "open for {:?}", open);
    }
}
