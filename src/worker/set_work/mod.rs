//! The chosen configuration's whole assignment set, shown and changed in the worker: every
//! assignment (included and excluded groups, All users, All devices) in the admin center's
//! words with names; **Add assignment** (`POST .../assignments` with the form's target, the
//! admin center's rules as warnings); **Remove** (`DELETE .../assignments/{id}` after a
//! confirmation that says what goes); and **Send as the whole set (/assign)**, for when Intune
//! does not serve the per-item route: it reads the set to the end, replaces the chosen
//! assignment's target, shows the set before and after, and only on confirmation posts
//! `/assign`, then reads the set again and says whether it is exactly what was shown. Each
//! request goes into the page's history like a PATCH.

use std::cell::RefCell;
use std::rc::Rc;

use graph_model::request::{
    GraphUrls, HttpRequest, RequestOptions, assign_whole_set, create_assignment, delete_assignment,
};
use graph_model::target_names::{FILTER_NOT_SUPPORTED, Hint, carries_filter, hints};
use graph_model::whole_set::{
    already_in_set, assign_body, route_not_served, same_targets, with_target_replaced,
};
use graph_model::{
    AssignmentId, AssignmentPatch, AssignmentTarget, ConfigurationId,
    IosLobAppProvisioningConfigurationAssignment as Assignment, ODataErrorResponse, TargetKind,
};
use yew::platform::spawn_local;

use crate::contract::protocol::{Post, Reply, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Attr, Control, El, Node, Part, Tag, el, text};
use crate::shared::draft::Draft;
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::graph::new_client_request_id;
use crate::shared::history::HistoryEntry;
use crate::shared::response::ResponseView;
use crate::shared::wording::{self, ROUTE_NOT_SERVED};
use crate::worker::name_directory::{Directory, target_words_of};
use crate::worker::pick_list::Listing;
use crate::worker::recorded_send::send_recorded;
use crate::worker::worker_events::{Event, Events};
use view::{paragraph, render};

/// What the set region holds between writes, as the worker's state keeps it (see
/// [`crate::worker::workbench::Workbench`]).
#[derive(Default)]
pub struct WholeSet {
    /// A change shown and waiting for the user's confirmation.
    pending: Option<Pending>,
    /// What the last change said.
    said: Vec<Node>,
    /// The request in flight, if any.
    flight: Option<Rc<Flight>>,
}

/// A change that waits for confirmation.
enum Pending {
    /// Removing this assignment.
    Remove(Assignment),
    /// Replacing the whole set through `/assign`.
    Assign {
        /// The set as read just now, to the end.
        before: Vec<Assignment>,
        /// The set to send: `before` with one target replaced.
        after: Vec<AssignmentTarget>,
        /// The assignment whose target is replaced.
        replaced: AssignmentId,
    },
}

/// What each job of the set works with.
#[derive(Clone)]
pub struct Work {
    /// The set's state.
    pub set: Rc<RefCell<WholeSet>>,
    /// The names known.
    pub directory: Rc<RefCell<Directory>>,
    /// Where the set tells the lists that the assignments changed.
    pub events: Events,
    /// Where it posts to the page.
    pub post: Post,
}

/// What the region is written from: the page's draft and the assignments the lists hold.
pub struct Shown<'a> {
    /// The page's draft (`None` until it says).
    pub draft: Option<&'a Draft>,
    /// The newest request in the page's history, whose answer may say that the PATCH route is
    /// not served.
    pub newest_sent: Option<&'a HistoryEntry>,
    /// The configuration whose assignments are listed.
    pub configuration_id: &'a str,
    /// Its assignments.
    pub assignments: &'a Listing<Assignment>,
}

/// The controls this region answers.
pub const CONTROLS: [Control; 7] = [
    Control::AddAssignment,
    Control::RemoveAssignment,
    Control::ConfirmRemove,
    Control::KeepAssignment,
    Control::PrepareAssign,
    Control::ConfirmAssign,
    Control::CancelAssign,
];

/// The target the form describes, when its body is valid.
fn form_target(draft: &Draft) -> Option<AssignmentTarget> {
    AssignmentPatch::check(&draft.body, draft.version)
        .patch
        .map(|patch| patch.target)
}

