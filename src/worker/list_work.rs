//! The picker's lists, read and written in the worker: "Load configurations" reads every page
//! of the configuration list and writes "Pick a configuration"; choosing one reads its
//! assignments, which [`crate::worker::name_work`] writes as "Pick an assignment" with each target in
//! words. A new load of a kind aborts the one before, so a stale answer never lands, and the
//! lists are forgotten when the page's environment, version or configuration no longer match
//! them. At start the page asks quietly: a failure writes nothing, and the first configuration
//! and its first assignment are chosen for a user who has chosen none.

use std::cell::RefCell;
use std::rc::Rc;

use graph_model::expiry::Expiry;
use graph_model::{
    IosLobAppProvisioningConfiguration as Configuration,
    IosLobAppProvisioningConfigurationAssignment as Assignment,
};
use yew::platform::spawn_local;

use crate::contract::error_view::request_ids;
use crate::contract::protocol::{Post, Reply, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Attr, Node, Part, Tag, el};
use crate::shared::clock::now_seconds;
use crate::shared::draft::Draft;
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::graph::new_client_request_id;
use crate::shared::wording;
use crate::worker::name_directory::{self, Directory};
use crate::worker::pick_list::{Kind, Listing, select, status, status_line};
use crate::worker::worker_events::{Event, Events};

/// The lists read, as the worker's state holds them (see
/// [`crate::worker::workbench::Workbench`]).
#[derive(Default)]
pub struct Lists {
    /// The environment and version the lists were read from.
    origin: String,
    configurations: Listing<Configuration>,
    /// The configuration whose assignments are listed.
    configuration_id: String,
    assignments: Listing<Assignment>,
    /// The read in flight of each kind.
    flights: [Option<Rc<Flight>>; 2],
    /// The page's draft as last seen.
    latest: Draft,
    /// The read of "Load current" in flight.
    current: Option<Rc<Flight>>,
    /// Whether the assignments in flight are the start's, read for the first configuration so
    /// that the pair can be chosen for a user who has chosen none.
    choosing_at_start: bool,
    /// Whether the page shows that the configurations' first read failed.
    problem_shown: bool,
}

/// What each job of the lists works with: their state, the names "Load current" writes its
/// target with, where they tell their events, and where they post to the page.
#[derive(Clone)]
pub struct Work {
    /// The lists' state.
    pub lists: Rc<RefCell<Lists>>,
    /// The names known.
    pub directory: Rc<RefCell<Directory>>,
    /// Where the lists tell the other features of a change.
    pub events: Events,
    /// Where they post to the page.
    pub post: Post,
}

impl Lists {
    /// The assignments listed now, and the configuration they belong to.
    pub fn assignments(&self) -> (&str, &Listing<Assignment>) {
        (&self.configuration_id, &self.assignments)
    }
}

/// The environment and version of `draft`, which the lists belong to.
fn origin_of(draft: &Draft) -> String {
    format!(
        "{} {}",
        draft
            .service_root()
            .map(|root| root.base_url())
            .unwrap_or_default(),
        draft.version
    )
}

/// Follows the page's draft: the lists are forgotten when its environment or version changes,
/// and the assignments when its configuration does. The steps clear a first read's failure once
/// the draft points elsewhere, since it was about the connection as it was.
pub fn follow(lists: &RefCell<Lists>, draft: &Draft) -> Steps {
    let mut lists = lists.borrow_mut();
    let origin = origin_of(draft);
    let moved = lists.origin != origin;
    if moved {
        forget(&mut lists, Kind::Configurations);
        forget(&mut lists, Kind::Assignments);
        lists.origin = origin;
    }
    let configuration = draft.configuration_id.trim();
    // A draft that has no configuration yet leaves the start's read alone: its answer fills it.
    let awaited = lists.choosing_at_start && configuration.is_empty();
    if !configuration.eq_ignore_ascii_case(lists.configuration_id.trim()) && !awaited {
        forget(&mut lists, Kind::Assignments);
    }
    lists.latest = draft.clone();
    if moved {
        no_connection_problem(&mut lists)
    } else {
        Steps::default()
    }
}

