//! Token insight and "Sign in with Microsoft" under the access token: the client id and tenant
//! of the user's own app registration, the redirect URI to register (with a copy button and
//! how to register it), and where sign-in stands.
//!
//! The view code of the first load is kept small on purpose: the connection panel renders two
//! empty containers, and this module fills them through the DOM with one fixed HTML string,
//! reads clicks and edits where they bubble to, and writes in the status and insight HTML that
//! the worker ([`crate::sign_in_work`]) makes (escaped there). On start it hands the worker the
//! authorize answer taken off the address (if any) with the round trip's record; Sign in asks
//! the worker for the authorize URL, keeps the record and leaves; the worker's updates bring
//! renewed access tokens, which go to the page's token.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use graph_model::signin::authority::redirect_uri_of;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Element, Event, HtmlInputElement};
use yew::Callback;

use crate::draft::{Draft, Environment};
use crate::html::escape;
use crate::services::{clipboard, signin as browser, workbench};
use crate::workbench::{Job, Reply, SignInView};

/// The id of the sign-in group's container.
pub const SIGN_IN_ID: &str = "signin";
/// The id of the token insight's container.
pub const INSIGHT_ID: &str = "token-insight";

/// The panel once mounted.
struct Panel {
    on_token: Callback<String>,
    signed_in: Cell<bool>,
    environment: RefCell<Draft>,
}

thread_local! {
    static PANEL: RefCell<Option<Rc<Panel>>> = const { RefCell::new(None) };
}

fn panel() -> Option<Rc<Panel>> {
    PANEL.with(|slot| slot.borrow().clone())
}

/// The fixed part of the sign-in group, with the remembered values and the redirect URI.
fn form_html(client_id: &str, tenant: &str, redirect_uri: &str) -> String {
    format!(
        r#"<h3 id="signin-heading">Sign in with Microsoft</h3>
<label for="client-id">Client ID</label><input id="client-id" type="text" spellcheck="false" autocomplete="off" placeholder="Application (client) ID; optional for the emulator" value="{}">
<label for="tenant">Tenant</label><input id="tenant" type="text" spellcheck="false" autocomplete="off" placeholder="organizations" value="{}">
<label for="redirect-uri">Redirect URI</label><div class="row"><input id="redirect-uri" type="text" readonly value="{}"><button type="button" id="copy-redirect-uri">Copy redirect URI</button></div>
<ol class="note"><li>Register an app (Microsoft Entra admin center, App registrations) and add the redirect URI above under the Single-page application platform.</li><li>Under API permissions add Microsoft Graph, delegated, DeviceManagementApps.ReadWrite.All.</li><li>Grant admin consent for the tenant. Against the emulator none of this is needed.</li></ol>
<p id="signin-note" class="note" role="status"></p><div id="signin-status"></div><button type="button" id="sign-in-button">Sign in with Microsoft</button>"#,
        escape(client_id),
        escape(tenant),
        escape(redirect_uri)
    )
}

fn element(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

impl Panel {
    fn note(&self, text: &str) {
        if let Some(note) = element("signin-note") {
            note.set_text_content(Some(text));
        }
    }

    /// Shows where sign-in stands and hands a new access token to the page.
    fn show(&self, (status, signed_in, token): SignInView) {
        self.note("");
        if let Some(place) = element("signin-status") {
            place.set_inner_html(&status);
        }
        self.signed_in.set(signed_in);
        if let Some(button) = element("sign-in-button") {
            button.set_text_content(Some(if signed_in {
                "Sign out"
            } else {
                "Sign in with Microsoft"
            }));
        }
        if let Some(token) = token {
            self.on_token.emit(token);
        }
    }

    fn click(&self, target: &Element) {
        match target.id().as_str() {
            "copy-redirect-uri" => {
                let text = redirect_uri_of(&browser::page_url());
                clipboard::copy(
                    text,
                    Callback::from(|said: &'static str| {
                        if let Some(panel) = panel() {
                            panel.note(said);
                        }
                    }),
                );
            }
            "sign-in-button" => {
                let job = if self.signed_in.get() {
                    Job::SignOut
                } else {
                    self.note("Opening the sign-in page…");
                    let value = |id| {
                        element(id)
                            .and_then(|input| input.dyn_into::<HtmlInputElement>().ok())
                            .map(|input| input.value())
                            .unwrap_or_default()
                    };
                    Job::SignInStart {
                        draft: self.environment.borrow().clone(),
                        client_id: value("client-id"),
                        tenant: value("tenant"),
                        page_url: browser::page_url(),
                    }
                };
                workbench::ask(job, Callback::from(receive));
            }
            _ => {}
        }
    }
}

/// What the worker says, asked or not.
fn receive(reply: Reply) {
    let Some(panel) = panel() else {
        return;
    };
    match reply {
        Reply::SignIn(view) => panel.show(view),
        Reply::Insight(html) => {
            if let Some(place) = element(INSIGHT_ID) {
                place.set_inner_html(&html);
            }
        }
        Reply::SignInGo(url, pending) => match browser::save_pending(&pending) {
            Ok(()) => browser::go_to(&url),
            Err(reason) => panel.show((escape(&reason), false, None)),
        },
        _ => {}
    }
}

fn listen(root: &Element, kind: &str, handler: fn(&Panel, &Element)) {
    let closure = Closure::<dyn Fn(Event)>::new(move |event: Event| {
        let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
        if let (Some(panel), Some(target)) = (panel(), target) {
            handler(&panel, &target);
        }
    });
    let _ = root.add_event_listener_with_callback(kind, closure.as_ref().unchecked_ref());
    // The panel lives as long as the page.
    closure.forget();
}

fn remember(_: &Panel, target: &Element) {
    if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
        match input.id().as_str() {
            "client-id" => browser::save_setting(false, &input.value()),
            "tenant" => browser::save_setting(true, &input.value()),
            _ => {}
        }
    }
}

/// Fills the sign-in container (rendered empty by the connection panel) once, and completes a
/// sign-in whose answer [`browser::capture_return`] took off the address.
pub fn mount(on_token: Callback<String>) {
    let Some(root) = element(SIGN_IN_ID) else {
        return;
    };
    let (client_id, tenant) = browser::load_settings();
    root.set_inner_html(&form_html(
        &client_id,
        &tenant,
        &redirect_uri_of(&browser::page_url()),
    ));
    listen(&root, "click", Panel::click);
    listen(&root, "input", remember);
    PANEL.with(|slot| {
        *slot.borrow_mut() = Some(Rc::new(Panel {
            on_token,
            signed_in: Cell::new(false),
            environment: RefCell::new(Draft::default()),
        }))
    });
    workbench::listen(Callback::from(receive));
    let pending = browser::take_pending();
    if let Some(query) = browser::take_return() {
        if let Some(panel) = panel() {
            panel.note("Completing sign-in…");
        }
        workbench::ask(Job::SignInReturn { query, pending }, Callback::from(receive));
    }
}

/// Keeps the panel's environment and the token insight up to date with the page.
pub fn update(token: &str, environment: Environment, emulator_url: &str) {
    let draft = Draft {
        environment,
        emulator_url: emulator_url.to_owned(),
        ..Draft::default()
    };
    if let Some(panel) = panel() {
        *panel.environment.borrow_mut() = draft.clone();
    }
    if token.trim().is_empty() {
        receive(Reply::Insight(String::new()));
    } else {
        let token = token.to_owned();
        workbench::ask(Job::Inspect { token, draft }, Callback::from(receive));
    }
}