/// Writes the region for what is shown now.
pub fn write(work: &Work, shown: &Shown) {
    let mut nodes = render(&work.set.borrow(), &work.directory.borrow(), shown);
    // Reach answers for the set shown here (see `crate::worker::reach_work`).
    nodes.push(Node::Part(Part::Reach));
    // And who changed it (see `crate::worker::changes_work`).
    nodes.push(Node::Part(Part::Changes));
    (work.post)(respond(
        UPDATE_ID,
        Steps::default().show(Part::AssignmentSet, nodes).reply(),
    ));
}

/// The request that adds the form's target, when the draft can make one.
fn add_request(
    draft: &Draft,
    bearer: &str,
    client_request_id: Option<String>,
) -> Result<HttpRequest, String> {
    let root = draft.service_root().map_err(|problem| problem.message)?;
    let configuration = draft.configuration().map_err(|problem| problem.message)?;
    let target = form_target(draft).ok_or("Fix the target form to add it.")?;
    let options = RequestOptions {
        client_request_id,
        return_representation: false,
    };
    Ok(create_assignment(
        &GraphUrls::new(&root, draft.version),
        &configuration,
        &AssignmentPatch { target },
        bearer,
        &options,
    ))
}

fn remove_request(
    draft: &Draft,
    assignment: &AssignmentId,
    bearer: &str,
    client_request_id: Option<String>,
) -> Result<HttpRequest, String> {
    let root = draft.service_root().map_err(|problem| problem.message)?;
    let configuration = draft.configuration().map_err(|problem| problem.message)?;
    let options = RequestOptions {
        client_request_id,
        return_representation: false,
    };
    Ok(delete_assignment(
        &GraphUrls::new(&root, draft.version),
        &configuration,
        assignment,
        bearer,
        &options,
    ))
}

/// A control of the region was used, with the page's token and draft and the set listed now.
pub fn control(
    work: &Work,
    control: Control,
    row: u32,
    token: &str,
    draft: Draft,
    listed: Vec<Assignment>,
) -> Reply {
    let token = token.trim().to_owned();
    match control {
        Control::RemoveAssignment => {
            let mut set = work.set.borrow_mut();
            set.said.clear();
            set.pending = listed.get(row as usize).cloned().map(Pending::Remove);
        }
        Control::KeepAssignment | Control::CancelAssign => {
            let mut set = work.set.borrow_mut();
            set.pending = None;
            set.said = vec![paragraph("note", "Nothing was sent.".to_owned())];
        }
        Control::AddAssignment => send_addition(work, token, draft, listed),
        Control::ConfirmRemove => {
            let pending = work.set.borrow_mut().pending.take();
            if let Some(Pending::Remove(assignment)) = pending {
                send_removal(work, token, draft, assignment);
            }
        }
        Control::PrepareAssign => prepare_assign(work, token, draft),
        Control::ConfirmAssign => {
            let pending = work.set.borrow_mut().pending.take();
            if let Some(Pending::Assign { after, .. }) = pending {
                send_assign(work, token, draft, after);
            }
        }
        _ => {}
    }
    work.events.tell(Event::SetShown);
    Steps::default().reply()
}

/// Says `nodes` as the outcome and writes the region again.
fn say(work: &Work, nodes: Vec<Node>) {
    work.set.borrow_mut().said = nodes;
    work.events.tell(Event::SetShown);
}

/// A flight for a new request, aborting the one before.
fn new_flight(work: &Work) -> Rc<Flight> {
    let flight = Rc::new(Flight::default());
    if let Some(previous) = work.set.borrow_mut().flight.replace(flight.clone()) {
        previous.cancel();
    }
    flight
}

/// What a failed write says: its status and message, what it means, and whether the route
/// itself is not served.
fn failure_words(
    result: &Result<ResponseView, AppError>,
    client_request_id: Option<&str>,
) -> String {
    match result {
        Ok(view) => match view.failure(client_request_id) {
            Some(failure) => {
                let code = failure.code.clone().unwrap_or_default();
                let message = failure.message.clone().unwrap_or_default();
                if route_not_served(failure.status, &code, &message, "") {
                    let status = wording::status_line(failure.status);
                    format!("{status} {code}: {ROUTE_NOT_SERVED}")
                } else {
                    wording::error(&AppError::Http(failure))
                }
            }
            None => wording::status_line(view.status),
        },
        Err(error) => wording::error(error),
    }
}

