//! Counts that let tests and benchmarks check a bulk run from outside: the successful writes
//! per assignment id (so that nothing was written twice or missed), and the totals of Graph
//! requests (direct or inside `$batch`), 429 answers and `$batch` envelopes.
//! `GET /_emulator/stats` answers them as JSON and `POST /_emulator/stats/reset` clears them;
//! both need no token and answer only clients on the loopback interface.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::Mutex;

use axum::Json;
use axum::extract::{Request, State};
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

use crate::error::ApiError;
use crate::state::AppState;

/// The path of the counts.
pub const STATS_PATH: &str = "/_emulator/stats";
/// The path that clears them.
pub const RESET_PATH: &str = "/_emulator/stats/reset";

/// The address of the client of a request, set by the server for each connection.
#[derive(Debug, Clone, Copy)]
pub struct Peer(pub SocketAddr);

/// The counts, as answered.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Counts {
    /// Successful writes (PATCH) per assignment id.
    pub writes: BTreeMap<String, u64>,
    /// The sum of `writes`.
    pub total_writes: u64,
    /// Graph requests, direct or inside `$batch` (envelopes not counted).
    pub requests: u64,
    /// Of them, those answered 429.
    pub throttled: u64,
    /// `$batch` envelopes.
    pub batches: u64,
}

/// The emulator's counts.
#[derive(Debug, Default)]
pub struct Stats {
    counts: Mutex<Counts>,
}

impl Stats {
    fn change(&self, change: impl FnOnce(&mut Counts)) {
        if let Ok(mut counts) = self.counts.lock() {
            change(&mut counts);
        }
    }

    /// Records a successful write of `assignment_id`.
    pub fn wrote(&self, assignment_id: &str) {
        self.change(|counts| {
            *counts.writes.entry(assignment_id.to_owned()).or_default() += 1;
            counts.total_writes += 1;
        });
    }

    /// The counts now.
    pub fn counts(&self) -> Counts {
        self.counts
            .lock()
            .map(|counts| counts.clone())
            .unwrap_or_default()
    }

    /// Clears every count.
    pub fn reset(&self) {
        self.change(|counts| *counts = Counts::default());
    }
}

/// Middleware over Graph's entity routes: counts each request and each 429 answer.
pub async fn count_requests(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let response = next.run(request).await;
    let throttled = response.status() == StatusCode::TOO_MANY_REQUESTS;
    state.stats.change(|counts| {
        counts.requests += 1;
        counts.throttled += u64::from(throttled);
    });
    response
}

/// Middleware over `$batch`: counts the envelopes.
pub async fn count_batches(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    state.stats.change(|counts| counts.batches += 1);
    next.run(request).await
}

/// Refuses a client that is not on the loopback interface (or whose address is unknown).
fn loopback_only(request: &Request) -> Result<(), ApiError> {
    match request.extensions().get::<Peer>() {
        Some(Peer(address)) if address.ip().is_loopback() => Ok(()),
        _ => Err(ApiError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            "The emulator's counts answer only clients on this machine.",
        )),
    }
}

/// `GET /_emulator/stats`.
pub async fn show(State(state): State<AppState>, request: Request) -> Response {
    match loopback_only(&request) {
        Ok(()) => Json(state.stats.counts()).into_response(),
        Err(error) => error.into_response(),
    }
}

/// `POST /_emulator/stats/reset`: 204.
pub async fn reset(State(state): State<AppState>, request: Request) -> Response {
    match loopback_only(&request) {
        Ok(()) => {
            state.stats.reset();
            StatusCode::NO_CONTENT.into_response()
        }
        Err(error) => error.into_response(),
    }
}
