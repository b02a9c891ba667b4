//! Names for the ids the page shows, looked up in the worker: every group and assignment
//! filter of the target form, of the chosen configuration's assignments and of the Bulk table
//! is read by id (`GET /groups/{id}`, `GET /deviceManagement/assignmentFilters/{id}`, 20 to a
//! `$batch` envelope under beta) and remembered for the session. From them the worker writes:
//! - the name beside the Group ID and Filter ID fields, with "not found in this tenant" for an
//!   id the tenant does not have and the permission a refused read needs;
//! - "Pick an assignment" (the list [`crate::worker::list_work`] read), each assignment's target in the
//!   admin center's words;
//! - the change in words under the request line ("Now: …" and "After sending: …");
//! - the admin center's rules that the form's target breaks, as warnings that never block;
//! - the history list, each request's target in words (also for requests sent before their
//!   names were known).
//!
//! Names are read only while "Look up names" is on; the words and the rules that need no
//! name are written either way.

mod history_list;

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;
use std::time::Duration;

use graph_model::directory::{ASSIGNMENT_FILTERS_PATH, AssignmentFilterEntity, GROUPS_PATH, Group};
use graph_model::target_names::{
    FILTER_NOT_SUPPORTED, Hint, Lookup, carries_filter, hints, target_in_words,
};
use graph_model::{
    ApiVersion, AssignmentPatch, AssignmentTarget, BatchRequestItem, BatchResponse, FilterId,
    GroupId, IosLobAppProvisioningConfigurationAssignment as Assignment, ServiceRoot,
};
use serde_json::Value;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::contract::protocol::{Post, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Node, Part, Tag, el, text};
use crate::shared::draft::Draft;
use crate::shared::flight::Flight;
use crate::shared::graph::{answered_index, batch_request, retry_after};
use crate::shared::history::HistoryEntry;
use crate::worker::name_directory::{Directory, target_words_of};
use crate::worker::pick_list::{self, Listing};
use crate::worker::worker_events::{AuditNote, Event, Events, HistoryWrite};

/// The id of "Pick an assignment".
const ASSIGNMENT_PICK_ID: &str = "assignment-pick";

/// What the page shows now.
struct Context {
    draft: Draft,
    token: String,
    wanted: bool,
    /// The ids of the before/after comparison, by slot (see [`crate::shared::comparison::name_slot`]).
    compared: [String; 4],
}

/// What the names work from, as the worker's state holds it (see
/// [`crate::worker::workbench::Workbench`]).
#[derive(Default)]
pub struct Names {
    /// What the page shows now (`None` until it says).
    context: Option<Context>,
    /// The history the page shows, whose targets are named too (`None` until the page sends it).
    history: Option<ShownHistory>,
    /// What Intune's audit trail says of each write of the history, by entry id (its
    /// `client-request-id`), as Changes found it.
    recorded: BTreeMap<String, AuditNote>,
}

impl Names {
    /// The draft the page shows now (`None` until it says).
    pub fn draft(&self) -> Option<&Draft> {
        self.context.as_ref().map(|context| &context.draft)
    }

    /// The newest request of the history the page shows, if it has sent it.
    pub fn newest_sent(&self) -> Option<&HistoryEntry> {
        self.history.as_ref()?.entries.first()
    }
}

/// What the other parts show, whose ids are named too: the assignments listed to pick from,
/// and every target of the Bulk table (through a visit of each).
pub struct Around<'a> {
    /// "Pick an assignment"'s assignments.
    pub assignments: &'a Listing<Assignment>,
    /// Visits each target the Bulk table shows.
    pub bulk_targets: &'a EachTarget,
}

/// A visit of each of a set of targets.
pub type EachTarget = dyn Fn(&mut dyn FnMut(&AssignmentTarget));

/// How many times a name is read before it is given up for the session.
const READ_TRIES: u32 = 3;
/// The most reads in one `$batch` envelope (Graph's limit).
const BATCH_SIZE: usize = 20;
/// The longest wait, in seconds, before a throttled read is asked again.
const LONGEST_WAIT: u64 = 30;

/// The history the page shows, with each valid target and the base URL it was sent to, found
/// once when the history comes rather than on each refresh of the names.
struct ShownHistory {
    entries: Vec<HistoryEntry>,
    targets: Vec<(Option<String>, AssignmentTarget)>,
}

