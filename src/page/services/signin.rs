//! The page's side of signing in, which touches only the address bar and storage: the
//! authorize answer taken off the address before anything renders, the round trip's record in
//! sessionStorage (kept for the trip, deleted on return), the navigation to the sign-in page,
//! and the client id and tenant remembered in localStorage. Everything else happens in the
//! worker ([`crate::worker::sign_in_work`]).

use std::cell::RefCell;

use crate::contract::protocol::SignInRecord;
use crate::page::services::storage::local_storage;

/// The round trip's record in sessionStorage.
const PENDING_KEY: &str = "ios-lob-assignment-playground.signin-pending";
/// The remembered client id.
const CLIENT_ID_KEY: &str = "ios-lob-assignment-playground.signin.client-id";
/// The remembered tenant.
const TENANT_KEY: &str = "ios-lob-assignment-playground.signin.tenant";
/// The remembered "Look up names" choice.
const LOOK_UP_KEY: &str = "ios-lob-assignment-playground.look-up-names";

thread_local! {
    static RETURN: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Takes an authorize answer (`code`, `state`, `error`, ...) off the address bar with
/// `history.replaceState`, keeping only the path and the fragment (the page has no query of
/// its own), and keeps the query for [`take_return`]. Called before the page renders anything.
pub fn capture_return() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    let Ok(search) = location.search() else {
        return;
    };
    if !search.contains("code=") && !search.contains("error=") {
        return;
    }
    let path = location.pathname().unwrap_or_default();
    let hash = location.hash().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}{hash}")),
        );
    }
    RETURN.with(|slot| *slot.borrow_mut() = Some(search));
}

/// The query [`capture_return`] took, once.
pub fn take_return() -> Option<String> {
    RETURN.with(|slot| slot.borrow_mut().take())
}

fn session_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

/// Keeps the round trip's record until the page comes back.
pub fn save_pending(pending: &SignInRecord) -> Result<(), String> {
    session_storage()
        .ok_or("this browser gives the page no session storage")?
        .set_item(PENDING_KEY, pending.stored())
        .map_err(|_| "the browser refused to keep the sign-in's record".to_owned())
}

/// The round trip's record, deleted as it is read.
pub fn take_pending() -> Option<SignInRecord> {
    let storage = session_storage()?;
    let text = storage.get_item(PENDING_KEY).ok().flatten();
    let _ = storage.remove_item(PENDING_KEY);
    SignInRecord::from_stored(text?)
}

/// Leaves for the sign-in page (a full-page navigation).
pub fn go_to(url: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().assign(url);
    }
}

/// The remembered client id and tenant (empty when none).
pub fn load_settings() -> (String, String) {
    let read = |key| {
        local_storage()
            .and_then(|storage| storage.get_item(key).ok().flatten())
            .unwrap_or_default()
    };
    (read(CLIENT_ID_KEY), read(TENANT_KEY))
}

/// Remembers the client id (`tenant` false) or the tenant (never a token).
pub fn save_setting(tenant: bool, value: &str) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(if tenant { TENANT_KEY } else { CLIENT_ID_KEY }, value);
    }
}

/// The remembered "Look up names" choice, if the user made one.
pub fn load_look_up() -> Option<bool> {
    let text = local_storage()?.get_item(LOOK_UP_KEY).ok().flatten()?;
    Some(text == "on")
}

/// Remembers the "Look up names" choice.
pub fn save_look_up(on: bool) {
    if let Some(storage) = local_storage() {
        let _ = storage.set_item(LOOK_UP_KEY, if on { "on" } else { "off" });
    }
}
