//! How the emulator behaves: the settings behind the command-line flags.

use std::fmt;
use std::str::FromStr;
use std::time::Duration;

use crate::origins::AllowedOrigins;

/// The largest request body accepted before answering 413.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// The default page size of the configuration list.
pub const DEFAULT_PAGE_SIZE: usize = 100;

/// Behaviour switches. `Default` is what Graph does on a quiet day.
#[derive(Debug, Clone)]
pub struct EmulatorConfig {
    /// The one accepted bearer token; `None` accepts any non-empty token.
    pub token: Option<String>,
    /// Answer every successful PATCH with 200 and the entity instead of 204.
    pub patch_returns_content: bool,
    /// Write throttling.
    pub throttle: Throttle,
    /// Added latency before each answer.
    pub latency: Latency,
    /// The share (0 to 1) of requests answered with a random 500, 503 or 504.
    pub fail_rate: f64,
    /// Leave `Retry-After` out of the CORS exposed headers, as real Graph has been reported to.
    pub hide_retry_after: bool,
    /// The largest body accepted, in bytes.
    pub body_limit: usize,
    /// The most configurations in one page of the list; more come through `@odata.nextLink`
    /// (server-driven paging, as Graph does).
    pub page_size: usize,
    /// The web pages that may call (pages on this machine unless widened).
    pub allowed_origins: AllowedOrigins,
    /// How much the emulator keeps.
    pub limits: Limits,
    /// The sign-in authority's rules.
    pub signin: SignInConfig,
    /// Routes answered as Intune answers a route it does not serve (`--unserved-routes`).
    pub unserved_routes: Option<UnservedRoutes>,
    /// How long an audit event waits before it is listed (`--audit-delay`), as Intune's
    /// appear minutes late.
    pub audit_delay: Duration,
}

/// Documented routes that Intune does not always serve: with one chosen, the emulator answers
/// them `400 No method match route template`, as Intune does, so that a client's fallback can
/// be tried.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnservedRoutes {
    /// `POST .../assignments`, `PATCH` and `DELETE .../assignments/{id}` (the `assign` action
    /// keeps working).
    AssignmentWrite,
}

impl FromStr for UnservedRoutes {
    type Err = FlagError;

    /// `assignment-write`.
    fn from_str(text: &str) -> Result<Self, FlagError> {
        match text {
            "assignment-write" => Ok(UnservedRoutes::AssignmentWrite),
            _ => Err(FlagError(format!(
                "\"{text}\" is not a set of routes: use assignment-write"
            ))),
        }
    }
}

/// What the emulator's sign-in authority accepts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInConfig {
    /// The app registrations that may sign in (`--client-id`); empty accepts any GUID.
    pub client_ids: Vec<String>,
    /// The registered redirect URIs (`--redirect-uri`); empty accepts any `http://localhost`
    /// or `http://127.0.0.1` URI. The port of a loopback URI is ignored when matching, as
    /// Entra does.
    pub redirect_uris: Vec<String>,
    /// How long access tokens live (`--token-lifetime`).
    pub token_lifetime: Duration,
}

impl Default for SignInConfig {
    fn default() -> Self {
        SignInConfig {
            client_ids: Vec::new(),
            redirect_uris: Vec::new(),
            token_lifetime: Duration::from_secs(3600),
        }
    }
}

/// How much the emulator keeps, so that it cannot grow without bound; each limit reached is
/// answered with an OData error that names the flag that raises it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Assignments of one configuration (`--max-assignments-per-configuration`).
    pub assignments_per_configuration: usize,
    /// Assignments of all configurations together (`--max-assignments`).
    pub assignments: usize,
    /// Configurations in the data loaded at start (`--max-configurations`).
    pub configurations: usize,
    /// Distinct tokens the write throttle keeps count for at once (`--max-throttle-tokens`);
    /// tokens with no write in the window are forgotten first.
    pub throttle_tokens: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            assignments_per_configuration: 1_000,
            assignments: 100_000,
            configurations: 10_000,
            throttle_tokens: 10_000,
        }
    }
}

impl Default for EmulatorConfig {
    fn default() -> Self {
        EmulatorConfig {
            token: None,
            patch_returns_content: false,
            throttle: Throttle::Off,
            latency: Latency::None,
            fail_rate: 0.0,
            hide_retry_after: false,
            body_limit: DEFAULT_BODY_LIMIT,
            page_size: DEFAULT_PAGE_SIZE,
            allowed_origins: AllowedOrigins::default(),
            limits: Limits::default(),
            signin: SignInConfig::default(),
            unserved_routes: None,
            audit_delay: Duration::ZERO,
        }
    }
}