fn send_addition(work: &Work, token: String, draft: Draft, listed: Vec<Assignment>) {
    let request = match add_request(&draft, &token, new_client_request_id()) {
        Ok(request) => request,
        Err(reason) => return say(work, vec![paragraph("error", reason)]),
    };
    let target = form_target(&draft);
    let flight = new_flight(work);
    let work = work.clone();
    say(
        &work,
        vec![paragraph("note", "Adding the assignment…".to_owned())],
    );
    spawn_local(async move {
        let result = send_recorded(&work.post, &flight, &request, &draft).await;
        let crid = request.header("client-request-id").map(str::to_owned);
        let created = result
            .as_ref()
            .ok()
            .filter(|view| view.is_success())
            .map(|view| {
                serde_json::from_str::<Assignment>(&view.body)
                    .ok()
                    .map(|assignment| assignment.id)
            });
        match created {
            Some(Some(id)) => {
                let status = wording::status_line(result.as_ref().map_or(201, |view| view.status));
                say(
                    &work,
                    vec![paragraph(
                        "success",
                        format!("{status}: Graph added the assignment {id} to the set; it is now the chosen assignment."),
                    )],
                );
                (work.post)(respond(
                    UPDATE_ID,
                    Steps::default().choose_assignment(id.as_str()).reply(),
                ));
            }
            Some(None) => say(
                &work,
                vec![paragraph(
                    "success",
                    "Graph added the assignment but sent no readable entity: the set is read again.".to_owned(),
                )],
            ),
            None => {
                let mut said = vec![paragraph("error", failure_words(&result, crid.as_deref()))];
                if let (Some(target), Ok(view)) = (&target, &result)
                    && view.status == 400
                    && let Some(there) = already_in_set(&listed, target)
                {
                    said.push(paragraph(
                        "note",
                        format!("The set already has an assignment for it: {}. Change that one (PATCH) instead.", there.id),
                    ));
                }
                say(&work, said);
            }
        }
        work.events
            .tell(Event::AssignmentsChanged(Box::new((draft, token))));
    });
}

fn send_removal(work: &Work, token: String, draft: Draft, assignment: Assignment) {
    let request = match remove_request(&draft, &assignment.id, &token, new_client_request_id()) {
        Ok(request) => request,
        Err(reason) => return say(work, vec![paragraph("error", reason)]),
    };
    let flight = new_flight(work);
    let work = work.clone();
    say(
        &work,
        vec![paragraph("note", "Removing the assignment…".to_owned())],
    );
    spawn_local(async move {
        let result = send_recorded(&work.post, &flight, &request, &draft).await;
        let crid = request.header("client-request-id").map(str::to_owned);
        match &result {
            Ok(view) if view.is_success() => {
                let status = wording::status_line(view.status);
                say(
                    &work,
                    vec![paragraph(
                        "success",
                        format!(
                            "{status}: Graph removed the assignment {} from the set.",
                            assignment.id
                        ),
                    )],
                );
                if draft
                    .assignment_id
                    .trim()
                    .eq_ignore_ascii_case(assignment.id.as_str())
                {
                    (work.post)(respond(
                        UPDATE_ID,
                        Steps::default().choose_assignment("").reply(),
                    ));
                }
            }
            _ => say(
                &work,
                vec![paragraph("error", failure_words(&result, crid.as_deref()))],
            ),
        }
        work.events
            .tell(Event::AssignmentsChanged(Box::new((draft, token))));
    });
}

/// Reads the configuration's set to the end (every page), or says why not.
async fn read_set(
    flight: &Flight,
    draft: &Draft,
    token: &str,
) -> Result<Vec<Assignment>, AppError> {
    let (first, root) =
        draft.read_assignments(&draft.configuration_id, token, new_client_request_id())?;
    flight.read_all_pages(first, &root).await
}

