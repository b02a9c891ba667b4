//! The Reach and Status regions as a view: who the set reaches now and after sending, the
//! change as +N / −M with the names of those added and removed, how far the reads are, and the
//! configuration's statuses summed, with those of the devices the change would remove.

use std::collections::BTreeSet;

use graph_model::reach::status::{of_removed, tally, tally_words};
use graph_model::reach::{Amount, Difference, thousands};

use super::read::{self, AUDIENCES};
use super::*;
use crate::contract::view_tree::{Attr, El, Node, Tag, el};

/// Why Reach is off.
pub(super) const OFF: &str = "Reach reads group members, so it is on while Look up names is: turn it on to see who the set reaches. Signed in with it on, sign-in asks for what Reach needs: Group.Read.All (GroupMember.Read.All is enough), and User.Read.All and Device.Read.All for All users and All devices.";

/// Why there is nothing to reach yet.
pub(super) const PICK: &str =
    "Pick a configuration (Load configurations) to see who its set reaches.";

/// Why there is no one to read as.
pub(super) const NO_TOKEN: &str =
    "Reach reads with the page's token: sign in or paste one to see who the set reaches.";

/// Why there is nowhere to read.
pub(super) const NO_ROOT: &str = "Reach needs a valid service root in the connection settings.";

/// The region `title` with one sentence in it.
pub(super) fn note(title: &str, said: &str) -> Vec<Node> {
    if said.is_empty() {
        return Vec::new();
    }
    region(title, vec![el(Tag::P).class("note").text(said).into()])
}

fn region(title: &str, inside: Vec<Node>) -> Vec<Node> {
    vec![
        el(Tag::Section)
            .class("reach")
            .attr(Attr::AriaLabel, title)
            .child(el(Tag::H3).text(title))
            .children(inside)
            .into(),
    ]
}

/// "+25 / −20", or why it is not known.
fn difference_words(difference: &Difference) -> String {
    match difference {
        Difference::Exact { added, removed } => format!(
            "+{} / \u{2212}{}",
            thousands(added.len() as u64),
            thousands(removed.len() as u64)
        ),
        Difference::Unknown(why) => format!("not known ({why})"),
    }
}

fn progress_nodes(progress: &Progress, known: &Known) -> Vec<Node> {
    let kilobytes = |bytes: u64| thousands(bytes.div_ceil(1024));
    let mut read = format!(
        "{} requests, {} KB read",
        known.requests,
        kilobytes(known.bytes)
    );
    if let Some((requests, bytes)) = known.reach_cost
        && known.device_statuses.is_some()
    {
        read.push_str(&format!(
            " (who is reached: {requests} requests, {} KB; the statuses: the rest)",
            kilobytes(bytes)
        ));
    }
    let line = |said: String| -> Node {
        el(Tag::P)
            .attr(Attr::Role, "status")
            .attr(Attr::AriaLive, "polite")
            .text(said)
            .into()
    };
    match progress {
        Progress::Settling => vec![line("Waiting for the form to settle…".to_owned())],
        Progress::Counting => vec![line("Counting members…".to_owned())],
        Progress::Reading(label, done, of) => vec![
            line(format!(
                "Reading the members of {label}: {} of {}…",
                thousands(*done),
                thousands(*of)
            )),
            el(Tag::Progress)
                .attr(Attr::Max, of.max(&1).to_string())
                .attr(Attr::Value, done.to_string())
                .attr(Attr::AriaLabel, format!("Members of {label} read"))
                .into(),
        ],
        Progress::Checking(label, done, of) => vec![
            line(format!(
                "Checking which excluded members are in {label}: {} of {}…",
                thousands(*done),
                thousands(*of)
            )),
            el(Tag::Progress)
                .attr(Attr::Max, of.max(&1).to_string())
                .attr(Attr::Value, done.to_string())
                .attr(Attr::AriaLabel, format!("Members checked in {label}"))
                .into(),
        ],
        Progress::Done if known.remembered > 0 => vec![line(format!(
            "Up to date: {read}; {} counts, member lists and checks used again from reads of the last 5 minutes.",
            known.remembered
        ))],
        Progress::Done => vec![line(format!("Up to date: {read}."))],
        Progress::Failed(why) => vec![line(format!("Reach stopped: {why} ({read})."))],
    }
}

