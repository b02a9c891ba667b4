//! The page's end of the parts the worker writes ([`crate::sign_in_work`] and the modules it
//! runs): the worker sends steps (fill a container, set an attribute, hand over a token, choose
//! an id, store or download something) and this module carries them out through the DOM; what
//! the user does in those parts (clicks, edits, changes) is passed back to the worker.
//!
//! - **Sign-in and token insight**, under the access token: the client id and tenant of the
//!   user's own app registration, the redirect URI to register, and where sign-in stands. On
//!   start it hands the worker the authorize answer taken off the address (if any) with the
//!   round trip's record; Sign in asks the worker for the authorize URL, keeps the record and
//!   leaves; the worker's updates bring renewed access tokens, which go to the page's token.
//! - **Names** beside the ids, the finders, the change in words and the admin center's rules.
//! - **The picker's lists**, "Load current" and the history list.
//! - **The Bulk view**, and the warning when its journal cannot be kept.
//! - **The Code panel**, and copying its snippet.
//!
//! Almost none of this is in the first load: the page renders empty containers and the worker
//! writes their HTML (escaped there).

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::{Callback, Event, InputEvent, MouseEvent};

use crate::bulk_work::{BODY_ID, JOURNAL_KEY};
use crate::code_work::{BODY_ID as CODE_BODY_ID, PREPARING, SNIPPET_ID};
use crate::components::code_panel;
use crate::draft::{Draft, Environment};
use crate::html::escape;
use crate::services::storage::local_storage;
use crate::services::{clipboard, files, later, location, signin as browser, workbench};
use crate::state::{Action, TargetEdit};
use crate::target_form::TargetForm;
use crate::workbench::{Job, Reply};

/// What the panel keeps between events.
struct Panel {
    on_token: Callback<String>,
    on_action: Callback<Action>,
    token: RefCell<String>,
    /// The draft as JSON, and the ids of the comparison, for the names.
    draft: RefCell<Draft>,
    compared: RefCell<String>,

    signed_in: Cell<bool>,
    /// The environment's key and the emulator URL.
    environment: RefCell<(String, String)>,
}

thread_local! {
    static PANEL: RefCell<Option<Panel>> = const { RefCell::new(None) };
}

/// Where the page says that the browser would not keep the Bulk run's journal (in the Bulk
/// section's markup, see [`crate::app`]).
pub const JOURNAL_NOTE_ID: &str = "bulk-journal-note";

/// What it says.
const JOURNAL_NOT_KEPT: &str = "The browser would not keep this run's journal (storage full or off): a reload cannot resume it.";

/// The page's element with this id.
pub fn element(id: &str) -> Option<Element> {
    web_sys::window()?.document()?.get_element_by_id(id)
}

thread_local! {
    /// The HTML last written into each element, by id: compared with what the worker sends, not
    /// with the element's `innerHTML`, which the browser serializes in its own way (`&#39;` reads
    /// back as `'`).
    static WRITTEN: RefCell<std::collections::HashMap<String, String>> = RefCell::default();
}

/// Writes `html` into the element `id`, unless it was the last HTML written there and the
/// element still holds what was written (so a list the worker writes again unchanged keeps the
/// user's place, focus and selection, and a live region does not announce again).
pub fn fill(id: &str, html: &str) {
    let Some(place) = element(id) else {
        return;
    };
    let unchanged = WRITTEN.with(|written| {
        written.borrow().get(id).is_some_and(|last| last == html) && place.has_child_nodes()
            || html.is_empty() && !place.has_child_nodes()
    });
    if !unchanged {
        place.set_inner_html(html);
        WRITTEN.with(|written| written.borrow_mut().insert(id.to_owned(), html.to_owned()));
    }
}

fn note(text: &str) {
    if let Some(note) = element("signin-note") {
        note.set_text_content(Some(text));
    }
}

/// The value of the text field or list with this id (empty when there is none).
pub fn value(id: &str) -> String {
    let Some(element) = element(id) else {
        return String::new();
    };
    match element.dyn_into::<HtmlInputElement>() {
        Ok(input) => input.value(),
        Err(element) => element
            .dyn_into::<HtmlSelectElement>()
            .map(|list| list.value())
            .unwrap_or_default(),
    }
}

