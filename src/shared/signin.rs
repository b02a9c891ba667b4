//! Sign-in with the user's own app registration, the pure part: what is kept for the
//! authorize round trip, reading the answer the sign-in page sends back, the signed-in session
//! and its renewal times, and what each failure means for the person in front of the page.
//! The worker does the work with it ([`crate::worker::sign_in_work`]); the page's edge is
//! [`crate::page::services::signin`] and [`crate::page::components::worker_parts`].

use graph_model::signin::token::{SPA_SESSION_SECONDS, renewal_lead};
use graph_model::signin::{SignInProblem, TokenError, TokenGrant};
use percent_encoding::percent_decode_str;
use serde::{Deserialize, Serialize};

/// What is kept in sessionStorage during the round trip to the sign-in page (and deleted on
/// return whatever happens). Never a token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingSignIn {
    /// The random state sent, compared on return.
    pub state: String,
    /// The PKCE verifier.
    pub verifier: String,
    /// The app registration.
    pub client_id: String,
    /// Where the code is redeemed.
    pub token_url: String,
    /// The scopes asked for.
    pub scope: String,
    /// The redirect URI the code comes back to.
    pub redirect_uri: String,
    /// The tenant, for the advice when something fails.
    pub tenant: String,
    /// The environment's name, for the advice.
    pub cloud: String,
    /// True against the emulator.
    pub emulator: bool,
    /// Where an administrator grants consent, for the advice.
    pub admin_consent_url: String,
}

impl PendingSignIn {
    /// The advice's context when no record matches the answer (nothing is known of it).
    pub fn unknown_context() -> Context<'static> {
        Context {
            redirect_uri: "",
            client_id: "",
            tenant: "",
            cloud: "",
            admin_consent_url: "",
            is_emulator: false,
        }
    }

    /// What the advice for a failure of this sign-in needs.
    pub fn context(&self) -> Context<'_> {
        Context {
            redirect_uri: &self.redirect_uri,
            client_id: &self.client_id,
            tenant: &self.tenant,
            cloud: &self.cloud,
            admin_consent_url: &self.admin_consent_url,
            is_emulator: self.emulator,
        }
    }
}

/// What the sign-in page sent back in the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedirectReturn {
    /// A code to redeem, with the state that came with it.
    Code {
        /// The authorization code.
        code: String,
        /// The state, if any.
        state: Option<String>,
    },
    /// An error from the sign-in page.
    Error {
        /// The OAuth error and description.
        error: TokenError,
        /// The state, if any.
        state: Option<String>,
    },
}

fn decode(text: &str) -> String {
    percent_decode_str(&text.replace('+', " "))
        .decode_utf8_lossy()
        .into_owned()
}

/// Reads a page's query (`?a=b&...`, with or without the `?`) for an authorize answer.
pub fn parse_return(query: &str) -> Option<RedirectReturn> {
    let pairs: Vec<(String, String)> = query
        .trim_start_matches('?')
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(name, value)| (decode(name), decode(value)))
        .collect();
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
    };
    let state = get("state");
    if let Some(error) = get("error") {
        return Some(RedirectReturn::Error {
            error: TokenError {
                error,
                error_description: get("error_description"),
                error_codes: Vec::new(),
                trace_id: None,
                correlation_id: None,
            },
            state,
        });
    }
    get("code").map(|code| RedirectReturn::Code { code, state })
}

/// A signed-in session, in memory only.
#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    /// The refresh token, when one was granted; replaced at each renewal.
    pub refresh_token: Option<String>,
    /// The app registration.
    pub client_id: String,
    /// Where tokens are renewed.
    pub token_url: String,
    /// The scopes asked for.
    pub scope: String,
    /// When the access token expires (ms since 1970).
    pub expires_at_ms: f64,
    /// How long the access token was granted for, in seconds.
    pub lifetime_seconds: u64,
    /// When renewal stops working and the user must sign in again (ms since 1970).
    pub ends_at_ms: f64,
}

impl Session {
    /// The session that `grant` starts at `now_ms` for `pending`.
    pub fn start(pending: &PendingSignIn, grant: &TokenGrant, now_ms: f64) -> Session {
        Session {
            refresh_token: grant.refresh_token.clone(),
            client_id: pending.client_id.clone(),
            token_url: pending.token_url.clone(),
            scope: pending.scope.clone(),
            expires_at_ms: now_ms + grant.expires_in as f64 * 1000.0,
            lifetime_seconds: grant.expires_in,
            ends_at_ms: now_ms + SPA_SESSION_SECONDS as f64 * 1000.0,
        }
    }