/// The table of who is reached now and after, and the change.
fn reach_table(change: &Change, changing: bool) -> El {
    let header = el(Tag::Tr)
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Reached"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Now"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("After sending"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Change"));
    let rows = AUDIENCES.map(|audience| {
        let (now, after, difference) = match audience {
            Audience::Users => (&change.before.users, &change.after.users, &change.users),
            Audience::Devices => (
                &change.before.devices,
                &change.after.devices,
                &change.devices,
            ),
        };
        let word = match audience {
            Audience::Users => "Users",
            Audience::Devices => "Devices",
        };
        let after = if changing {
            after.words()
        } else {
            "no change in the form".to_owned()
        };
        el(Tag::Tr)
            .child(el(Tag::Th).attr(Attr::Scope, "row").text(word))
            .child(el(Tag::Td).text(now.words()))
            .child(el(Tag::Td).text(after))
            .child(el(Tag::Td).text(difference_words(difference)))
    });
    el(Tag::Table)
        .child(el(Tag::Caption).text("Who the set reaches"))
        .child(el(Tag::Thead).child(header))
        .child(el(Tag::Tbody).children(rows))
}

/// The names of `ids`, from the members read, sorted.
fn names_of(known: &Known, ids: &BTreeSet<String>) -> Vec<String> {
    let mut names: Vec<String> = known
        .members
        .iter()
        .flat_map(|(_, list)| list.members.iter())
        .filter(|(id, _)| ids.contains(id))
        .map(|(id, name)| (id.clone(), name.clone()))
        .collect::<std::collections::BTreeMap<String, String>>()
        .into_values()
        .collect();
    names.sort_by_key(|name| name.to_lowercase());
    names
}

/// "Users added (25)": the first names, and a button for more.
fn named_list(
    known: &Known,
    ids: &BTreeSet<String>,
    title: &str,
    row: u32,
    shown: usize,
) -> Option<Node> {
    if ids.is_empty() {
        return None;
    }
    let names = names_of(known, ids);
    let items = names
        .iter()
        .take(shown)
        .map(|name| el(Tag::Li).text(name.clone()));
    let mut list = el(Tag::Div)
        .class("reached")
        .child(
            el(Tag::P).child(el(Tag::B).text(format!("{title} ({})", thousands(ids.len() as u64)))),
        )
        .child(el(Tag::Ul).attr(Attr::AriaLabel, title).children(items));
    if names.len() > shown {
        let more = (names.len() - shown).min(NAMES_SHOWN);
        list = list.child(
            el(Tag::Button)
                .on_row(Control::ShowMoreReached, row)
                .attr(Attr::Type, "button")
                .text(format!(
                    "Show {more} more {} (of {})",
                    title.to_lowercase(),
                    thousands(names.len() as u64)
                )),
        );
    }
    Some(list.into())
}

/// The notes that say why an answer is not exact, each once.
fn reasons(change: &Change) -> Vec<Node> {
    let mut said: Vec<String> = Vec::new();
    for amount in [
        &change.before.users,
        &change.before.devices,
        &change.after.users,
        &change.after.devices,
    ] {
        if let Amount::AtLeast(_, why) | Amount::Unknown(why) = amount
            && why.contains("lacks")
            && !said.contains(why)
        {
            said.push(why.clone());
        }
    }
    said.into_iter()
        .map(|why| {
            el(Tag::P)
                .class("warning")
                .text(format!("Missing permission: {why}."))
                .into()
        })
        .collect()
}

/// "Device statuses (50): 20 Succeeded, 6 Error", or of the first pages read when there are more.
fn summed<T: HasStatus>(title: &str, statuses: &read::Statuses<T>) -> String {
    let summed = tally(statuses.read.iter().map(HasStatus::status));
    let count = thousands(statuses.read.len() as u64);
    if statuses.complete {
        format!("{title} ({count}): {}.", tally_words(&summed))
    } else {
        format!(
            "{title}, the first {count} read (there are more; Reach reads {} pages): {}.",
            crate::shared::flight::MAX_PAGES,
            tally_words(&summed)
        )
    }
}

/// A status of a device or a user.
trait HasStatus {
    fn status(&self) -> Option<&str>;
}

impl HasStatus for graph_model::reach::status::DeviceStatus {
    fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
}

impl HasStatus for graph_model::reach::status::UserStatus {
    fn status(&self) -> Option<&str> {
        self.status.as_deref()
    }
}

/// The Status region: statuses summed, and those of the devices the change would remove.
fn status_region(
    known: &Known,
    changing: bool,
    removed_devices: Option<&BTreeSet<String>>,
) -> Node {
    let mut inside: Vec<Node> = vec![el(Tag::H3).text("Status").into()];
    let line = |said: String| -> Node { el(Tag::P).text(said).into() };
    match &known.device_statuses {
        None => inside.push(line("Device statuses: reading…".to_owned())),
        Some(Err(why)) => inside.push(line(format!("Device statuses not known: {why}."))),
        Some(Ok(statuses)) => {
            inside.push(line(summed("Device statuses", statuses)));
            inside.extend(match removed_devices {
                _ if !changing => None,
                None => Some(line("Of the devices the change would remove: not known, as they were not read one by one.".to_owned())),
                Some(removed) if removed.is_empty() => {
                    Some(line("The change removes no device.".to_owned()))
                }
                Some(removed) => {
                    let names: BTreeSet<String> = names_of(known, removed).into_iter().collect();
                    let matched = of_removed(&statuses.read, &names);
                    let among = if statuses.complete { "" } else { " among the statuses read" };
                    Some(line(format!(
                        "Of the {} devices the change would remove, {} report a status{among} (matched by device name): {}.",
                        thousands(removed.len() as u64),
                        thousands(matched.len() as u64),
                        tally_words(&tally(matched.iter().map(|status| status.status.as_deref())))
                    )))
                }
            });
        }
    }
    match &known.user_statuses {
        None => inside.push(line("User statuses: reading…".to_owned())),
        Some(Err(why)) => inside.push(line(format!("User statuses not known: {why}."))),
        Some(Ok(statuses)) => inside.push(line(summed("User statuses", statuses))),
    }
    el(Tag::Section)
        .class("reach")
        .attr(Attr::AriaLabel, "Status")
        .children(inside)
        .into()
}

/// The regions for what is known of the form's `question`.
pub(super) fn render(answering: &Answering, question: &Question, shown: [usize; 4]) -> Vec<Node> {
    let known = &answering.known;
    let mut inside = progress_nodes(&answering.progress, known);
    let Some(change) = changes_known(known, question).into_iter().next() else {
        return region("Reach", inside);
    };
    if matches!(answering.progress, Progress::Settling | Progress::Counting) {
        return region("Reach", inside);
    }
    inside.push(reach_table(&change, question.changing).into());
    inside.extend(reasons(&change));
    inside.extend(failures(known));
    let lists = [
        (&change.users, "Users added", "Users removed"),
        (&change.devices, "Devices added", "Devices removed"),
    ];
    for (index, (difference, added_title, removed_title)) in lists.into_iter().enumerate() {
        if let Difference::Exact { added, removed } = difference {
            let row = index * 2;
            inside.extend(named_list(
                known,
                added,
                added_title,
                row as u32,
                shown[row],
            ));
            inside.extend(named_list(
                known,
                removed,
                removed_title,
                row as u32 + 1,
                shown[row + 1],
            ));
        }
    }
    let removed_devices = match &change.devices {
        Difference::Exact { removed, .. } => Some(removed),
        Difference::Unknown(_) => None,
    };
    let mut nodes = region("Reach", inside);
    nodes.push(status_region(known, question.changing, removed_devices));
    nodes
}

fn failures(known: &Known) -> impl Iterator<Item = Node> + '_ {
    known
        .check_failures
        .iter()
        .map(|why| -> Node { el(Tag::P).class("warning").text(format!("{why}.")).into() })
}

