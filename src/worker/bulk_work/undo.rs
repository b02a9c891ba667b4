//! "Undo this run": the ended run's journal keeps each row's target before the run; undo reads
//! what each changed row has now and gives back the target before only where it still has
//! what the run wrote. A row somebody changed since is shown and left alone unless the user
//! chooses it. The undo is itself a Bulk run (pace, journal, resume).

use std::collections::BTreeSet;

use graph_model::bulk::journal::{JOURNAL_VERSION, Journal, JournalRow, RowWrite};
use graph_model::request::CONFIGURATIONS_PATH;
use graph_model::snapshot::restore::{SinceRun, since_run};
use graph_model::{AssignmentTarget, IosLobAppProvisioningConfigurationAssignment as Assignment};
use yew::platform::spawn_local;

use crate::contract::protocol::Steps;
use crate::contract::view_tree::{Node, Part};
use crate::shared::batch_reads::{get_item, read_each};
use crate::shared::clock::now_ms;
use crate::shared::draft::Draft;
use crate::shared::flight::Flight;
use crate::shared::wording;
use crate::worker::bulk_work::undo_rows::{Undo, UndoRow};
use crate::worker::bulk_work::{Work, send, start_run, undo_view, view};

/// "Undo this run": reads what each row the run changed has now, then offers the undo.
pub fn offer(token: String, work: &Work) {
    let Some((journal, root, version)) = work.with(|bulk| {
        let run = bulk
            .run
            .as_ref()
            .filter(|run| run.scheduler.is_finished())?;
        Some((run.journal.clone(), run.root.clone(), run.version))
    }) else {
        return;
    };
    let changed: Vec<(JournalRow, AssignmentTarget)> = journal
        .rows
        .into_iter()
        .filter(|row| row.write == RowWrite::Patch)
        .filter(|row| row.outcome.as_ref().is_some_and(|outcome| outcome.landed()))
        .filter_map(|row| {
            let before = row.before.clone()?;
            Some((row, before))
        })
        .collect();
    let reading = view::status(format!(
        "Reading what the {} changed assignments have now…",
        changed.len()
    ));
    send(work, Steps::default().show(Part::BulkUndo, [reading]));
    let work = work.clone();
    spawn_local(async move {
        let items = changed
            .iter()
            .enumerate()
            .map(|(index, (row, _))| {
                let url = format!(
                    "{CONFIGURATIONS_PATH}/{}/assignments/{}",
                    row.configuration_id, row.assignment_id
                );
                get_item(index, url, &[])
            })
            .collect();
        let flight = Flight::default();
        let answers = read_each(&flight, &root, version, &token, items, &|_| {}).await;
        let answers = match answers {
            Ok(answers) => answers,
            Err(error) => {
                let said = format!(
                    "Not read, so nothing was undone: {}",
                    wording::error(&error)
                );
                send(
                    &work,
                    Steps::default().show(Part::BulkUndo, [view::alert(&said)]),
                );
                return;
            }
        };
        let rows = changed
            .into_iter()
            .zip(answers)
            .map(|((row, before), answer)| {
                let now = match answer.status {
                    200 => answer
                        .body
                        .and_then(|body| serde_json::from_value::<Assignment>(body).ok())
                        .map(|assignment| Some(assignment.target))
                        .ok_or_else(|| "its answer could not be read".to_owned()),
                    404 => Ok(None),
                    _ => Err(answer.message()),
                };
                let since = now.map(|now| since_run(&before, &row.target, now.as_ref()));
                UndoRow { row, before, since }
            })
            .collect();
        work.with(|bulk| {
            bulk.undo = Some(Undo {
                rows,
                anyway: BTreeSet::new(),
                service_root: journal.service_root.clone(),
            })
        });
        write(&work);
    });
}

/// Shows the undo offered.
pub fn write(work: &Work) {
    let shown: Vec<Node> = work.with(|bulk| {
        let directory = work.directory.borrow();
        let words = super::words(bulk, &directory);
        bulk.undo
            .as_ref()
            .map(|undo| undo_view::offer(undo, &words))
            .unwrap_or_default()
    });
    send(work, Steps::default().show(Part::BulkUndo, shown));
}

/// A row changed since, chosen to undo anyway or not (`row`: its place among the undo's rows).
pub fn choose(row: usize, chosen: bool, work: &Work) {
    work.with(|bulk| {
        if let Some(undo) = bulk.undo.as_mut() {
            if chosen {
                undo.anyway.insert(row);
            } else {
                undo.anyway.remove(&row);
            }
        }
    });
    write(work);
}

/// "Undo N changes": the rows chosen get their targets before, through a Bulk run.
pub fn confirm(draft: &Draft, work: &Work) {
    let Some(undo) = work.with(|bulk| bulk.undo.take()) else {
        return;
    };
    let rows = undo
        .written()
        .into_iter()
        .map(|index| {
            let undone = &undo.rows[index];
            JournalRow {
                configuration_id: undone.row.configuration_id.clone(),
                assignment_id: undone.row.assignment_id.clone(),
                target: undone.before.clone(),
                write: RowWrite::Patch,
                before: match &undone.since {
                    Ok(SinceRun::ChangedSince(Some(now))) => Some(now.clone()),
                    _ => Some(undone.row.target.clone()),
                },
                outcome: None,
            }
        })
        .collect::<Vec<_>>();
    if rows.is_empty() {
        return;
    }
    let journal = Journal {
        version: JOURNAL_VERSION,
        started_ms: now_ms() as u64,
        service_root: undo.service_root.clone(),
        rows,
    };
    send(work, Steps::default().show(Part::BulkUndo, None::<Node>));
    start_run(draft, Some(journal), work);
}