impl ShownHistory {
    fn new(entries: Vec<HistoryEntry>) -> ShownHistory {
        let targets = entries
            .iter()
            .filter_map(|entry| {
                let base = entry.draft.service_root().map(|root| root.base_url()).ok();
                Some((base, form_target(&entry.draft)?))
            })
            .collect();
        ShownHistory { entries, targets }
    }
}

/// Which kind of id.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Group,
    Filter,
}

impl Kind {
    fn permission(self) -> &'static str {
        match self {
            Kind::Group => "Group.Read.All (or GroupMember.Read.All)",
            Kind::Filter => "DeviceManagementConfiguration.Read.All",
        }
    }
}

/// Keeps what the page shows (the draft, the token, whether names are `wanted`, and the ids
/// of the before/after comparison); [`refresh`] then writes and reads for it.
pub fn show(
    names: &RefCell<Names>,
    draft: Draft,
    token: &str,
    wanted: bool,
    compared: [String; 4],
) {
    names.borrow_mut().context = Some(Context {
        draft,
        token: token.trim().to_owned(),
        wanted,
        compared,
    });
}

/// Reads the names not yet known of what the page shows and `around` it, and writes the
/// page's named parts; each answer tells [`Event::NamesCame`].
pub fn refresh(
    names: &RefCell<Names>,
    directory: &Rc<RefCell<Directory>>,
    around: &Around,
    events: &Events,
    post: &Post,
) {
    read_unknown(&names.borrow(), directory, around, events);
    write(
        &names.borrow(),
        &directory.borrow(),
        around.assignments,
        post,
    );
}

/// Starts reading the names not yet known of what the page shows.
fn read_unknown(
    names: &Names,
    directory: &Rc<RefCell<Directory>>,
    around: &Around,
    events: &Events,
) {
    let asks = {
        let context = names.context.as_ref();
        context.and_then(|context| {
            let root = reachable(context)?;
            let base = root.base_url();
            let asks: Vec<(String, Kind)> = {
                let mut directory = directory.borrow_mut();
                if directory.base != base {
                    *directory = Directory {
                        base,
                        ..Directory::default()
                    };
                }
                ids(context, names.history.as_ref(), around)
                    .into_iter()
                    .filter(|(id, _)| {
                        let unknown = directory.names.get(id).is_none();
                        if unknown {
                            directory.names.record(id, Lookup::Pending);
                        }
                        unknown
                    })
                    .collect()
            };
            Some((root, context.token.clone(), asks))
        })
    };
    if let Some((root, token, asks)) = asks {
        for chunk in asks.chunks(BATCH_SIZE) {
            spawn_local(read(
                root.clone(),
                token.clone(),
                chunk.to_vec(),
                directory.clone(),
                events.clone(),
            ));
        }
    }
}

/// Keeps the history the page shows and gives its list; the names its targets lack are read
/// (for the environment the page shows), and the list is written again when they come.
pub fn show_history(
    names: &RefCell<Names>,
    directory: &Rc<RefCell<Directory>>,
    around: &Around,
    history: Vec<HistoryEntry>,
    events: &Events,
) -> Steps {
    let writes = acknowledged_writes(&history);
    names.borrow_mut().history = Some(ShownHistory::new(history));
    read_unknown(&names.borrow(), directory, around, events);
    events.tell(Event::HistoryWrites(writes));
    let names = names.borrow();
    with_history_list(&names, &directory.borrow(), Steps::default())
}

/// `steps` and the history list with the names known now, once the page has sent the history.
fn with_history_list(names: &Names, directory: &Directory, steps: Steps) -> Steps {
    match &names.history {
        Some(history) => steps.show(
            Part::HistoryList,
            history_list::list(
                &history.entries,
                |draft| target_words(directory, draft),
                &names.recorded,
            ),
        ),
        None => steps,
    }
}

/// Changes found what the audit trail says of the history's write `id`: the list says it.
pub fn recorded(names: &RefCell<Names>, directory: &Directory, note: AuditNote, post: &Post) {
    names.borrow_mut().recorded.insert(note.entry.clone(), note);
    let steps = with_history_list(&names.borrow(), directory, Steps::default());
    post(respond(UPDATE_ID, steps.reply()));
}

