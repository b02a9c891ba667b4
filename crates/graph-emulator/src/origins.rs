//! Which web pages may call the emulator. A browser sends `Origin` with every cross-origin
//! request; by default only pages on this machine are answered (`http://localhost:*`,
//! `http://127.0.0.1:*`), so a web site open in the same browser cannot read or change the
//! emulator's data. Clients that are not browsers send no `Origin` and are not affected.

use std::fmt;
use std::str::FromStr;

use crate::config::FlagError;

/// One `--allow-origin` value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OriginRule {
    /// `*`: every origin.
    Any,
    /// One exact origin, such as `https://playground.example`.
    Exact(String),
}

impl FromStr for OriginRule {
    type Err = FlagError;

    /// `*`, or `SCHEME://HOST[:PORT]` with no path, query or fragment.
    fn from_str(text: &str) -> Result<Self, FlagError> {
        let text = text.trim();
        if text == "*" {
            return Ok(OriginRule::Any);
        }
        let error = || {
            FlagError(format!(
                "\"{text}\" is not an origin: use SCHEME://HOST[:PORT] such as https://playground.example, or '*'"
            ))
        };
        let (scheme, authority) = text.split_once("://").ok_or_else(error)?;
        let authority = authority.strip_suffix('/').unwrap_or(authority);
        let valid = matches!(scheme, "http" | "https")
            && !authority.is_empty()
            && !authority.contains(['/', '?', '#', '@', ' ']);
        if !valid {
            return Err(error());
        }
        Ok(OriginRule::Exact(format!(
            "{scheme}://{}",
            authority.to_ascii_lowercase()
        )))
    }
}

impl fmt::Display for OriginRule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OriginRule::Any => f.write_str("*"),
            OriginRule::Exact(origin) => f.write_str(origin),
        }
    }
}

/// The origins that may call: pages on this machine, plus the `--allow-origin` rules.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AllowedOrigins {
    rules: Vec<OriginRule>,
}

impl AllowedOrigins {
    /// Pages on this machine and these rules.
    pub fn with_rules(rules: Vec<OriginRule>) -> Self {
        AllowedOrigins { rules }
    }

    /// True when every origin is allowed (`--allow-origin '*'`).
    pub fn allows_any(&self) -> bool {
        self.rules.contains(&OriginRule::Any)
    }

    /// True when a page of `origin` (the `Origin` header's value) may call.
    pub fn allows(&self, origin: &str) -> bool {
        let origin = origin.trim().to_ascii_lowercase();
        is_loopback_page(&origin)
            || self.rules.iter().any(|rule| match rule {
                OriginRule::Any => true,
                OriginRule::Exact(allowed) => *allowed == origin,
            })
    }
}

/// `http://localhost` or `http://127.0.0.1`, with any port or none.
fn is_loopback_page(origin: &str) -> bool {
    let Some(authority) = origin.strip_prefix("http://") else {
        return false;
    };
    let (host, port) = authority.split_once(':').unwrap_or((authority, "1"));
    matches!(host, "localhost" | "127.0.0.1")
        && !port.is_empty()
        && port.bytes().all(|byte| byte.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_on_this_machine_are_allowed_by_default() {
        let origins = AllowedOrigins::default();
        for allowed in [
            "http://localhost:8080",
            "http://127.0.0.1:18080",
            "http://localhost",
            "HTTP://LOCALHOST:3000",
        ] {
            assert!(origins.allows(allowed), "{allowed}");
        }
        for refused in [
            "https://attacker.example",
            "http://127.0.0.1.attacker.example",
            "http://localhost.attacker.example:80",
            "http://127.0.0.2:8080",
            "http://localhost:80@attacker.example",
            "null",
            "",
        ] {
            assert!(!origins.allows(refused), "{refused}");
        }
    }

    #[test]
    fn flags_widen_the_list_exactly() {
        let rule: OriginRule = "https://Playground.example/".parse().unwrap();
        assert_eq!(rule.to_string(), "https://playground.example");
        let origins = AllowedOrigins::with_rules(vec![rule]);
        assert!(origins.allows("https://playground.example"));
        assert!(!origins.allows("https://playground.example:8443"));
        assert!(!origins.allows_any());
        let any = AllowedOrigins::with_rules(vec!["*".parse().unwrap()]);
        assert!(any.allows("https://anything.example") && any.allows_any());
        for bad in [
            "playground.example",
            "ftp://x",
            "https://x/path",
            "https://",
            "https://a b",
        ] {
            assert!(bad.parse::<OriginRule>().is_err(), "{bad}");
        }
    }
}
