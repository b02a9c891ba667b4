//! The Bulk view, run in the worker: find every assignment, narrow and select, choose one
//! change, preview it, and apply it through `$batch` paced by the model's scheduler, with
//! pause, resume and cancel, results and a CSV export. The run is journalled in the page's
//! localStorage (without the token) as it goes, so that a reload shows what landed and can
//! resume the rest. The page only forwards the clicks and edits of the view's controls (each
//! with its typed [`Control`], done by [`run`]) and carries out
//! the steps that come back.

mod apply;
mod assign_fallback;
mod find;
mod records;
pub mod rows;
mod snapshot_shelf;
mod snapshot_store;
mod snapshot_view;
mod snapshots;
mod undo;
mod undo_rows;
mod undo_view;
mod view;

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use graph_model::bulk::journal::{JOURNAL_VERSION, Journal, JournalRow, RowWrite};
use graph_model::bulk::rules::RowPlan;
use graph_model::bulk::scheduler::{Decision, Pace, Scheduler};
use graph_model::{ApiVersion, AssignmentPatch, ConfigurationId, GraphUrls, ServiceRoot};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::contract::protocol::{Post, Reply, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Attr, Control, Node, Part, Tag, el};
use crate::shared::clock::{now_iso, now_ms};
use crate::shared::draft::Draft;
use crate::shared::history::{HistoryEntry, to_har};
use crate::shared::response::reason_phrase;
use crate::worker::name_directory::{self, Directory};
use crate::worker::worker_events::{Event, Events, RunSet};
use apply::{Detail, Run};
use rows::{ChangeForm, Narrow, Row};
use view::RunView;

/// The Bulk view's state, as the worker's state holds it (see
/// [`crate::worker::workbench::Workbench`]).
#[derive(Default)]
pub struct Bulk {
    /// The draft the rows were found with: its environment names their ids.
    found_with: Draft,
    rows: Vec<Row>,
    narrow: Narrow,
    change: ChangeForm,
    /// The last preview: rows to change with their new target, and what was left out.
    plan: Vec<(usize, graph_model::AssignmentTarget)>,
    run: Option<Run>,
    /// A journal read at start whose run was interrupted.
    interrupted: Option<Journal>,
    /// The page's access token as of its latest message: every request of a run uses it, so a
    /// run that outlives a token goes on with the one sign-in renewed.
    page_token: String,
    /// True while the table waits to be written again with names that came.
    renaming: bool,
    /// The snapshots taken and the compare shown.
    snapshots: snapshot_shelf::Shelf,
    /// The snapshot a restore run puts back: once the run ends, it is compared again.
    after_run: Option<usize>,
    /// The undo of the ended run, once offered.
    undo: Option<undo_rows::Undo>,
}

/// What each job of the Bulk view works with: its state, the names its targets are written
/// with, where it tells its events, and where it posts to the page.
#[derive(Clone)]
pub struct Work {
    /// The view's state.
    pub bulk: Rc<RefCell<Bulk>>,
    /// The names known.
    pub directory: Rc<RefCell<Directory>>,
    /// Where the view tells the other features of a change.
    pub events: Events,
    /// Where it posts to the page.
    pub post: Post,
}

impl Work {
    fn with<T>(&self, change: impl FnOnce(&mut Bulk) -> T) -> T {
        change(&mut self.bulk.borrow_mut())
    }
}

impl Bulk {
    /// Shows `visit` every target found, so that their groups and filters get names.
    pub fn each_target(&self, visit: &mut dyn FnMut(&graph_model::AssignmentTarget)) {
        self.rows.iter().for_each(|row| visit(&row.target));
    }

    /// The page's access token changed (or was said again): the run's next requests use it.
    pub fn follow_token(&mut self, token: &str) {
        self.page_token = token.trim().to_owned();
    }
}

/// Names came: the table is written again, at most every half second.
pub fn names_arrived(work: &Work) {
    if work.with(|bulk| std::mem::replace(&mut bulk.renaming, true)) {
        return;
    }
    let work = work.clone();
    spawn_local(async move {
        sleep(Duration::from_millis(500)).await;
        work.with(|bulk| bulk.renaming = false);
        if work.with(|bulk| !bulk.rows.is_empty()) {
            write_table(&work);
        }
    });
}