/// The writes of `history` Graph acknowledged, whose audit records are looked for: each
/// entry's id, the `client-request-id` it was sent with, and the service root's base URL.
fn acknowledged_writes(history: &[HistoryEntry]) -> Vec<HistoryWrite> {
    history
        .iter()
        .filter(|entry| matches!(entry.method.as_str(), "PATCH" | "POST" | "DELETE"))
        .filter(|entry| {
            entry
                .status
                .is_some_and(|status| (200..300).contains(&status))
        })
        .filter_map(|entry| {
            let (_, correlation) = entry
                .request_headers
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case("client-request-id"))?;
            Some(HistoryWrite {
                entry: entry.id.clone(),
                correlation: correlation.clone(),
                base: entry.draft.service_root().ok()?.base_url(),
                method: entry.method.clone(),
                draft: entry.draft.clone(),
            })
        })
        .collect()
}

/// The target `draft` sends, in words ("Target: Included group: iOS pilot users"), with the
/// names already looked up for its environment; `None` when its body is not a valid target.
pub fn target_words(directory: &Directory, draft: &Draft) -> Option<String> {
    let target = form_target(draft)?;
    Some(format!(
        "Target: {}",
        target_words_of(directory, draft, &target)
    ))
}

/// The service root names are read from, when they are wanted and there is a token.
fn reachable(context: &Context) -> Option<ServiceRoot> {
    let root = context.draft.service_root().ok()?;
    (context.wanted && !context.token.is_empty()).then_some(root)
}

/// The target the form describes, when its body is valid.
fn form_target(draft: &Draft) -> Option<AssignmentTarget> {
    AssignmentPatch::check(&draft.body, draft.version)
        .patch
        .map(|patch| patch.target)
}

/// Every group and filter id the page shows: the form's fields, then the assignments', then
/// those of the history's requests to the same environment.
fn ids(context: &Context, history: Option<&ShownHistory>, around: &Around) -> Vec<(String, Kind)> {
    let form = &context.draft.form;
    let mut found: Vec<(String, Kind)> = Vec::new();
    let mut seen = std::collections::BTreeSet::new();
    let mut add = |id: String, kind: Kind| {
        if seen.insert(id.to_ascii_lowercase()) {
            found.push((id, kind));
        }
    };
    if let Ok(group) = GroupId::parse(&form.group_id) {
        add(group.as_str().to_owned(), Kind::Group);
    }
    if let Ok(filter) = FilterId::parse(&form.filter_id) {
        add(filter.as_str().to_owned(), Kind::Filter);
    }
    for (index, id) in context.compared.iter().enumerate() {
        let (kind, valid) = if index < 2 {
            (Kind::Group, GroupId::parse(id).is_ok())
        } else {
            (Kind::Filter, FilterId::parse(id).is_ok())
        };
        if valid {
            add(id.clone(), kind);
        }
    }
    let listed: &[Assignment] = match around.assignments {
        Listing::Loaded(list) => list,
        _ => &[],
    };
    let mut add_target = |target: &AssignmentTarget| {
        if let Some(group) = target.group_id() {
            add(group.as_str().to_owned(), Kind::Group);
        }
        if let Some(filter) = &target.filter().id {
            add(filter.as_str().to_owned(), Kind::Filter);
        }
    };
    listed
        .iter()
        .for_each(|assignment| add_target(&assignment.target));
    (around.bulk_targets)(&mut add_target);
    let base = context
        .draft
        .service_root()
        .map(|root| root.base_url())
        .ok();
    let targets = history.iter().flat_map(|history| &history.targets);
    for (_, target) in targets.filter(|(sent_to, _)| *sent_to == base) {
        add_target(target);
    }
    found
}

/// Writes everything from the page's latest context, the listed `assignments` and what is
/// known now.
pub fn write(names: &Names, directory: &Directory, assignments: &Listing<Assignment>, post: &Post) {
    let Some(context) = &names.context else {
        return;
    };
    let known = Directory::default();
    let directory = if reachable(context).is_some() {
        directory
    } else {
        &known
    };
    let steps = with_history_list(names, directory, render(context, directory, assignments));
    post(respond(UPDATE_ID, steps.reply()));
}

