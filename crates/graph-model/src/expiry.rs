//! When a provisioning profile expires, in words: "expired 3 days ago", "expires in 12 days",
//! "expires 2027-10-30". A profile lasts a year; one that has expired or expires within
//! [`SOON_DAYS`] days is marked wherever it is shown.

/// Within how many days an expiry is marked as near.
pub const SOON_DAYS: i64 = 30;

/// Seconds in a day.
const DAY: i64 = 86_400;

/// How a profile's expiry stands at a moment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expiry {
    /// It has expired, this many whole days ago (0: within the last day).
    Expired {
        /// Whole days since it expired.
        days_ago: i64,
        /// The expiry date, `YYYY-MM-DD`.
        date: String,
    },
    /// It expires within [`SOON_DAYS`] days, in this many whole days (0: within a day).
    Soon {
        /// Whole days left.
        days_left: i64,
        /// The expiry date, `YYYY-MM-DD`.
        date: String,
    },
    /// It expires later.
    Later {
        /// The expiry date, `YYYY-MM-DD`.
        date: String,
    },
}

impl Expiry {
    /// The expiry `expiration` (an ISO 8601 date-time, as Graph writes `expirationDateTime`) at
    /// `now` (seconds since 1970, UTC); `None` when it cannot be read.
    pub fn at(expiration: &str, now: i64) -> Option<Expiry> {
        let expires = unix_seconds(expiration)?;
        let date = expiration.trim().get(..10)?.to_owned();
        Some(if expires <= now {
            Expiry::Expired {
                days_ago: (now - expires) / DAY,
                date,
            }
        } else if expires - now <= SOON_DAYS * DAY {
            Expiry::Soon {
                days_left: (expires - now) / DAY,
                date,
            }
        } else {
            Expiry::Later { date }
        })
    }

    /// Whether it is marked: expired, or expiring within [`SOON_DAYS`] days.
    pub fn is_marked(&self) -> bool {
        !matches!(self, Expiry::Later { .. })
    }

    /// In words: "expired 3 days ago (2026-11-30)", "expires in 12 days (2026-12-15)",
    /// "expires 2027-10-30".
    pub fn words(&self) -> String {
        let days = |count: i64| match count {
            1 => "1 day".to_owned(),
            count => format!("{count} days"),
        };
        match self {
            Expiry::Expired { days_ago: 0, date } => format!("expired today ({date})"),
            Expiry::Expired { days_ago, date } => {
                format!("expired {} ago ({date})", days(*days_ago))
            }
            Expiry::Soon { days_left: 0, date } => format!("expires today ({date})"),
            Expiry::Soon { days_left, date } => {
                format!("expires in {} ({date})", days(*days_left))
            }
            Expiry::Later { date } => format!("expires {date}"),
        }
    }
}

/// Seconds since 1970 (UTC) of an RFC 3339 date-time such as `2027-03-02T09:14:27Z`,
/// `2027-03-02T09:14:27.1234567Z` or `2027-03-02T10:14:27+01:00`; a bare date is midnight UTC.
pub fn unix_seconds(text: &str) -> Option<i64> {
    let text = text.trim();
    let number = |range: std::ops::Range<usize>| -> Option<i64> {
        let part = text.get(range)?;
        part.bytes()
            .all(|byte| byte.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if text.get(4..5) != Some("-") || text.get(7..8) != Some("-") {
        return None;
    }
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    let days = days_from_civil(year, month, day);
    if text.len() == 10 {
        return Some(days * DAY);
    }
    if !matches!(text.get(10..11), Some("T" | "t" | " ")) {
        return None;
    }
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = text.get(19..)?;
    if let Some(fraction) = rest.strip_prefix('.') {
        let digits = fraction.bytes().take_while(u8::is_ascii_digit).count();
        rest = &fraction[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.get(..1)? {
                "+" => 1,
                "-" => -1,
                _ => return None,
            };
            let hours: i64 = rest.get(1..3)?.parse().ok()?;
            let minutes: i64 = rest.get(4..6)?.parse().ok()?;
            if rest.len() != 6 || rest.get(3..4) != Some(":") {
                return None;
            }
            sign * (hours * 3_600 + minutes * 60)
        }
    };
    Some(days * DAY + hour * 3_600 + minute * 60 + second - offset)
}

/// Days since 1970-01-01 of a date in the proleptic Gregorian calendar (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_from_march = (month + 9) % 12;
    let day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_times_are_read_in_every_form_graph_writes() {
        assert_eq!(unix_seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(unix_seconds("2000-03-01T00:00:00Z"), Some(951_868_800));
        assert_eq!(unix_seconds("2027-03-02T09:14:27Z"), Some(1_803_978_867));
        assert_eq!(
            unix_seconds("2027-03-02T09:14:27.1234567Z"),
            unix_seconds("2027-03-02T09:14:27Z")
        );
        assert_eq!(
            unix_seconds("2027-03-02T10:14:27+01:00"),
            unix_seconds("2027-03-02T09:14:27Z")
        );
        assert_eq!(unix_seconds("2027-03-02"), Some(1_803_945_600));
        for bad in [
            "",
            "soon",
            "2027-13-01T00:00:00Z",
            "2027-03-02T09:14",
            "2027-03-02T09:14:27",
            "2027/03/02",
        ] {
            assert_eq!(unix_seconds(bad), None, "{bad}");
        }
    }

    #[test]
    fn expiry_wording_at_the_edges() {
        let expires = "2026-12-31T12:00:00Z";
        let at = unix_seconds(expires).unwrap();
        let words = |now: i64| Expiry::at(expires, now).unwrap().words();
        assert_eq!(
            words(at),
            "expired today (2026-12-31)",
            "the moment it expires"
        );
        assert_eq!(words(at - 1), "expires today (2026-12-31)");
        assert_eq!(words(at + DAY), "expired 1 day ago (2026-12-31)");
        assert_eq!(words(at + 3 * DAY + 5), "expired 3 days ago (2026-12-31)");
        assert_eq!(words(at - DAY), "expires in 1 day (2026-12-31)");
        assert_eq!(words(at - 12 * DAY - 60), "expires in 12 days (2026-12-31)");
        let exactly_a_month = Expiry::at(expires, at - SOON_DAYS * DAY).unwrap();
        assert!(exactly_a_month.is_marked());
        assert_eq!(exactly_a_month.words(), "expires in 30 days (2026-12-31)");
        let past_a_month = Expiry::at(expires, at - SOON_DAYS * DAY - 1).unwrap();
        assert!(!past_a_month.is_marked());
        assert_eq!(past_a_month.words(), "expires 2026-12-31");
        assert_eq!(Expiry::at("never", 0), None);
    }
}