/// Carries out the worker's steps for the page (see [`crate::workbench::Steps`]): the
/// sign-in's, and the filling of containers such as the history list.
pub fn carry_out(reply: Reply) {
    let Reply::Page(steps) = reply else {
        return;
    };
    let mut steps = steps.iter().map(String::as_str);
    while let Some(step) = steps.next() {
        let mut next = || steps.next().unwrap_or_default();
        match step {
            "fill" => {
                let id = next();
                fill(id, next());
            }
            "signed-in" => {
                let signed_in = next() == "true";
                note("");
                if let Some(button) = element("sign-in-button") {
                    button.set_text_content(Some(if signed_in {
                        "Sign out"
                    } else {
                        "Sign in with Microsoft"
                    }));
                }
                PANEL.with(|panel| {
                    if let Some(panel) = &*panel.borrow() {
                        panel.signed_in.set(signed_in);
                    }
                });
            }
            "token" => {
                let token = next().to_owned();
                PANEL.with(|panel| {
                    if let Some(panel) = &*panel.borrow() {
                        panel.on_token.emit(token);
                    }
                });
            }
            "attribute" => {
                let (id, name) = (next(), next());
                if let Some(element) = element(id) {
                    let _ = element.set_attribute(name, next());
                }
            }
            "choose" => {
                let kind = next();
                choose(kind, next());
            }
            "chosen-at-start" => {
                let pair = (next().to_owned(), next().to_owned());
                PANEL.with(|panel| {
                    if let Some(panel) = &*panel.borrow() {
                        panel.on_action.emit(Action::ChosenAtStart(Box::new(pair)));
                    }
                });
            }
            "current" => {
                let assignment_id = next().to_owned();
                if let Ok(form) = serde_json::from_str::<TargetForm>(next()) {
                    let loaded = Action::CurrentLoaded(Box::new((assignment_id, form)));
                    PANEL.with(|panel| {
                        if let Some(panel) = &*panel.borrow() {
                            panel.on_action.emit(loaded);
                        }
                    });
                }
            }
            "store" => {
                let (key, value) = (next(), next());
                let kept = local_storage().is_some_and(|storage| {
                    match value {
                        "" => storage.remove_item(key),
                        _ => storage.set_item(key, value),
                    }
                    .is_ok()
                });
                // The Bulk view keeps its journal this way: say when the browser would not.
                // (Hidden while there is nothing to say: an empty alert would still be one.)
                if let (Some(note), false) = (element(JOURNAL_NOTE_ID), value.is_empty()) {
                    note.set_text_content(Some(JOURNAL_NOT_KEPT));
                    let _ = note.toggle_attribute_with_force("hidden", kept);
                }
            }
            "download" => {
                let (name, mime) = (next(), next());
                if let Err(reason) = files::download(name, mime, next()) {
                    note(&reason);
                }
            }
            "go" => {
                let url = next();
                match browser::save_pending(next()) {
                    Ok(()) => browser::go_to(url),
                    Err(reason) => note(&reason),
                }
            }
            _ => {}
        }
    }
}

/// Puts a group or filter chosen by name (`kind` is `group` or `filter`) into the form, and
/// closes the combobox.
pub fn choose(kind: &str, id: &str) {
    let id = id.to_owned();
    let action = match kind {
        "group" => Action::Target(TargetEdit::SetGroupId(id)),
        _ => Action::Target(TargetEdit::SetFilterId(id)),
    };
    PANEL.with(|panel| {
        if let Some(panel) = &*panel.borrow() {
            panel.on_action.emit(action);
        }
    });
    if matches!(kind, "group" | "filter") {
        ask(&["key", kind, "Escape"]);
    }
}

/// Asks the worker to find groups or filters (`kind`) by `text`.
pub fn find(kind: &str, text: &str) {
    let words = PANEL.with(|panel| {
        let panel = panel.borrow();
        let panel = panel.as_ref()?;
        let (environment, emulator_url) = panel.environment.borrow().clone();
        Some((environment, emulator_url, panel.token.borrow().clone()))
    });
    if let Some((environment, emulator_url, token)) = words {
        let names = look_up_names(&environment);
        ask(&[
            "find",
            kind,
            &environment,
            &emulator_url,
            &token,
            text,
            names,
        ]);
    }
}