/// The steps that write the page's named parts for `context` and the listed assignments.
fn render(context: &Context, directory: &Directory, listing: &Listing<Assignment>) -> Steps {
    let form = &context.draft.form;
    let group = GroupId::parse(&form.group_id)
        .map(|id| beside(directory, id.as_str(), Kind::Group))
        .unwrap_or_default();
    let filter = match FilterId::parse(&form.filter_id) {
        Ok(id) => beside(directory, id.as_str(), Kind::Filter),
        Err(_) if form.filter_id.trim().is_empty() => vec![text(
            "No filter. Find filter by name is here because the Graph type has the filter \
             fields; Intune does not support filters for this workload.",
        )],
        Err(_) => Vec::new(),
    };
    let chosen = context.draft.assignment_id.trim();
    let is_chosen = |assignment: &&Assignment| assignment.id.as_str().eq_ignore_ascii_case(chosen);
    let listed: &[Assignment] = match listing {
        Listing::Loaded(list) => list,
        _ => &[],
    };
    let list = pick_list::status(listing, pick_list::Kind::Assignments).unwrap_or_else(|| {
        let options: Vec<(String, String)> = listed
            .iter()
            .map(|assignment| {
                let words = target_in_words(&assignment.target, &directory.names);
                (assignment.id.to_string(), words)
            })
            .collect();
        pick_list::select(
            ASSIGNMENT_PICK_ID,
            "Pick an assignment",
            "assignments",
            &options,
            chosen,
        )
    });
    let mut change = listed
        .iter()
        .find(is_chosen)
        .map(|current| {
            let words = target_in_words(&current.target, &directory.names);
            format!("Now: {words}. ")
        })
        .unwrap_or_default();
    let mut warnings = Vec::new();
    if let Some(target) = form_target(&context.draft) {
        let words = target_in_words(&target, &directory.names);
        change.push_str(&format!("After sending: {words}."));
        if carries_filter(&target) {
            change.push_str(&format!(" Warning: {FILTER_NOT_SUPPORTED}"));
        }
        let others: Vec<AssignmentTarget> = listed
            .iter()
            .filter(|assignment| !is_chosen(assignment))
            .map(|assignment| assignment.target.clone())
            .collect();
        // The page says that filters are not supported beside the filter fields, with the link.
        let found = hints(&target, &others, &directory.groups, &directory.filters);
        for hint in found
            .into_iter()
            .filter(|hint| *hint != Hint::FilterNotSupported)
        {
            let warning = format!("Warning: {}", hint.warning());
            warnings.push(el(Tag::P).class("warning").text(warning));
        }
    }
    let mut steps = Steps::default();
    for (slot, id) in Part::COMPARED.into_iter().zip(&context.compared) {
        let kind = match slot {
            Part::GroupBefore | Part::GroupAfter => Kind::Group,
            _ => Kind::Filter,
        };
        let mut name = beside(directory, id, kind);
        if !name.is_empty() {
            name.insert(0, el(Tag::Br).into());
        }
        steps = steps.show(slot, name);
    }
    let change = Some(change).filter(|change| !change.is_empty());
    steps
        .show(Part::GroupName, group)
        .show(Part::FilterName, filter)
        .show(Part::AssignmentList, list)
        .show(Part::ChangeInWords, change)
        .show(Part::TargetHints, warnings)
}

/// What is shown beside a field for what is known of its id: a filter of another platform
/// says so.
fn beside(directory: &Directory, id: &str, kind: Kind) -> Vec<Node> {
    let span = |class: &str, text: String| Node::from(el(Tag::Span).class(class).text(text));
    match directory.names.get(id) {
        Some(Lookup::Found(name)) => {
            let platform = directory
                .filters
                .iter()
                .find(|filter| kind == Kind::Filter && filter.id.as_str().eq_ignore_ascii_case(id))
                .filter(|filter| !filter.fits_ios_devices())
                .map(|filter| {
                    let warning = format!(
                        "(a filter for {} {}, not iOS/iPadOS devices: it cannot apply here)",
                        filter.platform, filter.assignment_filter_management_type
                    );
                    [text(" "), span("warning", warning)]
                });
            let mut shown = vec![span("name", name.clone())];
            shown.extend(platform.into_iter().flatten());
            shown
        }
        Some(Lookup::NotFound) => vec![span(
            "warning",
            "Not found in this tenant: check the id.".to_owned(),
        )],
        Some(Lookup::Unavailable(reason)) => vec![span("note", reason.clone())],
        Some(Lookup::Pending) | None => Vec::new(),
    }
}

