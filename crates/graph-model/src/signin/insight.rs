//! Token insight: a best-effort, unverified reading of a JWT access token's payload, for
//! display and hints only (Microsoft asks clients not to depend on the contents of tokens for
//! APIs they do not own, so nothing here ever decides whether to send).

use serde::Deserialize;

use super::authority::{READ_PERMISSION, WRITE_PERMISSION};
use super::base64url;
use crate::endpoint::ServiceRoot;

/// Tokens longer than this are not decoded (real ones are a few kilobytes).
const LONGEST_DECODED: usize = 32 * 1024;

/// Graph's application id, which some tokens carry as their audience instead of its URL.
const GRAPH_APP_ID: &str = "00000003-0000-0000-c000-000000000000";

/// What a token's payload says, as far as it could be read.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct Claims {
    /// `aud`: the API the token is for.
    #[serde(default, rename = "aud")]
    pub audience: Option<String>,
    /// `scp`: delegated permissions, space separated.
    #[serde(default, rename = "scp")]
    pub scopes: Option<String>,
    /// `roles`: application permissions.
    #[serde(default)]
    pub roles: Vec<String>,
    /// `exp`: expiry, seconds since 1970.
    #[serde(default, rename = "exp")]
    pub expires_at: Option<u64>,
    /// `tid`: the tenant id.
    #[serde(default, rename = "tid")]
    pub tenant: Option<String>,
    /// `upn`: the user's sign-in name.
    #[serde(default)]
    pub upn: Option<String>,
    /// `name`: the user's display name.
    #[serde(default)]
    pub name: Option<String>,
    /// `app_displayname`: the app the token was issued to.
    #[serde(default)]
    pub app_displayname: Option<String>,
}

/// What kind of token was given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenShape {
    /// Not a readable JWT: it is sent as it is.
    Opaque,
    /// A JWT whose payload could be read (not verified).
    Jwt(Claims),
}

/// Reads a token's payload. Never fails: anything that is not three base64url parts with a
/// JSON object in the middle is [`TokenShape::Opaque`].
pub fn inspect(token: &str) -> TokenShape {
    let token = token.trim();
    if token.len() > LONGEST_DECODED {
        return TokenShape::Opaque;
    }
    let mut parts = token.split('.');
    let (Some(_header), Some(payload), Some(_signature), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return TokenShape::Opaque;
    };
    base64url::decode(payload)
        .and_then(|bytes| serde_json::from_slice::<Claims>(&bytes).ok())
        .map_or(TokenShape::Opaque, TokenShape::Jwt)
}

/// How much of the Intune permission a token carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    /// `DeviceManagementApps.ReadWrite.All`: enough to send.
    Write,
    /// Only `DeviceManagementApps.Read.All`: enough to load, not to send.
    ReadOnly,
    /// Neither.
    None,
}

/// A reason the token will probably not work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InsightWarning {
    /// The token is for another API or another cloud.
    OtherAudience {
        /// The token's audience.
        audience: String,
        /// The Graph host of the chosen environment.
        expected: String,
    },
    /// The permission to send is missing.
    MissingPermission(Grant),
    /// The token has expired.
    Expired,
}

impl Claims {
    /// Who the token speaks for: the user's sign-in name or display name, else the app's name.
    pub fn who(&self) -> Option<&str> {
        self.upn
            .as_deref()
            .or(self.name.as_deref())
            .or(self.app_displayname.as_deref())
    }

    /// The permissions granted, delegated and application alike.
    pub fn permissions(&self) -> Vec<&str> {
        let delegated = self.scopes.as_deref().unwrap_or("").split_whitespace();
        delegated
            .chain(self.roles.iter().map(String::as_str))
            .collect()
    }

    /// How much of the Intune permission the token carries.
    pub fn grant(&self) -> Grant {
        let permissions = self.permissions();
        if permissions.contains(&WRITE_PERMISSION) {
            Grant::Write
        } else if permissions.contains(&READ_PERMISSION) {
            Grant::ReadOnly
        } else {
            Grant::None
        }
    }