/// Steps that take a first read's failure off the page, if it is shown.
fn no_connection_problem(lists: &mut Lists) -> Steps {
    if !std::mem::take(&mut lists.problem_shown) {
        return Steps::default();
    }
    Steps::default().show(Part::ConnectionProblem, Vec::<Node>::new())
}

fn forget(lists: &mut Lists, kind: Kind) {
    if let Some(flight) = lists.flights[kind as usize].take() {
        flight.cancel();
    }
    match kind {
        Kind::Configurations => lists.configurations = Listing::None,
        Kind::Assignments => {
            lists.assignments = Listing::None;
            lists.configuration_id.clear();
            lists.choosing_at_start = false;
        }
    }
}

/// Loads a list for the page's `draft` with `token`: the configurations, or the
/// assignments of `configuration_id`. At `start` a failure stays quiet and the first item is
/// chosen for a user who has chosen none.
pub fn load(
    work: &Work,
    kind: Kind,
    draft: &Draft,
    token: &str,
    configuration_id: &str,
    start: bool,
) -> Reply {
    let moved = follow(&work.lists, draft);
    let draft = draft.clone();
    let flight = Rc::new(Flight::default());
    {
        let mut lists = work.lists.borrow_mut();
        forget(&mut lists, kind);
        lists.flights[kind as usize] = Some(flight.clone());
        match kind {
            Kind::Configurations => lists.configurations = waiting(start),
            Kind::Assignments => {
                lists.assignments = waiting(start);
                lists.configuration_id = configuration_id.trim().to_owned();
                lists.choosing_at_start = start;
            }
        }
    }
    write(work);
    work.events.tell(Event::NamesWanted);
    let work = work.clone();
    let token = token.to_owned();
    let configuration_id = configuration_id.trim().to_owned();
    spawn_local(async move {
        let crid = new_client_request_id();
        let read = async {
            match kind {
                Kind::Configurations => {
                    let (first, root) = draft.read_configurations(&token, crid)?;
                    let list: Vec<Configuration> = flight.read_all_pages(first, &root).await?;
                    Ok::<_, AppError>(Listed::Configurations(list))
                }
                Kind::Assignments => {
                    let (first, root) = draft.read_assignments(&configuration_id, &token, crid)?;
                    let list: Vec<Assignment> = flight.read_all_pages(first, &root).await?;
                    Ok(Listed::Assignments(list))
                }
            }
        };
        let result = read.await;
        if flight.is_cancelled() {
            return;
        }
        landed(&work, kind, result, start, &token);
    });
    moved.reply()
}

/// "Load current": reads the draft's assignment (aborting a read before) and hands the page
/// the target form filled from it, saying how it went.
pub fn load_current(work: &Work, draft: &Draft, token: &str) -> Reply {
    let moved = follow(&work.lists, draft);
    let draft = draft.clone();
    let flight = Rc::new(Flight::default());
    if let Some(previous) = work.lists.borrow_mut().current.replace(flight.clone()) {
        previous.cancel();
    }
    let loading = status_line("Loading the current assignment…");
    (work.post)(respond(
        UPDATE_ID,
        Steps::default()
            .show(Part::CurrentStatus, [loading])
            .reply(),
    ));
    let (token, work) = (token.to_owned(), work.clone());
    spawn_local(async move {
        let request = draft.read_assignment(&token, new_client_request_id());
        let result = match request {
            Ok(request) => flight.read::<Assignment>(&request).await,
            Err(error) => Err(error),
        };
        if flight.is_cancelled() {
            return;
        }
        let steps = match result {
            Ok(assignment) => {
                let form = draft.form.with_target(&assignment.target);
                let words = name_directory::target_words_of(
                    &work.directory.borrow(),
                    &draft,
                    &assignment.target,
                );
                let loaded = status_line(&format!("Loaded the current target: {words}."));
                Steps::default()
                    .current(assignment.id.as_str(), form)
                    .show(Part::CurrentStatus, [loaded])
            }
            Err(error) => {
                let Listing::<Assignment>::Failed(shown) = failure(false, &error) else {
                    return;
                };
                Steps::default().show(Part::CurrentStatus, shown)
            }
        };
        (work.post)(respond(UPDATE_ID, steps.reply()));
    });
    moved.reply()
}

