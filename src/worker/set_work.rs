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
use crate::shared::clock::now_iso;
use crate::shared::draft::Draft;
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::graph::new_client_request_id;
use crate::shared::history::HistoryEntry;
use crate::shared::response::{Outcome, ResponseView};
use crate::shared::wording::{self, ROUTE_NOT_SERVED};
use crate::worker::name_directory::{Directory, target_words_of};
use crate::worker::pick_list::Listing;
use crate::worker::worker_events::{Event, Events};

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

fn button(control: Control, row: u32, label: &str) -> El {
    el(Tag::Button)
        .on_row(control, row)
        .attr(Attr::Type, "button")
        .text(label)
}

fn paragraph(class: &str, said: String) -> Node {
    el(Tag::P).class(class).text(said).into()
}

fn code(said: String) -> El {
    el(Tag::Code).text(said)
}

/// The request line: the method in bold and the URL.
fn request_line(request: &HttpRequest) -> Node {
    el(Tag::P)
        .child(el(Tag::B).text(request.method))
        .child(text(" "))
        .child(code(request.url.clone()))
        .into()
}

/// Writes the region for what is shown now.
pub fn write(work: &Work, shown: &Shown) {
    let nodes = render(&work.set.borrow(), &work.directory.borrow(), shown);
    (work.post)(respond(
        UPDATE_ID,
        Steps::default().show(Part::AssignmentSet, nodes).reply(),
    ));
}

/// The set in one sentence: "3 assignments: included Field sales iPads; excluded iOS pilot
/// users; All devices."
fn summary(set: &[Assignment], words: &dyn Fn(&AssignmentTarget) -> String) -> String {
    if set.is_empty() {
        return "No assignments: this profile reaches no one.".to_owned();
    }
    let of = |kind: TargetKind| -> Vec<String> {
        set.iter()
            .filter(|assignment| assignment.target.kind() == kind)
            .map(|assignment| words(&assignment.target))
            .collect()
    };
    let parts: Vec<String> = TargetKind::ALL
        .iter()
        .map(|kind| of(*kind))
        .filter(|found| !found.is_empty())
        .map(|found| found.join("; "))
        .collect();
    let count = match set.len() {
        1 => "1 assignment".to_owned(),
        count => format!("{count} assignments"),
    };
    format!("{count}: {}.", parts.join("; "))
}

/// The region's nodes.
fn render(set: &WholeSet, directory: &Directory, shown: &Shown) -> Vec<Node> {
    let Some(draft) = shown.draft else {
        return Vec::new();
    };
    let words = |target: &AssignmentTarget| target_words_of(directory, draft, target);
    let chosen = draft.configuration_id.trim();
    let listed: &[Assignment] = match shown.assignments {
        Listing::Loaded(list) if shown.configuration_id.eq_ignore_ascii_case(chosen) => list,
        Listing::Loading => {
            return vec![paragraph("note", "Reading the assignment set…".to_owned())];
        }
        Listing::Failed(said) => return said.clone(),
        _ => {
            let said =
                "Pick a configuration (Load configurations) to see its whole assignment set.";
            return vec![paragraph("note", said.to_owned())];
        }
    };
    let mut nodes = vec![
        el(Tag::P)
            .attr(Attr::Role, "status")
            .text(summary(listed, &words))
            .into(),
    ];
    nodes.push(
        el(Tag::Div)
            .children(
                (!listed.is_empty()).then(|| set_table(listed, &words, draft.assignment_id.trim())),
            )
            .into(),
    );
    // Each section keeps its place, even when empty, so that a section appearing never turns
    // another section's button into its own while the user is about to click it.
    let (mut change, mut offer) = (Vec::new(), Vec::new());
    match &set.pending {
        Some(Pending::Remove(assignment)) => change.extend(removal(draft, assignment, &words)),
        Some(Pending::Assign {
            before,
            after,
            replaced,
        }) => change.extend(replacement(before, after, replaced, &words)),
        None => {
            change.extend(addition(draft, listed, directory, &words));
            offer.extend(whole_set_offer(draft, listed, shown.newest_sent));
        }
    }
    nodes.push(el(Tag::Div).children(change).into());
    nodes.push(el(Tag::Div).children(offer).into());
    nodes.push(
        el(Tag::Div)
            .attr(Attr::Role, "status")
            .attr(Attr::AriaLive, "polite")
            .children(set.said.clone())
            .into(),
    );
    nodes
}