/// A target in words, with the names known for the environment the rows came from.
fn words<'a>(
    bulk: &'a Bulk,
    directory: &'a Directory,
) -> impl Fn(&graph_model::AssignmentTarget) -> String + 'a {
    |target| name_directory::target_words_of(directory, &bulk.found_with, target)
}

fn send(work: &Work, steps: Steps) {
    (work.post)(respond(UPDATE_ID, steps.reply()));
}

/// The environment and version of a draft, or why there is none.
fn endpoint(draft: &Draft) -> Result<(ServiceRoot, ApiVersion), String> {
    draft
        .service_root()
        .map(|root| (root, draft.version))
        .map_err(|problem| problem.message)
}

/// Opens the view, with the journal of a run the page kept (empty: none).
pub fn open_view(journal: &str, work: &Work) -> Reply {
    open(journal, work);
    Steps::default().reply()
}

/// Does what the user did with the control `control` of the Bulk view (acting on the row
/// `row`, for [`Control::Select`]), whose value is now `value` (`true` or `false` for a
/// checkbox), with the page's `token` and `draft`.
pub fn run(
    control: Control,
    row: u32,
    value: String,
    token: &str,
    draft: Draft,
    work: Work,
) -> Reply {
    work.with(|bulk| bulk.follow_token(token));
    let token = token.trim().to_owned();
    let checked = value == "true";
    let narrow = |set: fn(&mut Narrow, String)| {
        work.with(|bulk| set(&mut bulk.narrow, value.clone()));
        write_table(&work);
    };
    let change =
        |set: fn(&mut ChangeForm, String)| work.with(|bulk| set(&mut bulk.change, value.clone()));
    match control {
        Control::SnippetLanguage
        | Control::CopySnippet
        | Control::ChooseGroup
        | Control::ChooseFilter
        | Control::ReplayEntry
        | Control::DeleteEntry
        | Control::AddAssignment
        | Control::RemoveAssignment
        | Control::ConfirmRemove
        | Control::KeepAssignment
        | Control::PrepareAssign
        | Control::ConfirmAssign
        | Control::CancelAssign
        | Control::ShowMoreReached
        | Control::UndoEntry
        | Control::UndoEntryAnyway => {
            return Reply::Unreadable(format!("{control:?} is not a control of the Bulk view"));
        }
        Control::TakeSnapshot => snapshots::take(&draft, token, &work),
        Control::LoadSnapshot => snapshots::load(&value, &work),
        Control::DownloadSnapshot => snapshots::download(row as usize, &work),
        Control::CompareWithTenant => {
            snapshots::compare_with_tenant(row as usize, &draft, token, &work)
        }
        Control::CompareWithNext => {
            snapshots::compare_with_next(row as usize, &draft, token, &work)
        }
        Control::ChooseDifference => snapshots::choose(row as usize, checked, &work),
        Control::ChooseAllDifferences => snapshots::choose_all(checked, &work),
        Control::Restore => snapshots::restore(&draft, &work),
        Control::UndoRun => undo::offer(token, &work),
        Control::UndoAnyway => undo::choose(row as usize, checked, &work),
        Control::ConfirmUndo => undo::confirm(&draft, &work),
        Control::Find => start_find(&draft, token, work.clone()),
        Control::NarrowKind => narrow(|narrow, value| narrow.kind = value),
        Control::NarrowId => narrow(|narrow, value| narrow.id = value),
        Control::NarrowText => narrow(|narrow, value| narrow.text = value),
        Control::Select => {
            work.with(|bulk| {
                if let Some(row) = bulk.rows.get_mut(row as usize) {
                    row.selected = checked;
                }
            });
            // The checkbox already shows the choice: only the count is written again.
            let count = work.with(|bulk| view::count(&bulk.rows, &shown(bulk)));
            send(&work, Steps::default().show(Part::BulkCount, [count]));
        }
        Control::SelectShown => {
            work.with(|bulk| {
                let shown = shown(bulk);
                for index in shown {
                    bulk.rows[index].selected = checked;
                }
            });
            write_table(&work);
        }
        Control::ChangeRule => change(|change, value| change.rule = value),
        Control::ChangeFrom => change(|change, value| change.from = value),
        Control::ChangeTo => change(|change, value| change.to = value),
        Control::ChangeFilterId => change(|change, value| change.filter_id = value),
        Control::ChangeFilterType => change(|change, value| change.filter_type = value),
        Control::PaceWrites => change(|change, value| change.pace_writes = value),
        Control::PaceSeconds => change(|change, value| change.pace_seconds = value),
        Control::Preview => preview(&draft, &work),
        Control::Apply => {
            start_run(&draft, None, &work);
        }
        Control::Pause => {
            work.with(|bulk| bulk.run.as_mut().map(|run| run.scheduler.pause()));
            write_run(&work);
        }
        Control::Resume => {
            work.with(|bulk| bulk.run.as_mut().map(|run| run.scheduler.resume()));
            pump(&work);
        }
        Control::Cancel => {
            work.with(|bulk| bulk.run.as_mut().map(|run| run.scheduler.cancel()));
            pump(&work);
        }
        Control::RetryFailed => retry_failed(&draft, &work),
        Control::ResumeJournal => resume_journal(draft, token, &work),
        Control::DiscardJournal => {
            work.with(|bulk| bulk.interrupted = None);
            send(
                &work,
                Steps::default()
                    .keep_journal(None)
                    .show(Part::BulkRun, None::<Node>),
            );
        }
        Control::ExportCsv => {
            if let Some(csv) = work.with(|bulk| {
                let directory = work.directory.borrow();
                let words = words(bulk, &directory);
                bulk.run.as_ref().map(|run| csv(run, &words))
            }) {
                send(
                    &work,
                    Steps::default().download("bulk-results.csv", "text/csv", &csv),
                );
            }
        }
        Control::ExportHar => {
            if let Some(har) = work.with(|bulk| bulk.run.as_ref().map(har)) {
                let mime = "application/json";
                send(
                    &work,
                    Steps::default().download("bulk-results.har", mime, &har),
                );
            }
        }
    }
    Steps::default().reply()
}

