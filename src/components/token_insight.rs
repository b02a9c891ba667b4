//! Token insight: what the access token's payload says, decoded without verification, with
//! warnings when it cannot work here (another API or cloud, a missing permission, expired) and
//! a live countdown to its expiry. Hints only: nothing here stops a send.

use std::cell::Cell;
use std::rc::Rc;
use std::time::Duration;

use graph_model::ServiceRoot;
use graph_model::signin::insight::{Grant, InsightWarning, TokenShape, inspect};
use yew::platform::spawn_local;
use yew::platform::time::sleep;
use yew::prelude::*;

use crate::services::clock::now_ms;

/// The token and where it will be sent.
#[derive(Properties, PartialEq)]
pub struct TokenInsightProps {
    /// The access token.
    pub token: AttrValue,
    /// The chosen environment (`None` while invalid).
    pub root: Option<ServiceRoot>,
}

fn now_seconds() -> u64 {
    (now_ms() / 1000.0) as u64
}

fn countdown(seconds: i64) -> String {
    if seconds <= 0 {
        return "expired".to_owned();
    }
    let (hours, minutes, seconds) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    if hours > 0 {
        format!("in {hours} h {minutes:02} min")
    } else {
        format!("in {minutes}:{seconds:02}")
    }
}

fn warning_text(warning: &InsightWarning) -> String {
    match warning {
        InsightWarning::OtherAudience { audience, expected } => format!(
            "This token is for {audience}, not {expected}: it was issued for another API or cloud and will be refused (401)."
        ),
        InsightWarning::MissingPermission(Grant::ReadOnly) => "The token has DeviceManagementApps.Read.All only: enough to load, not to send (403).".to_owned(),
        InsightWarning::MissingPermission(_) => "The token does not grant DeviceManagementApps.ReadWrite.All: sending will be refused (403).".to_owned(),
        InsightWarning::Expired => "The token has expired: sign in again or paste a fresh one (sending gets 401).".to_owned(),
    }
}

/// The insight line under the token field.
#[function_component(TokenInsight)]
pub fn token_insight(props: &TokenInsightProps) -> Html {
    let shape = use_memo(props.token.clone(), |token| inspect(token));
    let now = use_state(now_seconds);
    let ticking = matches!(&*shape, TokenShape::Jwt(claims) if claims.expires_at.is_some());
    {
        let now = now.clone();
        use_effect_with(ticking, move |ticking| {
            let alive = Rc::new(Cell::new(*ticking));
            if *ticking {
                let alive = alive.clone();
                spawn_local(async move {
                    while alive.get() {
                        sleep(Duration::from_secs(1)).await;
                        if alive.get() {
                            now.set(now_seconds());
                        }
                    }
                });
            }
            move || alive.set(false)
        });
    }
    let claims = match &*shape {
        TokenShape::Opaque if props.token.trim().is_empty() => return html! {},
        TokenShape::Opaque => {
            return html! { <p id="token-insight" class="note">{ "Opaque token: sent as is." }</p> };
        }
        TokenShape::Jwt(claims) => claims,
    };
    let warnings = props
        .root
        .as_ref()
        .map(|root| claims.warnings(root, *now))
        .unwrap_or_default();
    let permissions = claims.permissions().join(" ");
    let row = |name: &'static str, value: Option<String>| {
        value.map(|value| html! { <><dt>{ name }</dt><dd>{ value }</dd></> })
    };
    html! {
        <div id="token-insight" class="insight" role="group" aria-label="Token insight">
            <p class="note">{ "Token insight (decoded, not verified):" }</p>
            <dl>
                { for row("Audience", claims.audience.clone()) }
                { for row("Permissions", Some(if permissions.is_empty() { "(none)".to_owned() } else { permissions })) }
                { for row("Expires", claims.seconds_left(*now).map(countdown)) }
                { for row("Tenant", claims.tenant.clone()) }
                { for row("Signed in as", claims.who().map(str::to_owned)) }
            </dl>
            if !warnings.is_empty() {
                <ul class="warning">
                    { for warnings.iter().map(|warning| html! { <li>{ warning_text(warning) }</li> }) }
                </ul>
            }
        </div>
    }
}
