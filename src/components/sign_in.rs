//! "Sign in with Microsoft": the client id and tenant of the user's own app registration, the
//! redirect URI to register (with a copy button and how to register it), and where sign-in
//! stands, failures explained.

use graph_model::signin::{Endpoints, Tenant};
use graph_model::{ClientId, ServiceRoot};
use yew::prelude::*;

use crate::components::on_input_value;
use crate::hooks::use_copy_status::use_copy_status;
use crate::hooks::use_sign_in::{SignInStatus, use_sign_in};
use crate::services::signin::page_url;
use crate::signin::{Context, SignInSettings, explain};

/// What the sign-in part needs from the page.
#[derive(Properties, PartialEq)]
pub struct SignInProps {
    /// The chosen environment (`None` while the emulator URL is invalid).
    pub root: Option<ServiceRoot>,
    /// The environment's name.
    pub cloud: AttrValue,
    /// Receives the access token (empty on sign-out).
    pub on_token: Callback<String>,
}

/// The sign-in group under the access token.
#[function_component(SignInPanel)]
pub fn sign_in_panel(props: &SignInProps) -> Html {
    let sign_in = use_sign_in(props.root.clone(), props.on_token.clone());
    let copy = use_copy_status();
    let redirect_uri = graph_model::signin::authority::redirect_uri_of(&page_url());
    let is_emulator = matches!(props.root, Some(ServiceRoot::Emulator(_)));
    let settings = sign_in.settings.clone();
    let on_client_id = {
        let (on_settings, settings) = (sign_in.on_settings.clone(), settings.clone());
        on_input_value(Callback::from(move |client_id| {
            on_settings.emit(SignInSettings {
                client_id,
                ..settings.clone()
            })
        }))
    };
    let on_tenant = {
        let (on_settings, settings) = (sign_in.on_settings.clone(), settings.clone());
        on_input_value(Callback::from(move |tenant| {
            on_settings.emit(SignInSettings {
                tenant,
                ..settings.clone()
            })
        }))
    };
    let on_copy = {
        let (copy, uri) = (copy.clone(), redirect_uri.clone());
        Callback::from(move |_: MouseEvent| copy.copy(uri.clone()))
    };
    let tenant_text = match settings.tenant.trim() {
        "" => Tenant::ORGANIZATIONS.to_owned(),
        typed => typed.to_owned(),
    };
    let admin_consent_url = match (
        &props.root,
        ClientId::parse(&settings.client_id),
        Tenant::parse(&tenant_text),
    ) {
        (Some(root), Ok(client_id), Ok(tenant)) => {
            Endpoints::new(root, &tenant).admin_consent(&client_id)
        }
        _ => "(enter the client ID and tenant to see the admin-consent link)".to_owned(),
    };
    let signed_in = matches!(sign_in.status, SignInStatus::SignedIn(_));
    let status = match &sign_in.status {
        SignInStatus::SignedOut => html! {},
        SignInStatus::Invalid(reason) => html! { <p class="error" role="alert">{ reason }</p> },
        SignInStatus::Leaving => html! { <p role="status">{ "Opening the sign-in page…" }</p> },
        SignInStatus::Redeeming => html! { <p role="status">{ "Completing sign-in…" }</p> },
        SignInStatus::SignedIn(who) => html! {
            <p role="status">{ format!("Signed in as {}. The token is kept in memory and renewed before it expires.", who.as_deref().unwrap_or("(unknown)")) }</p>
        },
        SignInStatus::Failed(failure) => html! {
            <p class="error" role="alert">{ explain(failure, &Context {
                redirect_uri: &redirect_uri,
                client_id: settings.client_id.trim(),
                tenant: &tenant_text,
                cloud: &props.cloud,
                admin_consent_url: &admin_consent_url,
                is_emulator,
            }) }</p>
        },
    };
    html! {
        <div class="signin" role="group" aria-labelledby="signin-heading">
            <h3 id="signin-heading">{ "Sign in with Microsoft" }</h3>
            <label for="client-id">{ "Client ID" }</label>
            <input id="client-id" type="text" spellcheck="false" autocomplete="off" value={settings.client_id.clone()}
                oninput={on_client_id} placeholder={if is_emulator { "any GUID (optional for the emulator)" } else { "Application (client) ID" }} />
            <label for="tenant">{ "Tenant" }</label>
            <input id="tenant" type="text" spellcheck="false" autocomplete="off" value={settings.tenant.clone()}
                oninput={on_tenant} placeholder="organizations" />
            <label for="redirect-uri">{ "Redirect URI" }</label>
            <div class="row">
                <input id="redirect-uri" type="text" readonly=true value={redirect_uri.clone()} />
                <button type="button" onclick={on_copy}>{ "Copy redirect URI" }</button>
            </div>
            <p class="note" role="status">{ *copy }</p>
            <ol class="note">
                <li>{ "Register an app (Microsoft Entra admin center, App registrations) and add the redirect URI above under the Single-page application platform." }</li>
                <li>{ "Under API permissions add Microsoft Graph, delegated, DeviceManagementApps.ReadWrite.All." }</li>
                <li>{ "Grant admin consent for the tenant. Against the emulator none of this is needed." }</li>
            </ol>
            { status }
            if signed_in {
                <button type="button" onclick={sign_in.sign_out.reform(|_: MouseEvent| ())}>{ "Sign out" }</button>
            } else {
                <button type="button" onclick={sign_in.sign_in.reform(|_: MouseEvent| ())}>{ "Sign in with Microsoft" }</button>
            }
        </div>
    }
}