/// "Resume the rest" of an interrupted run: only where its rows were found, after reading
/// which of its changes already landed.
fn resume_journal(draft: Draft, token: String, work: &Work) {
    let journal = work.with(|bulk| bulk.interrupted.take());
    let (Some(journal), Ok((root, version))) = (journal, endpoint(&draft)) else {
        return;
    };
    if let Err(reason) = journal.may_write_to(&root.base_url()) {
        work.with(|bulk| bulk.interrupted = Some(journal));
        send(
            work,
            Steps::default().show(Part::BulkRun, [view::alert(&reason)]),
        );
        return;
    }
    let note = view::status("Checking which changes already landed…".into());
    send(work, Steps::default().show(Part::BulkRun, [note]));
    let work = work.clone();
    spawn_local(async move {
        let journal = find::landed(&root, version, &token, journal).await;
        start_run(&draft, Some(journal), &work);
    });
}

/// Writes the view, and offers to resume an interrupted run whose journal the page kept.
fn open(journal: &str, work: &Work) {
    let mut steps = Steps::default()
        .show(Part::Bulk, view::skeleton())
        .show(Part::BulkFind, view::find("", None));
    if !journal.is_empty() {
        match Journal::parse(journal) {
            Ok(journal) => {
                let landed = journal.rows.len() - journal.remaining().count();
                let said = format!(
                    "An interrupted run: {landed} of {} changes landed. ",
                    journal.rows.len()
                );
                let offer = el(Tag::P)
                    .attr(Attr::Role, "status")
                    .text(said)
                    .child(view::button(Control::ResumeJournal, "Resume the rest"))
                    .text(" ")
                    .child(view::button(Control::DiscardJournal, "Discard it"));
                steps = steps.show(Part::BulkRun, [offer]);
                work.with(|bulk| bulk.interrupted = Some(journal));
            }
            Err(reason) => {
                let said = format!("The saved run could not be read ({reason}) and was discarded.");
                let warning = el(Tag::P).class("warning").text(said);
                steps = steps.keep_journal(None).show(Part::BulkRun, [warning]);
            }
        }
    }
    send(work, steps);
    snapshots::bring_back(work);
}

