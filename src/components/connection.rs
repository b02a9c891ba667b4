//! Connect: the environment, the API version and the access token.

use std::rc::Rc;

use graph_model::{ApiVersion, NationalCloud};
use yew::prelude::*;

use crate::components::{PlaygroundHandle, dispatch_of};

use crate::components::messages::messages_at;
use crate::components::{on_input_value, on_select_value};
use crate::draft::{Environment, Plan, field};
use crate::state::Action;

/// The token the emulator is happy with, for "Fill placeholder".
pub const PLACEHOLDER_TOKEN: &str = "emulator-placeholder-token";

/// What the panel shows and does, besides the page state.
pub struct ConnectionProps {
    /// The checked draft.
    pub plan: Rc<Plan>,
    /// The token (memory only).
    pub token: AttrValue,
    /// Sets the token.
    pub on_token: Callback<String>,
}

fn environment_value(environment: Environment) -> &'static str {
    match environment {
        Environment::Emulator => "emulator",
        Environment::Cloud(cloud) => cloud.key(),
    }
}

/// The connection fieldset.
pub fn connection_panel(state: &PlaygroundHandle, props: &ConnectionProps) -> Html {
    let dispatch = dispatch_of(state);
    let draft = &state.draft;
    let diagnostics = &props.plan.diagnostics;
    let on_environment = on_select_value(dispatch.reform(|value: String| {
        Action::SetEnvironment(
            NationalCloud::from_key(&value).map_or(Environment::Emulator, Environment::Cloud),
        )
    }));
    let on_url = on_input_value(dispatch.reform(Action::SetEmulatorUrl));
    let on_version =
        on_select_value(dispatch.reform(|value: String| {
            Action::SetVersion(ApiVersion::parse(&value).unwrap_or_default())
        }));
    let on_token = on_input_value(props.on_token.clone());
    let fill = props
        .on_token
        .reform(|_: MouseEvent| PLACEHOLDER_TOKEN.to_owned());
    let is_emulator = draft.environment == Environment::Emulator;
    let chosen = environment_value(draft.environment);
    html! {
        <fieldset class="panel">
            <legend>{ "Connect" }</legend>
            <label for="environment">{ "Environment" }</label>
            <select id="environment" onchange={on_environment} ~value={chosen}>
                <option value="emulator" selected={chosen == "emulator"}>{ "Local emulator (no tenant needed)" }</option>
                { for NationalCloud::ALL.iter().map(|cloud| html! {
                    <option value={cloud.key()} selected={chosen == cloud.key()}>
                        { format!("{} ({})", cloud.label(), cloud.graph_host()) }
                    </option>
                }) }
            </select>
            if is_emulator {
                <label for="emulator-url">{ "Emulator URL" }</label>
                <input id="emulator-url" type="url" value={draft.emulator_url.clone()} oninput={on_url}
                    aria-describedby="emulator-url-messages" spellcheck="false" />
                { messages_at(diagnostics, field::EMULATOR_URL, "emulator-url-messages") }
            }
            <label for="api-version">{ "API version" }</label>
            <select id="api-version" onchange={on_version} ~value={draft.version.as_str()} aria-describedby="api-version-messages">
                { for ApiVersion::ALL.iter().map(|version| html! {
                    <option value={version.as_str()} selected={*version == draft.version}>{ version.as_str() }</option>
                }) }
            </select>
            { messages_at(diagnostics, field::VERSION, "api-version-messages") }
            <label for="token">{ "Access token" }</label>
            <div class="row">
                <input id="token" type="password" autocomplete="off" spellcheck="false" value={props.token.clone()}
                    oninput={on_token} aria-describedby="token-note token-messages" />
                if is_emulator {
                    <button type="button" onclick={fill}>{ "Fill placeholder" }</button>
                }
            </div>
            <p id="token-note" class="note">
                { "Kept in memory only: never saved, never in links or snippets. Get one from Graph Explorer's Access token tab, or run " }
                <code>{ "az account get-access-token --resource https://graph.microsoft.com" }</code>
                { " (Get-MgContext-style tooling works too). It needs DeviceManagementApps.ReadWrite.All." }
            </p>
            { messages_at(diagnostics, field::TOKEN, "token-messages") }
        </fieldset>
    }
}
