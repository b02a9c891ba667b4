//! Reach: who the chosen configuration's whole set reaches now, who it would reach after the
//! form's target is sent, and whom the change adds and takes away, with the configuration's
//! install statuses beside it. It follows the form: each new question waits a moment
//! ([`SETTLE`]), cancels the one before, and reads what it needs in the background (see
//! [`read`]), so typing and Send never wait for it. It reads the directory only while names are
//! looked up (sign-in then asks for the permissions it needs).

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use graph_model::reach::plan::Source;
use graph_model::reach::status::{DeviceStatus, UserStatus};
use graph_model::reach::{Audience, Change};
use graph_model::whole_set::with_target_replaced;
use graph_model::{
    ApiVersion, AssignmentId, AssignmentPatch, AssignmentTarget,
    IosLobAppProvisioningConfigurationAssignment as Assignment, ServiceRoot,
};
use yew::platform::spawn_local;

use crate::contract::protocol::{Post, Reply, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Control, Node, Part};
use crate::shared::draft::Draft;
use crate::shared::flight::Flight;
use crate::worker::name_directory::Directory;
use crate::worker::pick_list::Listing;

pub mod read;
mod view;

#[cfg(test)]
mod tests;

/// How long the form must stay still before Reach reads.
pub const SETTLE: Duration = Duration::from_millis(350);

/// How many names of those added or removed are shown at first, and how many more each
/// "Show more" adds.
pub const NAMES_SHOWN: usize = 20;

/// How long what Reach read of the directory is used again for the next questions.
pub const REMEMBERED_FOR_MS: f64 = 5.0 * 60.0 * 1000.0;

/// The controls this region answers.
pub const CONTROLS: [Control; 1] = [Control::ShowMoreReached];

/// What Reach is asked: sets as they are and as they would be, and where to read.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// Where Graph is.
    pub root: ServiceRoot,
    /// The version the page sends to.
    pub version: ApiVersion,
    /// The token to read with.
    pub token: String,
    /// The configuration whose statuses are read too (the form's; none for Bulk's run).
    pub statuses_of: Option<String>,
    /// Each configuration's set now and after the change.
    pub sets: Vec<(Vec<AssignmentTarget>, Vec<AssignmentTarget>)>,
    /// Whether there is a change (the form may send none to this set yet).
    pub changing: bool,
}

/// How far the reads are.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Progress {
    /// Waiting for the form to settle.
    #[default]
    Settling,
    /// Counting each group's members.
    Counting,
    /// Reading one source's members: its name, read so far, of how many.
    Reading(String, u64, u64),
    /// Checking which excluded members are in a group too large to read: its name, checked so
    /// far, of how many.
    Checking(String, u64, u64),
    /// Every read done.
    Done,
    /// The reads stopped, and why.
    Failed(String),
}

/// What is known so far for the question being answered.
#[derive(Debug, Default)]
pub struct Known {
    /// Each source's member count, or why it is not known.
    pub counts: Vec<((Source, Audience), Result<u64, String>)>,
    /// Each source's members, read one by one (id, name), complete or not.
    pub members: Vec<((Source, Audience), read::MemberList)>,
    /// Which excluded members were checked for membership in a group too large to read.
    pub checks: Vec<(
        (graph_model::GroupId, Audience),
        graph_model::reach::Checked,
    )>,
    /// Why a check could not be made, for each that failed.
    pub check_failures: Vec<String>,
    /// The requests and bytes that Reach itself took, once done (the statuses come after).
    pub reach_cost: Option<(u64, u64)>,
    /// How many counts, member lists and checks were taken from earlier reads.
    pub remembered: usize,
    /// How many requests were sent.
    pub requests: u64,
    /// Bytes of the answers.
    pub bytes: u64,
    /// The device statuses, or why they are not known (`None`: not read yet).
    pub device_statuses: Option<Result<read::Statuses<DeviceStatus>, String>>,
    /// The user statuses, or why they are not known.
    pub user_statuses: Option<Result<read::Statuses<UserStatus>, String>>,
}

