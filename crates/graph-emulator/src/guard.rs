//! Middleware that stands between a request and the data: bearer tokens, write throttling, and
//! the latency and faults injected on purpose.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant, SystemTime};

use axum::extract::{Request, State};
use axum::http::{Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use rand::Rng;
use tokio::sync::Mutex;

use graph_model::directory::{ASSIGNMENT_FILTERS_PATH, GROUPS_PATH};

use crate::handlers::directory_objects::MANAGED_DEVICES_PATH;
use graph_model::signin::authority::{READ_PERMISSION, WRITE_PERMISSION};

use crate::authority::jwt::Refusal;
use crate::config::{Latency, Throttle};
use crate::error::ApiError;
use crate::state::AppState;

/// The bearer token of a request, if it has a non-empty one.
pub fn bearer_token(request: &Request) -> Option<&str> {
    let value = request
        .headers()
        .get(header::AUTHORIZATION)?
        .to_str()
        .ok()?;
    let (scheme, token) = value.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Middleware: 401 unless the request carries an accepted bearer token: one this emulator
/// signed that has not expired, or any other token (the one `--token` when set).
pub async fn require_token(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let Some(given) = bearer_token(&request) else {
        return ApiError::unauthorized("Access token is empty.").into_response();
    };
    let refusal = match state.authority.keys.check(given, SystemTime::now()) {
        Some(Ok(_)) => None,
        Some(Err(Refusal::Expired)) => Some("Lifetime validation failed, the token is expired."),
        Some(Err(Refusal::Invalid)) => Some("Access token validation failure. Invalid signature."),
        None => match &state.config.token {
            Some(accepted) if given != accepted => {
                Some("Access token validation failure. Invalid audience.")
            }
            _ => None,
        },
    };
    match refusal {
        Some(message) => ApiError::unauthorized(message).into_response(),
        None => next.run(request).await,
    }
}

/// The directory collection a path reads (`users` or `devices`), if it is one: the segment after
/// the version.
fn directory_collection(path: &str) -> Option<&str> {
    let mut segments = path.trim_start_matches('/').split('/');
    let _version = segments.next()?;
    segments.next()
}

/// The permissions of which a token needs one for a request: reading groups (and their members)
/// needs a group permission, users a user one, devices a device one, Intune's managed devices a
/// managed-device one, assignment filters a configuration one; the rest needs
/// `DeviceManagementApps.Read.All` to read and `DeviceManagementApps.ReadWrite.All` to write.
pub fn permissions_needed(method: &Method, path: &str) -> &'static [&'static str] {
    if path.contains(GROUPS_PATH) {
        &[
            "Group.Read.All",
            "GroupMember.Read.All",
            "Directory.Read.All",
        ]
    } else if path.contains(MANAGED_DEVICES_PATH) {
        &[
            "DeviceManagementManagedDevices.Read.All",
            "DeviceManagementManagedDevices.ReadWrite.All",
        ]
    } else if directory_collection(path) == Some("users") {
        &["User.Read.All", "User.ReadBasic.All", "Directory.Read.All"]
    } else if directory_collection(path) == Some("devices") {
        &["Device.Read.All", "Directory.Read.All"]
    } else if path.contains(ASSIGNMENT_FILTERS_PATH) {
        &[
            "DeviceManagementConfiguration.Read.All",
            "DeviceManagementConfiguration.ReadWrite.All",
        ]
    } else if is_write(method) {
        &[WRITE_PERMISSION]
    } else {
        &[READ_PERMISSION, WRITE_PERMISSION]
    }
}

/// Middleware: 403 in Graph's shape, naming the permission, when a token this emulator signed
/// lacks the scope the request needs (see [`permissions_needed`]). Other tokens are not
/// inspected. It sits inside `$batch`, so inner requests are checked one by one.
pub async fn require_permission(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    let claims = bearer_token(&request)
        .and_then(|token| state.authority.keys.check(token, SystemTime::now()))
        .and_then(Result::ok);
    if let Some(claims) = claims {
        let needed = permissions_needed(request.method(), request.uri().path());
        if !needed.iter().any(|permission| claims.grants(permission)) {
            return ApiError::new(
                StatusCode::FORBIDDEN,
                "Forbidden",
                format!(
                    "Application is not authorized to perform this operation. Application must have one of the following scopes: {}. The token of {} grants: {}.",
                    needed.join(", "),
                    claims.upn,
                    if claims.scp.is_empty() { "(no API permission)" } else { &claims.scp }
                ),
            )
            .into_response();
        }
    }
    next.run(request).await
}

/// Middleware: 403 for a browser page whose origin may not call (see [`crate::origins`]),
/// saying which flag would allow it. Requests without `Origin` (not from a browser) pass.
pub async fn check_origin(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let origin = request
        .headers()
        .get(header::ORIGIN)
        .map(|value| value.to_str().unwrap_or("(unreadable)").to_owned());
    match origin {
        Some(origin) if !state.config.allowed_origins.allows(&origin) => ApiError::new(
            StatusCode::FORBIDDEN,
            "Forbidden",
            format!(
                "Requests from pages of {origin} are refused: the emulator answers only pages on this machine (http://localhost and http://127.0.0.1). Start it with --allow-origin {origin} to allow that origin."
            ),
        )
        .into_response(),
        _ => next.run(request).await,
    }
}

/// Counts writes per token in a sliding window.
#[derive(Debug, Default)]
pub struct WriteThrottle {
    writes: Mutex<HashMap<String, VecDeque<Instant>>>,
}

impl WriteThrottle {
    /// Records a write at `now`, or returns how long to wait when the limit is reached. At most
    /// `max_tokens` tokens are counted at once: tokens with no write in the window are
    /// forgotten first, and a new token waits while all of them are recent.
    pub async fn admit(
        &self,
        throttle: Throttle,
        token: &str,
        now: Instant,
        max_tokens: usize,
    ) -> Result<(), Duration> {
        let Throttle::Limit { writes, window } = throttle else {
            return Ok(());
        };
        let mut all = self.writes.lock().await;
        if !all.contains_key(token) && all.len() >= max_tokens {
            all.retain(|_, times| {
                times
                    .back()
                    .is_some_and(|&last| now.duration_since(last) < window)
            });
            if all.len() >= max_tokens {
                return Err(window);
            }
        }
        let recent = all.entry(token.to_owned()).or_default();
        while recent
            .front()
            .is_some_and(|&time| now.duration_since(time) >= window)
        {
            recent.pop_front();
        }
        if recent.len() >= writes as usize {
            let oldest = recent.front().copied().unwrap_or(now);
            return Err(window.saturating_sub(now.duration_since(oldest)));
        }
        recent.push_back(now);
        Ok(())
    }
}

fn is_write(method: &Method) -> bool {
    [Method::POST, Method::PUT, Method::PATCH, Method::DELETE].contains(method)
}

/// Middleware: 429 with `Retry-After` once a token has used up its writes.
pub async fn throttle_writes(
    State(state): State<AppState>,
    request: Request,
    next: Next,
) -> Response {
    if is_write(request.method()) {
        let token = bearer_token(&request).unwrap_or("").to_owned();
        if let Err(wait) = state
            .throttle
            .admit(
                state.config.throttle,
                &token,
                Instant::now(),
                state.config.limits.throttle_tokens,
            )
            .await
        {
            let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
            return ApiError::too_many_requests(seconds.max(1)).into_response();
        }
    }
    next.run(request).await
}

/// Middleware: waits the configured latency, then answers a share of requests with a random
/// 500, 503 (with `Retry-After`) or 504 in Graph's error shape.
pub async fn inject_chaos(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let delay = match state.config.latency {
        Latency::None => Duration::ZERO,
        Latency::Fixed(delay) => delay,
        Latency::Range(low, high) => rand::rng().random_range(low..=high),
    };
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let fail_rate = state.config.fail_rate;
    if fail_rate > 0.0 && rand::rng().random_bool(fail_rate) {
        return injected_fault(rand::rng().random_range(0..3)).into_response();
    }
    next.run(request).await
}

fn injected_fault(which: u8) -> ApiError {
    match which {
        0 => ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "InternalError",
            "An internal server error occurred (injected by the emulator's --fail-rate).",
        ),
        1 => ApiError::new(
            StatusCode::SERVICE_UNAVAILABLE,
            "ServiceUnavailable",
            "The service is temporarily unavailable (injected by the emulator's --fail-rate).",
        )
        .with_header(header::RETRY_AFTER, "2"),
        _ => ApiError::new(
            StatusCode::GATEWAY_TIMEOUT,
            "UnknownError",
            "The gateway timed out (injected by the emulator's --fail-rate).",
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn throttle_counts_per_token_in_a_sliding_window() {
        let throttle = WriteThrottle::default();
        let limit = Throttle::Limit {
            writes: 2,
            window: Duration::from_secs(10),
        };
        let start = Instant::now();
        assert!(throttle.admit(limit, "a", start, 10).await.is_ok());
        assert!(
            throttle
                .admit(limit, "a", start + Duration::from_secs(4), 10)
                .await
                .is_ok()
        );
        let wait = throttle
            .admit(limit, "a", start + Duration::from_secs(5), 10)
            .await
            .unwrap_err();
        assert_eq!(wait, Duration::from_secs(5));
        assert!(
            throttle
                .admit(limit, "b", start + Duration::from_secs(5), 10)
                .await
                .is_ok()
        );
        assert!(
            throttle
                .admit(limit, "a", start + Duration::from_secs(10), 10)
                .await
                .is_ok()
        );
        assert!(throttle.admit(Throttle::Off, "a", start, 10).await.is_ok());
    }

    #[tokio::test]
    async fn the_throttle_forgets_quiet_tokens_and_bounds_the_rest() {
        let throttle = WriteThrottle::default();
        let limit = Throttle::Limit {
            writes: 5,
            window: Duration::from_secs(10),
        };
        let start = Instant::now();
        assert!(throttle.admit(limit, "a", start, 2).await.is_ok());
        assert!(throttle.admit(limit, "b", start, 2).await.is_ok());
        assert_eq!(
            throttle.admit(limit, "c", start, 2).await,
            Err(Duration::from_secs(10)),
            "two recent tokens fill the table"
        );
        assert!(
            throttle.admit(limit, "a", start, 2).await.is_ok(),
            "known tokens go on"
        );
        let later = start + Duration::from_secs(11);
        assert!(
            throttle.admit(limit, "c", later, 2).await.is_ok(),
            "quiet ones are forgotten"
        );
        assert_eq!(throttle.writes.lock().await.len(), 1);
    }

    #[test]
    fn injected_faults_are_graph_shaped() {
        let statuses: Vec<u16> = (0..3).map(|i| injected_fault(i).status.as_u16()).collect();
        assert_eq!(statuses, [500, 503, 504]);
        assert!(
            injected_fault(1)
                .headers
                .iter()
                .any(|(name, _)| name == header::RETRY_AFTER)
        );
    }
}