/// Asks the worker a job for the page's parts (see [`crate::sign_in_work::run`]).
pub fn ask(words: &[&str]) {
    let words = words.iter().map(|word| (*word).to_owned()).collect();
    workbench::ask(Job::Page(words), Callback::from(carry_out));
}

/// A click in the sign-in group (the connection panel passes them on).
pub fn click(event: MouseEvent) {
    let Some(target) = target_of(&event) else {
        return;
    };
    match target.id().as_str() {
        "copy-redirect-uri" => clipboard::copy(value("redirect-uri"), Callback::from(note)),
        "sign-in-button" => {
            let Some((signed_in, (environment, emulator_url))) = PANEL.with(|panel| {
                let panel = panel.borrow();
                let panel = panel.as_ref()?;
                Some((panel.signed_in.get(), panel.environment.borrow().clone()))
            }) else {
                return;
            };
            if signed_in {
                ask(&["out"]);
            } else {
                note("Opening the sign-in page…");
                ask(&[
                    "start",
                    &environment,
                    &emulator_url,
                    &value("client-id"),
                    &value("tenant"),
                    &location::link_with_fragment(""),
                    look_up_names(&environment),
                ]);
            }
        }
        _ => {}
    }
}

/// An edit in the sign-in group (the connection panel passes them on): the client id and the
/// tenant are remembered.
pub fn remember(event: InputEvent) {
    if let Some(input) = target_of(&event).and_then(|t| t.dyn_into::<HtmlInputElement>().ok()) {
        match input.id().as_str() {
            "client-id" => browser::save_setting(false, &input.value()),
            "tenant" => browser::save_setting(true, &input.value()),
            _ => {}
        }
    }
}

fn target_of(event: &web_sys::Event) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()
}

/// Asks the worker for the sign-in group (rendered empty by the connection panel) and completes a sign-in whose answer [`browser::capture_return`] took off the address.
pub fn mount(on_token: Callback<String>, on_action: Callback<Action>) {
    PANEL.with(|panel| {
        *panel.borrow_mut() = Some(Panel {
            on_token,
            on_action,
            token: RefCell::default(),
            draft: RefCell::default(),
            compared: RefCell::default(),

            signed_in: Cell::new(false),
            environment: RefCell::default(),
        })
    });
    workbench::listen(Callback::from(carry_out));
    let journal = local_storage()
        .and_then(|storage| storage.get_item(JOURNAL_KEY).ok().flatten())
        .unwrap_or_default();
    ask(&["bulk", "open", "", "", "", &journal]);
    if let Some(body) = element(BODY_ID) {
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| bulk(&event));
        for kind in ["click", "change"] {
            let _ = body.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        listener.forget();
    }
    let (client_id, tenant) = browser::load_settings();
    ask(&[
        "form",
        &client_id,
        &tenant,
        &location::link_with_fragment(""),
    ]);
    let record = browser::take_pending().unwrap_or_default();
    if let Some(query) = browser::take_return() {
        ask(&["return", &query, &record]);
    }
}

/// Whether names are looked up against `environment` (a key): the user's choice, else on for
/// the emulator and off for the clouds (looking names up sends extra reads and needs extra
/// permissions). Written for the worker as `on` or `off`.
fn look_up_names(environment: &str) -> &'static str {
    if browser::load_look_up().unwrap_or(environment == Environment::Emulator.key()) {
        "on"
    } else {
        "off"
    }
}

/// The "Look up names" switch changed: remember the choice and look names up (or clear them).
pub fn switch_look_up(event: Event) {
    if let Some(input) = event
        .target()
        .and_then(|target| target.dyn_into::<HtmlInputElement>().ok())
    {
        browser::save_look_up(input.checked());
        refresh();
    }
}

/// Keeps the panel's environment, the token insight, the "Look up names" switch, the
/// worker-written names and the Code panel up to date with the page's `token`, `draft` and the
/// ids of the before/after comparison (see [`crate::comparison::named_ids`]).
pub fn update(token: &str, draft: &Draft, compared: &str) {
    let environment = draft.environment.key();
    let moved = PANEL.with(|panel| {
        let panel = panel.borrow();
        let Some(panel) = &*panel else {
            return true;
        };
        let before = panel
            .environment
            .replace((environment.to_owned(), draft.emulator_url.clone()));
        *panel.token.borrow_mut() = token.to_owned();
        *panel.draft.borrow_mut() = draft.clone();
        *panel.compared.borrow_mut() = compared.to_owned();
        before.0 != environment
    });
    // The switch follows a change of environment at once; typing elsewhere leaves it be.
    if moved {
        show_switch(environment);
    }
    show_code(false);
    // The worker hears of it once editing pauses: a keystroke only renders.
    later::after_pause("names", Box::new(refresh));
}

