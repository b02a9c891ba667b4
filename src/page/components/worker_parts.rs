//! The page's end of the parts the worker shows ([`crate::worker::sign_in_work`] and the modules it
//! runs): the worker sends steps (show a view in a part, say a combobox's state, hand over a
//! token, choose an id, store or download something) and this module carries them out (a view
//! through [`crate::page::components::part`], which Yew renders); what the user does in those parts
//! (clicks, edits, changes) is passed back to the worker.
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
//! Almost none of this is in the first load: the page renders the containers, and the worker
//! sends a typed view of what they show ([`crate::contract::view_tree`]), which Yew renders
//! ([`crate::page::components::part`]).

use std::cell::{Cell, RefCell};

use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement};
use yew::{Callback, InputEvent, MouseEvent};

use crate::contract::protocol::{BULK_JOURNAL_KEY, FinderKind, Job, Place, Reply, Step};
use crate::contract::view_tree::{Attr, Control, Node, Part, Tag, el};
use crate::page::components::finder::{self, FinderActions};
use crate::page::components::{code_panel, part};
use crate::page::services::dom::value;
use crate::page::services::storage::local_storage;
use crate::page::services::{clipboard, files, later, location, signin as browser, workbench};
use crate::page::state::{Action, ConnectionEdit, HistoryEdit, TargetEdit};
use crate::shared::draft::{Draft, Environment};

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

/// What it says.
const JOURNAL_NOT_KEPT: &str = "The browser would not keep this run's journal (storage full or off): a reload cannot resume it.";

fn note(text: &str) {
    part::say(Part::SignInNote, text);
}

/// Carries out the worker's steps for the page (see [`crate::contract::protocol::Step`]): the
/// sign-in's, and the filling of containers such as the history list.
pub fn carry_out(reply: Reply) {
    let Reply::Steps(steps) = reply else {
        return;
    };
    for step in steps {
        match step {
            Step::Show(shown, nodes) => part::show(shown, nodes),
            Step::SignedIn(signed_in) => {
                note("");
                with_panel(|panel| panel.signed_in.set(signed_in));
            }
            Step::Token(token) => with_panel(|panel| panel.on_token.emit(token)),
            Step::Combobox(kind, expanded, active_option) => {
                finder::show_state(kind, expanded, active_option)
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
            Step::OpenConnection => {
                with_panel(|panel| panel.on_action.emit(Action::ConnectionSettings(true)))
            }
            Step::Record(entry) => {
                with_panel(|panel| panel.on_action.emit(Action::HistoryRecorded(entry)))
            }
            Step::ChooseAssignment(id) => with_panel(|panel| {
                let chosen = Action::Connection(ConnectionEdit::SetAssignmentId(id));
                panel.on_action.emit(chosen);
            }),
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
    if journal.is_some() {
        let warning = el(Tag::P)
            .id("bulk-journal-note")
            .class("warning")
            .attr(Attr::Role, "alert")
            .text(JOURNAL_NOT_KEPT);
        let shown = (!kept).then(|| Node::from(warning));
        part::show(Part::BulkJournalNote, shown.into_iter().collect());
    }
}

/// What the finders' listeners ask for (see [`finder::finder`]).
pub const FINDER_ACTIONS: FinderActions = FinderActions {
    find,
    key: |finder, key| ask(Job::FinderKey { finder, key }),
};

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
    part::on_control(control);
    workbench::listen(Callback::from(carry_out));
    let journal = local_storage()
        .and_then(|storage| storage.get_item(BULK_JOURNAL_KEY).ok().flatten())
        .unwrap_or_default();
    ask(Job::BulkOpen { journal });
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
pub fn look_up_names(environment: Environment) -> bool {
    look_up_names_given(browser::load_look_up(), environment)
}

/// [`look_up_names`] for the user's `choice` (if any), as the page keeps it.
pub fn look_up_names_given(choice: Option<bool>, environment: Environment) -> bool {
    choice.unwrap_or(environment == Environment::Emulator)
}

/// The "Look up names" switch changed to `on`: remember the choice and look names up (or
/// clear them).
pub fn switch_look_up(on: bool) {
    browser::save_look_up(on);
    refresh();
}

/// Keeps the panel's environment, the token insight, the "Look up names" switch, the
/// worker-written names and the Code panel up to date with the page's `token`, `draft` and the
/// ids of the before/after comparison (see [`crate::shared::comparison::named_ids`]).
pub fn update(token: &str, draft: &Draft, compared: &[String; 4]) {
    let place = Place::of(draft);
    PANEL.with(|panel| {
        if let Some(panel) = &*panel.borrow() {
            panel.place.replace(Some(place));
            *panel.token.borrow_mut() = token.to_owned();
            *panel.draft.borrow_mut() = draft.clone();
            *panel.compared.borrow_mut() = compared.clone();
        }
    });
    show_code(false);
    // The worker hears of it once editing pauses: a keystroke only renders.
    later::after_pause("names", Box::new(refresh));
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
    part::show(Part::Snippet, vec![code_panel::preparing()]);
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
            Reply::Unreadable(reason) => {
                let said = format!("Code export is not available: {reason}.");
                part::show(
                    Part::CodeBody,
                    vec![el(Tag::P).class("note").text(said).into()],
                );
            }
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
    let look_up = look_up_names(place.environment);
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

/// A control of a view was used (a button clicked, a field changed: see
/// [`crate::page::components::part`]). The Code panel's and the history's are done here, the
/// finders' options go to the worker as the index of the option chosen, and those of the Bulk
/// view and the assignment set go to the worker with the element's value (or checked state), the
/// page's token and its draft.
pub fn control(control: Control, row: u32, event: &web_sys::Event) {
    let Some(target) = event.target() else {
        return;
    };
    let history = |edit: fn(String) -> HistoryEdit| {
        let element = target.dyn_ref::<Element>();
        if let Some(id) = element.and_then(|button| button.get_attribute("value")) {
            with_panel(|panel| panel.on_action.emit(Action::History(edit(id))));
        }
    };
    match control {
        Control::SnippetLanguage => return show_code(true),
        Control::CopySnippet => return code_panel::copy_snippet(draft()),
        Control::ReplayEntry => return history(HistoryEdit::Replay),
        Control::DeleteEntry => return history(HistoryEdit::Delete),
        Control::ChooseGroup | Control::ChooseFilter => {
            let finder = match control {
                Control::ChooseGroup => FinderKind::Group,
                _ => FinderKind::Filter,
            };
            return ask(Job::FinderPick { finder, index: row });
        }
        _ => {}
    }
    let value = match target.dyn_ref::<HtmlInputElement>() {
        Some(input) if input.type_() == "file" => return send_chosen_file(control, row, input),
        Some(input) if input.type_() == "checkbox" => input.checked().to_string(),
        Some(input) => input.value(),
        None => target
            .dyn_ref::<HtmlSelectElement>()
            .map(HtmlSelectElement::value)
            .unwrap_or_default(),
    };
    ask(Job::BulkControl {
        control,
        row,
        value,
        token: token(),
        draft: draft(),
    });
}

/// Sends the worker the text of the file chosen in `input` as the value of `control` (empty when
/// the browser could not read it).
fn send_chosen_file(control: Control, row: u32, input: &HtmlInputElement) {
    let send = move |read: Result<String, String>| {
        ask(Job::BulkControl {
            control,
            row,
            value: read.unwrap_or_default(),
            token: token(),
            draft: draft(),
        })
    };
    files::read_chosen_then(input.clone(), Box::new(send));
}

/// The id of the "Look up names" switch.
pub const LOOK_UP_ID: &str = "look-up-names";