fn shown(bulk: &Bulk) -> Vec<usize> {
    (0..bulk.rows.len())
        .filter(|&index| bulk.narrow.shows(&bulk.rows[index]))
        .collect()
}

fn write_table(work: &Work) {
    let (table, count) = work.with(|bulk| {
        let shown = shown(bulk);
        let count = view::count(&bulk.rows, &shown);
        (
            view::table(&bulk.rows, &shown, &words(bulk, &work.directory.borrow())),
            count,
        )
    });
    let steps = Steps::default().show(Part::BulkTable, table);
    send(work, steps.show(Part::BulkCount, [count]));
}

fn start_find(draft: &Draft, token: String, work: Work) {
    let (root, version) = match endpoint(draft) {
        Ok(found) => found,
        Err(reason) => {
            send(
                &work,
                Steps::default().show(Part::BulkFind, view::find(&reason, None)),
            );
            return;
        }
    };
    send(
        &work,
        Steps::default().show(
            Part::BulkFind,
            view::find("Reading the configurations…", None),
        ),
    );
    let draft = draft.clone();
    spawn_local(async move {
        let progress = |read: usize, of: usize| {
            let status = format!("Reading assignments: {read} of {of} configurations…");
            send(
                &work,
                Steps::default().show(Part::BulkFind, view::find(&status, Some((read, of)))),
            );
        };
        match find::find(&root, version, &token, progress).await {
            Ok(find::Found { rows, problems, .. }) => {
                let status = format!(
                    "{} assignments in {} configurations.{}",
                    rows.len(),
                    rows.iter()
                        .map(|row| row.configuration_id.as_str())
                        .collect::<std::collections::BTreeSet<_>>()
                        .len(),
                    problems
                        .iter()
                        .map(|problem| format!(" {problem}"))
                        .collect::<String>()
                );
                send(
                    &work,
                    Steps::default().show(Part::BulkFind, view::find(&status, None)),
                );
                show_found(&work, draft, rows);
            }
            Err(reason) => send(
                &work,
                Steps::default().show(Part::BulkFind, view::find(&reason, None)),
            ),
        }
    });
}

/// The rows found (by "Find assignments" or a snapshot's scan, with `draft`'s environment)
/// become the table, and their names are asked for.
fn show_found(work: &Work, draft: Draft, rows: Vec<Row>) {
    work.with(|bulk| {
        bulk.rows = rows;
        bulk.found_with = draft;
        bulk.plan.clear();
    });
    write_table(work);
    work.events.tell(Event::NamesWanted);
}

fn preview(draft: &Draft, work: &Work) {
    let form_target = AssignmentPatch::check(&draft.body, draft.version)
        .patch
        .map(|patch| patch.target);
    let shown = work.with(|bulk| {
        let change = match bulk.change.change(form_target) {
            Ok(change) => change,
            Err(reason) => {
                bulk.plan.clear();
                return vec![view::alert(&reason)];
            }
        };
        let selected: Vec<usize> = (0..bulk.rows.len())
            .filter(|&i| bulk.rows[i].selected)
            .collect();
        if selected.is_empty() {
            bulk.plan.clear();
            return vec![view::alert("Select the assignments to change first.")];
        }
        let (mut changed, mut unchanged, mut invalid) = (Vec::new(), 0, Vec::new());
        for index in selected {
            match change.plan(&bulk.rows[index].target) {
                RowPlan::Changed(target) => changed.push((index, target)),
                RowPlan::Unchanged => unchanged += 1,
                RowPlan::Invalid(reason) => invalid.push((index, reason)),
            }
        }
        let shown = view::plan(
            &bulk.rows,
            &changed,
            unchanged,
            &invalid,
            &words(bulk, &work.directory.borrow()),
        );
        bulk.plan = changed;
        shown
    });
    let sets = work.with(|bulk| run_sets(bulk));
    let mut shown = shown;
    if !sets.is_empty() {
        // Reach answers for the run shown here (see `crate::worker::reach_work`).
        shown.push(Node::Part(Part::BulkReach));
    }
    work.events
        .tell(Event::RunPreviewed(Box::new((draft.clone(), sets))));
    send(work, Steps::default().show(Part::BulkPlan, shown));
}

