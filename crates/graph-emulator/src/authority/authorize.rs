//! `GET /{tenant}/oauth2/v2.0/authorize`: a small sign-in page with no scripts that lists the
//! directory's users, and its form's `POST`, which sends the browser back to the app with a
//! code or an error, as Entra does.

use std::time::SystemTime;

use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use graph_model::ClientId;
use graph_model::signin::authority::form_encode;
use serde::Deserialize;

use super::directory::{self, USERS};
use super::entra_error::EntraError;
use super::grants::{PendingCode, Session};
use super::redirect_uri;
use crate::state::AppState;

/// The authorize request's parameters (and, on the form's `POST`, the choice made).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct AuthorizeParameters {
    client_id: Option<String>,
    response_type: Option<String>,
    redirect_uri: Option<String>,
    response_mode: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    /// The chosen account's sign-in name (form only).
    user: Option<String>,
    /// `sign_in` or `cancel` (form only).
    decision: Option<String>,
}

/// A request that can go back to the app (its client and redirect URI are good).
struct Checked<'a> {
    client_id: &'a str,
    redirect_uri: &'a str,
    fragment: bool,
    state: Option<&'a str>,
}

impl Checked<'_> {
    fn send_back(&self, parameters: &str) -> Response {
        let separator = if self.fragment {
            '#'
        } else if self.redirect_uri.contains('?') {
            '&'
        } else {
            '?'
        };
        Redirect::to(&format!("{}{separator}{parameters}", self.redirect_uri)).into_response()
    }

    fn send_error(&self, error: &EntraError) -> Response {
        self.send_back(&error.redirect_parameters(self.state))
    }
}

/// An error shown on the sign-in page itself: the redirect URI cannot be trusted with it.
fn error_page(error: &EntraError) -> Response {
    let body = format!(
        "<h1>Sign in to the Graph emulator</h1><p role=\"alert\">{}</p>",
        escape(&error.description())
    );
    (StatusCode::BAD_REQUEST, page(&body)).into_response()
}

fn page(body: &str) -> Response {
    (
        [
            (
                header::CONTENT_SECURITY_POLICY,
                "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'",
            ),
            (header::CACHE_CONTROL, "no-store"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
        Html(format!(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Sign in · Graph emulator</title>\
             <style>body{{font:16px system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem}}\
             label{{display:block;margin:.5rem 0}}button{{font:inherit;margin-right:.5rem}}</style></head>\
             <body><main>{body}</main></body></html>"
        )),
    )
        .into_response()
}

/// Escapes text for HTML content and double-quoted attribute values.
fn escape(text: &str) -> std::borrow::Cow<'_, str> {
    html_escape::encode_double_quoted_attribute(text)
}

/// Checks what decides where errors may go (tenant, client, redirect URI: shown on the page),
/// then the rest (sent back to the app).
fn check<'a>(
    state: &AppState,
    tenant: &str,
    parameters: &'a AuthorizeParameters,
) -> Result<Checked<'a>, Box<Response>> {
    if !directory::knows_tenant(tenant) {
        return Err(Box::new(error_page(&EntraError::new(
            "invalid_request",
            90002,
            format!(
                "Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud."
            ),
        ))));
    }
    let client_id = parameters
        .client_id
        .as_deref()
        .ok_or_else(|| Box::new(error_page(&EntraError::missing("client_id"))))?;
    let known = &state.config.signin.client_ids;
    let registered = ClientId::parse(client_id).is_ok_and(|id| {
        known.is_empty() || known.iter().any(|k| k.eq_ignore_ascii_case(id.as_str()))
    });
    if !registered {
        return Err(Box::new(error_page(&EntraError::new(
            "unauthorized_client",
            700016,
            format!(
                "Application with identifier '{client_id}' was not found in the directory '{tenant}'. This can happen if the application has not been installed by the administrator of the tenant or consented to by any user in the tenant."
            ),
        ))));
    }
    let redirect_uri = parameters
        .redirect_uri
        .as_deref()
        .ok_or_else(|| Box::new(error_page(&EntraError::missing("redirect_uri"))))?;
    if !redirect_uri::is_registered(&state.config.signin, redirect_uri) {
        return Err(Box::new(error_page(&EntraError::new(
            "invalid_request",
            50011,
            format!(
                "The redirect URI '{redirect_uri}' specified in the request does not match the redirect URIs configured for the application '{client_id}'. Make sure the redirect URI sent in the request matches one added to your application in the Azure portal."
            ),
        ))));
    }
    let fragment = parameters.response_mode.as_deref() == Some("fragment");
    let checked = Checked {
        client_id,
        redirect_uri,
        fragment,
        state: parameters.state.as_deref(),
    };
    let problem = match parameters {
        AuthorizeParameters {
            response_type: None,
            ..
        } => Some(EntraError::missing("response_type")),
        AuthorizeParameters {
            response_type: Some(kind),
            ..
        } if kind != "code" => Some(EntraError::new(
            "unsupported_response_type",
            70005,
            format!("response_type '{kind}' is not enabled for the application."),
        )),
        AuthorizeParameters {
            response_mode: Some(mode),
            ..
        } if mode != "query" && mode != "fragment" => Some(EntraError::new(
            "invalid_request",
            9002313,
            format!(
                "Invalid request. The response_mode '{mode}' is not supported: use query or fragment."
            ),
        )),
        AuthorizeParameters { scope: None, .. } => Some(EntraError::missing("scope")),
        AuthorizeParameters {
            code_challenge: None,
            ..
        } => Some(EntraError::new(
            "invalid_request",
            9002325,
            "Proof Key for Code Exchange is required for cross-origin authorization code redemption.",
        )),
        AuthorizeParameters {
            code_challenge_method: method,
            ..
        } if method.as_deref() != Some("S256") => Some(EntraError::new(
            "invalid_request",
            9002313,
            "Invalid request. code_challenge_method must be S256: the plain method is not allowed for single-page apps.",
        )),
        AuthorizeParameters {
            code_challenge: Some(challenge),
            ..
        } if challenge.len() != 43 => Some(EntraError::new(
            "invalid_request",
            501491,
            "Invalid size of Code_Challenge parameter.",
        )),
        _ => None,
    };
    match problem {
        Some(problem) => Err(Box::new(checked.send_error(&problem))),
        None => Ok(checked),
    }
}