    /// The session after a renewal answered with `grant` at `now_ms` (same end).
    pub fn renewed(&self, grant: &TokenGrant, now_ms: f64) -> Session {
        Session {
            refresh_token: grant.refresh_token.clone(),
            expires_at_ms: now_ms + grant.expires_in as f64 * 1000.0,
            lifetime_seconds: grant.expires_in,
            ..self.clone()
        }
    }

    /// When to renew: five minutes before expiry, or at half life for short-lived tokens.
    pub fn renew_at_ms(&self) -> f64 {
        self.expires_at_ms - renewal_lead(self.lifetime_seconds) as f64 * 1000.0
    }

    /// Whether a renewal can still work at `now_ms`.
    pub fn can_renew(&self, now_ms: f64) -> bool {
        self.refresh_token.is_some() && now_ms < self.ends_at_ms
    }
}

/// A sign-in that did not work, with what is needed to explain it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignInFailure {
    /// The case.
    pub problem: SignInProblem,
    /// The error as the service sent it (empty for the page's own refusals).
    pub error: Option<TokenError>,
    /// The token endpoint could not be reached: the browser's words.
    pub network: Option<String>,
}

impl SignInFailure {
    /// A failure of one of the cases, with no service error.
    pub fn of(problem: SignInProblem) -> SignInFailure {
        SignInFailure {
            problem,
            error: None,
            network: None,
        }
    }

    /// A failure the service answered.
    pub fn from_error(error: TokenError, refreshing: bool) -> SignInFailure {
        SignInFailure {
            problem: error.problem(refreshing),
            error: Some(error),
            network: None,
        }
    }
}

/// What the page knows when it explains a failure.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// This page's redirect URI.
    pub redirect_uri: &'a str,
    /// The client id typed.
    pub client_id: &'a str,
    /// The tenant typed.
    pub tenant: &'a str,
    /// The environment's name, such as "Microsoft Graph global".
    pub cloud: &'a str,
    /// The admin-consent URL for this client and tenant.
    pub admin_consent_url: &'a str,
    /// True against the local emulator.
    pub is_emulator: bool,
}

