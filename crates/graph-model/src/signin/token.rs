//! The token endpoint's answers: a grant, or an error in Entra's JSON shape classified by its
//! AADSTS code into the few cases a person can act on. Also the authorize redirect's own
//! error parameters, which use the same names.

use serde::Deserialize;

/// A successful token answer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TokenGrant {
    /// The bearer token for Graph.
    pub access_token: String,
    /// Seconds until `access_token` expires.
    pub expires_in: u64,
    /// The refresh token, when `offline_access` was granted; it replaces the one redeemed.
    #[serde(default)]
    pub refresh_token: Option<String>,
    /// The scopes granted, space separated.
    #[serde(default)]
    pub scope: Option<String>,
}

/// An error answer of the token endpoint (or the `error` and `error_description` of an
/// authorize redirect).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TokenError {
    /// The OAuth error, such as `invalid_grant`.
    pub error: String,
    /// Entra's explanation, which begins with the AADSTS code.
    #[serde(default)]
    pub error_description: Option<String>,
    /// The AADSTS numbers.
    #[serde(default)]
    pub error_codes: Vec<u64>,
    /// Quoted when asking Microsoft for help.
    #[serde(default)]
    pub trace_id: Option<String>,
    /// Quoted when asking Microsoft for help.
    #[serde(default)]
    pub correlation_id: Option<String>,
}

/// What went wrong with a sign-in, in the cases that need different advice.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignInProblem {
    /// AADSTS50011: the redirect URI is not registered for the app.
    RedirectUriNotRegistered,
    /// AADSTS65001: nobody granted the app the permission (admin consent missing).
    ConsentMissing,
    /// AADSTS9002326: the redirect URI is registered under the Web platform, not
    /// Single-page application, so the token endpoint refuses cross-origin redemption.
    RegisteredAsWeb,
    /// AADSTS9002327: the redemption came without an `Origin` header.
    NoOrigin,
    /// AADSTS700016: no app with this client id in the tenant.
    AppNotFound,
    /// AADSTS90002: no such tenant.
    TenantNotFound,
    /// AADSTS50020: the account belongs to another tenant.
    AccountFromAnotherTenant,
    /// `access_denied`: the user cancelled or declined.
    Cancelled,
    /// `invalid_grant` on a code: expired, used already, or the verifier does not match.
    CodeRejected,
    /// The refresh token expired (24 hours for single-page apps) or was refused.
    SessionEnded,
    /// The `state` that came back is not the one sent: nothing was redeemed.
    StateMismatch,
    /// Anything else; the error and its description are shown as they are.
    Other,
}

impl TokenError {
    /// The first AADSTS number: from `error_codes`, else read from the description.
    pub fn aadsts(&self) -> Option<u64> {
        self.error_codes.first().copied().or_else(|| {
            let description = self.error_description.as_deref()?;
            let digits: String = description
                .split("AADSTS")
                .nth(1)?
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            digits.parse().ok()
        })
    }

    /// The case this error is, for a code redemption or an authorize redirect (`refreshing`
    /// false) or a refresh (`refreshing` true).
    pub fn problem(&self, refreshing: bool) -> SignInProblem {
        match self.aadsts() {
            Some(50011) => SignInProblem::RedirectUriNotRegistered,
            Some(65001) => SignInProblem::ConsentMissing,
            Some(9002326) => SignInProblem::RegisteredAsWeb,
            Some(9002327) => SignInProblem::NoOrigin,
            Some(700016) => SignInProblem::AppNotFound,
            Some(90002) => SignInProblem::TenantNotFound,
            Some(50020) => SignInProblem::AccountFromAnotherTenant,
            _ => match self.error.as_str() {
                "access_denied" => SignInProblem::Cancelled,
                "consent_required" => SignInProblem::ConsentMissing,
                "invalid_grant" | "interaction_required" | "login_required" if refreshing => {
                    SignInProblem::SessionEnded
                }
                "invalid_grant" => SignInProblem::CodeRejected,
                _ => SignInProblem::Other,
            },
        }
    }
}

/// Reads a token answer's body: the grant, or the error (`None` when the body is neither,
/// such as a proxy's HTML page).
pub fn parse_token_answer(body: &str) -> Option<Result<TokenGrant, TokenError>> {
    if let Ok(grant) = serde_json::from_str::<TokenGrant>(body) {
        return Some(Ok(grant));
    }
    serde_json::from_str::<TokenError>(body).ok().map(Err)
}

