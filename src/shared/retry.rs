//! When to retry, following Graph's guidance: honour `Retry-After`, otherwise back off
//! exponentially with jitter; at most three retries, none once 180 seconds have gone by, and only
//! for requests that are safe to repeat.

use std::time::Duration;

/// Retries after the first attempt.
pub const MAX_RETRIES: u32 = 3;
/// No retry is started once this much time has passed since the first attempt.
pub const GIVE_UP_AFTER: Duration = Duration::from_secs(180);
/// The first backoff when the server gives no `Retry-After` (or CORS hides it).
pub const BASE_BACKOFF: Duration = Duration::from_secs(3);
/// The longest single wait.
pub const MAX_BACKOFF: Duration = Duration::from_secs(60);

/// What `Retry-After` said.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum RetryAfter {
    /// A number of seconds.
    Seconds(u64),
    /// An HTTP date, as milliseconds from now (may be negative when already past).
    InMillis(f64),
}

impl RetryAfter {
    /// Reads the header: seconds, or an HTTP date through `parse_date` (which returns
    /// milliseconds since the epoch), given the current time in the same unit.
    pub fn parse(
        value: &str,
        now_ms: f64,
        parse_date: impl Fn(&str) -> Option<f64>,
    ) -> Option<RetryAfter> {
        let value = value.trim();
        if let Ok(seconds) = value.parse::<u64>() {
            return Some(RetryAfter::Seconds(seconds));
        }
        parse_date(value).map(|date_ms| RetryAfter::InMillis(date_ms - now_ms))
    }

    fn delay(self) -> Duration {
        match self {
            RetryAfter::Seconds(seconds) => Duration::from_secs(seconds),
            RetryAfter::InMillis(millis) => Duration::from_millis(millis.max(0.0) as u64),
        }
    }
}

/// Statuses that mean "try again later".
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 503 | 504)
}

/// Methods that can be repeated without doing the work twice.
pub fn is_idempotent(method: &str) -> bool {
    matches!(method, "GET" | "PUT" | "PATCH" | "DELETE")
}

/// The wait before retry number `retry` (1 for the first retry): `Retry-After` when given,
/// otherwise 3 s, 6 s, 12 s… plus up to half again of jitter (`jitter` in 0..1), at most 60 s.
pub fn backoff(retry: u32, retry_after: Option<RetryAfter>, jitter: f64) -> Duration {
    if let Some(retry_after) = retry_after {
        return retry_after.delay();
    }
    let exponential = BASE_BACKOFF.saturating_mul(1 << retry.saturating_sub(1).min(8));
    // A jitter that is not a number counts as none, so that no input can panic.
    let jitter = if jitter.is_nan() {
        0.0
    } else {
        jitter.clamp(0.0, 1.0)
    };
    let with_jitter = exponential.mul_f64(1.0 + jitter / 2.0);
    with_jitter.min(MAX_BACKOFF)
}