/// The read of one id's name, relative to the version (as `$batch` wants it).
fn name_read(index: usize, id: &str, kind: Kind) -> BatchRequestItem {
    let url = match kind {
        Kind::Group => format!(
            "{GROUPS_PATH}/{id}?$select=id,displayName,description,groupTypes,membershipRule,securityEnabled"
        ),
        Kind::Filter => format!("{ASSIGNMENT_FILTERS_PATH}/{id}"),
    };
    BatchRequestItem {
        id: index.to_string(),
        method: "GET".to_owned(),
        url,
        headers: None,
        body: None,
        depends_on: None,
    }
}

/// What a read that answered `status` says instead of a name.
fn no_name(status: u16) -> String {
    format!("No name: the read answered {status}.")
}

/// What an answered read says of its id's name.
fn lookup(directory: &mut Directory, status: u16, body: Option<Value>, kind: Kind) -> Lookup {
    match status {
        // Read as text, the way the lists are: one JSON reader for each type in the worker.
        200 => learn(directory, &body.unwrap_or_default().to_string(), kind),
        404 => Lookup::NotFound,
        403 => Lookup::Unavailable(format!(
            "No name: reading it needs {}. The form works with the id alone.",
            kind.permission()
        )),
        status => Lookup::Unavailable(no_name(status)),
    }
}

/// Reads the names of up to 20 ids in one `$batch` envelope and writes the page again. A
/// throttled or failed read (the envelope's or one inside it) is asked again a few times,
/// after its `Retry-After` or a second.
async fn read(
    root: ServiceRoot,
    token: String,
    asks: Vec<(String, Kind)>,
    directory: Rc<RefCell<Directory>>,
    events: Events,
) {
    let mut waiting: Vec<usize> = (0..asks.len()).collect();
    let mut last_failure = "No name: the read got no answer.".to_owned();
    for _ in 0..READ_TRIES {
        let items = waiting
            .iter()
            .map(|&index| name_read(index, &asks[index].0, asks[index].1))
            .collect();
        let request = batch_request(&root, ApiVersion::Beta, &token, items);
        let answer = Flight::default().fetch(&request).await;
        let responses = match answer {
            Ok(answer) if answer.status == 200 => {
                serde_json::from_str::<BatchResponse>(&answer.body)
                    .map(|batch| batch.responses)
                    .unwrap_or_default()
            }
            Ok(answer) if answer.status != 429 && answer.status < 500 => {
                last_failure = no_name(answer.status);
                break;
            }
            Ok(answer) => {
                last_failure = no_name(answer.status);
                Vec::new()
            }
            Err(_) => Vec::new(),
        };
        let mut wait = 1;
        let answered = {
            let mut directory = directory.borrow_mut();
            (directory.base == root.base_url()).then(|| {
                let mut answered = Vec::new();
                for response in responses {
                    let Some(index) = answered_index(&response, |i| waiting.contains(&i)) else {
                        continue;
                    };
                    if response.status == 429 || response.status >= 500 {
                        wait = wait.max(retry_after(&response.headers).unwrap_or(1));
                        last_failure = no_name(response.status);
                        continue;
                    }
                    let (id, kind) = &asks[index];
                    let found = lookup(&mut directory, response.status, response.body, *kind);
                    directory.names.record(id, found);
                    answered.push(index);
                }
                answered
            })
        };
        let Some(answered) = answered else {
            return;
        };
        waiting.retain(|index| !answered.contains(index));
        if !answered.is_empty() {
            events.tell(Event::NamesCame);
        }
        if waiting.is_empty() {
            return;
        }
        sleep(Duration::from_secs(wait.min(LONGEST_WAIT))).await;
    }
    {
        let mut directory = directory.borrow_mut();
        if directory.base == root.base_url() {
            for &index in &waiting {
                let lookup = Lookup::Unavailable(last_failure.clone());
                directory.names.record(&asks[index].0, lookup);
            }
        }
    }
    events.tell(Event::NamesCame);
}