/// A list on its way: loading, or nothing shown at start.
fn waiting<T>(start: bool) -> Listing<T> {
    if start {
        Listing::None
    } else {
        Listing::Loading
    }
}

/// A list that could not be read: the error, or nothing shown at start.
fn failure<T>(start: bool, error: &AppError) -> Listing<T> {
    if start {
        return Listing::None;
    }
    let alert = el(Tag::P)
        .class("error")
        .attr(Attr::Role, "alert")
        .text(wording::error(error))
        .children(request_ids(error));
    Listing::Failed(vec![alert.into()])
}

/// The configurations' read at start failed: the page cannot reach the service as it is set up,
/// so the connection settings open with the reason.
fn start_failed(error: &AppError) -> Steps {
    let reason = el(Tag::P)
        .class("error")
        .attr(Attr::Role, "alert")
        .text(format!(
            "The page's first read failed: {}",
            wording::error(error)
        ));
    Steps::default()
        .show(Part::ConnectionProblem, [reason])
        .open_connection()
}

/// A list read.
enum Listed {
    Configurations(Vec<Configuration>),
    Assignments(Vec<Assignment>),
}

/// Keeps what a read brought, chooses the first item at start, and writes the lists again.
fn landed(work: &Work, kind: Kind, result: Result<Listed, AppError>, start: bool, token: &str) {
    let (choice, latest) = {
        let mut lists = work.lists.borrow_mut();
        lists.flights[kind as usize] = None;
        if kind == Kind::Assignments {
            lists.choosing_at_start = false;
        }
        let read = result.is_ok();
        let first = match result {
            Ok(Listed::Configurations(list)) => {
                let first = list.first().map(|item| item.id.to_string());
                lists.configurations = Listing::Loaded(list);
                first
            }
            Ok(Listed::Assignments(list)) => {
                let first = list.first().map(|item| item.id.to_string());
                lists.assignments = Listing::Loaded(list);
                first
            }
            Err(error) => {
                if start && kind == Kind::Configurations {
                    lists.problem_shown = true;
                    (work.post)(respond(UPDATE_ID, start_failed(&error).reply()));
                }
                match kind {
                    Kind::Configurations => lists.configurations = failure(start, &error),
                    Kind::Assignments => lists.assignments = failure(start, &error),
                }
                None
            }
        };
        // A read that worked, or one the user asked for (whose own result is shown now), leaves
        // the first read's failure behind.
        if (read || !start) && lists.problem_shown {
            (work.post)(respond(
                UPDATE_ID,
                no_connection_problem(&mut lists).reply(),
            ));
        }
        let wanted = start && first_is_wanted(kind, &lists.latest, &lists.configuration_id);
        let choice = first.filter(|_| wanted);
        // The pair is chosen together once the first configuration's assignments are read (the
        // page applies it only while the user has touched neither id since the page loaded).
        if wanted && kind == Kind::Assignments {
            let assignment = choice.clone().unwrap_or_default();
            let steps = Steps::default().chosen_at_start(&lists.configuration_id, &assignment);
            (work.post)(respond(UPDATE_ID, steps.reply()));
        }
        (choice, lists.latest.clone())
    };
    write(work);
    work.events.tell(Event::NamesWanted);
    if let (Kind::Configurations, Some(id)) = (kind, choice) {
        let draft = Draft {
            configuration_id: id.clone(),
            ..latest
        };
        load(work, Kind::Assignments, &draft, token, &id, true);
    }
}

/// At start, whether the first item of a list may be chosen: only for a user who has chosen no
/// assignment, and no configuration either (for the configuration list) or only the one whose
/// assignments were read.
pub fn first_is_wanted(kind: Kind, latest: &Draft, listed_configuration: &str) -> bool {
    let configuration = latest.configuration_id.trim();
    latest.assignment_id.trim().is_empty()
        && match kind {
            Kind::Configurations => configuration.is_empty(),
            Kind::Assignments => {
                configuration.is_empty() || configuration.eq_ignore_ascii_case(listed_configuration)
            }
        }
}

