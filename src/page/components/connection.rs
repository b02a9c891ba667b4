//! Connect: the environment, the API version and the access token.

use graph_model::ApiVersion;
use graph_model::NationalCloud;
use yew::prelude::*;

use crate::contract::ids::{INSIGHT_ID, SIGN_IN_ID};
use crate::contract::view_tree::Part;
use crate::page::components::connection_line::cloud_in_words;
use crate::page::components::messages::field_messages;
use crate::page::components::part::WorkerPart;
use crate::page::components::worker_parts;
use crate::page::components::{on_input_value, on_select_value};
use crate::page::services::location;
use crate::page::state::ConnectionEdit;
use crate::shared::draft::{Draft, Environment, Field, PLACEHOLDER_TOKEN, Plan};

/// What the panel shows and may change.
pub struct ConnectionProps<'a> {
    /// What the user typed.
    pub draft: &'a Draft,
    /// The checked draft.
    pub plan: &'a Plan,
    /// The token (memory only).
    pub token: &'a str,
    /// Changes the environment, the emulator URL or the version.
    pub on_edit: Callback<ConnectionEdit>,
    /// Sets the token (stable across renders, so the sign-in part re-renders only when needed).
    pub on_token: Callback<String>,
}

/// The connection fieldset. The token field is a text field masked by the stylesheet, not a
/// password field: Chromium offers to save any `type="password"` field to its password manager
/// (it ignores `autocomplete="off"` there), and a token must never be stored.
pub fn connection_panel(props: &ConnectionProps<'_>) -> Html {
    let draft = props.draft;
    let on_environment = on_select_value(props.on_edit.reform(|value: String| {
        ConnectionEdit::SetEnvironment(value.parse().unwrap_or(Environment::Emulator))
    }));
    let on_url = on_input_value(props.on_edit.reform(ConnectionEdit::SetEmulatorUrl));
    let on_version = on_select_value(props.on_edit.reform(|value: String| {
        ConnectionEdit::SetVersion(value.parse::<ApiVersion>().unwrap_or_default())
    }));
    let on_token = on_input_value(props.on_token.clone());
    let fill = props
        .on_token
        .reform(|_: MouseEvent| PLACEHOLDER_TOKEN.to_owned());
    let is_emulator = draft.environment == Environment::Emulator;
    let chosen = draft.environment.key();
    html! {
        <fieldset class="panel">
            <legend>{ "Connect" }</legend>
            <label for="environment">{ "Environment" }</label>
            <select id="environment" onchange={on_environment} ~value={chosen}>
                <option value={Environment::Emulator.key()} selected={is_emulator}>{ "Local emulator (no tenant needed)" }</option>
                { for NationalCloud::ALL.iter().map(|cloud| html! {
                    <option value={cloud.key()} selected={chosen == cloud.key()}>
                        { cloud_in_words(*cloud) }
                    </option>
                }) }
            </select>
            if is_emulator {
                <label for="emulator-url">{ "Emulator URL" }</label>
                <input id="emulator-url" type="url" value={draft.emulator_url.clone()} oninput={on_url}
                    aria-describedby="emulator-url-messages" spellcheck="false" />
                { field_messages(props.plan, Field::EmulatorUrl, "emulator-url-messages") }
                if !graph_model::is_loopback_host(&location::host()) {
                    <p class="note">
                        { "The emulator runs on your machine: start it with " }
                        <code>{ format!("--allow-origin {}", location::origin()) }</code>
                        { " so that it answers this site." }
                    </p>
                }
            }
            <label for="api-version">{ "API version" }</label>
            <select id="api-version" onchange={on_version} ~value={draft.version.as_str()} aria-describedby="api-version-messages">
                { for ApiVersion::ALL.iter().map(|version| html! {
                    <option value={version.as_str()} selected={*version == draft.version}>{ version.as_str() }</option>
                }) }
            </select>
            { field_messages(props.plan, Field::Version, "api-version-messages") }
            <label for="token">{ "Access token" }</label>
            <div class="row">
                <input id="token" class="secret" type="text" autocomplete="off" spellcheck="false" value={props.token.to_owned()}
                    oninput={on_token} aria-describedby="token-note token-messages token-insight" />
                if is_emulator {
                    <button type="button" onclick={fill}>{ "Fill placeholder" }</button>
                }
            </div>
            <p id="token-note" class="note">
                { "Kept in memory only: never saved, never in links or snippets. It needs DeviceManagementApps.ReadWrite.All: sign in below, or paste one from Graph Explorer (after consenting to it) or Microsoft Graph PowerShell (" }
                <code>{ "Connect-MgGraph -Scopes DeviceManagementApps.ReadWrite.All" }</code>
                { "). Azure CLI and Azure PowerShell tokens lack it (403)." }
            </p>
            { field_messages(props.plan, Field::Token, "token-messages") }
            <div id={INSIGHT_ID} class="insight"><WorkerPart part={Part::TokenInsight} /></div>
            <div id={SIGN_IN_ID} class="signin" role="group" aria-labelledby="signin-heading"
                onclick={Callback::from(worker_parts::click)} oninput={Callback::from(worker_parts::remember)}>
                <WorkerPart part={Part::SignIn} />
            </div>
        </fieldset>
    }
}