/// A flag value that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlagError(pub(crate) String);

impl fmt::Display for FlagError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for FlagError {}

/// Write throttling (POST, PUT, PATCH, DELETE), counted per token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Throttle {
    /// No throttling.
    Off,
    /// At most `writes` writes in any `window`.
    Limit {
        /// Writes allowed in one window.
        writes: u32,
        /// The sliding window.
        window: Duration,
    },
}

impl Throttle {
    /// Intune's documented limit for app management writes: 100 per 20 seconds.
    pub const INTUNE: Throttle = Throttle::Limit {
        writes: 100,
        window: Duration::from_secs(20),
    };
}

impl FromStr for Throttle {
    type Err = FlagError;

    /// `off`, `intune`, or `N/SECONDS` (such as `5/10`: five writes per ten seconds).
    fn from_str(text: &str) -> Result<Self, FlagError> {
        match text {
            "off" => return Ok(Throttle::Off),
            "intune" => return Ok(Throttle::INTUNE),
            _ => {}
        }
        let error = || {
            FlagError(format!(
                "\"{text}\" is not a throttle: use off, intune, or N/SECONDS such as 5/10"
            ))
        };
        let (writes, seconds) = text.split_once('/').ok_or_else(error)?;
        let writes: u32 = writes.parse().map_err(|_| error())?;
        let seconds: u64 = seconds.parse().map_err(|_| error())?;
        if writes == 0 || seconds == 0 {
            return Err(error());
        }
        Ok(Throttle::Limit {
            writes,
            window: Duration::from_secs(seconds),
        })
    }
}

/// Latency added before answering.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Latency {
    /// None.
    None,
    /// Always this long.
    Fixed(Duration),
    /// A uniformly random time between the two.
    Range(Duration, Duration),
}

impl FromStr for Latency {
    type Err = FlagError;

    /// `MS` or `MIN-MAX`, in milliseconds.
    fn from_str(text: &str) -> Result<Self, FlagError> {
        let error = || {
            FlagError(format!(
                "\"{text}\" is not a latency: use milliseconds (250) or a range (100-900)"
            ))
        };
        let millis = |part: &str| part.trim().parse::<u64>().map(Duration::from_millis);
        match text.split_once('-') {
            None => Ok(Latency::Fixed(millis(text).map_err(|_| error())?)),
            Some((low, high)) => {
                let (low, high) = (
                    millis(low).map_err(|_| error())?,
                    millis(high).map_err(|_| error())?,
                );
                if low > high {
                    return Err(error());
                }
                Ok(Latency::Range(low, high))
            }
        }
    }
}

/// Reads a fail rate from 0 to 1.
pub fn parse_fail_rate(text: &str) -> Result<f64, FlagError> {
    match text.parse::<f64>() {
        Ok(rate) if (0.0..=1.0).contains(&rate) => Ok(rate),
        _ => Err(FlagError(format!(
            "\"{text}\" is not a fail rate: use a fraction from 0 to 1, such as 0.2"
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn throttle_flags() {
        assert_eq!("off".parse(), Ok(Throttle::Off));
        assert_eq!("intune".parse(), Ok(Throttle::INTUNE));
        assert_eq!(
            "5/10".parse(),
            Ok(Throttle::Limit {
                writes: 5,
                window: Duration::from_secs(10)
            })
        );
        for bad in ["", "5", "0/10", "5/0", "a/b", "fast"] {
            assert!(bad.parse::<Throttle>().is_err(), "{bad}");
        }
    }

    #[test]
    fn latency_flags() {
        assert_eq!(
            "250".parse(),
            Ok(Latency::Fixed(Duration::from_millis(250)))
        );
        assert_eq!(
            "100-900".parse(),
            Ok(Latency::Range(
                Duration::from_millis(100),
                Duration::from_millis(900)
            ))
        );
        for bad in ["", "-5", "9-1", "x"] {
            assert!(bad.parse::<Latency>().is_err(), "{bad}");
        }
    }

    #[test]
    fn unserved_routes_flags() {
        assert_eq!(
            "assignment-write".parse(),
            Ok(UnservedRoutes::AssignmentWrite)
        );
        assert!("everything".parse::<UnservedRoutes>().is_err());
    }

    #[test]
    fn fail_rate_flags() {
        assert_eq!(parse_fail_rate("0.25"), Ok(0.25));
        assert!(parse_fail_rate("1.5").is_err());
        assert!(parse_fail_rate("NaN").is_err());
    }
}
