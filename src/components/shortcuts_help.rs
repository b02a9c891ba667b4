//! The list of keyboard shortcuts.

use yew::prelude::*;

/// The shortcuts, as (keys, what they do).
pub const SHORTCUTS: [(&str, &str); 5] = [
    ("Ctrl+Enter", "Send the request"),
    ("Alt+Shift+C", "Copy the code snippet"),
    ("Alt+Shift+J", "Focus the JSON body"),
    ("Alt+Shift+T", "Switch the theme (system, light, dark)"),
    ("Alt+Shift+K", "Show or hide this list"),
];

/// The shortcuts panel.
pub fn shortcuts_help() -> Html {
    html! {
        <section id="shortcuts" class="panel shortcuts" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{ "Keyboard shortcuts" }</h2>
            <dl>
                { for SHORTCUTS.iter().map(|(keys, what)| html! {
                    <><dt><kbd>{ *keys }</kbd></dt><dd>{ *what }</dd></>
                }) }
            </dl>
        </section>
    }
}