/// One question being answered and what is known of it: the form's, or Bulk's run.
#[derive(Default)]
pub struct Answering {
    /// The question answered now.
    question: Option<Question>,
    /// How far the reads are.
    pub progress: Progress,
    /// What they found.
    pub known: Known,
    /// The reads in flight.
    flight: Option<Rc<Flight>>,
    /// What the region said last, so that it is sent only when it changes.
    said: Option<Vec<Node>>,
}

/// What Reach shows between questions, as the worker's state keeps it.
#[derive(Default)]
pub struct Reach {
    /// Whether the directory may be read (names are looked up).
    wanted: bool,
    /// The token the page holds.
    token: String,
    /// The form's question: the chosen configuration.
    form: Answering,
    /// Bulk's question: the configurations its preview changes.
    bulk: Answering,
    /// How many names each list of those added and removed shows (users added, users removed,
    /// devices added, devices removed).
    shown: [usize; 4],
    /// What was read of the directory lately, used again by the next questions.
    remembered: Remembered,
}

/// Counts, complete member lists and checks read lately from one service with one token.
#[derive(Default)]
pub struct Remembered {
    /// The service and token they were read with.
    from: Option<(String, String)>,
    /// When the oldest of them was read (ms since the epoch).
    since_ms: f64,
    /// What they are.
    known: Known,
}

impl Remembered {
    /// What is remembered for a question to `root` with `token`, forgetting it all when it is
    /// for another service or token or older than [`REMEMBERED_FOR_MS`].
    fn for_question(&mut self, question: &Question, now_ms: f64) -> Known {
        let from = (question.root.base_url(), question.token.clone());
        if self.from.as_ref() != Some(&from) || now_ms - self.since_ms > REMEMBERED_FOR_MS {
            *self = Remembered {
                from: Some(from),
                since_ms: now_ms,
                known: Known::default(),
            };
        }
        let known = &self.known;
        Known {
            counts: known.counts.clone(),
            members: known.members.clone(),
            checks: known.checks.clone(),
            remembered: known.counts.len() + known.members.len() + known.checks.len(),
            ..Known::default()
        }
    }

    /// Keeps what `known` read that can be used again: the counts read, the member lists read
    /// to the end, the checks.
    fn learn(&mut self, known: &Known) {
        for (key, count) in &known.counts {
            if count.is_ok() && !self.known.counts.iter().any(|(at, _)| at == key) {
                self.known.counts.push((key.clone(), count.clone()));
            }
        }
        for (key, list) in &known.members {
            if list.cut_short.is_none() && !self.known.members.iter().any(|(at, _)| at == key) {
                self.known.members.push((key.clone(), list.clone()));
            }
        }
        for (key, checked) in &known.checks {
            self.known.checks.retain(|(at, _)| at != key);
            self.known.checks.push((key.clone(), checked.clone()));
        }
    }
}

/// Which question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Slot {
    Form,
    Bulk,
}

impl Reach {
    fn slot(&mut self, slot: Slot) -> &mut Answering {
        match slot {
            Slot::Form => &mut self.form,
            Slot::Bulk => &mut self.bulk,
        }
    }

    /// The answer in progress for `question`, if it is still asked.
    fn answering(&mut self, question: &Question) -> Option<&mut Answering> {
        [&mut self.form, &mut self.bulk]
            .into_iter()
            .find(|answering| answering.question.as_ref() == Some(question))
    }
}

/// What each job of Reach works with.
#[derive(Clone)]
pub struct Work {
    /// Reach's state.
    pub reach: Rc<RefCell<Reach>>,
    /// The names known, for the groups whose members are read.
    pub directory: Rc<RefCell<Directory>>,
    /// Where it posts to the page.
    pub post: Post,
}