/// The failure in plain words, with what to do.
pub fn explain(failure: &SignInFailure, context: &Context<'_>) -> String {
    let Context {
        redirect_uri,
        client_id,
        tenant,
        cloud,
        admin_consent_url,
        is_emulator,
    } = *context;
    let advice = match failure.problem {
        SignInProblem::RedirectUriNotRegistered => format!(
            "The redirect URI is not registered for this app. In the app registration, under Authentication, add this exact URI to the Single-page application platform: {redirect_uri}"
        ),
        SignInProblem::ConsentMissing => format!(
            "The app has not been granted DeviceManagementApps.ReadWrite.All in this tenant. An administrator can grant it for everyone at {admin_consent_url} (or in the app registration: API permissions, Grant admin consent)."
        ),
        SignInProblem::RegisteredAsWeb => format!(
            "The redirect URI {redirect_uri} is registered under the Web platform, whose tokens cannot be redeemed from a browser page. Remove it from Web and add it under Single-page application."
        ),
        SignInProblem::NoOrigin => "The sign-in service got the token request without an Origin header, which a single-page app must send: a proxy or browser extension may be removing it.".to_owned(),
        SignInProblem::AppNotFound => format!(
            "No app with client ID {client_id} exists in tenant {tenant} in {cloud}. Check the Application (client) ID on the app registration's Overview page, and that the tenant and the environment are the app's."
        ),
        SignInProblem::TenantNotFound => format!(
            "Tenant {tenant} was not found in {cloud}. Check the tenant ID or domain, and that the environment is the tenant's cloud."
        ),
        SignInProblem::AccountFromAnotherTenant => format!(
            "The account you chose belongs to another tenant than {tenant}. Sign in with an account of the tenant, or use organizations as the tenant."
        ),
        SignInProblem::Cancelled => "Sign-in was cancelled; nothing was changed. Sign in again when you are ready.".to_owned(),
        SignInProblem::CodeRejected => "The sign-in could not be completed: the code from the sign-in page was refused (expired, used already, or its PKCE proof did not match). Sign in again.".to_owned(),
        SignInProblem::SessionEnded => "Your sign-in has ended (a single-page app's session lasts at most 24 hours, or renewing the token was refused). Sign in again; your draft is kept.".to_owned(),
        SignInProblem::StateMismatch => "The answer from the sign-in page does not belong to a sign-in started here (its state did not match), so it was refused and nothing was redeemed. Sign in again.".to_owned(),
        SignInProblem::Other => "Sign-in failed.".to_owned(),
    };
    let mut text = advice;
    if let Some(detail) = &failure.network {
        let cause = if is_emulator {
            "Is the emulator running at that address?"
        } else {
            "Check the connection, any proxy, and that the sign-in host is not blocked by a firewall, a browser extension or a policy."
        };
        text = format!("The sign-in service could not be reached ({detail}). {cause}");
    }
    if let Some(error) = &failure.error {
        text.push_str(&format!(
            " The service said: {}{}.",
            error.error,
            error
                .error_description
                .as_deref()
                .map(|description| format!(": {description}"))
                .unwrap_or_default()
        ));
        for (name, id) in [
            ("Trace ID", &error.trace_id),
            ("Correlation ID", &error.correlation_id),
        ] {
            if let Some(id) = id {
                text.push_str(&format!(" {name}: {id}."));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_authorize_answer() {
        assert_eq!(
            parse_return("?code=a%2Bb&state=s1&session_state=x"),
            Some(RedirectReturn::Code {
                code: "a+b".into(),
                state: Some("s1".into())
            })
        );
        let Some(RedirectReturn::Error { error, state }) = parse_return(
            "?error=access_denied&error_description=AADSTS65004%3A+User+declined&state=s",
        ) else {
            panic!("an error")
        };
        assert_eq!(error.problem(false), SignInProblem::Cancelled);
        assert_eq!(error.aadsts(), Some(65004));
        assert_eq!(state.as_deref(), Some("s"));
        assert_eq!(parse_return(""), None);
        assert_eq!(parse_return("?theme=dark"), None);
    }

    #[test]
    fn renewal_times_and_the_24_hour_end() {
        let pending = PendingSignIn {
            state: "s".into(),
            verifier: "v".into(),
            client_id: "c".into(),
            token_url: "t".into(),
            scope: "x".into(),
            redirect_uri: "r".into(),
            tenant: "organizations".into(),
            cloud: "the emulator".into(),
            emulator: true,
            admin_consent_url: "a".into(),
        };
        let grant = TokenGrant {
            access_token: "a".into(),
            expires_in: 3600,
            refresh_token: Some("r1".into()),
            scope: None,
        };
        let session = Session::start(&pending, &grant, 0.0);
        assert_eq!(session.renew_at_ms(), 3_300_000.0);
        assert!(session.can_renew(1000.0));
        assert!(!session.can_renew(24.0 * 3600.0 * 1000.0));
        let short = TokenGrant {
            expires_in: 20,
            refresh_token: Some("r2".into()),
            ..grant
        };
        let renewed = session.renewed(&short, 5000.0);
        assert_eq!(renewed.renew_at_ms(), 15_000.0);
        assert_eq!(renewed.ends_at_ms, session.ends_at_ms);
        assert_eq!(renewed.refresh_token.as_deref(), Some("r2"));
    }

    #[test]
    fn every_failure_says_what_to_do() {
        let context = Context {
            redirect_uri: "http://localhost:8080/",
            client_id: "11111111-2222-3333-4444-555555555555",
            tenant: "contoso.onmicrosoft.com",
            cloud: "Microsoft Graph global",
            admin_consent_url: "https://login.microsoftonline.com/contoso.onmicrosoft.com/adminconsent?client_id=1",
            is_emulator: false,
        };
        let expectations = [
            (
                SignInProblem::RedirectUriNotRegistered,
                "http://localhost:8080/",
            ),
            (SignInProblem::ConsentMissing, "/adminconsent?client_id="),
            (SignInProblem::RegisteredAsWeb, "Single-page application"),
            (SignInProblem::AppNotFound, "11111111-2222"),
            (SignInProblem::TenantNotFound, "contoso.onmicrosoft.com"),
            (SignInProblem::Cancelled, "cancelled"),
            (SignInProblem::CodeRejected, "Sign in again"),
            (SignInProblem::SessionEnded, "24 hours"),
            (SignInProblem::StateMismatch, "nothing was redeemed"),
            (SignInProblem::NoOrigin, "Origin"),
            (SignInProblem::AccountFromAnotherTenant, "another tenant"),
        ];
        for (problem, words) in expectations {
            let text = explain(&SignInFailure::of(problem), &context);
            assert!(text.contains(words), "{problem:?}: {text}");
        }
        let failure = SignInFailure::from_error(
            TokenError {
                error: "invalid_grant".into(),
                error_description: Some("AADSTS70008: expired".into()),
                error_codes: vec![70008],
                trace_id: Some("t-1".into()),
                correlation_id: Some("c-1".into()),
            },
            false,
        );
        let text = explain(&failure, &context);
        assert!(text.contains("AADSTS70008: expired") && text.contains("Trace ID: t-1"));
        let network = SignInFailure {
            network: Some("TypeError: Failed to fetch".into()),
            ..SignInFailure::of(SignInProblem::Other)
        };
        assert!(explain(&network, &context).contains("proxy"));
        let emulator = Context {
            is_emulator: true,
            ..context
        };
        assert!(explain(&network, &emulator).contains("emulator running"));
    }
}
