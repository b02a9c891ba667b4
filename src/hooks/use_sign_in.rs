//! Signing in with the user's own app registration: the full-page round trip to the sign-in
//! page (PKCE, state), redeeming the code when the page comes back, renewing the access token
//! before it expires, and signing out. Tokens live in memory only: the access token is handed
//! to the page through `on_token`, the refresh token stays here.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use graph_model::signin::authority::{code_redemption, refresh_redemption, scopes};
use graph_model::signin::insight::{TokenShape, inspect};
use graph_model::signin::pkce::{self, Verifier};
use graph_model::signin::{AuthorizeRequest, Endpoints, SignInProblem, Tenant};
use graph_model::{ClientId, ServiceRoot};
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::services::clock::now_ms;
use crate::services::flight::Flight;
use crate::services::signin as browser;
use crate::signin::{PendingSignIn, RedirectReturn, Session, SignInFailure, SignInSettings};

/// The client id used against the emulator when none is typed (the emulator accepts any).
pub const EMULATOR_CLIENT_ID: &str = "00000000-0000-4000-8000-00000000e111";

/// Where sign-in stands.
#[derive(Debug, Clone, PartialEq)]
pub enum SignInStatus {
    /// Not signed in.
    SignedOut,
    /// A value typed cannot work; nothing was sent.
    Invalid(String),
    /// Leaving for the sign-in page.
    Leaving,
    /// Redeeming the code that came back.
    Redeeming,
    /// Signed in, as this user when the token says.
    SignedIn(Option<String>),
    /// Sign-in or renewal failed.
    Failed(SignInFailure),
}

/// What the sign-in part of the page gets.
pub struct UseSignInHandle {
    /// Where sign-in stands.
    pub status: SignInStatus,
    /// The client id and tenant typed.
    pub settings: SignInSettings,
    /// Changes the client id or tenant.
    pub on_settings: Callback<SignInSettings>,
    /// Starts a sign-in (leaves the page).
    pub sign_in: Callback<()>,
    /// Forgets both tokens.
    pub sign_out: Callback<()>,
}

/// Who the access token speaks for.
fn who(access_token: &str) -> Option<String> {
    match inspect(access_token) {
        TokenShape::Jwt(claims) => claims.who().map(str::to_owned),
        TokenShape::Opaque => None,
    }
}

/// Renews the access token before it expires until the session ends, sign-out, or a newer
/// sign-in (`generation` moves on).
fn keep_renewed(
    mut session: Session,
    generation: Rc<Cell<u32>>,
    status: UseStateHandle<SignInStatus>,
    on_token: Callback<String>,
) {
    let mine = generation.get();
    spawn_local(async move {
        loop {
            let wait = (session.renew_at_ms() - now_ms()).max(0.0);
            sleep(Duration::from_millis(wait as u64)).await;
            if generation.get() != mine {
                return;
            }
            let (Some(refresh_token), true) =
                (session.refresh_token.clone(), session.can_renew(now_ms()))
            else {
                status.set(SignInStatus::Failed(SignInFailure::of(
                    SignInProblem::SessionEnded,
                )));
                return;
            };
            let Ok(client_id) = ClientId::parse(&session.client_id) else {
                return;
            };
            let form = refresh_redemption(&client_id, &refresh_token, &session.scope);
            let answer = browser::redeem(&Flight::default(), &session.token_url, form, true).await;
            if generation.get() != mine {
                return;
            }
            match answer {
                Ok(grant) => {
                    session = session.renewed(&grant, now_ms());
                    on_token.emit(grant.access_token);
                }
                Err(failure) => {
                    status.set(SignInStatus::Failed(failure));
                    return;
                }
            }
        }
    });
}

