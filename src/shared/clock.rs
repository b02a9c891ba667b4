//! The one clock of the page: wall-clock milliseconds, as retry plans and countdowns need.

/// Milliseconds since the epoch.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Whole seconds since the epoch, as expiry dates are compared with.
pub fn now_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0) as i64
}

/// The current time in ISO 8601, for the history.
pub fn now_iso() -> String {
    js_sys::Date::new_0()
        .to_iso_string()
        .as_string()
        .unwrap_or_default()
}

/// Reads an HTTP date (as in `Retry-After`) into milliseconds since the epoch.
pub fn parse_http_date(text: &str) -> Option<f64> {
    let millis = js_sys::Date::parse(text);
    (!millis.is_nan()).then_some(millis)
}