/// Writes "Pick a configuration" (or its status); the assignments are written by
/// [`crate::worker::name_work`], with names.
fn write(work: &Work) {
    let shown = {
        let lists = work.lists.borrow();
        configurations(&lists.configurations, &lists.latest.configuration_id)
    };
    (work.post)(respond(
        UPDATE_ID,
        Steps::default()
            .show(Part::ConfigurationList, shown)
            .reply(),
    ));
}

/// "Pick a configuration", its options named, the chosen one selected.
fn configurations(listing: &Listing<Configuration>, chosen: &str) -> Vec<Node> {
    if let Some(status) = status(listing, Kind::Configurations) {
        return status;
    }
    let Listing::Loaded(list) = listing else {
        return Vec::new();
    };
    let now = now_seconds();
    let expiry_of = |configuration: &Configuration| {
        let expires = configuration.expiration_date_time.as_deref()?;
        Expiry::at(expires, now)
    };
    let options: Vec<(String, String)> = list
        .iter()
        .map(|configuration| {
            let id = configuration.id.to_string();
            let name = configuration.display_name.as_deref().unwrap_or("(no name)");
            let text = match expiry_of(configuration) {
                Some(expiry) => format!("{name} ({id}) · {}", expiry.words()),
                None => format!("{name} ({id})"),
            };
            (id, text)
        })
        .collect();
    let mut shown = select(
        "configuration-pick",
        "Pick a configuration",
        "configurations",
        &options,
        chosen,
    );
    let chosen_expiry = list
        .iter()
        .find(|configuration| {
            configuration
                .id
                .as_str()
                .eq_ignore_ascii_case(chosen.trim())
        })
        .and_then(expiry_of)
        .filter(Expiry::is_marked);
    if let Some(expiry) = chosen_expiry {
        // One line, so that the target form stays on the first screen.
        let said = format!("This provisioning profile {}.", expiry.words());
        shown.push(
            el(Tag::P)
                .class("warning")
                .attr(Attr::Role, "note")
                .text(said)
                .into(),
        );
    }
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_item_is_chosen_only_for_a_user_who_has_not() {
        let fresh = Draft::default();
        assert!(first_is_wanted(Kind::Configurations, &fresh, ""));
        let chosen = Draft {
            configuration_id: "C1".into(),
            ..Draft::default()
        };
        assert!(!first_is_wanted(Kind::Configurations, &chosen, ""));
        assert!(first_is_wanted(Kind::Assignments, &chosen, "c1"));
        assert!(!first_is_wanted(Kind::Assignments, &chosen, "c2"));
        assert!(
            first_is_wanted(Kind::Assignments, &fresh, "c1"),
            "the choice is on its way"
        );
        let typed = Draft {
            assignment_id: "a9".into(),
            ..chosen
        };
        assert!(!first_is_wanted(Kind::Assignments, &typed, "c1"));
    }

    #[test]
    fn a_draft_with_no_configuration_yet_leaves_the_start_read_alone() {
        let lists = RefCell::new(Lists::default());
        let fresh = Draft::default();
        let _ = follow(&lists, &fresh);
        let start_read = |lists: &RefCell<Lists>, start: bool| {
            let flight = Rc::new(Flight::default());
            let mut lists = lists.borrow_mut();
            lists.flights[Kind::Assignments as usize] = Some(flight.clone());
            lists.configuration_id = "c1".into();
            lists.choosing_at_start = start;
            flight
        };
        let flight = start_read(&lists, true);
        let _ = follow(&lists, &fresh);
        assert!(
            !flight.is_cancelled(),
            "the start's answer fills the empty draft"
        );
        let other = Draft {
            configuration_id: "c2".into(),
            ..Draft::default()
        };
        let _ = follow(&lists, &other);
        assert!(
            flight.is_cancelled(),
            "a configuration chosen meanwhile wins"
        );
        let flight = start_read(&lists, false);
        let _ = follow(&lists, &fresh);
        assert!(
            flight.is_cancelled(),
            "a read the user asked for is for its configuration"
        );
    }
}
