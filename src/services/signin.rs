//! The browser's side of signing in: random bytes, the round trip's record in sessionStorage,
//! the answer taken off the address bar before anything renders, the navigation to the
//! sign-in page, and the token endpoint reached through `fetch`.

use std::cell::RefCell;

use graph_model::HttpRequest;
use graph_model::signin::SignInProblem;
use graph_model::signin::TokenGrant;
use graph_model::signin::token::parse_token_answer;

use crate::error::AppError;
use crate::services::flight::Flight;
use crate::services::storage::local_storage;
use crate::signin::{
    PendingSignIn, RedirectReturn, SignInFailure, SignInSettings, parse_return,
    query_without_return,
};

/// The round trip's record in sessionStorage.
const PENDING_KEY: &str = "ios-lob-assignment-playground.signin-pending";
/// The sign-in settings in localStorage.
const SETTINGS_KEY: &str = "ios-lob-assignment-playground.signin.v1";

thread_local! {
    static RETURN: RefCell<Option<RedirectReturn>> = const { RefCell::new(None) };
}

/// Takes an authorize answer off the address bar (with `history.replaceState`) and keeps it
/// for [`take_return`]. Called before the page renders anything.
pub fn capture_return() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(search) = location.search() else {
        return;
    };
    let Some(answer) = parse_return(&search) else {
        return;
    };
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let clean = format!("{path}{}{hash}", query_without_return(&search));
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&clean));
    }
    RETURN.with(|slot| *slot.borrow_mut() = Some(answer));
}

/// The answer [`capture_return`] found, once.
pub fn take_return() -> Option<RedirectReturn> {
    RETURN.with(|slot| slot.borrow_mut().take())
}

/// 32 bytes from `crypto.getRandomValues`.
pub fn random_bytes() -> Option<[u8; 32]> {
    let mut bytes = [0u8; 32];
    web_sys::window()?
        .crypto()
        .ok()?
        .get_random_values_with_u8_array(&mut bytes)
        .ok()?;
    Some(bytes)
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the round trip's record until the page comes back.
pub fn save_pending(pending: &PendingSignIn) -> Result<(), String> {
    let storage = session_storage().ok_or("this browser gives the page no session storage")?;
    let text = serde_json::to_string(pending).map_err(|error| error.to_string())?;
    storage
        .set_item(PENDING_KEY, &text)
        .map_err(|_| "the browser refused to keep the sign-in's record".to_owned())
}

/// The round trip's record, deleted as it is read.
pub fn take_pending() -> Option<PendingSignIn> {
    let storage = session_storage()?;
    let text = storage.get_item(PENDING_KEY).ok().flatten();
    let _ = storage.remove_item(PENDING_KEY);
    serde_json::from_str(&text?).ok()
}

/// Leaves for the sign-in page (a full-page navigation).
pub fn go_to(url: &str) -> Result<(), String> {
    web_sys::window()
        .ok_or("no window")?
        .location()
        .assign(url)
        .map_err(|_| "the browser refused to open the sign-in page".to_owned())
}

/// This page's address.
pub fn page_url() -> String {
    web_sys::window()
        .and_then(|window| window.location().href().ok())
        .unwrap_or_default()
}

/// The remembered client id and tenant.
pub fn load_settings() -> SignInSettings {
    local_storage()
        .and_then(|storage| storage.get_item(SETTINGS_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str(&text).ok())
        .unwrap_or_default()
}

/// Remembers the client id and tenant (never a token).
pub fn save_settings(settings: &SignInSettings) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(settings)) {
        let _ = storage.set_item(SETTINGS_KEY, &text);
    }
}

/// POSTs a form to the token endpoint (a simple request: no preflight) and reads the grant.
pub async fn redeem(
    flight: &Flight,
    token_url: &str,
    form: String,
    refreshing: bool,
) -> Result<TokenGrant, SignInFailure> {
    let request = HttpRequest {
        method: "POST",
        url: token_url.to_owned(),
        headers: vec![(
            "Content-Type".to_owned(),
            "application/x-www-form-urlencoded".to_owned(),
        )],
        body: Some(form),
    };
    let view = flight.fetch(&request).await.map_err(|error| {
        let detail = match error {
            AppError::Network { detail, .. } => detail,
            AppError::TimedOut { seconds } => format!("no answer in {seconds} seconds"),
            other => format!("{other:?}"),
        };
        SignInFailure {
            network: Some(detail),
            ..SignInFailure::of(SignInProblem::Other)
        }
    })?;
    match parse_token_answer(&view.body) {
        Some(Ok(grant)) if view.status == 200 => Ok(grant),
        Some(Err(error)) => Err(SignInFailure::from_error(error, refreshing)),
        _ => Err(SignInFailure {
            network: Some(format!(
                "HTTP {} with a body that is not a token answer",
                view.status
            )),
            ..SignInFailure::of(SignInProblem::Other)
        }),
    }
}