/// `GET`: the sign-in page, or the error.
pub async fn show(
    State(state): State<AppState>,
    Path(tenant): Path<String>,
    Query(parameters): Query<AuthorizeParameters>,
) -> Response {
    let checked = match check(&state, &tenant, &parameters) {
        Ok(checked) => checked,
        Err(answer) => return *answer,
    };
    sign_in_page(&parameters, checked.client_id, None)
}

fn sign_in_page(
    parameters: &AuthorizeParameters,
    client_id: &str,
    problem: Option<&str>,
) -> Response {
    let hidden: String = [
        ("client_id", &parameters.client_id),
        ("response_type", &parameters.response_type),
        ("redirect_uri", &parameters.redirect_uri),
        ("response_mode", &parameters.response_mode),
        ("scope", &parameters.scope),
        ("state", &parameters.state),
        ("code_challenge", &parameters.code_challenge),
        ("code_challenge_method", &parameters.code_challenge_method),
    ]
    .iter()
    .filter_map(|(name, value)| {
        value.as_ref().map(|value| {
            format!(
                "<input type=\"hidden\" name=\"{name}\" value=\"{}\">",
                escape(value)
            )
        })
    })
    .collect();
    let users: String = USERS
        .iter()
        .enumerate()
        .map(|(index, user)| {
            format!(
                "<label><input type=\"radio\" name=\"user\" value=\"{}\"{}> {} ({}): {}</label>",
                escape(user.upn),
                if index == 0 { " checked" } else { "" },
                escape(user.name),
                escape(user.upn),
                escape(user.role),
            )
        })
        .collect();
    let scopes = escape(parameters.scope.as_deref().unwrap_or(""));
    let alert = problem
        .map(|text| format!("<p role=\"alert\">{}</p>", escape(text)))
        .unwrap_or_default();
    page(&format!(
        "<h1>Sign in to the Graph emulator</h1>{alert}\
         <p>The app <code>{}</code> asks for: <code>{scopes}</code></p>\
         <form method=\"post\">{hidden}<fieldset><legend>Account</legend>{users}</fieldset>\
         <p><button name=\"decision\" value=\"sign_in\">Sign in</button>\
         <button name=\"decision\" value=\"cancel\">Cancel</button></p></form>",
        escape(client_id)
    ))
}

/// `POST` from the page: back to the app with a code, or with `access_denied` on Cancel.
pub async fn decide(
    State(state): State<AppState>,
    Path(tenant): Path<String>,
    Form(parameters): Form<AuthorizeParameters>,
) -> Response {
    let checked = match check(&state, &tenant, &parameters) {
        Ok(checked) => checked,
        Err(answer) => return *answer,
    };
    if parameters.decision.as_deref() != Some("sign_in") {
        return checked.send_error(&EntraError::new(
            "access_denied",
            65004,
            "User declined to consent to access the app.",
        ));
    }
    let Some(user) = parameters.user.as_deref().and_then(directory::user) else {
        return sign_in_page(&parameters, checked.client_id, Some("Choose an account."));
    };
    let now = SystemTime::now();
    let pending = PendingCode {
        session: Session {
            user,
            client_id: checked.client_id.to_ascii_lowercase(),
            scope: parameters.scope.clone().unwrap_or_default(),
            signed_in_at: now,
        },
        redirect_uri: checked.redirect_uri.to_owned(),
        challenge: parameters.code_challenge.clone().unwrap_or_default(),
    };
    match state.authority.grants.issue_code(pending, now).await {
        Some(code) => {
            let mut back = vec![("code", code.as_str())];
            if let Some(value) = checked.state {
                back.push(("state", value));
            }
            checked.send_back(&form_encode(&back))
        }
        None => checked.send_error(&EntraError::new(
            "temporarily_unavailable",
            90033,
            "Too many sign-ins are waiting to be redeemed; try again in a few minutes.",
        )),
    }
}
