//! The list of keyboard shortcuts.

use yew::prelude::*;

/// The shortcuts panel (the keys are those of [`crate::page::shortcuts`]).
pub fn shortcuts_help() -> Html {
    let keys = [
        ("Ctrl+Enter", "Send the request"),
        ("Alt+Shift+C", "Copy the code snippet"),
        ("Alt+Shift+J", "Focus the JSON body"),
        ("Alt+Shift+T", "Switch the theme (system, light, dark)"),
        ("Alt+Shift+K", "Show or hide this list"),
    ];
    html! {
        <section id="shortcuts" class="panel shortcuts" aria-labelledby="shortcuts-heading">
            <h2 id="shortcuts-heading">{ "Keyboard shortcuts" }</h2>
            <dl>
                { for keys.iter().map(|(key, what)| html! {
                    <><dt><kbd>{ *key }</kbd></dt><dd>{ *what }</dd></>
                }) }
            </dl>
        </section>
    }
}
