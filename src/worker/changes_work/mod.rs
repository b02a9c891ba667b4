//! Changes: who changed the chosen configuration's assignments, and when, from Intune's audit
//! trail (`GET /beta/deviceManagement/auditEvents`, filtered to the configuration, newest first),
//! changes made outside this page included, each with the target before and after in words. It
//! reads when the configuration or its set changes, in the background, and only while names are
//! looked up (as Reach). Each write of the history finds its own record ([`records`]).

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::rc::Rc;

pub use graph_model::audit::AuditEvent;
use graph_model::request::{RequestOptions, get};
use graph_model::{ApiVersion, AssignmentTarget, Collection, ServiceRoot};
use yew::platform::spawn_local;

use crate::contract::protocol::{Post, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Control, Node, Part};
use crate::shared::draft::Draft;
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::wording;
use crate::worker::name_directory::Directory;
use crate::worker::pick_list::Listing;

pub mod records;
mod view;

#[cfg(test)]
mod tests;

/// The controls Changes does: a history entry's "Undo" and "Undo anyway".
pub const CONTROLS: [Control; 2] = [Control::UndoEntry, Control::UndoEntryAnyway];

/// How many of the newest events are shown.
pub const EVENTS_SHOWN: usize = 50;

/// What Changes is asked.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    root: ServiceRoot,
    token: String,
    configuration_id: String,
    /// The set as listed: a change to it asks again.
    set: Vec<AssignmentTarget>,
}

/// What the region knows.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Found {
    /// Reading.
    #[default]
    Reading,
    /// The newest events.
    Events(Vec<AuditEvent>),
    /// Why they could not be read.
    Failed(String),
}

/// The region's state, as the worker's state keeps it.
#[derive(Default)]
pub struct Changes {
    wanted: bool,
    token: String,
    question: Option<Question>,
    found: Found,
    flight: Option<Rc<Flight>>,
    said: Option<Vec<Node>>,
    /// The history's writes whose audit records were looked for, by entry id.
    looked_for: BTreeSet<String>,
    /// Those writes, in the order they were looked for (an entry's "Undo" names its place).
    sent: Vec<records::Sent>,
    /// Writes of the history that came before the token or while names were not looked up:
    /// looked for once they are.
    waiting: Vec<crate::worker::worker_events::HistoryWrite>,
}

/// What Changes works with.
#[derive(Clone)]
pub struct Work {
    /// Its state.
    pub changes: Rc<RefCell<Changes>>,
    /// The names known, for the targets in words.
    pub directory: Rc<RefCell<Directory>>,
    /// Where it posts to the page.
    pub post: Post,
}

/// What the region is written from.
pub struct Shown<'a> {
    /// The page's draft.
    pub draft: Option<&'a Draft>,
    /// The configuration whose assignments are listed.
    pub configuration_id: &'a str,
    /// Its assignments.
    pub assignments: &'a Listing<graph_model::IosLobAppProvisioningConfigurationAssignment>,
}

/// The page said its token and whether names are looked up.
pub fn asked(changes: &RefCell<Changes>, token: &str, look_up: bool) {
    let mut changes = changes.borrow_mut();
    changes.token = token.trim().to_owned();
    changes.wanted = look_up;
}

/// Follows what the page shows: a new configuration or set reads the trail again.
pub fn follow(work: &Work, shown: &Shown) {
    let question = {
        let changes = work.changes.borrow();
        let draft = shown.draft;
        let chosen = draft
            .map(|draft| draft.configuration_id.trim())
            .unwrap_or_default();
        match (draft, shown.assignments) {
            (Some(draft), Listing::Loaded(listed))
                if changes.wanted
                    && !changes.token.is_empty()
                    && !chosen.is_empty()
                    && shown.configuration_id.eq_ignore_ascii_case(chosen) =>
            {
                draft.service_root().ok().map(|root| Question {
                    root,
                    token: changes.token.clone(),
                    configuration_id: chosen.to_owned(),
                    set: listed.iter().map(|one| one.target.clone()).collect(),
                })
            }
            _ => None,
        }
    };
    let Some(question) = question else {
        let mut changes = work.changes.borrow_mut();
        if let Some(flight) = changes.flight.take() {
            flight.cancel();
        }
        changes.question = None;
        drop(changes);
        return write_nodes(work, Vec::new());
    };
    {
        let mut changes = work.changes.borrow_mut();
        if changes.question.as_ref() == Some(&question) {
            drop(changes);
            return write(work);
        }
        if let Some(flight) = changes.flight.take() {
            flight.cancel();
        }
        let flight = Rc::new(Flight::default());
        changes.flight = Some(flight.clone());
        changes.question = Some(question.clone());
        changes.found = Found::Reading;
        let work = work.clone();
        spawn_local(async move {
            let found = read(&flight, &question).await;
            if let Some(found) = found {
                let mut changes = work.changes.borrow_mut();
                if changes.question.as_ref() == Some(&question) {
                    changes.found = found;
                }
                drop(changes);
                write(&work);
            }
        });
    }
    write(work);
}

/// Reads the trail again for what the region shows (a write's record came), without waiting
/// for the set to change.
pub fn refresh(work: &Work) {
    let Some(question) = work.changes.borrow().question.clone() else {
        return;
    };
    let flight = Rc::new(Flight::default());
    if let Some(previous) = work.changes.borrow_mut().flight.replace(flight.clone()) {
        previous.cancel();
    }
    let work = work.clone();
    spawn_local(async move {
        if let Some(found) = read(&flight, &question).await {
            let mut changes = work.changes.borrow_mut();
            if changes.question.as_ref() == Some(&question) {
                changes.found = found;
            }
            drop(changes);
            write(&work);
        }
    });
}

/// The newest events of the configuration. `None`: cancelled.
async fn read(flight: &Flight, question: &Question) -> Option<Found> {
    let filter = format!(
        "Resources/any(c:%20c/ResourceId%20eq%20'{}')",
        question.configuration_id
    );
    let url = format!(
        "{}/{}/deviceManagement/auditEvents?$filter={filter}&$orderby=activityDateTime%20desc&$top={EVENTS_SHOWN}",
        question.root.base_url(),
        ApiVersion::Beta
    );
    let request = get(url, &question.token, &RequestOptions::default());
    match flight.read::<Collection<AuditEvent>>(&request).await {
        Ok(page) => Some(Found::Events(page.value)),
        Err(AppError::Cancelled) => None,
        Err(AppError::Http(failure)) if failure.status == 403 => Some(Found::Failed(
            "reading the audit trail needs DeviceManagementApps.Read.All, which the token lacks"
                .to_owned(),
        )),
        Err(error) => Some(Found::Failed(wording::error(&error))),
    }
}

fn write(work: &Work) {
    let nodes = {
        let changes = work.changes.borrow();
        let Some(question) = &changes.question else {
            return;
        };
        let directory = work.directory.borrow();
        let names = if directory.base == question.root.base_url() {
            directory.names.clone()
        } else {
            graph_model::target_names::NameCache::default()
        };
        let words =
            |target: &AssignmentTarget| graph_model::target_names::target_in_words(target, &names);
        view::render(&changes.found, &words)
    };
    write_nodes(work, nodes);
}

fn write_nodes(work: &Work, nodes: Vec<Node>) {
    {
        let mut changes = work.changes.borrow_mut();
        if changes.said.as_ref() == Some(&nodes) {
            return;
        }
        changes.said = Some(nodes.clone());
    }
    (work.post)(respond(
        UPDATE_ID,
        Steps::default().show(Part::Changes, nodes).reply(),
    ));
}
