//! The connection in one line: where requests go and as whom ("Local emulator at
//! http://127.0.0.1:8787 · placeholder token · beta"), with the control that opens the full
//! settings ([`crate::page::components::connection`]). The token's words come from the worker,
//! which reads the token ([`crate::worker::sign_in_work::token_in_words`]).

use yew::prelude::*;

use crate::contract::view_tree::Part;
use crate::page::components::part::WorkerPart;
use graph_model::NationalCloud;

use crate::shared::draft::{Draft, Environment};

/// The id of the container of the full settings, which the line's control opens and closes.
pub const SETTINGS_ID: &str = "connection-settings";

/// Where requests go, in words.
pub fn place_in_words(draft: &Draft) -> String {
    match draft.environment {
        Environment::Emulator => format!("Local emulator at {}", draft.emulator_url.trim()),
        Environment::Cloud(cloud) => cloud_in_words(cloud),
    }
}

/// A national cloud as the page names it: its label and Graph's host there.
pub fn cloud_in_words(cloud: NationalCloud) -> String {
    format!("{} ({})", cloud.label(), cloud.graph_host())
}

/// The line, with "Connection settings" saying whether the settings are `open` and asking
/// `on_toggle` to open or close them.
pub fn connection_line(draft: &Draft, open: bool, on_toggle: &Callback<()>) -> Html {
    html! {
        <div class="connection-line">
            <p id="connection-line">
                <span>{ place_in_words(draft) }</span>
                { " · " }
                <span><WorkerPart part={Part::ConnectionToken} /></span>
                { " · " }
                <span>{ draft.version.as_str() }</span>
            </p>
            <button type="button" aria-expanded={open.to_string()} aria-controls={SETTINGS_ID}
                aria-describedby="connection-line" onclick={on_toggle.reform(|_: MouseEvent| ())}>
                { "Connection settings" }
            </button>
        </div>
    }
}
