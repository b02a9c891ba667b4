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

use crate::bulk_work::BODY_ID;
use crate::code_work::{BODY_ID as CODE_BODY_ID, PREPARING, SNIPPET_ID};
use crate::components::code_panel;
use crate::draft::{Draft, Environment};
use crate::html::escape;
use crate::protocol::{BULK_JOURNAL_KEY, FinderKind, Job, Place, Reply, Step};
use crate::services::storage::local_storage;
use crate::services::{clipboard, files, later, location, signin as browser, workbench};
use crate::state::{Action, TargetEdit};

/// What the panel keeps between events.
struct Panel {
    on_token: Callback<String>,
    on_action: Callback<Action>,
    token: RefCell<String>,
    /// The draft, and the ids of the comparison, for the names.
    draft: RefCell<Draft>,
    compared: RefCell<[String; 4]>,
    signed_in: Cell<bool>,
    /// Where the page points.
    place: RefCell<Option<Place>>,
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

/// Carries out the worker's steps for the page (see [`crate::protocol::Step`]): the
/// sign-in's, and the filling of containers such as the history list.
pub fn carry_out(reply: Reply) {
    let Reply::Steps(steps) = reply else {
        return;
    };
    for step in steps {
        match step {
            Step::Fill(id, html) => fill(&id, &html),
            Step::SignedIn(signed_in) => {
                note("");
                if let Some(button) = element("sign-in-button") {
                    button.set_text_content(Some(if signed_in {
                        "Sign out"
                    } else {
                        "Sign in with Microsoft"
                    }));
                }
                with_panel(|panel| panel.signed_in.set(signed_in));
            }
            Step::Token(token) => with_panel(|panel| panel.on_token.emit(token)),
            Step::Combobox(finder, expanded, active_option) => {
                if let Some(search) = element(&format!("{}-search", finder.word())) {
                    let _ = search.set_attribute("aria-expanded", &expanded.to_string());
                    let _ = search.set_attribute("aria-activedescendant", &active_option);
                }
            }
            Step::Choose(finder, id) => choose(finder, id),
            Step::ChosenAtStart(configuration_id, assignment_id) => with_panel(|panel| {
                let pair = Box::new((configuration_id, assignment_id));
                panel.on_action.emit(Action::ChosenAtStart(pair));
            }),
            Step::Current(assignment_id, form) => with_panel(|panel| {
                let loaded = Action::CurrentLoaded(Box::new((assignment_id, form)));
                panel.on_action.emit(loaded);
            }),
            Step::KeepJournal(journal) => keep_journal(journal.as_deref()),
            Step::Download(name, mime, text) => {
                if let Err(reason) = files::download(&name, &mime, &text) {
                    note(&reason);
                }
            }
            Step::GoSignIn(url, record) => match browser::save_pending(&record) {
                Ok(()) => browser::go_to(&url),
                Err(reason) => note(&reason),
            },
        }
    }
}

fn with_panel(act: impl FnOnce(&Panel)) {
    PANEL.with(|panel| {
        if let Some(panel) = &*panel.borrow() {
            act(panel);
        }
    });
}

/// Keeps the Bulk journal in localStorage (`None`: removes it), and says when the browser
/// would not. (The note is hidden while there is nothing to say: an empty alert would still
/// be one.)
fn keep_journal(journal: Option<&str>) {
    let kept = local_storage().is_some_and(|storage| {
        match journal {
            None => storage.remove_item(BULK_JOURNAL_KEY),
            Some(journal) => storage.set_item(BULK_JOURNAL_KEY, journal),
        }
        .is_ok()
    });
    if let (Some(note), Some(_)) = (element(JOURNAL_NOTE_ID), journal) {
        note.set_text_content(Some(JOURNAL_NOT_KEPT));
        let _ = note.toggle_attribute_with_force("hidden", kept);
    }
}

/// Puts a group or filter chosen by name into the form, and closes the combobox.
pub fn choose(finder: FinderKind, id: String) {
    let action = match finder {
        FinderKind::Group => Action::Target(TargetEdit::SetGroupId(id)),
        FinderKind::Filter => Action::Target(TargetEdit::SetFilterId(id)),
    };
    with_panel(|panel| panel.on_action.emit(action));
    ask(Job::FinderKey {
        finder,
        key: "Escape".to_owned(),
    });
}

/// Where the page points now, once it has rendered.
fn place() -> Option<Place> {
    PANEL.with(|panel| panel.borrow().as_ref()?.place.borrow().clone())
}

fn token() -> String {
    PANEL.with(|panel| {
        panel
            .borrow()
            .as_ref()
            .map(|panel| panel.token.borrow().clone())
            .unwrap_or_default()
    })
}

/// Asks the worker to find groups or filters by `text`.
pub fn find(finder: FinderKind, text: &str) {
    if let Some(place) = place() {
        let look_up = look_up_names(place.environment);
        ask(Job::Find {
            finder,
            place,
            token: token(),
            text: text.to_owned(),
            look_up,
        });
    }
}

/// Asks the worker a job for the page's parts; its steps are carried out.
pub fn ask(job: Job) {
    workbench::ask(job, Callback::from(carry_out));
}

/// A click in the sign-in group (the connection panel passes them on).
pub fn click(event: MouseEvent) {
    let Some(target) = target_of(&event) else {
        return;
    };
    match target.id().as_str() {
        "copy-redirect-uri" => clipboard::copy(value("redirect-uri"), Callback::from(note)),
        "sign-in-button" => {
            let (Some(place), signed_in) = (
                place(),
                PANEL.with(|panel| panel.borrow().as_ref().is_some_and(|p| p.signed_in.get())),
            ) else {
                return;
            };
            if signed_in {
                ask(Job::SignOut);
            } else {
                note("Opening the sign-in page…");
                let look_up = look_up_names(place.environment);
                ask(Job::SignIn {
                    place,
                    client_id: value("client-id"),
                    tenant: value("tenant"),
                    page_url: location::link_with_fragment(""),
                    look_up,
                });
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

/// Asks the worker for the sign-in group (rendered empty by the connection panel) and the Bulk
/// view, and completes a sign-in whose answer [`browser::capture_return`] took off the address.
pub fn mount(on_token: Callback<String>, on_action: Callback<Action>) {
    PANEL.with(|panel| {
        *panel.borrow_mut() = Some(Panel {
            on_token,
            on_action,
            token: RefCell::default(),
            draft: RefCell::default(),
            compared: RefCell::default(),
            signed_in: Cell::new(false),
            place: RefCell::default(),
        })
    });
    workbench::listen(Callback::from(carry_out));
    let journal = local_storage()
        .and_then(|storage| storage.get_item(BULK_JOURNAL_KEY).ok().flatten())
        .unwrap_or_default();
    ask(Job::BulkOpen { journal });
    if let Some(body) = element(BODY_ID) {
        let listener = Closure::<dyn Fn(web_sys::Event)>::new(|event: web_sys::Event| bulk(&event));
        for kind in ["click", "change"] {
            let _ = body.add_event_listener_with_callback(kind, listener.as_ref().unchecked_ref());
        }
        listener.forget();
    }
    let (client_id, tenant) = browser::load_settings();
    ask(Job::SignInForm {
        client_id,
        tenant,
        page_url: location::link_with_fragment(""),
    });
    let record = browser::take_pending();
    if let Some(query) = browser::take_return() {
        ask(Job::SignInReturn { query, record });
    }
}

/// Whether names are looked up against `environment`: the user's choice, else on for the
/// emulator and off for the clouds (looking names up sends extra reads and needs extra
/// permissions).
fn look_up_names(environment: Environment) -> bool {
    browser::load_look_up().unwrap_or(environment == Environment::Emulator)
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
pub fn update(token: &str, draft: &Draft, compared: &[String; 4]) {
    let place = Place::of(draft);
    let moved = PANEL.with(|panel| {
        let panel = panel.borrow();
        let Some(panel) = &*panel else {
            return true;
        };
        let before = panel.place.replace(Some(place.clone()));
        *panel.token.borrow_mut() = token.to_owned();
        *panel.draft.borrow_mut() = draft.clone();
        *panel.compared.borrow_mut() = compared.clone();
        before.is_none_or(|before| before.environment != place.environment)
    });
    // The switch follows a change of environment at once; typing elsewhere leaves it be.
    if moved {
        show_switch(place.environment);
    }
    show_code(false);
    // The worker hears of it once editing pauses: a keystroke only renders.
    later::after_pause("names", Box::new(refresh));
}

/// Sets the "Look up names" switch for `environment`, and says whether it is on.
fn show_switch(environment: Environment) -> bool {
    let names = look_up_names(environment);
    if let Some(switch) = element(LOOK_UP_ID).and_then(|e| e.dyn_into::<HtmlInputElement>().ok()) {
        switch.set_checked(names);
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
    let job = Job::Code {
        draft: draft(),
        language: code_panel::language(),
    };
    workbench::ask(
        job,
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
    let Some((place, token, draft, compared)) = PANEL.with(|panel| {
        let panel = panel.borrow();
        let panel = panel.as_ref()?;
        let place = panel.place.borrow().clone()?;
        Some((
            place,
            panel.token.borrow().clone(),
            panel.draft.borrow().clone(),
            panel.compared.borrow().clone(),
        ))
    }) else {
        return;
    };
    let look_up = show_switch(place.environment);
    ask(Job::Inspect {
        place,
        token: token.clone(),
    });
    ask(Job::Names {
        token,
        look_up,
        draft,
        compared,
    });
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
    ask(Job::BulkControl {
        action,
        id: target.id(),
        value,
        token: token(),
        draft: draft(),
    });
}

/// The id of the "Look up names" switch.
pub const LOOK_UP_ID: &str = "look-up-names";
