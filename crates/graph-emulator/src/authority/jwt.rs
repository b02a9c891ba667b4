//! The emulator's access and ID tokens: JWTs signed with HS256 and a key drawn at start, so
//! that only this run's tokens verify, checked by the Graph endpoints for expiry and scope.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, errors::ErrorKind};
use rand::RngCore;
use serde::{Deserialize, Serialize};

use super::directory::{Granted, TENANT_ID, User};

/// The key id in the header of every token this emulator signs; tokens without it are not the
/// emulator's and are treated as opaque.
pub const KEY_ID: &str = "graph-emulator";

/// The claims of an access token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccessClaims {
    /// The API the token is for.
    pub aud: String,
    /// Who issued it.
    pub iss: String,
    /// Issued at, seconds since 1970.
    pub iat: u64,
    /// Not before.
    pub nbf: u64,
    /// Expiry.
    pub exp: u64,
    /// Delegated permissions, space separated.
    pub scp: String,
    /// Tenant id.
    pub tid: String,
    /// User object id.
    pub oid: String,
    /// User sign-in name.
    pub upn: String,
    /// User display name.
    pub name: String,
    /// The client id of the app the token was issued to.
    pub appid: String,
    /// Token version.
    pub ver: String,
}

impl AccessClaims {
    /// Whether the token grants `permission`.
    pub fn grants(&self, permission: &str) -> bool {
        self.scp.split_whitespace().any(|scope| scope == permission)
    }
}

#[derive(Debug, Serialize)]
struct IdClaims<'a> {
    aud: &'a str,
    iss: &'a str,
    iat: u64,
    nbf: u64,
    exp: u64,
    sub: &'a str,
    oid: &'a str,
    tid: &'a str,
    name: &'a str,
    preferred_username: &'a str,
    ver: &'a str,
}

/// Why a token of this emulator was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// Past its `exp`.
    Expired,
    /// Bad signature or unreadable.
    Invalid,
}

/// Signs and checks this run's tokens.
pub struct TokenKeys {
    encoding: EncodingKey,
    decoding: DecodingKey,
    issuer: String,
}

impl std::fmt::Debug for TokenKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TokenKeys(..)")
    }
}

impl Default for TokenKeys {
    fn default() -> Self {
        let mut secret = [0u8; 32];
        rand::rng().fill_bytes(&mut secret);
        TokenKeys {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            issuer: format!("https://login.emulator.invalid/{TENANT_ID}/v2.0"),
        }
    }
}

/// Seconds since 1970 at `time`.
pub fn unix_seconds(time: SystemTime) -> u64 {
    time.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs())
}

fn header() -> Header {
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(KEY_ID.to_owned());
    header
}

impl TokenKeys {
    /// An access token for `user` with what was `granted`, issued to `client_id` at `now`.
    pub fn access_token(
        &self,
        user: User,
        granted: &Granted,
        client_id: &str,
        now: SystemTime,
        lifetime: Duration,
    ) -> String {
        let iat = unix_seconds(now);
        let claims = AccessClaims {
            aud: granted.resource.clone(),
            iss: self.issuer.clone(),
            iat,
            nbf: iat,
            exp: iat + lifetime.as_secs(),
            scp: granted.api_scopes(),
            tid: TENANT_ID.to_owned(),
            oid: user.oid.to_owned(),
            upn: user.upn.to_owned(),
            name: user.name.to_owned(),
            appid: client_id.to_owned(),
            ver: "2.0".to_owned(),
        };
        self.sign(&claims)
    }

    /// An ID token saying who signed in, for `client_id`.
    pub fn id_token(&self, user: User, client_id: &str, now: SystemTime) -> String {
        let iat = unix_seconds(now);
        self.sign(&IdClaims {
            aud: client_id,
            iss: &self.issuer,
            iat,
            nbf: iat,
            exp: iat + 3600,
            sub: user.oid,
            oid: user.oid,
            tid: TENANT_ID,
            name: user.name,
            preferred_username: user.upn,
            ver: "2.0",
        })
    }

    fn sign(&self, claims: &impl Serialize) -> String {
        jsonwebtoken::encode(&header(), claims, &self.encoding)
            .expect("HS256 signing of plain claims cannot fail")
    }

    /// `None` when `token` is not one of this emulator's (no [`KEY_ID`] in its header), else
    /// its claims or why it is refused at `now`.
    pub fn check(&self, token: &str, now: SystemTime) -> Option<Result<AccessClaims, Refusal>> {
        let header = jsonwebtoken::decode_header(token).ok()?;
        if header.kid.as_deref() != Some(KEY_ID) {
            return None;
        }
        let mut validation = Validation::new(Algorithm::HS256);
        validation.validate_aud = false;
        validation.validate_exp = false;
        validation.set_required_spec_claims(&["exp"]);
        let claims = match jsonwebtoken::decode::<AccessClaims>(token, &self.decoding, &validation)
        {
            Ok(data) => data.claims,
            Err(error) if matches!(error.kind(), ErrorKind::ExpiredSignature) => {
                return Some(Err(Refusal::Expired));
            }
            Err(_) => return Some(Err(Refusal::Invalid)),
        };
        if claims.exp <= unix_seconds(now) {
            return Some(Err(Refusal::Expired));
        }
        Some(Ok(claims))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authority::directory::{USERS, grant};

    #[test]
    fn minted_tokens_verify_until_they_expire() {
        let keys = TokenKeys::default();
        let granted = grant(
            "https://graph.microsoft.com/DeviceManagementApps.ReadWrite.All openid",
            USERS[0],
        );
        let now = SystemTime::now();
        let token = keys.access_token(USERS[0], &granted, "c", now, Duration::from_secs(60));
        let claims = keys.check(&token, now).unwrap().unwrap();
        assert!(claims.grants("DeviceManagementApps.ReadWrite.All"));
        assert_eq!(claims.aud, "https://graph.microsoft.com");
        assert_eq!(
            keys.check(&token, now + Duration::from_secs(60)),
            Some(Err(Refusal::Expired))
        );
        let other_run = TokenKeys::default();
        assert_eq!(other_run.check(&token, now), Some(Err(Refusal::Invalid)));
        assert_eq!(keys.check("opaque", now), None);
        assert_eq!(keys.check("a.b.c", now), None);
    }
}