/// What the region is written from: the page's draft and the assignments the lists hold.
pub struct Shown<'a> {
    /// The page's draft (`None` until it says).
    pub draft: Option<&'a Draft>,
    /// The configuration whose assignments are listed.
    pub configuration_id: &'a str,
    /// Its assignments.
    pub assignments: &'a Listing<Assignment>,
}

/// The page said its token and whether names are looked up.
pub fn asked(reach: &RefCell<Reach>, token: &str, look_up: bool) {
    let mut reach = reach.borrow_mut();
    reach.token = token.trim().to_owned();
    reach.wanted = look_up;
}

/// Why no question can be asked yet, or the question.
fn question(reach: &Reach, shown: &Shown) -> Result<Question, &'static str> {
    let draft = shown.draft.ok_or("")?;
    if !reach.wanted {
        return Err(view::OFF);
    }
    if reach.token.is_empty() {
        return Err(view::NO_TOKEN);
    }
    let chosen = draft.configuration_id.trim();
    let Listing::Loaded(listed) = shown.assignments else {
        return Err(view::PICK);
    };
    if chosen.is_empty() || !shown.configuration_id.eq_ignore_ascii_case(chosen) {
        return Err(view::PICK);
    }
    let root = draft.service_root().map_err(|_| view::NO_ROOT)?;
    let before: Vec<AssignmentTarget> = listed.iter().map(|one| one.target.clone()).collect();
    let target = AssignmentPatch::check(&draft.body, draft.version)
        .patch
        .map(|patch| patch.target);
    let replaced = AssignmentId::parse(draft.assignment_id.trim()).ok();
    let after = target
        .zip(replaced)
        .and_then(|(target, replaced)| with_target_replaced(listed, &replaced, &target));
    Ok(Question {
        root,
        version: draft.version,
        token: reach.token.clone(),
        statuses_of: Some(chosen.to_owned()),
        changing: after.is_some(),
        sets: vec![(before.clone(), after.unwrap_or(before))],
    })
}

/// Follows what the page shows: a new question cancels the one before and is read after the
/// form settles; the same question changes nothing.
pub fn follow(work: &Work, shown: &Shown) {
    let asked = question(&work.reach.borrow(), shown);
    ask(work, Slot::Form, asked);
}

/// Bulk's preview changes these configurations' sets (each now and after), read from `draft`'s
/// service: Reach sums who the run adds and takes away, reading each group once.
pub fn follow_run(
    work: &Work,
    draft: &Draft,
    sets: Vec<(Vec<AssignmentTarget>, Vec<AssignmentTarget>)>,
) {
    let asked = {
        let reach = work.reach.borrow();
        if !reach.wanted {
            Err(view::OFF)
        } else if reach.token.is_empty() {
            Err(view::NO_TOKEN)
        } else if sets.is_empty() {
            Err("")
        } else {
            draft
                .service_root()
                .map_err(|_| view::NO_ROOT)
                .map(|root| Question {
                    root,
                    version: draft.version,
                    token: reach.token.clone(),
                    statuses_of: None,
                    changing: true,
                    sets,
                })
        }
    };
    ask(work, Slot::Bulk, asked);
}

/// Asks `asked` in `slot`: a new question cancels the one before it there.
fn ask(work: &Work, slot: Slot, asked: Result<Question, &'static str>) {
    let question = match asked {
        Ok(question) => question,
        Err(why) => {
            let mut reach = work.reach.borrow_mut();
            let answering = reach.slot(slot);
            if let Some(flight) = answering.flight.take() {
                flight.cancel();
            }
            answering.question = None;
            drop(reach);
            write_nodes(work, slot, view::note(slot_title(slot), why));
            return;
        }
    };
    {
        let mut reach = work.reach.borrow_mut();
        if slot == Slot::Form {
            if reach.form.question.as_ref() == Some(&question) {
                drop(reach);
                write(work, slot);
                return;
            }
            reach.shown = [NAMES_SHOWN; 4];
        }
        let known = reach
            .remembered
            .for_question(&question, crate::shared::clock::now_ms());
        let answering = reach.slot(slot);
        if let Some(flight) = answering.flight.take() {
            flight.cancel();
        }
        let flight = Rc::new(Flight::default());
        *answering = Answering {
            question: Some(question.clone()),
            flight: Some(flight.clone()),
            known,
            ..Answering::default()
        };
        drop(reach);
        let work = work.clone();
        spawn_local(async move {
            if flight.wait(SETTLE).await {
                // A cancelled answer has nothing more to say: a newer question took its place.
                let _cancelled = read::answer(&work, &question, &flight).await;
            }
        });
    }
    write(work, slot);
}