/// Who a run adds and takes away, summed over its configurations: "+N" exact where every
/// configuration's change is, otherwise what is known and how many are not.
pub(super) fn run_total(changes: &[Change], audience: Audience) -> (String, String) {
    let (mut added, mut removed, mut unknown) = (0u64, 0u64, 0usize);
    let mut why = None;
    for change in changes {
        let difference = match audience {
            Audience::Users => &change.users,
            Audience::Devices => &change.devices,
        };
        match difference {
            Difference::Exact {
                added: plus,
                removed: minus,
            } => {
                added += plus.len() as u64;
                removed += minus.len() as u64;
            }
            Difference::Unknown(reason) => {
                unknown += 1;
                why.get_or_insert_with(|| reason.clone());
            }
        }
    }
    let at_least = if unknown == 0 { "" } else { "at least " };
    let note = match (unknown, why) {
        (0, _) | (_, None) => "exact".to_owned(),
        (1, Some(why)) => format!("1 configuration not known: {why}"),
        (count, Some(why)) => format!("{count} configurations not known, the first because {why}"),
    };
    (
        format!(
            "{at_least}+{} / \u{2212}{}",
            thousands(added),
            thousands(removed)
        ),
        note,
    )
}

/// The region for Bulk's run: who it adds and takes away across its configurations.
pub(super) fn render_run(answering: &Answering, question: &Question) -> Vec<Node> {
    let known = &answering.known;
    let mut inside = progress_nodes(&answering.progress, known);
    if matches!(answering.progress, Progress::Settling | Progress::Counting) {
        return region("Reach of the run", inside);
    }
    let changes = changes_known(known, question);
    let header = el(Tag::Tr)
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Across the run"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Added / removed"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("How it is known"));
    let rows = AUDIENCES.map(|audience| {
        let (total, note) = run_total(&changes, audience);
        let word = match audience {
            Audience::Users => "Users",
            Audience::Devices => "Devices",
        };
        el(Tag::Tr)
            .child(el(Tag::Th).attr(Attr::Scope, "row").text(word))
            .child(el(Tag::Td).text(total))
            .child(el(Tag::Td).text(note))
    });
    inside.push(
        el(Tag::P)
            .class("note")
            .text(format!(
                "The selected changes touch {} configurations; each user or device is counted once for each profile it gains or loses.",
                thousands(question.sets.len() as u64)
            ))
            .into(),
    );
    inside.push(
        el(Tag::Table)
            .child(el(Tag::Caption).text("Who the run adds and takes away"))
            .child(el(Tag::Thead).child(header))
            .child(el(Tag::Tbody).children(rows))
            .into(),
    );
    for change in &changes {
        inside.extend(reasons(change));
    }
    inside.extend(failures(known));
    let mut said: Vec<Node> = Vec::new();
    for node in inside {
        if !said.contains(&node) {
            said.push(node);
        }
    }
    region("Reach of the run", said)
}
