//! The list of keyboard shortcuts: fixed markup, kept as a string (smaller than view code).

use yew::prelude::*;

use crate::components::markup;

/// The shortcuts panel (the keys are those of [`crate::shortcuts`]).
const SHORTCUTS_HELP: &str = r#"<section id="shortcuts" class="panel shortcuts" aria-labelledby="shortcuts-heading"><h2 id="shortcuts-heading">Keyboard shortcuts</h2><dl><dt><kbd>Ctrl+Enter</kbd></dt><dd>Send the request</dd><dt><kbd>Alt+Shift+C</kbd></dt><dd>Copy the code snippet</dd><dt><kbd>Alt+Shift+J</kbd></dt><dd>Focus the JSON body</dd><dt><kbd>Alt+Shift+T</kbd></dt><dd>Switch the theme (system, light, dark)</dd><dt><kbd>Alt+Shift+K</kbd></dt><dd>Show or hide this list</dd></dl></section>"#;

/// The shortcuts panel.
pub fn shortcuts_help() -> Html {
    markup(SHORTCUTS_HELP)
}