/// The set as a table: each target in words, its id, whether it is the chosen one, Remove.
fn set_table(
    listed: &[Assignment],
    words: &dyn Fn(&AssignmentTarget) -> String,
    chosen: &str,
) -> El {
    let header = el(Tag::Tr)
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Target"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Assignment ID"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Change"));
    let rows = listed.iter().enumerate().map(|(index, assignment)| {
        let said = words(&assignment.target);
        let mut target = el(Tag::Td).text(said.clone());
        if assignment.id.as_str().eq_ignore_ascii_case(chosen) {
            target = target.child(el(Tag::Span).class("note").text(" (chosen)"));
        }
        if carries_filter(&assignment.target) {
            target = target.child(
                el(Tag::Span)
                    .class("warning")
                    .text(" (a filter, which Intune does not support here)"),
            );
        }
        let remove = button(Control::RemoveAssignment, index as u32, "Remove")
            .attr(Attr::AriaLabel, format!("Remove {said}"));
        el(Tag::Tr)
            .child(target)
            .child(el(Tag::Td).child(code(assignment.id.to_string())))
            .child(el(Tag::Td).child(remove))
    });
    el(Tag::Table)
        .child(el(Tag::Caption).text("The whole set"))
        .child(el(Tag::Thead).child(header))
        .child(el(Tag::Tbody).children(rows))
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

/// "Add assignment": the request it sends, the rules it breaks, and the button.
fn addition(
    draft: &Draft,
    listed: &[Assignment],
    directory: &Directory,
    words: &dyn Fn(&AssignmentTarget) -> String,
) -> Vec<Node> {
    let mut nodes: Vec<Node> = vec![el(Tag::H3).text("Add assignment").into()];
    let request = match add_request(draft, "…", None) {
        Ok(request) => request,
        Err(reason) => {
            nodes.push(paragraph("note", reason));
            return nodes;
        }
    };
    let Some(target) = form_target(draft) else {
        return nodes;
    };
    nodes.push(paragraph(
        "note",
        format!("Adds the form's target to the set: {}.", words(&target)),
    ));
    nodes.push(request_line(&request));
    nodes.push(el(Tag::Pre).text(request.body.unwrap_or_default()).into());
    if let Some(there) = already_in_set(listed, &target) {
        nodes.push(paragraph(
            "warning",
            format!(
                "Warning: {} is already in this set (assignment {}): Intune keeps one assignment for each group, so it will refuse a second. Change that assignment instead.",
                words(&there.target),
                there.id
            ),
        ));
    }
    let others: Vec<AssignmentTarget> = listed.iter().map(|a| a.target.clone()).collect();
    for hint in hints(&target, &others, &directory.groups, &directory.filters) {
        let said = match hint {
            Hint::FilterNotSupported => format!("Warning: {FILTER_NOT_SUPPORTED}"),
            hint => format!("Warning: {}", hint.warning()),
        };
        nodes.push(paragraph("warning", said));
    }
    nodes.push(
        el(Tag::P)
            .child(button(Control::AddAssignment, 0, "Add assignment").class("primary"))
            .into(),
    );
    nodes
}

/// The removal asked about: what goes, in words, and the two answers.
fn removal(
    draft: &Draft,
    assignment: &Assignment,
    words: &dyn Fn(&AssignmentTarget) -> String,
) -> Vec<Node> {
    let request = remove_request(draft, &assignment.id, "…", None);
    let mut nodes = vec![
        el(Tag::H3).text("Remove assignment").into(),
        paragraph(
            "warning",
            format!(
                "Remove “{}” (assignment {}) from this configuration? Its users and devices lose the profile unless another assignment reaches them.",
                words(&assignment.target),
                assignment.id
            ),
        ),
    ];
    if let Ok(request) = request {
        nodes.push(request_line(&request));
    }
    nodes.push(
        el(Tag::P)
            .child(button(Control::ConfirmRemove, 0, "Remove it").class("primary"))
            .child(text(" "))
            .child(button(Control::KeepAssignment, 0, "Keep it"))
            .into(),
    );
    nodes
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

/// Whether `entry` is a PATCH of `assignment` that Intune answered as a route it does not serve.
fn patch_not_served(entry: &HistoryEntry, assignment: &str) -> bool {
    let error = serde_json::from_str::<ODataErrorResponse>(&entry.response_body).ok();
    let (code, message) = error.as_ref().map_or(("", ""), |body| {
        (body.error.code.as_str(), body.error.message.as_str())
    });
    entry.method == "PATCH"
        && entry
            .draft
            .assignment_id
            .trim()
            .eq_ignore_ascii_case(assignment)
        && entry
            .status
            .is_some_and(|status| route_not_served(status, code, message, assignment))
}

/// The offer of `/assign` for the chosen assignment, when it is in the set; first in words when
/// its last PATCH was answered that the route is not served.
fn whole_set_offer(
    draft: &Draft,
    listed: &[Assignment],
    newest_sent: Option<&HistoryEntry>,
) -> Vec<Node> {
    let chosen = draft.assignment_id.trim();
    let in_set = listed
        .iter()
        .any(|assignment| assignment.id.as_str().eq_ignore_ascii_case(chosen));
    if !in_set || form_target(draft).is_none() {
        return Vec::new();
    }
    let refused = newest_sent.filter(|entry| patch_not_served(entry, chosen));
    let mut nodes: Vec<Node> = vec![
        el(Tag::H3)
            .text("When the PATCH route is not served")
            .into(),
    ];
    if let Some(entry) = refused {
        let status = entry.summary.clone();
        nodes.push(
            el(Tag::P)
                .class("warning")
                .attr(Attr::Role, "alert")
                .text(format!(
                    "The PATCH was answered {status}. {ROUTE_NOT_SERVED}"
                ))
                .into(),
        );
    }
    nodes.extend([
        paragraph(
            "note",
            "Intune documents PATCH on each assignment but does not always serve it. This sends the form's target for the chosen assignment by posting the whole set to /assign instead: it reads the set to the end first and shows it before and after.".to_owned(),
        ),
        el(Tag::P)
            .child(button(Control::PrepareAssign, 0, "Send as the whole set (/assign)"))
            .into(),
    ]);
    nodes
}

/// The `/assign` shown before it is sent: the set before and after, and the two answers.
fn replacement(
    before: &[Assignment],
    after: &[AssignmentTarget],
    replaced: &AssignmentId,
    words: &dyn Fn(&AssignmentTarget) -> String,
) -> Vec<Node> {
    let header = el(Tag::Tr)
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Before"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("After"));
    let rows = before.iter().zip(after).map(|(was, will)| {
        let mut after = el(Tag::Td).text(words(will));
        after = if &was.id == replaced {
            after.child(el(Tag::Span).class("warning").text(" (changed)"))
        } else {
            after.child(el(Tag::Span).class("note").text(" (unchanged)"))
        };
        el(Tag::Tr)
            .child(el(Tag::Td).text(words(&was.target)))
            .child(after)
    });
    vec![
        el(Tag::H3).text("Send as the whole set (/assign)").into(),
        paragraph(
            "warning",
            format!(
                "Warning: /assign replaces the whole set. Every assignment of this configuration becomes exactly these {} (new ids); anything added elsewhere since the read is deleted.",
                after.len()
            ),
        ),
        el(Tag::Table)
            .child(el(Tag::Caption).text("The whole set before and after"))
            .child(el(Tag::Thead).child(header))
            .child(el(Tag::Tbody).children(rows))
            .into(),
        el(Tag::P)
            .child(button(Control::ConfirmAssign, 0, "Replace the whole set").class("primary"))
            .child(text(" "))
            .child(button(Control::CancelAssign, 0, "Do not replace"))
            .into(),
    ]
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

/// Sends `request` (built for `bearer` = the token), keeps it in the history, and gives the
/// answer.
async fn send_recorded(
    work: &Work,
    flight: &Flight,
    request: &HttpRequest,
    draft: &Draft,
) -> Result<ResponseView, AppError> {
    let started = now_iso();
    let id = request
        .header("client-request-id")
        .unwrap_or_default()
        .to_owned();
    let result = flight.fetch(request).await;
    let outcome = match &result {
        Ok(view) => Outcome::Response(view.clone()),
        Err(error) => Outcome::NoResponse(error.clone()),
    };
    let entry = HistoryEntry::new(id, started, request, &outcome, draft);
    (work.post)(respond(UPDATE_ID, Steps::default().record(entry).reply()));
    result
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
        let result = send_recorded(&work, &flight, &request, &draft).await;
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
        let result = send_recorded(&work, &flight, &request, &draft).await;
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
        let result = send_recorded(&work, &flight, &request, &draft).await;
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
mod tests {
    use super::*;
    use crate::contract::view_tree::text_of;

    const GROUP: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";

    fn assignment(id: &str, target: &str) -> Assignment {
        serde_json::from_str(&format!(r#"{{"id":"{id}","target":{target}}}"#)).unwrap()
    }

    fn set() -> Vec<Assignment> {
        vec![
            assignment(
                "c_1",
                &format!(
                    r##"{{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"{GROUP}"}}"##
                ),
            ),
            assignment(
                "c_2",
                r##"{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}"##,
            ),
        ]
    }

    fn draft(kind: &str) -> Draft {
        let mut draft = Draft {
            configuration_id: "c".into(),
            assignment_id: "c_2".into(),
            ..Draft::default()
        };
        draft.body = format!(
            r##"{{"target":{{"@odata.type":"#microsoft.graph.{kind}","groupId":"{GROUP}"}}}}"##
        );
        draft
    }

    fn shown(
        set: &WholeSet,
        draft: &Draft,
        listing: &Listing<Assignment>,
        newest: Option<&HistoryEntry>,
    ) -> String {
        text_of(&render(
            set,
            &Directory::default(),
            &Shown {
                draft: Some(draft),
                newest_sent: newest,
                configuration_id: "c",
                assignments: listing,
            },
        ))
    }

    #[test]
    fn the_set_is_said_with_what_add_sends_and_the_rules_it_breaks() {
        let listing = Listing::Loaded(set());
        let said = shown(
            &WholeSet::default(),
            &draft("exclusionGroupAssignmentTarget"),
            &listing,
            None,
        );
        assert!(
            said.starts_with("2 assignments: All devices; Included group: 5c3e4b2a"),
            "{said}"
        );
        assert!(said.contains("POST http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments"), "{said}");
        assert!(
            said.contains("is already in this set (assignment c_1)"),
            "{said}"
        );
        assert!(said.contains("both included and excluded"), "{said}");
        assert!(
            said.contains("Send as the whole set (/assign)"),
            "the chosen one is in the set"
        );
        let elsewhere = Listing::Loaded(set());
        let said = shown(
            &WholeSet::default(),
            &draft("groupAssignmentTarget"),
            &elsewhere,
            None,
        );
        assert!(!said.contains("both included and excluded"), "{said}");
        let other_configuration = Listing::Loading;
        assert_eq!(
            shown(
                &WholeSet::default(),
                &draft("groupAssignmentTarget"),
                &other_configuration,
                None
            ),
            "Reading the assignment set…"
        );
    }

    #[test]
    fn a_removal_and_an_assign_wait_for_confirmation_in_words() {
        let listing = Listing::Loaded(set());
        let removing = WholeSet {
            pending: Some(Pending::Remove(set().remove(1))),
            ..WholeSet::default()
        };
        let said = shown(&removing, &draft("groupAssignmentTarget"), &listing, None);
        assert!(
            said.contains("Remove “All devices” (assignment c_2) from this configuration?"),
            "{said}"
        );
        assert!(said.contains("DELETE http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/c_2"), "{said}");
        assert!(!said.contains("Add assignment"), "one change at a time");
        let target = form_target(&draft("exclusionGroupAssignmentTarget")).unwrap();
        let replaced = AssignmentId::parse("c_2").unwrap();
        let after = with_target_replaced(&set(), &replaced, &target).unwrap();
        let assigning = WholeSet {
            pending: Some(Pending::Assign {
                before: set(),
                after,
                replaced,
            }),
            ..WholeSet::default()
        };
        let said = shown(
            &assigning,
            &draft("exclusionGroupAssignmentTarget"),
            &listing,
            None,
        );
        assert!(said.contains("/assign replaces the whole set"), "{said}");
        assert!(
            said.contains(
                "All devicesExcluded group: 5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a (changed)"
            ),
            "{said}"
        );
        assert!(said.contains("(unchanged)"), "{said}");
    }

    #[test]
    fn a_patch_answered_no_route_is_explained_beside_the_offer() {
        let entry: HistoryEntry = serde_json::from_value(serde_json::json!({
            "id": "h", "started": "", "method": "PATCH", "url": "", "requestHeaders": [],
            "requestBody": "", "status": 400, "summary": "400 Bad Request", "elapsedMs": 1, "size": 0,
            "requestId": null, "responseHeaders": [],
            "responseBody": r#"{"error":{"code":"No method match route template","message":"No OData route exists that match template ~/singleton/navigation/key/navigation/key with http verb PATCH"}}"#,
            "draft": {"assignmentId": "c_2"}
        }))
        .unwrap();
        assert!(patch_not_served(&entry, "c_2"));
        assert!(
            !patch_not_served(&entry, "c_1"),
            "another assignment's answer"
        );
        let said = shown(
            &WholeSet::default(),
            &draft("groupAssignmentTarget"),
            &Listing::Loaded(set()),
            Some(&entry),
        );
        assert!(
            said.contains(
                "The PATCH was answered 400 Bad Request. Intune does not serve this route here"
            ),
            "{said}"
        );
        let refused = HistoryEntry {
            response_body:
                r#"{"error":{"code":"BadRequest","message":"a valid AADGroupId is expected"}}"#
                    .into(),
            ..entry
        };
        assert!(!patch_not_served(&refused, "c_2"));
    }
}