fn prepare_assign(work: &Work, token: String, draft: Draft) {
    let Some(target) = form_target(&draft) else {
        return say(
            work,
            vec![paragraph("error", "Fix the target form first.".to_owned())],
        );
    };
    let Ok(replaced) = AssignmentId::parse(&draft.assignment_id) else {
        return say(
            work,
            vec![paragraph(
                "error",
                "Choose the assignment to change first.".to_owned(),
            )],
        );
    };
    let flight = new_flight(work);
    let work = work.clone();
    say(
        &work,
        vec![paragraph(
            "note",
            "Reading the whole set, to the last page…".to_owned(),
        )],
    );
    spawn_local(async move {
        let before = match read_set(&flight, &draft, &token).await {
            Ok(before) => before,
            Err(error) => {
                let said = format!(
                    "The set could not be read to the end ({}), so nothing was sent: /assign replaces the whole set and is only sent after a complete read.",
                    wording::error(&error)
                );
                return say(&work, vec![paragraph("error", said)]);
            }
        };
        let Some(after) = with_target_replaced(&before, &replaced, &target) else {
            let said = format!(
                "The assignment {replaced} is not in the set read just now: nothing was sent."
            );
            return say(&work, vec![paragraph("error", said)]);
        };
        work.set.borrow_mut().pending = Some(Pending::Assign {
            before,
            after,
            replaced,
        });
        say(&work, Vec::new());
    });
}

fn send_assign(work: &Work, token: String, draft: Draft, after: Vec<AssignmentTarget>) {
    let request = (|| {
        let root = draft.service_root().map_err(|problem| problem.message)?;
        let configuration: ConfigurationId =
            draft.configuration().map_err(|problem| problem.message)?;
        let options = RequestOptions {
            client_request_id: new_client_request_id(),
            return_representation: false,
        };
        Ok::<_, String>(assign_whole_set(
            &GraphUrls::new(&root, draft.version),
            &configuration,
            &assign_body(&after),
            &token,
            &options,
        ))
    })();
    let request = match request {
        Ok(request) => request,
        Err(reason) => return say(work, vec![paragraph("error", reason)]),
    };
    let flight = new_flight(work);
    let work = work.clone();
    say(
        &work,
        vec![paragraph("note", "Sending /assign…".to_owned())],
    );
    spawn_local(async move {
        let result = send_recorded(&work.post, &flight, &request, &draft).await;
        let crid = request.header("client-request-id").map(str::to_owned);
        let status = match &result {
            Ok(view) if view.is_success() => view.status,
            _ => {
                let said = failure_words(&result, crid.as_deref());
                say(
                    &work,
                    vec![paragraph(
                        "error",
                        format!("{said} The set was not replaced."),
                    )],
                );
                return;
            }
        };
        let mut said = vec![paragraph(
            "success",
            format!(
                "{}: Graph replaced the whole set.",
                wording::status_line(status)
            ),
        )];
        match read_set(&flight, &draft, &token).await {
            Ok(now) => {
                let targets: Vec<AssignmentTarget> = now
                    .iter()
                    .map(|assignment| assignment.target.clone())
                    .collect();
                let check = if same_targets(&after, &targets) {
                    format!(
                        "Read again: the set is exactly what was shown ({} assignments).",
                        after.len()
                    )
                } else {
                    format!(
                        "Read again: the set is NOT what was shown ({} assignments sent, {} read). Compare it below.",
                        after.len(),
                        targets.len()
                    )
                };
                said.push(paragraph(
                    if same_targets(&after, &targets) {
                        "success"
                    } else {
                        "warning"
                    },
                    check,
                ));
                let changed = form_target(&draft);
                let new_id = now
                    .iter()
                    .find(|assignment| Some(&assignment.target) == changed.as_ref());
                if let Some(assignment) = new_id {
                    said.push(paragraph(
                        "note",
                        format!("/assign gives every assignment a new id: the changed one is now {}, chosen.", assignment.id),
                    ));
                    (work.post)(respond(
                        UPDATE_ID,
                        Steps::default()
                            .choose_assignment(assignment.id.as_str())
                            .reply(),
                    ));
                }
            }
            Err(error) => said.push(paragraph(
                "warning",
                format!(
                    "The set could not be read again to check it: {}.",
                    wording::error(&error)
                ),
            )),
        }
        say(&work, said);
        work.events
            .tell(Event::AssignmentsChanged(Box::new((draft, token))));
    });
}

#[cfg(test)]
mod tests;
mod view;
