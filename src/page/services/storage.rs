//! The draft and the history in `localStorage`. Neither holds the token, so it never lands
//! here.

use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::shared::draft::Draft;
use crate::shared::history::{HistoryEntry, for_storage};

/// The draft's storage key (versioned, so a future format can start fresh).
pub const DRAFT_KEY: &str = "ios-lob-assignment-playground.draft.v1";
/// The history's storage key.
pub const HISTORY_KEY: &str = "ios-lob-assignment-playground.history.v1";

/// The page's `localStorage`, when the browser allows it.
pub fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = local_storage()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Saves a value, or says why the browser would not keep it (storage full, or disabled as in
/// some private windows).
fn save<T: Serialize>(key: &str, value: &T) -> Result<(), String> {
    let storage = local_storage().ok_or("this browser gives the page no storage")?;
    let text = serde_json::to_string(value).map_err(|error| error.to_string())?;
    storage
        .set_item(key, &text)
        .map_err(|_| "the browser refused to store it (its storage is full or disabled)".to_owned())
}

/// The saved draft, if there is a readable one.
pub fn load_draft() -> Option<Draft> {
    load(DRAFT_KEY)
}

/// Saves the draft.
pub fn save_draft(draft: &Draft) -> Result<(), String> {
    save(DRAFT_KEY, draft)
}

/// The saved history (empty when there is none or it is unreadable).
pub fn load_history() -> Vec<HistoryEntry> {
    load(HISTORY_KEY).unwrap_or_default()
}

/// Saves the history, its bodies trimmed (see [`for_storage`]).
pub fn save_history(history: &Rc<Vec<HistoryEntry>>) -> Result<(), String> {
    save(HISTORY_KEY, &for_storage(history))
}