/// Keeps the group or filter in a read's body and gives its name.
fn learn(directory: &mut Directory, body: &str, kind: Kind) -> Lookup {
    let unreadable = || Lookup::Unavailable("No name: the answer could not be read.".to_owned());
    match kind {
        Kind::Group => match serde_json::from_str::<Group>(body) {
            Ok(group) => {
                let name = group.display_name.clone();
                directory.groups.push(group);
                Lookup::Found(name)
            }
            Err(_) => unreadable(),
        },
        Kind::Filter => match serde_json::from_str::<AssignmentFilterEntity>(body) {
            Ok(filter) => {
                let name = filter.display_name.clone();
                directory.filters.push(filter);
                Lookup::Found(name)
            }
            Err(_) => unreadable(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::protocol::{Reply, Step};
    use crate::contract::view_tree::{Attr, text_of};

    const SALES: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
    const WINDOWS: &str = r#"{"id":"3a5c7e9b-2d4f-4c6a-8e0b-9d1f3a5c7e24","displayName":"Windows laptops","platform":"windows10AndLater","assignmentFilterManagementType":"devices"}"#;

    fn assignment(id: &str, target: &str) -> Assignment {
        serde_json::from_str(&format!(r#"{{"id":"{id}","target":{target}}}"#)).unwrap()
    }

    fn group_target(kind: &str) -> String {
        format!(r##"{{"@odata.type":"#microsoft.graph.{kind}","groupId":"{SALES}"}}"##)
    }

    /// A history entry whose draft sent `SALES` as an included group to `emulator_url`.
    fn sent_to(emulator_url: &str) -> HistoryEntry {
        let draft = Draft {
            emulator_url: emulator_url.into(),
            body: format!(r#"{{"target":{}}}"#, group_target("groupAssignmentTarget")),
            ..Draft::default()
        };
        HistoryEntry {
            draft,
            ..serde_json::from_str(
                r#"{"id":"h","started":"","method":"PATCH","url":"","requestHeaders":[],
                "requestBody":"","status":204,"summary":"204 No Content","elapsedMs":1,"size":0,
                "requestId":null,"responseHeaders":[],"responseBody":"","draft":{}}"#,
            )
            .unwrap()
        }
    }

    #[test]
    fn the_history_s_targets_are_named_in_the_environment_they_were_sent_to() {
        let context = Context {
            draft: Draft::default(),
            token: "t".into(),
            wanted: true,
            compared: Default::default(),
        };
        let here = Draft::default().emulator_url;
        let around = Around {
            assignments: &Listing::None,
            bulk_targets: &|_| {},
        };
        let history = ShownHistory::new(vec![sent_to(&here)]);
        let asked: Vec<String> = ids(&context, Some(&history), &around)
            .into_iter()
            .map(|(id, _)| id)
            .collect();
        assert_eq!(asked, [SALES.to_owned()]);
        let elsewhere = ShownHistory::new(vec![sent_to("http://127.0.0.1:9999")]);
        assert!(
            ids(&context, Some(&elsewhere), &around).is_empty(),
            "another emulator is another tenant"
        );
        let Reply::Steps(steps) = render(&context, &Directory::default(), &Listing::None).reply()
        else {
            panic!("steps")
        };
        assert!(
            !steps
                .iter()
                .any(|step| matches!(step, Step::Show(Part::HistoryList, _))),
            "the list is left alone until the page has sent the history"
        );
    }

    #[test]
    fn names_stay_text_and_other_platforms_said() {
        let mut directory = Directory::default();
        directory
            .names
            .record(SALES, Lookup::Found("<b>Sales</b>".into()));
        assert_eq!(
            beside(&directory, SALES, Kind::Group),
            [el(Tag::Span).class("name").text("<b>Sales</b>").into()] as [Node; 1]
        );
        directory.names.record(SALES, Lookup::NotFound);
        assert!(
            text_of(&beside(&directory, SALES, Kind::Group)).contains("Not found in this tenant")
        );
        let Lookup::Found(name) = learn(&mut directory, WINDOWS, Kind::Filter) else {
            panic!("a name")
        };
        let filter = "3a5c7e9b-2d4f-4c6a-8e0b-9d1f3a5c7e24";
        directory.names.record(filter, Lookup::Found(name));
        let said = text_of(&beside(&directory, filter, Kind::Filter));
        assert!(
            said.contains("Windows laptops") && said.contains("not iOS/iPadOS"),
            "{said}"
        );
        assert!(matches!(
            learn(&mut directory, "<html>", Kind::Group),
            Lookup::Unavailable(_)
        ));
    }

    #[test]
    fn names_are_read_relative_to_the_version_as_batch_wants_and_answers_become_lookups() {
        let group = name_read(3, SALES, Kind::Group);
        assert_eq!((group.id.as_str(), group.method.as_str()), ("3", "GET"));
        assert!(
            group
                .url
                .starts_with(&format!("/groups/{SALES}?$select=id,displayName"))
        );
        let filter = name_read(0, SALES, Kind::Filter);
        assert_eq!(
            filter.url,
            format!("/deviceManagement/assignmentFilters/{SALES}")
        );

        let mut directory = Directory::default();
        let sales = serde_json::json!({ "id": SALES, "displayName": "Sales" });
        assert_eq!(
            lookup(&mut directory, 200, Some(sales), Kind::Group),
            Lookup::Found("Sales".into())
        );
        assert_eq!(directory.groups.len(), 1, "the group is kept for the rules");
        assert_eq!(
            lookup(&mut directory, 404, None, Kind::Group),
            Lookup::NotFound
        );
        let Lookup::Unavailable(refused) = lookup(&mut directory, 403, None, Kind::Filter) else {
            panic!("a 403 is no name")
        };
        assert!(
            refused.contains("DeviceManagementConfiguration.Read.All"),
            "{refused}"
        );
        assert_eq!(
            lookup(&mut directory, 400, None, Kind::Group),
            Lookup::Unavailable("No name: the read answered 400.".into())
        );
    }

    #[test]
    fn the_list_the_change_and_the_rules_are_written_in_words() {
        let mut directory = Directory::default();
        directory
            .names
            .record(SALES, Lookup::Found("Sales & marketing".into()));
        let list = vec![
            assignment("a1", &group_target("groupAssignmentTarget")),
            assignment("a2", &group_target("exclusionGroupAssignmentTarget")),
        ];
        let mut draft = Draft {
            assignment_id: "A1".into(),
            ..Draft::default()
        };
        draft.body = serde_json::to_string(&serde_json::json!({
            "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
            "target": serde_json::from_str::<serde_json::Value>(&group_target("groupAssignmentTarget")).unwrap(),
        }))
        .unwrap();
        let context = Context {
            draft,
            token: "t".into(),
            wanted: true,
            compared: Default::default(),
        };
        let listing = Listing::Loaded(list);
        let Reply::Steps(steps) = render(&context, &directory, &listing).reply() else {
            panic!("steps")
        };
        let shown = |wanted: Part| {
            steps
                .iter()
                .find_map(|step| match step {
                    Step::Show(part, nodes) if *part == wanted => Some(nodes.clone()),
                    _ => None,
                })
                .expect("shown")
        };
        let options = shown(Part::AssignmentList);
        let option = |value: &str, text: &str| el(Tag::Option).attr(Attr::Value, value).text(text);
        let Node::El(Tag::Select, _, listed) = &options[1] else {
            panic!("{options:?}")
        };
        assert_eq!(
            listed,
            &[
                option("", "2 assignments: choose one").into(),
                option("a1", "Included group: Sales & marketing")
                    .flag(Attr::Selected, true)
                    .into(),
                option("a2", "Excluded group: Sales & marketing").into(),
            ] as &[Node]
        );
        assert_eq!(text_of(&options[..1]), "Pick an assignment");
        assert_eq!(
            text_of(&shown(Part::ChangeInWords)),
            "Now: Included group: Sales & marketing. After sending: Included group: Sales & marketing."
        );
        let hints = text_of(&shown(Part::TargetHints));
        assert!(hints.contains("both included and excluded"), "{hints}");
    }
}
