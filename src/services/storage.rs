//! The draft and the history in `localStorage`. Neither holds the token, so it never lands
//! here.

use std::rc::Rc;

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::draft::Draft;
use crate::history::HistoryEntry;

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

/// Saves a value; storage being full or disabled is not an error worth stopping for.
fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(value)) {
        let _ = storage.set_item(key, &text);
    }
}

/// The saved draft, if there is a readable one.
pub fn load_draft() -> Option<Draft> {
    load(DRAFT_KEY)
}

/// Saves the draft.
pub fn save_draft(draft: &Draft) {
    save(DRAFT_KEY, draft);
}

/// The saved history (empty when there is none or it is unreadable).
pub fn load_history() -> Vec<HistoryEntry> {
    load(HISTORY_KEY).unwrap_or_default()
}

/// Saves the history.
pub fn save_history(history: &Rc<Vec<HistoryEntry>>) {
    save(HISTORY_KEY, history.as_ref());
}