/// Each configuration the preview changes: its set as found, and with the planned targets.
fn run_sets(bulk: &Bulk) -> Vec<RunSet> {
    let mut configurations: Vec<&ConfigurationId> = Vec::new();
    for (index, _) in &bulk.plan {
        let configuration = &bulk.rows[*index].configuration_id;
        if !configurations.contains(&configuration) {
            configurations.push(configuration);
        }
    }
    configurations
        .into_iter()
        .map(|configuration| {
            let (mut before, mut after) = (Vec::new(), Vec::new());
            for (index, row) in bulk.rows.iter().enumerate() {
                if row.configuration_id != *configuration {
                    continue;
                }
                before.push(row.target.clone());
                let planned = bulk.plan.iter().find(|(at, _)| *at == index);
                after
                    .push(planned.map_or_else(|| row.target.clone(), |(_, target)| target.clone()));
            }
            (before, after)
        })
        .collect()
}

/// Starts a run of the preview (or of `journal`, resuming it), only where its rows were found:
/// against the environment the page points at now, which the token is for.
fn start_run(draft: &Draft, journal: Option<Journal>, work: &Work) -> bool {
    let (root, version) = match endpoint(draft) {
        Ok(found) => found,
        Err(reason) => {
            send(
                work,
                Steps::default().show(Part::BulkRun, [view::alert(&reason)]),
            );
            return false;
        }
    };
    let started = work.with(|bulk| {
        if bulk
            .run
            .as_ref()
            .is_some_and(|run| !run.scheduler.is_finished())
        {
            return Ok::<bool, String>(false);
        }
        let (writes, window_ms) = bulk.change.pace()?;
        let found_at = bulk.found_with.service_root().map(|found| found.base_url());
        let journal = journal.unwrap_or_else(|| Journal {
            version: JOURNAL_VERSION,
            started_ms: now_ms() as u64,
            service_root: found_at.unwrap_or_default(),
            rows: bulk
                .plan
                .iter()
                .map(|(index, target)| JournalRow {
                    configuration_id: bulk.rows[*index].configuration_id.clone(),
                    assignment_id: bulk.rows[*index].assignment_id.clone(),
                    target: target.clone(),
                    write: RowWrite::Patch,
                    before: Some(bulk.rows[*index].target.clone()),
                    outcome: None,
                })
                .collect(),
        });
        journal.may_write_to(&root.base_url())?;
        let pace = Pace::for_throttle(writes, window_ms);
        let mut scheduler = Scheduler::new(journal.rows.len(), pace, now_ms() as u64);
        for (index, row) in journal.rows.iter().enumerate() {
            if let Some(outcome) = row.outcome.as_ref().filter(|outcome| outcome.landed()) {
                scheduler.already_done(index, outcome.status);
            }
        }
        let details = vec![Detail::default(); journal.rows.len()];
        bulk.run = Some(Run {
            journal,
            scheduler,
            details,
            root,
            version,
            started_ms: now_ms(),
            started_at: now_iso(),
            wake_at: None,
            records_followed: false,
        });
        Ok(true)
    });
    match started {
        Ok(true) => {
            pump(work);
            true
        }
        Ok(false) => false,
        Err(reason) => {
            send(
                work,
                Steps::default().show(Part::BulkRun, [view::alert(&reason)]),
            );
            false
        }
    }
}