/// Redeems the code the sign-in page sent back, after checking its state.
fn finish(
    answer: RedirectReturn,
    pending: Option<PendingSignIn>,
    generation: Rc<Cell<u32>>,
    status: UseStateHandle<SignInStatus>,
    on_token: Callback<String>,
) {
    let (code, state) = match answer {
        RedirectReturn::Error { error, .. } => {
            status.set(SignInStatus::Failed(SignInFailure::from_error(
                error, false,
            )));
            return;
        }
        RedirectReturn::Code { code, state } => (code, state),
    };
    let Some(pending) = pending.filter(|pending| state.as_deref() == Some(&pending.state)) else {
        status.set(SignInStatus::Failed(SignInFailure::of(
            SignInProblem::StateMismatch,
        )));
        return;
    };
    let Ok(client_id) = ClientId::parse(&pending.client_id) else {
        return;
    };
    status.set(SignInStatus::Redeeming);
    generation.set(generation.get() + 1);
    spawn_local(async move {
        let form = code_redemption(
            &client_id,
            &code,
            &pending.redirect_uri,
            &pending.verifier,
            &pending.scope,
        );
        match browser::redeem(&Flight::default(), &pending.token_url, form, false).await {
            Ok(grant) => {
                let session = Session::start(&pending, &grant, now_ms());
                status.set(SignInStatus::SignedIn(who(&grant.access_token)));
                on_token.emit(grant.access_token);
                keep_renewed(session, generation, status, on_token);
            }
            Err(failure) => status.set(SignInStatus::Failed(failure)),
        }
    });
}

/// Starts the round trip: checks the inputs, keeps the verifier and state for the return,
/// and leaves for the authorize page.
fn start(root: Option<&ServiceRoot>, settings: &SignInSettings) -> Result<(), String> {
    let root = root.ok_or("choose a valid environment first")?;
    let typed_id = settings.client_id.trim();
    let client_id = match (typed_id, root) {
        ("", ServiceRoot::Emulator(_)) => ClientId::parse(EMULATOR_CLIENT_ID),
        _ => ClientId::parse(typed_id),
    }
    .map_err(|error| format!("Client ID: {error}"))?;
    let tenant_text = match settings.tenant.trim() {
        "" => Tenant::ORGANIZATIONS,
        typed => typed,
    };
    let tenant = Tenant::parse(tenant_text).map_err(|error| format!("Tenant: {error}"))?;
    let (Some(verifier_bytes), Some(state_bytes)) =
        (browser::random_bytes(), browser::random_bytes())
    else {
        return Err("this browser gives the page no secure random numbers".to_owned());
    };
    let verifier = Verifier::from_random(&verifier_bytes);
    let state = pkce::state_from_random(&state_bytes);
    let endpoints = Endpoints::new(root, &tenant);
    let redirect_uri = graph_model::signin::authority::redirect_uri_of(&browser::page_url());
    let url = AuthorizeRequest {
        client_id: &client_id,
        redirect_uri: &redirect_uri,
        code_challenge: &verifier.challenge(),
        state: &state,
    }
    .url(&endpoints, root);
    browser::save_pending(&PendingSignIn {
        state,
        verifier: verifier.as_str().to_owned(),
        client_id: client_id.to_string(),
        token_url: endpoints.token(),
        scope: scopes(root),
        redirect_uri,
        tenant: tenant.as_str().to_owned(),
    })?;
    browser::go_to(&url)
}

/// Sign-in for the environment `root` (`None` while it is invalid); the access token goes to
/// `on_token`.
#[hook]
pub fn use_sign_in(root: Option<ServiceRoot>, on_token: Callback<String>) -> UseSignInHandle {
    let status = use_state(|| SignInStatus::SignedOut);
    let settings = use_state(browser::load_settings);
    // Moves on at each sign-in and sign-out, so that older renewals stop.
    let generation: Rc<Cell<u32>> = use_memo((), |()| Cell::new(0));
    {
        let (status, on_token, generation) = (status.clone(), on_token.clone(), generation.clone());
        use_effect_with((), move |()| {
            let pending = browser::take_pending();
            if let Some(answer) = browser::take_return() {
                finish(answer, pending, generation, status, on_token);
            }
        });
    }
    let on_settings = {
        let settings = settings.clone();
        Callback::from(move |changed: SignInSettings| {
            browser::save_settings(&changed);
            settings.set(changed);
        })
    };
    let sign_in = {
        let (status, settings) = (status.clone(), settings.clone());
        Callback::from(move |()| match start(root.as_ref(), &settings) {
            Ok(()) => status.set(SignInStatus::Leaving),
            Err(reason) => status.set(SignInStatus::Invalid(reason)),
        })
    };
    let sign_out = {
        let (status, generation) = (status.clone(), generation.clone());
        Callback::from(move |()| {
            generation.set(generation.get() + 1);
            on_token.emit(String::new());
            status.set(SignInStatus::SignedOut);
        })
    };
    UseSignInHandle {
        status: (*status).clone(),
        settings: (*settings).clone(),
        on_settings,
        sign_in,
        sign_out,
    }
}