/// Sets the "Look up names" switch for `environment` (a key), and says whether it is `on`.
fn show_switch(environment: &str) -> &'static str {
    let names = look_up_names(environment);
    if let Some(switch) = element(LOOK_UP_ID).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        switch.set_checked(names == "on");
    }
    names
}

/// The page's draft as of its latest render.
pub fn draft() -> Draft {
    PANEL.with(|panel| {
        panel
            .borrow()
            .as_ref()
            .map(|panel| panel.draft.borrow().clone())
            .unwrap_or_default()
    })
}

/// Shows that the snippet is being built again (once for a burst of edits: the worker's next
/// Code panel replaces the mark), and with `now` asks the worker for it at once.
pub fn show_code(now: bool) {
    code_panel::say("");
    if let Some(place) = element(SNIPPET_ID).filter(|place| !place.has_attribute("aria-busy")) {
        place.set_inner_html(PREPARING);
        let _ = place.set_attribute("aria-busy", "true");
    }
    if now {
        ask_code();
    }
}

/// Asks the worker for the Code panel of the page's draft in the chosen language; when the
/// worker cannot answer, the panel says why.
fn ask_code() {
    let draft = serde_json::to_string(&draft()).unwrap_or_default();
    let words = vec!["code".to_owned(), draft, code_panel::language()];
    workbench::ask(
        Job::Page(words),
        Callback::from(|reply| match reply {
            Reply::Unreadable(reason) => fill(
                CODE_BODY_ID,
                &format!(
                    "<p class=\"note\">Code export is not available: {}.</p>",
                    escape(&reason)
                ),
            ),
            reply => carry_out(reply),
        }),
    );
}

/// Asks the worker for the token insight, the names and the Code panel, and sets the switch,
/// for what the page holds now.
fn refresh() {
    let Some(((environment, emulator_url), token, draft, compared)) = PANEL.with(|panel| {
        let panel = panel.borrow();
        let panel = panel.as_ref()?;
        let environment = panel.environment.borrow().clone();
        Some((
            environment,
            panel.token.borrow().clone(),
            serde_json::to_string(&*panel.draft.borrow()).unwrap_or_default(),
            panel.compared.borrow().clone(),
        ))
    }) else {
        return;
    };
    let names = show_switch(&environment);
    ask(&["inspect", &environment, &emulator_url, &token]);
    ask(&["names", &token, names, &draft, &compared]);
    ask_code();
}

/// A click or edit in the Bulk view: an element marked `data-bulk` passes its action, id and
/// value (or checked state) to the worker with the page's token and draft. Buttons act on
/// clicks, fields on changes (a text field's when it is left or Enter is pressed).
pub fn bulk(event: &web_sys::Event) {
    let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) else {
        return;
    };
    let Some(action) = target.get_attribute("data-bulk") else {
        return;
    };
    if (event.type_() == "change") == (target.tag_name() == "BUTTON") {
        return;
    }
    let checkbox = target.get_attribute("type").as_deref() == Some("checkbox");
    let property = if checkbox { "checked" } else { "value" };
    let value = js_sys::Reflect::get(&target, &property.into())
        .map(|value| {
            value
                .as_string()
                .unwrap_or_else(|| value.is_truthy().to_string())
        })
        .unwrap_or_default();
    let Some((token, draft)) = PANEL.with(|panel| {
        let panel = panel.borrow();
        let panel = panel.as_ref()?;
        let draft = serde_json::to_string(&*panel.draft.borrow()).unwrap_or_default();
        Some((panel.token.borrow().clone(), draft))
    }) else {
        return;
    };
    ask(&["bulk", &action, &token, &draft, &target.id(), &value]);
}

/// The id of the "Look up names" switch.
pub const LOOK_UP_ID: &str = "look-up-names";
