//! The draft in `localStorage`. The token is not part of the draft, so it never lands here.

use crate::draft::Draft;

/// The storage key (versioned, so a future format can start fresh).
pub const DRAFT_KEY: &str = "ios-lob-assignment-playground.draft.v1";

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// The saved draft, if there is a readable one.
pub fn load_draft() -> Option<Draft> {
    let text = local_storage()?.get_item(DRAFT_KEY).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Saves the draft; storage being full or disabled is not an error worth stopping for.
pub fn save_draft(draft: &Draft) {
    if let (Some(storage), Ok(text)) = (local_storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(DRAFT_KEY, &text);
    }
}
