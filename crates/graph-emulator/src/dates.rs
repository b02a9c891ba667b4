//! The sample's dates kept true to today: the fixture is written as of [`SAMPLE_AS_OF`], and
//! its configurations' dates move by the whole days since then, so that the profile that "expires
//! in 18 days" still does on whatever day the emulator starts.

use std::time::{Duration, SystemTime};

use graph_model::IosLobAppProvisioningConfiguration;

/// The day the sample fixture's dates were written for.
pub const SAMPLE_AS_OF: &str = "2026-12-01T00:00:00Z";

/// Seconds in a day.
const DAY: u64 = 86_400;

/// The whole days from `from` to `to` (negative when `to` is earlier).
pub fn whole_days_between(from: SystemTime, to: SystemTime) -> i64 {
    match to.duration_since(from) {
        Ok(later) => (later.as_secs() / DAY) as i64,
        Err(earlier) => -((earlier.duration().as_secs() / DAY) as i64),
    }
}

/// `time` moved by `days`.
pub fn shifted(time: SystemTime, days: i64) -> SystemTime {
    let by = Duration::from_secs(days.unsigned_abs() * DAY);
    if days >= 0 { time + by } else { time - by }
}

/// An RFC 3339 date-time moved by `days`; text that is not one stays as it is.
fn shift_text(text: &mut String, days: i64) {
    if let Ok(time) = humantime::parse_rfc3339(text) {
        *text = humantime::format_rfc3339_seconds(shifted(time, days)).to_string();
    }
}

/// Moves the configuration's created, modified and expiry dates by `days`.
pub fn shift_configuration(configuration: &mut IosLobAppProvisioningConfiguration, days: i64) {
    let dates = [
        &mut configuration.created_date_time,
        &mut configuration.last_modified_date_time,
        &mut configuration.expiration_date_time,
    ];
    for text in dates.into_iter().flatten() {
        shift_text(text, days);
    }
}

/// The days the sample's dates move to be true on `today`.
pub fn sample_shift(today: SystemTime) -> i64 {
    humantime::parse_rfc3339(SAMPLE_AS_OF)
        .map(|as_of| whole_days_between(as_of, today))
        .unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_move_by_whole_days_both_ways() {
        let as_of = humantime::parse_rfc3339(SAMPLE_AS_OF).unwrap();
        assert_eq!(sample_shift(as_of), 0);
        assert_eq!(
            sample_shift(shifted(as_of, 40) + Duration::from_secs(3_600)),
            40
        );
        assert_eq!(sample_shift(shifted(as_of, -3)), -3);
        let mut configuration: IosLobAppProvisioningConfiguration = serde_json::from_value(
            serde_json::json!({"id": "c", "expirationDateTime": "2026-12-19T09:14:27Z", "description": "x"}),
        )
        .unwrap();
        shift_configuration(&mut configuration, 14);
        assert_eq!(
            configuration.expiration_date_time.as_deref(),
            Some("2027-01-02T09:14:27Z")
        );
        configuration.created_date_time = Some("not a date".into());
        shift_configuration(&mut configuration, 1);
        assert_eq!(
            configuration.created_date_time.as_deref(),
            Some("not a date")
        );
    }
}
