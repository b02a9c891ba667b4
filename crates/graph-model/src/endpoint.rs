//! Where requests go: the API version, the national clouds, and the local emulator.

use std::fmt;

use serde::{Deserialize, Serialize};

use crate::names::named_enum;

/// The Graph API version segment, serialised as `beta` or `v1.0`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ApiVersion {
    /// `beta`: the only version that has iOS LOB app provisioning configurations.
    #[default]
    #[serde(rename = "beta")]
    Beta,
    /// `v1.0`: answers 400 for this entity.
    #[serde(rename = "v1.0")]
    V1_0,
}

impl ApiVersion {
    /// Both versions, beta first.
    pub const ALL: [ApiVersion; 2] = [ApiVersion::Beta, ApiVersion::V1_0];

    /// The path segment: `beta` or `v1.0`.
    pub const fn as_str(self) -> &'static str {
        match self {
            ApiVersion::Beta => "beta",
            ApiVersion::V1_0 => "v1.0",
        }
    }
}

named_enum!(ApiVersion, "API version", as_str);

/// A Microsoft Graph deployment (national cloud), serialised by its [`NationalCloud::key`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum NationalCloud {
    /// The global service (also GCC).
    #[serde(rename = "global")]
    Global,
    /// US Government L4 (GCC High).
    #[serde(rename = "usgov-l4")]
    UsGovL4,
    /// US Government L5 (DoD).
    #[serde(rename = "usgov-l5-dod")]
    UsGovL5Dod,
    /// China, operated by 21Vianet.
    #[serde(rename = "china")]
    China,
}

impl NationalCloud {
    /// Every cloud, global first.
    pub const ALL: [NationalCloud; 4] = [
        NationalCloud::Global,
        NationalCloud::UsGovL4,
        NationalCloud::UsGovL5Dod,
        NationalCloud::China,
    ];

    /// A stable key for storage and share links.
    pub const fn key(self) -> &'static str {
        match self {
            NationalCloud::Global => "global",
            NationalCloud::UsGovL4 => "usgov-l4",
            NationalCloud::UsGovL5Dod => "usgov-l5-dod",
            NationalCloud::China => "china",
        }
    }

    /// The name people use.
    pub fn label(self) -> &'static str {
        match self {
            NationalCloud::Global => "Microsoft Graph global",
            NationalCloud::UsGovL4 => "US Government L4 (GCC High)",
            NationalCloud::UsGovL5Dod => "US Government L5 (DoD)",
            NationalCloud::China => "China (21Vianet)",
        }
    }

    /// The Graph host name.
    pub fn graph_host(self) -> &'static str {
        match self {
            NationalCloud::Global => "graph.microsoft.com",
            NationalCloud::UsGovL4 => "graph.microsoft.us",
            NationalCloud::UsGovL5Dod => "dod-graph.microsoft.us",
            NationalCloud::China => "microsoftgraph.chinacloudapi.cn",
        }
    }

    /// The sign-in (Entra ID) host. For China this is the host MSAL and azure-identity use;
    /// one Entra page names `login.partner.microsoftonline.cn` instead.
    pub fn login_host(self) -> &'static str {
        match self {
            NationalCloud::Global => "login.microsoftonline.com",
            NationalCloud::UsGovL4 | NationalCloud::UsGovL5Dod => "login.microsoftonline.us",
            NationalCloud::China => "login.chinacloudapi.cn",
        }
    }

    /// A permission scope in this cloud, such as
    /// `https://graph.microsoft.us/DeviceManagementApps.ReadWrite.All`.
    pub fn scope(self, permission: &str) -> String {
        format!("https://{}/{permission}", self.graph_host())
    }
}

named_enum!(NationalCloud, "national cloud", key);

/// Why an emulator URL was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServiceRootError {
    /// Not `http://` or `https://`.
    Scheme,
    /// The host is not on loopback, so a token must not be sent there.
    NotLoopback {
        /// The host as given.
        host: String,
    },
    /// The port is not a number from 1 to 65535.
    Port,
    /// A query or fragment, which a base URL cannot have.
    QueryOrFragment,
}

impl fmt::Display for ServiceRootError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ServiceRootError::Scheme => {
                f.write_str("the emulator URL must start with http:// or https://")
            }
            ServiceRootError::NotLoopback { host } => write!(
                f,
                "\"{host}\" is not localhost or 127.0.0.1: a token is only sent to Microsoft \
                 Graph over https or to an emulator on this machine"
            ),
            ServiceRootError::Port => f.write_str("the port must be a number from 1 to 65535"),
            ServiceRootError::QueryOrFragment => {
                f.write_str("the emulator URL must not have a query (?) or fragment (#)")
            }
        }
    }
}

