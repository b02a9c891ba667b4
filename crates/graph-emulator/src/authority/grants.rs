//! Authorization codes and refresh tokens in flight: codes are single use and live ten
//! minutes; refresh tokens rotate (the redeemed one stops working) and end 24 hours after the
//! sign-in that started them, as Entra does for single-page apps.

use std::collections::HashMap;
use std::time::{Duration, SystemTime};

use rand::RngCore;
use tokio::sync::Mutex;

use super::directory::User;
use graph_model::signin::base64url;

/// How long an authorization code can be redeemed.
pub const CODE_LIFETIME: Duration = Duration::from_secs(10 * 60);
/// How long a sign-in's refresh tokens last, counted from the sign-in.
pub const SESSION_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);
/// The most codes or refresh tokens kept at once.
const MOST_KEPT: usize = 10_000;

/// What a code or refresh token stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    /// Who signed in.
    pub user: User,
    /// The app.
    pub client_id: String,
    /// The scopes asked for at sign-in.
    pub scope: String,
    /// When the sign-in happened (refresh tokens end [`SESSION_LIFETIME`] after).
    pub signed_in_at: SystemTime,
}

/// A code waiting to be redeemed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingCode {
    /// The sign-in.
    pub session: Session,
    /// The redirect URI the code was sent to; the redemption must name the same one.
    pub redirect_uri: String,
    /// The PKCE S256 challenge.
    pub challenge: String,
}

/// Why a code or refresh token cannot be redeemed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Spent {
    /// Never issued, or rotated away.
    Unknown,
    /// Redeemed before.
    Used,
    /// Past its life.
    Expired,
}

/// The codes and refresh tokens.
#[derive(Debug, Default)]
pub struct Grants {
    codes: Mutex<HashMap<String, (PendingCode, SystemTime)>>,
    used_codes: Mutex<HashMap<String, SystemTime>>,
    refresh_tokens: Mutex<HashMap<String, Session>>,
}

/// Random text for a code or refresh token.
fn random_text() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64url::encode(&bytes)
}

impl Grants {
    /// Issues a code at `now`; `None` when too many are outstanding.
    pub async fn issue_code(&self, code: PendingCode, now: SystemTime) -> Option<String> {
        let mut codes = self.codes.lock().await;
        if codes.len() >= MOST_KEPT {
            codes.retain(|_, (_, issued)| !expired(*issued, CODE_LIFETIME, now));
            self.used_codes
                .lock()
                .await
                .retain(|_, issued| !expired(*issued, CODE_LIFETIME, now));
            if codes.len() >= MOST_KEPT {
                return None;
            }
        }
        let text = random_text();
        codes.insert(text.clone(), (code, now));
        Some(text)
    }

    /// Takes a code out (it is spent whatever happens next).
    pub async fn redeem_code(&self, code: &str, now: SystemTime) -> Result<PendingCode, Spent> {
        let taken = self.codes.lock().await.remove(code);
        let mut used = self.used_codes.lock().await;
        match taken {
            Some((pending, issued)) => {
                if used.len() < MOST_KEPT {
                    used.insert(code.to_owned(), issued);
                }
                if expired(issued, CODE_LIFETIME, now) {
                    Err(Spent::Expired)
                } else {
                    Ok(pending)
                }
            }
            None if used.contains_key(code) => Err(Spent::Used),
            None => Err(Spent::Unknown),
        }
    }

    /// Issues a refresh token for `session`; `None` when too many are outstanding.
    pub async fn issue_refresh_token(&self, session: Session, now: SystemTime) -> Option<String> {
        let mut tokens = self.refresh_tokens.lock().await;
        if tokens.len() >= MOST_KEPT {
            tokens.retain(|_, session| !expired(session.signed_in_at, SESSION_LIFETIME, now));
            if tokens.len() >= MOST_KEPT {
                return None;
            }
        }
        let text = random_text();
        tokens.insert(text.clone(), session);
        Some(text)
    }

    /// Takes a refresh token out (rotation: it never works again).
    pub async fn redeem_refresh_token(
        &self,
        token: &str,
        now: SystemTime,
    ) -> Result<Session, Spent> {
        let session = self
            .refresh_tokens
            .lock()
            .await
            .remove(token)
            .ok_or(Spent::Unknown)?;
        if expired(session.signed_in_at, SESSION_LIFETIME, now) {
            return Err(Spent::Expired);
        }
        Ok(session)
    }
}

fn expired(issued: SystemTime, lifetime: Duration, now: SystemTime) -> bool {
    now.duration_since(issued).is_ok_and(|age| age >= lifetime)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::authority::directory::USERS;

    fn session(now: SystemTime) -> Session {
        Session {
            user: USERS[0],
            client_id: "c".into(),
            scope: "openid".into(),
            signed_in_at: now,
        }
    }

    #[tokio::test]
    async fn codes_are_single_use_and_short_lived() {
        let grants = Grants::default();
        let now = SystemTime::now();
        let pending = PendingCode {
            session: session(now),
            redirect_uri: "http://localhost/".into(),
            challenge: "x".into(),
        };
        let code = grants.issue_code(pending.clone(), now).await.unwrap();
        assert_eq!(grants.redeem_code(&code, now).await, Ok(pending.clone()));
        assert_eq!(grants.redeem_code(&code, now).await, Err(Spent::Used));
        assert_eq!(grants.redeem_code("nope", now).await, Err(Spent::Unknown));
        let late = grants.issue_code(pending, now).await.unwrap();
        assert_eq!(
            grants.redeem_code(&late, now + CODE_LIFETIME).await,
            Err(Spent::Expired)
        );
    }

    #[tokio::test]
    async fn refresh_tokens_rotate_and_end_with_the_session() {
        let grants = Grants::default();
        let now = SystemTime::now();
        let token = grants.issue_refresh_token(session(now), now).await.unwrap();
        assert!(grants.redeem_refresh_token(&token, now).await.is_ok());
        assert_eq!(
            grants.redeem_refresh_token(&token, now).await,
            Err(Spent::Unknown)
        );
        let old = grants.issue_refresh_token(session(now), now).await.unwrap();
        assert_eq!(
            grants
                .redeem_refresh_token(&old, now + SESSION_LIFETIME)
                .await,
            Err(Spent::Expired)
        );
    }
}