/// Sends the failed rows of the ended run again, in the same run: what landed stays done.
fn retry_failed(draft: &Draft, work: &Work) {
    let journal = work.with(|bulk| {
        let mut journal = bulk.run.as_ref()?.journal.clone();
        for row in &mut journal.rows {
            if row
                .outcome
                .as_ref()
                .is_some_and(|outcome| !outcome.landed())
            {
                row.outcome = None;
            }
        }
        Some(journal)
    });
    if let Some(journal) = journal {
        start_run(draft, Some(journal), work);
    }
}

/// Sends what the scheduler allows now, sets a wake-up for what must wait, and writes the run.
fn pump(work: &Work) {
    loop {
        let decision = work.with(|bulk| {
            let run = bulk.run.as_mut()?;
            Some((run.scheduler.next(now_ms() as u64), run.wake_at))
        });
        match decision {
            Some((Decision::Send { envelope, rows }, _)) => {
                let Some((root, version, token, items)) = work.with(|bulk| {
                    let run = bulk.run.as_mut()?;
                    Some((
                        run.root.clone(),
                        run.version,
                        bulk.page_token.clone(),
                        apply::items(&run.journal, &rows, &mut run.details),
                    ))
                }) else {
                    return;
                };
                let work = work.clone();
                spawn_local(async move {
                    let mut details = Vec::new();
                    let answer = apply::send(&root, version, &token, items, &mut details).await;
                    work.with(|bulk| {
                        if let Some(run) = bulk.run.as_mut() {
                            for (row, detail) in details {
                                if let Some(known) = run.details.get_mut(row) {
                                    let sent_with = std::mem::take(&mut known.client_request_id);
                                    *known = Detail {
                                        client_request_id: sent_with,
                                        ..detail
                                    };
                                }
                            }
                            run.scheduler.answered(envelope, now_ms() as u64, &answer);
                            apply::record(run);
                        }
                    });
                    pump(&work);
                });
            }
            Some((Decision::WaitUntil(at), wake_at)) => {
                if wake_at.is_none_or(|set| set > at) {
                    work.with(|bulk| bulk.run.as_mut().map(|run| run.wake_at = Some(at)));
                    let work = work.clone();
                    let wait = at.saturating_sub(now_ms() as u64);
                    spawn_local(async move {
                        sleep(Duration::from_millis(wait)).await;
                        work.with(|bulk| bulk.run.as_mut().map(|run| run.wake_at = None));
                        pump(&work);
                    });
                }
                break;
            }
            _ => break,
        }
    }
    write_run(work);
}

/// Writes the run's progress and results, and keeps (or, once it ended, drops) its journal.
fn write_run(work: &Work) {
    let written = work.with(|bulk| {
        let run = bulk.run.as_ref()?;
        let finished = run.scheduler.is_finished();
        let progress = run.scheduler.progress();
        let seconds = ((now_ms() - run.started_ms) / 1000.0).max(0.001);
        let results: Vec<[String; 7]> = run
            .journal
            .rows
            .iter()
            .zip(&run.details)
            .map(|(row, detail)| {
                let name = bulk
                    .rows
                    .iter()
                    .find(|known| known.assignment_id == row.assignment_id)
                    .map(|known| known.configuration_name.clone())
                    .unwrap_or_else(|| row.configuration_id.to_string());
                let status = row
                    .outcome
                    .as_ref()
                    .map(|outcome| outcome.status)
                    .or(Some(detail.status).filter(|status| *status > 0))
                    .map(|status| status.to_string())
                    .unwrap_or_default();
                let target = words(bulk, &work.directory.borrow())(&row.target);
                let target = match row.write {
                    RowWrite::Patch => target,
                    RowWrite::Create => format!("Made again: {target}"),
                    RowWrite::Delete => format!("Removed: {target}"),
                };
                [
                    name,
                    row.assignment_id.to_string(),
                    target,
                    status,
                    detail.request_id.clone(),
                    detail.message.clone(),
                    detail.recorded.clone(),
                ]
            })
            .collect();
        let shown = view::run(&RunView {
            progress,
            total: run.journal.rows.len(),
            rate: progress.done as f64 / seconds,
            seconds_left: run.scheduler.time_left_ms() / 1000,
            paused: run.scheduler.is_paused(),
            finished,
            results: &results,
        });
        let journal = Some(run.journal.to_text()).filter(|_| !finished);
        Some((shown, journal, finished))
    });
    if let Some((shown, journal, finished)) = written {
        send(
            work,
            Steps::default()
                .show(Part::BulkRun, shown)
                .keep_journal(journal),
        );
        if finished {
            snapshots::run_ended(work);
            records::follow(work);
        }
    }
}