impl std::error::Error for ServiceRootError {}

/// The base URL of a Graph emulator on this machine, without a trailing slash, such as
/// `http://127.0.0.1:8787`. It can only be made by [`EmulatorRoot::parse`], so it always names
/// `localhost` or `127.0.0.1`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmulatorRoot(String);

impl EmulatorRoot {
    /// Accepts an emulator base URL such as `http://127.0.0.1:8787`, refusing any host but
    /// `localhost` and `127.0.0.1`: those are the loopback hosts the browser app's
    /// Content-Security-Policy can name (it cannot name IPv6 hosts or address ranges).
    pub fn parse(url: &str) -> Result<EmulatorRoot, ServiceRootError> {
        let url = url.trim();
        let (scheme, rest) = url.split_once("://").ok_or(ServiceRootError::Scheme)?;
        let scheme = scheme.to_ascii_lowercase();
        if scheme != "http" && scheme != "https" {
            return Err(ServiceRootError::Scheme);
        }
        if rest.contains(['?', '#']) {
            return Err(ServiceRootError::QueryOrFragment);
        }
        let (authority, path) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        if authority.contains('@') {
            return Err(ServiceRootError::NotLoopback {
                host: authority.to_owned(),
            });
        }
        let (host, port) = split_host_port(authority)?;
        let host = host.to_ascii_lowercase();
        if !is_loopback_host(&host) {
            return Err(ServiceRootError::NotLoopback { host });
        }
        let port = match port {
            Some(port) => format!(":{port}"),
            None => String::new(),
        };
        let path = path.trim_end_matches('/');
        Ok(EmulatorRoot(format!("{scheme}://{host}{port}{path}")))
    }

    /// The normalised base URL.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::str::FromStr for EmulatorRoot {
    type Err = ServiceRootError;

    fn from_str(url: &str) -> Result<Self, Self::Err> {
        EmulatorRoot::parse(url)
    }
}

impl fmt::Display for EmulatorRoot {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The base that Graph paths are appended to. Only these two kinds exist, so a token can only
/// ever go to a Graph host over https or to an emulator on loopback.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ServiceRoot {
    /// Microsoft Graph in a national cloud, always over https.
    Cloud(NationalCloud),
    /// A Graph emulator on loopback.
    Emulator(EmulatorRoot),
}

impl ServiceRoot {
    /// An emulator root from its base URL (see [`EmulatorRoot::parse`]).
    pub fn emulator(url: &str) -> Result<ServiceRoot, ServiceRootError> {
        EmulatorRoot::parse(url).map(ServiceRoot::Emulator)
    }

    /// The base URL without a trailing slash, such as `https://graph.microsoft.com`.
    pub fn base_url(&self) -> String {
        match self {
            ServiceRoot::Cloud(cloud) => format!("https://{}", cloud.graph_host()),
            ServiceRoot::Emulator(root) => root.0.clone(),
        }
    }

    /// True when `url` lies under this root, so that the token may go with it: how a
    /// `@odata.nextLink` is checked before it is followed. The comparison is exact, so a link
    /// to another host, port, scheme or path prefix is not owned.
    pub fn owns(&self, url: &str) -> bool {
        url.strip_prefix(&self.base_url())
            .is_some_and(|rest| rest.starts_with('/'))
    }
}

fn split_host_port(authority: &str) -> Result<(&str, Option<u16>), ServiceRootError> {
    let (host, port_text) = if let Some(rest) = authority.strip_prefix('[') {
        let end = rest.find(']').ok_or(ServiceRootError::NotLoopback {
            host: authority.to_owned(),
        })?;
        let after = &rest[end + 1..];
        let port = match after {
            "" => None,
            _ => Some(after.strip_prefix(':').ok_or(ServiceRootError::Port)?),
        };
        (&authority[..end + 2], port)
    } else {
        match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        }
    };
    let port = match port_text {
        None => None,
        Some(text) => match text.parse::<u16>() {
            Ok(port) if port > 0 && text.bytes().all(|b| b.is_ascii_digit()) => Some(port),
            _ => return Err(ServiceRootError::Port),
        },
    };
    Ok((host, port))
}