    /// Seconds left before expiry at `now` (seconds since 1970); negative once expired.
    pub fn seconds_left(&self, now: u64) -> Option<i64> {
        self.expires_at.map(|expiry| {
            i64::try_from(expiry).unwrap_or(i64::MAX) - i64::try_from(now).unwrap_or(0)
        })
    }

    /// Why this token will probably not work against `root` at `now`.
    pub fn warnings(&self, root: &ServiceRoot, now: u64) -> Vec<InsightWarning> {
        let mut warnings = Vec::new();
        let expected = root.base_url();
        if let Some(audience) = &self.audience {
            let audience_host = audience.trim_end_matches('/');
            let matches = audience_host.eq_ignore_ascii_case(&expected)
                || (matches!(root, ServiceRoot::Cloud(_)) && audience_host == GRAPH_APP_ID);
            if !matches {
                warnings.push(InsightWarning::OtherAudience {
                    audience: audience.clone(),
                    expected,
                });
            }
        }
        let grant = self.grant();
        if grant != Grant::Write {
            warnings.push(InsightWarning::MissingPermission(grant));
        }
        if self.seconds_left(now).is_some_and(|left| left <= 0) {
            warnings.push(InsightWarning::Expired);
        }
        warnings
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::NationalCloud;

    fn jwt(payload: &str) -> String {
        format!(
            "{}.{}.sig",
            base64url::encode(br#"{"alg":"RS256"}"#),
            base64url::encode(payload.as_bytes())
        )
    }

    #[test]
    fn reads_a_delegated_graph_token() {
        let token = jwt(
            r#"{"aud":"https://graph.microsoft.com","scp":"DeviceManagementApps.ReadWrite.All User.Read","exp":2000,"tid":"t","upn":"adele@contoso.com","name":"Adele"}"#,
        );
        let TokenShape::Jwt(claims) = inspect(&token) else {
            panic!("a JWT")
        };
        assert_eq!(claims.who(), Some("adele@contoso.com"));
        assert_eq!(claims.grant(), Grant::Write);
        let global = ServiceRoot::Cloud(NationalCloud::Global);
        assert_eq!(claims.warnings(&global, 1000), []);
        assert_eq!(claims.seconds_left(1990), Some(10));
        assert_eq!(claims.warnings(&global, 2000), [InsightWarning::Expired]);
    }

    #[test]
    fn warns_of_another_cloud_or_api_and_missing_permissions() {
        let TokenShape::Jwt(claims) = inspect(&jwt(
            r#"{"aud":"https://management.azure.com/","scp":"DeviceManagementApps.Read.All","exp":1}"#,
        )) else {
            panic!("a JWT")
        };
        let warnings = claims.warnings(&ServiceRoot::Cloud(NationalCloud::UsGovL4), 5);
        assert_eq!(
            warnings,
            [
                InsightWarning::OtherAudience {
                    audience: "https://management.azure.com/".into(),
                    expected: "https://graph.microsoft.us".into()
                },
                InsightWarning::MissingPermission(Grant::ReadOnly),
                InsightWarning::Expired,
            ]
        );
        let TokenShape::Jwt(app) = inspect(&jwt(
            r#"{"aud":"00000003-0000-0000-c000-000000000000","roles":["DeviceManagementApps.ReadWrite.All"],"app_displayname":"Deployer"}"#,
        )) else {
            panic!("a JWT")
        };
        assert_eq!(app.who(), Some("Deployer"));
        assert_eq!(
            app.warnings(&ServiceRoot::Cloud(NationalCloud::Global), 0),
            []
        );
    }

    #[test]
    fn hostile_tokens_are_opaque() {
        let huge = jwt(&format!(r#"{{"aud":"{}"}}"#, "a".repeat(40_000)));
        for token in [
            "",
            "opaque-token",
            "a.b",
            "a.b.c.d.e",
            "a.!!!.c",
            &jwt("not json"),
            &jwt("[1,2]"),
            &jwt(r#"{"exp":"soon"}"#),
            &huge,
        ] {
            assert_eq!(inspect(token), TokenShape::Opaque, "{token:.40}");
        }
    }

    #[cfg(not(target_arch = "wasm32"))]
    proptest::proptest! {
        #[test]
        fn inspect_never_panics(token in ".{0,200}") {
            let _ = inspect(&token);
        }
    }
}
