//! `POST /{tenant}/oauth2/v2.0/token`: redeems an authorization code (PKCE checked, single use,
//! same redirect URI, `Origin` required as for single-page apps) or a refresh token (rotated).

use std::time::SystemTime;

use axum::extract::{Path, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use axum::{Form, Json};
use graph_model::signin::pkce;
use serde::Deserialize;
use serde_json::json;

use super::directory;
use super::entra_error::EntraError;
use super::grants::{Session, Spent};
use crate::state::AppState;

/// The token request's form fields.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct TokenParameters {
    grant_type: Option<String>,
    client_id: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    refresh_token: Option<String>,
}

/// `POST`: tokens, or an error in Entra's shape.
pub async fn redeem(
    State(state): State<AppState>,
    Path(tenant): Path<String>,
    headers: HeaderMap,
    Form(parameters): Form<TokenParameters>,
) -> Response {
    match grant(&state, &tenant, &headers, &parameters).await {
        Ok(answer) => answer,
        Err(error) => error.into_response(),
    }
}

fn required<'a>(value: &'a Option<String>, name: &str) -> Result<&'a str, EntraError> {
    value.as_deref().ok_or_else(|| EntraError::missing(name))
}

async fn grant(
    state: &AppState,
    tenant: &str,
    headers: &HeaderMap,
    parameters: &TokenParameters,
) -> Result<Response, EntraError> {
    if !directory::knows_tenant(tenant) {
        return Err(EntraError::new(
            "invalid_request",
            90002,
            format!("Tenant '{tenant}' not found."),
        ));
    }
    if !headers.contains_key(header::ORIGIN) {
        return Err(EntraError::new(
            "invalid_request",
            9002327,
            "Tokens issued for the 'Single-Page Application' client-type may only be redeemed via cross-origin requests.",
        ));
    }
    let client_id = required(&parameters.client_id, "client_id")?.to_ascii_lowercase();
    let now = SystemTime::now();
    let session = match required(&parameters.grant_type, "grant_type")? {
        "authorization_code" => redeem_code(state, parameters, &client_id, now).await?,
        "refresh_token" => {
            let token = required(&parameters.refresh_token, "refresh_token")?;
            let session = state
                .authority
                .grants
                .redeem_refresh_token(token, now)
                .await
                .map_err(|spent| match spent {
                    Spent::Expired => EntraError::new(
                        "invalid_grant",
                        700084,
                        "The refresh token was issued to a single page app (SPA), and therefore has a fixed, limited lifetime of 1.00:00:00, which cannot be extended. It is now expired and a new sign in request must be sent by the SPA to the sign in page.",
                    ),
                    Spent::Unknown | Spent::Used => EntraError::new(
                        "invalid_grant",
                        9002313,
                        "Invalid request. The refresh token is not valid: it was never issued, or it was already redeemed and replaced.",
                    ),
                })?;
            if session.client_id != client_id {
                return Err(EntraError::new(
                    "invalid_grant",
                    700005,
                    "Provided Authorization Code is intended to use against other tenant or app, thus rejected.",
                ));
            }
            session
        }
        other => {
            return Err(EntraError::new(
                "unsupported_grant_type",
                70003,
                format!("The app requested an unsupported grant type '{other}'."),
            ));
        }
    };
    tokens(state, session, now).await
}

async fn redeem_code(
    state: &AppState,
    parameters: &TokenParameters,
    client_id: &str,
    now: SystemTime,
) -> Result<Session, EntraError> {
    let code = required(&parameters.code, "code")?;
    let redirect_uri = required(&parameters.redirect_uri, "redirect_uri")?;
    let verifier = required(&parameters.code_verifier, "code_verifier")?;
    let pending = state
        .authority
        .grants
        .redeem_code(code, now)
        .await
        .map_err(|spent| match spent {
            Spent::Used => EntraError::new(
                "invalid_grant",
                54005,
                "OAuth2 Authorization code was already redeemed, please retry with a new valid code or use an existing refresh token.",
            ),
            Spent::Expired => EntraError::new(
                "invalid_grant",
                70008,
                "The provided authorization code or refresh token has expired due to inactivity. Send a new interactive authorization request for this user and resource.",
            ),
            Spent::Unknown => EntraError::new(
                "invalid_grant",
                9002313,
                "Invalid request. The authorization code is not valid.",
            ),
        })?;
    if pending.session.client_id != client_id {
        return Err(EntraError::new(
            "invalid_grant",
            700005,
            "Provided Authorization Code is intended to use against other tenant or app, thus rejected.",
        ));
    }
    if pending.redirect_uri != redirect_uri {
        return Err(EntraError::new(
            "invalid_grant",
            500112,
            format!(
                "The reply address '{redirect_uri}' does not match the reply address '{}' provided when requesting Authorization code.",
                pending.redirect_uri
            ),
        ));
    }
    if !pkce::is_valid_verifier(verifier) || pkce::challenge_of(verifier) != pending.challenge {
        return Err(EntraError::new(
            "invalid_grant",
            501481,
            "The Code_Verifier does not match the code_challenge supplied in the authorization request.",
        ));
    }
    Ok(pending.session)
}

async fn tokens(
    state: &AppState,
    session: Session,
    now: SystemTime,
) -> Result<Response, EntraError> {
    let granted = directory::grant(&session.scope, session.user);
    let lifetime = state.config.signin.token_lifetime;
    let keys = &state.authority.keys;
    let access_token = keys.access_token(session.user, &granted, &session.client_id, now, lifetime);
    let mut body = json!({
        "token_type": "Bearer",
        "scope": granted.permissions.join(" "),
        "expires_in": lifetime.as_secs(),
        "ext_expires_in": lifetime.as_secs(),
        "access_token": access_token,
    });
    if granted.has("openid") {
        body["id_token"] = keys.id_token(session.user, &session.client_id, now).into();
    }
    if granted.has("offline_access") {
        let refresh_token = state
            .authority
            .grants
            .issue_refresh_token(session, now)
            .await
            .ok_or_else(|| {
                EntraError::new(
                    "temporarily_unavailable",
                    90033,
                    "Too many sessions are open; try again in a few minutes.",
                )
            })?;
        body["refresh_token"] = refresh_token.into();
    }
    Ok((
        [
            (header::CACHE_CONTROL, "no-store"),
            (header::PRAGMA, "no-cache"),
        ],
        Json(body),
    )
        .into_response())
}