/// Whether `host` (a URL's host name) is one of the loopback names a browser page may use:
/// `localhost` and `127.0.0.1`.
pub fn is_loopback_host(host: &str) -> bool {
    host == "localhost" || host == "127.0.0.1"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clouds_have_their_hosts() {
        assert_eq!(
            NationalCloud::UsGovL5Dod.graph_host(),
            "dod-graph.microsoft.us"
        );
        assert_eq!(
            NationalCloud::UsGovL4.scope("DeviceManagementApps.ReadWrite.All"),
            "https://graph.microsoft.us/DeviceManagementApps.ReadWrite.All"
        );
        assert_eq!(
            ServiceRoot::Cloud(NationalCloud::China).base_url(),
            "https://microsoftgraph.chinacloudapi.cn"
        );
        for cloud in NationalCloud::ALL {
            assert_eq!(cloud.key().parse(), Ok(cloud));
            assert_eq!(serde_json::to_value(cloud).unwrap(), cloud.key());
        }
        assert_eq!(serde_json::to_value(ApiVersion::V1_0).unwrap(), "v1.0");
    }

    #[test]
    fn emulator_urls_on_loopback_are_normalised() {
        for (given, expected) in [
            ("http://127.0.0.1:8787", "http://127.0.0.1:8787"),
            (" HTTP://LOCALHOST:8787/ ", "http://localhost:8787"),
            (
                "http://localhost:9000/graph/",
                "http://localhost:9000/graph",
            ),
            ("https://127.0.0.1", "https://127.0.0.1"),
        ] {
            assert_eq!(
                ServiceRoot::emulator(given).map(|root| root.base_url()),
                Ok(expected.to_owned()),
                "{given}"
            );
        }
    }

    #[test]
    fn emulator_urls_off_loopback_are_refused() {
        for given in [
            "http://graph.microsoft.com",
            "http://127.0.0.1.evil.example:8787",
            "http://localhost.evil.example",
            "http://user@127.0.0.1:8787",
            "http://10.0.0.1:8787",
            "http://128.0.0.1",
            "http://[::2]:80",
            "http://[::1]:8787",
            "http://127.0.0.2:8787",
        ] {
            assert!(
                matches!(
                    ServiceRoot::emulator(given),
                    Err(ServiceRootError::NotLoopback { .. })
                ),
                "{given}"
            );
        }
        assert_eq!(
            ServiceRoot::emulator("ftp://127.0.0.1"),
            Err(ServiceRootError::Scheme)
        );
        assert_eq!(
            ServiceRoot::emulator("127.0.0.1:8787"),
            Err(ServiceRootError::Scheme)
        );
        assert_eq!(
            ServiceRoot::emulator("http://127.0.0.1:0"),
            Err(ServiceRootError::Port)
        );
        assert_eq!(
            ServiceRoot::emulator("http://127.0.0.1:+80"),
            Err(ServiceRootError::Port)
        );
        assert_eq!(
            ServiceRoot::emulator("http://127.0.0.1:8787/?x"),
            Err(ServiceRootError::QueryOrFragment)
        );
    }

    #[test]
    fn a_root_owns_only_urls_below_it() {
        let emulator = ServiceRoot::emulator("http://127.0.0.1:8787").unwrap();
        assert!(emulator.owns("http://127.0.0.1:8787/beta/x?$skiptoken=2"));
        for foreign in [
            "http://127.0.0.1:87870/beta/x",
            "http://127.0.0.1:8787",
            "https://127.0.0.1:8787/beta/x",
            "http://127.0.0.1:8787.evil.example/beta/x",
            "http://127.0.0.1:8787@evil.example/beta/x",
            "http://localhost:8787/beta/x",
            "https://graph.microsoft.com/beta/x",
        ] {
            assert!(!emulator.owns(foreign), "{foreign}");
        }
        let prefixed = ServiceRoot::emulator("http://localhost:9000/graph/").unwrap();
        assert!(prefixed.owns("http://localhost:9000/graph/beta/x"));
        assert!(!prefixed.owns("http://localhost:9000/graphs/beta/x"));
        let cloud = ServiceRoot::Cloud(NationalCloud::UsGovL4);
        assert!(cloud.owns("https://graph.microsoft.us/beta/x"));
        assert!(!cloud.owns("https://graph.microsoft.com/beta/x"));
        assert!(!cloud.owns("http://graph.microsoft.us/beta/x"));
    }
}