/// Seconds before expiry at which an access token is renewed: five minutes, or half the
/// token's life when that is shorter (so that a short-lived token is not renewed at once).
pub fn renewal_lead(lifetime_seconds: u64) -> u64 {
    (lifetime_seconds / 2).min(300)
}

/// How long a refresh token issued to a single-page app lives, counted from the first sign-in;
/// refreshed tokens keep that end.
pub const SPA_SESSION_SECONDS: u64 = 24 * 60 * 60;

#[cfg(test)]
mod tests {
    use super::*;

    fn error(error: &str, description: &str, codes: &[u64]) -> TokenError {
        TokenError {
            error: error.to_owned(),
            error_description: Some(description.to_owned()),
            error_codes: codes.to_vec(),
            trace_id: None,
            correlation_id: None,
        }
    }

    #[test]
    fn every_named_aadsts_code_has_its_case() {
        let cases = [
            (50011, SignInProblem::RedirectUriNotRegistered),
            (65001, SignInProblem::ConsentMissing),
            (9002326, SignInProblem::RegisteredAsWeb),
            (9002327, SignInProblem::NoOrigin),
            (700016, SignInProblem::AppNotFound),
            (90002, SignInProblem::TenantNotFound),
            (50020, SignInProblem::AccountFromAnotherTenant),
        ];
        for (code, problem) in cases {
            let from_codes = error("invalid_request", "whatever", &[code]);
            assert_eq!(from_codes.problem(false), problem, "{code} in error_codes");
            let from_text = error(
                "invalid_request",
                &format!("AADSTS{code}: something. Trace ID: x"),
                &[],
            );
            assert_eq!(
                from_text.problem(false),
                problem,
                "{code} in the description"
            );
        }
    }

    #[test]
    fn oauth_errors_without_a_known_code() {
        let denied = error(
            "access_denied",
            "AADSTS65004: User declined to consent.",
            &[],
        );
        assert_eq!(denied.problem(false), SignInProblem::Cancelled);
        let grant = error("invalid_grant", "AADSTS70008: expired", &[70008]);
        assert_eq!(grant.problem(false), SignInProblem::CodeRejected);
        assert_eq!(grant.problem(true), SignInProblem::SessionEnded);
        let verifier = error("invalid_grant", "AADSTS501481: verifier", &[501481]);
        assert_eq!(verifier.problem(false), SignInProblem::CodeRejected);
        assert_eq!(
            error("server_error", "", &[]).problem(false),
            SignInProblem::Other
        );
        assert_eq!(error("x", "AADSTS", &[]).aadsts(), None);
        assert_eq!(error("x", "AADSTSabc", &[]).aadsts(), None);
    }

    #[test]
    fn token_answers() {
        let grant = parse_token_answer(
            r#"{"token_type":"Bearer","scope":"a b","expires_in":3599,"ext_expires_in":3599,"access_token":"x.y.z","refresh_token":"r","id_token":"i"}"#,
        );
        assert_eq!(
            grant,
            Some(Ok(TokenGrant {
                access_token: "x.y.z".into(),
                expires_in: 3599,
                refresh_token: Some("r".into()),
                scope: Some("a b".into()),
            }))
        );
        let failure = parse_token_answer(
            r#"{"error":"invalid_grant","error_description":"AADSTS54005: OAuth2 Authorization code was already redeemed.","error_codes":[54005],"timestamp":"2026-11-28 10:00:00Z","trace_id":"t","correlation_id":"c"}"#,
        )
        .unwrap()
        .unwrap_err();
        assert_eq!(failure.aadsts(), Some(54005));
        assert_eq!(failure.trace_id.as_deref(), Some("t"));
        assert_eq!(parse_token_answer("<html>proxy</html>"), None);
        assert_eq!(parse_token_answer(r#"{"expires_in":1}"#), None);
    }

    #[test]
    fn renewal_comes_five_minutes_early_or_at_half_life() {
        assert_eq!(renewal_lead(3599), 300);
        assert_eq!(renewal_lead(20), 10);
        assert_eq!(renewal_lead(0), 0);
    }
}
