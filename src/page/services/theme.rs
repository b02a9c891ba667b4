//! Applying and remembering the colour theme.

use crate::page::services::storage::local_storage;
use crate::page::theme::ThemePreference;

const THEME_KEY: &str = "ios-lob-assignment-playground.theme.v1";

/// The remembered preference.
pub fn load() -> ThemePreference {
    let stored = local_storage().and_then(|storage| storage.get_item(THEME_KEY).ok().flatten());
    ThemePreference::from_key(stored.as_deref())
}

/// Applies the preference to the page (`data-theme` on the root element) and remembers it.
pub fn apply(preference: ThemePreference) {
    let root = web_sys::window()
        .and_then(|window| window.document())
        .and_then(|document| document.document_element());
    if let Some(root) = root {
        let _ = match preference.key() {
            Some(key) => root.set_attribute("data-theme", key),
            None => root.remove_attribute("data-theme"),
        };
    }
    if let Some(storage) = local_storage() {
        let _ = match preference.key() {
            Some(key) => storage.set_item(THEME_KEY, key),
            None => storage.remove_item(THEME_KEY),
        };
    }
}