/// The run's writes as a HAR document, one entry per row with its request and the answer's
/// status and `request-id` (never the token; the `$batch` envelopes are not kept).
fn har(run: &Run) -> String {
    let urls = GraphUrls::new(&run.root, run.version);
    let started = js_sys::Date::new(&(run.journal.started_ms as f64).into())
        .to_iso_string()
        .as_string()
        .unwrap_or_default();
    let entries: Vec<HistoryEntry> = run
        .journal
        .rows
        .iter()
        .zip(&run.details)
        .enumerate()
        .map(|(index, (row, detail))| {
            let body = AssignmentPatch {
                target: row.target.clone(),
            }
            .to_json_pretty();
            let status = row.outcome.as_ref().map(|outcome| outcome.status);
            let request_id = Some(detail.request_id.clone()).filter(|id| !id.is_empty());
            HistoryEntry {
                id: format!("bulk-{index}"),
                started: started.clone(),
                method: apply::write_of(row).0.to_owned(),
                url: match row.write {
                    RowWrite::Create => urls.assignments(&row.configuration_id),
                    _ => urls.assignment(&row.configuration_id, &row.assignment_id),
                },
                request_headers: vec![("Content-Type".to_owned(), "application/json".to_owned())],
                request_body: body.clone(),
                status,
                summary: status.map_or_else(
                    || "Not answered".to_owned(),
                    |status| format!("{status} {}", reason_phrase(status)),
                ),
                elapsed_ms: 0,
                size: 0,
                response_headers: request_id
                    .iter()
                    .map(|id| ("request-id".to_owned(), id.clone()))
                    .collect(),
                request_id,
                response_body: detail.message.clone(),
                draft: Draft {
                    configuration_id: row.configuration_id.to_string(),
                    assignment_id: row.assignment_id.to_string(),
                    body,
                    ..Draft::default()
                },
            }
        })
        .collect();
    to_har(&entries)
}

/// The run's results as CSV, each new target in `words` (never the token).
fn csv(run: &Run, words: view::Words<'_>) -> String {
    let quote = csv_field;
    let mut csv = "configuration,assignment,new target,status,request-id,error\n".to_owned();
    for (row, detail) in run.journal.rows.iter().zip(&run.details) {
        let status = row
            .outcome
            .as_ref()
            .map(|outcome| outcome.status.to_string())
            .unwrap_or_default();
        csv.push_str(&format!(
            "{},{},{},{},{},{}\n",
            quote(row.configuration_id.as_str()),
            quote(row.assignment_id.as_str()),
            quote(&words(&row.target)),
            quote(&status),
            quote(&detail.request_id),
            quote(&detail.message)
        ));
    }
    csv
}

/// One CSV field, quoted, and neutralised as OWASP advises against CSV injection: text that a
/// spreadsheet would read as a formula (a leading `=`, `+`, `-`, `@`, tab or carriage return:
/// tenant text such as group names and Graph's messages) gets a leading `'`, so it shows as
/// the text it is.
fn csv_field(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let text = text.replace('"', "\"\"");
    if formula {
        format!("\"'{text}\"")
    } else {
        format!("\"{text}\"")
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_and_never_formulas() {
        assert_eq!(csv_field("Sales \"A\""), "\"Sales \"\"A\"\"\"");
        assert_eq!(
            csv_field("=HYPERLINK(\"http://x\",\"y\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
        );
        for formula in ["+1", "-1+2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(csv_field(formula).starts_with("\"'"), "{formula:?}");
        }
        assert_eq!(csv_field("iOS pilot"), "\"iOS pilot\"");
        assert_eq!(csv_field(""), "\"\"");
    }
}