/// The region's title in each slot.
fn slot_title(slot: Slot) -> &'static str {
    match slot {
        Slot::Form => "Reach",
        Slot::Bulk => "Reach of the run",
    }
}

/// A control of the region was used.
pub fn control(work: &Work, control: Control, row: u32) -> Reply {
    if control == Control::ShowMoreReached
        && let Some(shown) = work.reach.borrow_mut().shown.get_mut(row as usize)
    {
        *shown += NAMES_SHOWN;
    }
    write(work, Slot::Form);
    Steps::default().reply()
}

/// What the reads found for each set of the question, as the rules answer it.
pub fn changes_known(known: &Known, question: &Question) -> Vec<Change> {
    let directory = read::KnownDirectory(known);
    question
        .sets
        .iter()
        .map(|(before, after)| graph_model::reach::change(before, after, &directory))
        .collect()
}

/// Writes the region of `slot` for what is known now.
fn write(work: &Work, slot: Slot) {
    let nodes = {
        let mut reach = work.reach.borrow_mut();
        let shown = reach.shown;
        let answering = reach.slot(slot);
        let Some(question) = &answering.question else {
            return;
        };
        match slot {
            Slot::Form => view::render(answering, question, shown),
            Slot::Bulk => view::render_run(answering, question),
        }
    };
    write_nodes(work, slot, nodes);
}

fn write_nodes(work: &Work, slot: Slot, nodes: Vec<Node>) {
    {
        let mut reach = work.reach.borrow_mut();
        let answering = reach.slot(slot);
        if answering.said.as_ref() == Some(&nodes) {
            return;
        }
        answering.said = Some(nodes.clone());
    }
    let part = match slot {
        Slot::Form => Part::Reach,
        Slot::Bulk => Part::BulkReach,
    };
    (work.post)(respond(
        UPDATE_ID,
        Steps::default().show(part, nodes).reply(),
    ));
}

/// Keeps what a read found, if its question is still asked, and writes its region.
pub(crate) fn found(work: &Work, question: &Question, keep: impl FnOnce(&mut Answering)) {
    let slot = {
        let mut reach = work.reach.borrow_mut();
        let slot = if reach.form.question.as_ref() == Some(question) {
            Slot::Form
        } else {
            Slot::Bulk
        };
        let Some(answering) = reach.answering(question) else {
            return;
        };
        keep(answering);
        slot
    };
    write(work, slot);
}

/// Remembers what the answer to `question` read, for the next questions.
pub(crate) fn remember(work: &Work, question: &Question) {
    let mut reach = work.reach.borrow_mut();
    let Reach {
        form,
        bulk,
        remembered,
        ..
    } = &mut *reach;
    if let Some(answering) = [form, bulk]
        .into_iter()
        .find(|answering| answering.question.as_ref() == Some(question))
    {
        remembered.learn(&answering.known);
    }
}

/// What `look` sees of the answer in progress for `question` (`None`: no longer asked).
pub(crate) fn seen<T>(
    work: &Work,
    question: &Question,
    look: impl FnOnce(&Answering) -> T,
) -> Option<T> {
    let mut reach = work.reach.borrow_mut();
    reach.answering(question).map(|answering| look(answering))
}