/// Whether and when to retry after an answer with `status`, given the retries done so far and
/// the time since the first attempt. `None` means stop.
pub fn next_retry(
    method: &str,
    status: u16,
    retries_done: u32,
    elapsed: Duration,
    retry_after: Option<RetryAfter>,
    jitter: f64,
) -> Option<Duration> {
    if !is_idempotent(method) || !is_retryable_status(status) || retries_done >= MAX_RETRIES {
        return None;
    }
    let wait = backoff(retries_done + 1, retry_after, jitter);
    let done_by = elapsed.checked_add(wait)?;
    (done_by <= GIVE_UP_AFTER).then_some(wait)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_a_date() {
        let never = |_: &str| None;
        assert_eq!(
            RetryAfter::parse(" 7 ", 0.0, never),
            Some(RetryAfter::Seconds(7))
        );
        assert_eq!(RetryAfter::parse("soon", 0.0, never), None);
        let date = |_: &str| Some(10_000.0);
        assert_eq!(
            RetryAfter::parse("Sat, 28 Nov 2026 12:00:10 GMT", 4_000.0, date),
            Some(RetryAfter::InMillis(6_000.0))
        );
        assert_eq!(
            backoff(1, Some(RetryAfter::InMillis(-50.0)), 0.0),
            Duration::ZERO
        );
    }

    #[test]
    fn backoff_doubles_with_bounded_jitter_and_a_cap() {
        assert_eq!(backoff(1, None, 0.0), Duration::from_secs(3));
        assert_eq!(backoff(2, None, 0.0), Duration::from_secs(6));
        assert_eq!(backoff(3, None, 0.0), Duration::from_secs(12));
        assert_eq!(backoff(3, None, 1.0), Duration::from_secs(18));
        assert_eq!(backoff(30, None, 1.0), MAX_BACKOFF);
        assert_eq!(
            backoff(1, Some(RetryAfter::Seconds(9)), 0.9),
            Duration::from_secs(9)
        );
    }

    #[test]
    fn retries_only_what_is_safe_and_worth_it() {
        let zero = Duration::ZERO;
        assert_eq!(
            next_retry("PATCH", 429, 0, zero, Some(RetryAfter::Seconds(2)), 0.0),
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            next_retry("PATCH", 503, 2, zero, None, 0.0),
            Some(Duration::from_secs(12))
        );
        assert_eq!(
            next_retry("PATCH", 503, 3, zero, None, 0.0),
            None,
            "three retries at most"
        );
        assert_eq!(
            next_retry("POST", 429, 0, zero, None, 0.0),
            None,
            "POST may have been applied"
        );
        assert_eq!(next_retry("PATCH", 400, 0, zero, None, 0.0), None);
        assert_eq!(next_retry("PATCH", 500, 0, zero, None, 0.0), None);
        assert_eq!(
            next_retry(
                "PATCH",
                429,
                1,
                Duration::from_secs(175),
                Some(RetryAfter::Seconds(10)),
                0.0
            ),
            None,
            "past 180 s"
        );
        assert_eq!(
            next_retry(
                "PATCH",
                429,
                0,
                Duration::from_secs(1),
                Some(RetryAfter::Seconds(u64::MAX)),
                0.0
            ),
            None,
            "a huge Retry-After neither overflows nor waits"
        );
    }
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod properties {
    use proptest::prelude::*;

    use super::*;

    /// Any float, the ones that are not numbers included.
    fn any_float() -> impl Strategy<Value = f64> {
        prop_oneof![
            any::<f64>(),
            Just(f64::NAN),
            Just(f64::INFINITY),
            Just(f64::NEG_INFINITY),
            Just(f64::MAX),
        ]
    }

    fn any_retry_after() -> impl Strategy<Value = Option<RetryAfter>> {
        prop_oneof![
            Just(None),
            any::<u64>().prop_map(|seconds| Some(RetryAfter::Seconds(seconds))),
            any_float().prop_map(|millis| Some(RetryAfter::InMillis(millis))),
        ]
    }

    proptest! {
        /// No header, time or jitter makes the policy panic, and a retry it allows never ends
        /// past the 180 s budget nor waits longer than `Retry-After` or the backoff cap allow.
        #[test]
        fn no_input_panics_and_every_retry_fits_the_budget(
            text in ".{0,40}|[0-9]{1,30}",
            now in any_float(),
            date in proptest::option::of(any_float()),
            status in any::<u16>(),
            retries in any::<u32>(),
            elapsed in any::<u64>(),
            retry_after in any_retry_after(),
            jitter in any_float(),
        ) {
            let _ = RetryAfter::parse(&text, now, |_| date);
            let elapsed = Duration::from_millis(elapsed);
            let _ = backoff(retries, retry_after, jitter);
            if let Some(wait) = next_retry("PATCH", status, retries, elapsed, retry_after, jitter) {
                prop_assert!(elapsed + wait <= GIVE_UP_AFTER);
                prop_assert!(retries < MAX_RETRIES);
                if retry_after.is_none() {
                    prop_assert!(wait <= MAX_BACKOFF);
                }
            }
        }
    }
}
