//! Snapshots in the Bulk view: "Take snapshot" reads every configuration's assignment set
//! (the same `$batch` reading as "Find assignments") into a [`Snapshot`]; each can be
//! downloaded, compared with the tenant now or with the one before it, and the differences
//! chosen can be put back with "Restore" through the Bulk run (its pace, journal and
//! resume), after which the page compares again. Snapshots are kept for the session, a few
//! at a time (never a token).

use std::collections::{BTreeMap, BTreeSet};

use graph_model::ConfigurationId;
use graph_model::bulk::journal::{JOURNAL_VERSION, Journal, JournalRow, RowWrite};
use graph_model::snapshot::compare::{Presence, compare};
use graph_model::snapshot::restore::{RestoreWrite, restore_plan};
use graph_model::snapshot::{ConfigurationSet, Sets, Snapshot, SnapshotAssignment};
use graph_model::target_names::{Lookup, NameCache};
use yew::platform::spawn_local;

use crate::contract::protocol::Steps;
use crate::contract::view_tree::Part;
use crate::shared::clock::{now_iso, now_ms};
use crate::shared::draft::Draft;
use crate::worker::bulk_work::find::{self, Found};
use crate::worker::bulk_work::snapshot_shelf::{Compared, KEPT};
use crate::worker::bulk_work::{
    Work, assign_fallback, endpoint, send, snapshot_store, snapshot_view, start_run,
};

/// What a compare does once its newer side is read.
#[derive(Clone, Copy)]
enum Against {
    /// The tenant now.
    Tenant,
    /// The snapshot after the older one.
    Next,
}

/// A snapshot of what `find` read, started at `taken_at`.
fn snapshot_of(found: Found, taken_at: &str, base_url: &str) -> Snapshot {
    let mut sets: BTreeMap<ConfigurationId, ConfigurationSet> = found
        .configurations
        .into_iter()
        .map(|(id, display_name)| {
            let set = ConfigurationSet {
                id: id.clone(),
                display_name,
                assignments: Vec::new(),
            };
            (id, set)
        })
        .collect();
    for row in found.rows {
        if let Some(set) = sets.get_mut(&row.configuration_id) {
            set.assignments.push(SnapshotAssignment {
                id: row.assignment_id,
                target: row.target,
            });
        }
    }
    Snapshot::new(
        taken_at,
        base_url,
        sets.into_values().collect(),
        found.problems,
        BTreeMap::new(),
    )
}

/// The names known for a snapshot's targets: the worker's own (where it was read), and those it
/// carries for the rest.
pub fn names_for(work: &Work, snapshot: &Snapshot) -> NameCache {
    let directory = work.directory.borrow();
    let mut names = if directory.base.trim_end_matches('/') == snapshot.service_root {
        directory.names.clone()
    } else {
        NameCache::default()
    };
    for (id, name) in &snapshot.names {
        if !matches!(names.get(id), Some(Lookup::Found(_))) {
            names.record(id, Lookup::Found(name.clone()));
        }
    }
    names
}

/// Shows the snapshots and the compare as they stand.
pub fn write(work: &Work) {
    let shown = work.with(|bulk| snapshot_view::shelf(&bulk.snapshots));
    let compared = work.with(|bulk| {
        bulk.snapshots.compared.as_ref().map(|compared| {
            let names = names_for(work, &compared.newer);
            snapshot_view::compared(compared, &names)
        })
    });
    send(
        work,
        Steps::default()
            .show(Part::Snapshots, shown)
            .show(Part::SnapshotCompare, compared.unwrap_or_default()),
    );
}

/// Reads the tenant into a snapshot, then does `then` with it; the rows found also fill the
/// table, as "Find assignments" would.
fn scan(draft: &Draft, token: String, work: &Work, then: impl FnOnce(&Work, Snapshot) + 'static) {
    let (root, version) = match endpoint(draft) {
        Ok(found) => found,
        Err(reason) => {
            work.with(|bulk| bulk.snapshots.said = reason);
            write(work);
            return;
        }
    };
    if work.with(|bulk| std::mem::replace(&mut bulk.snapshots.scanning, true)) {
        return;
    }
    work.with(|bulk| bulk.snapshots.said = "Reading every configuration's assignments…".into());
    write(work);
    let (work, draft) = (work.clone(), draft.clone());
    spawn_local(async move {
        let taken_at = now_iso();
        let progress = |read: usize, of: usize| {
            work.with(|bulk| {
                bulk.snapshots.said = format!("Reading assignments: {read} of {of} configurations…")
            });
            write(&work);
        };
        let found = find::find(&root, version, &token, progress).await;
        work.with(|bulk| bulk.snapshots.scanning = false);
        match found {
            Ok(found) => {
                let rows = found.rows.clone();
                let snapshot = snapshot_of(found, &taken_at, &root.base_url());
                work.with(|bulk| bulk.snapshots.said.clear());
                super::show_found(&work, draft, rows);
                then(&work, snapshot);
            }
            Err(reason) => {
                work.with(|bulk| bulk.snapshots.said = format!("Not read: {reason}"));
            }
        }
        write(&work);
    });
}

/// "Take snapshot".
pub fn take(draft: &Draft, token: String, work: &Work) {
    scan(draft, token, work, |work, snapshot| {
        let snapshot = with_names(work, snapshot);
        shelve(work, snapshot);
    });
}

/// Puts `snapshot` on the shelf and keeps it in the browser; the oldest goes past [`KEPT`],
/// with a notice, from both.
fn shelve(work: &Work, snapshot: Snapshot) {
    let kept = snapshot.clone();
    let dropped = work.with(|bulk| {
        let dropped = bulk.snapshots.shelve(snapshot)?;
        let said = &mut bulk.snapshots.said;
        *said = format!(
            "{said} The oldest snapshot (taken {}) was dropped: the page keeps {KEPT}. Download the ones to keep.",
            dropped.taken_at
        )
        .trim_start()
        .to_owned();
        Some(snapshot_store::key(&dropped))
    });
    let work = work.clone();
    spawn_local(async move {
        let mut stored = snapshot_store::keep(&kept).await;
        if let (Ok(()), Some(dropped)) = (&stored, dropped) {
            stored = snapshot_store::forget(&dropped).await;
        }
        if let Err(reason) = stored {
            work.with(|bulk| {
                let said = &mut bulk.snapshots.said;
                said.push_str(&format!(" Not kept for later visits: {reason}."));
            });
            write(&work);
        }
    });
}

/// "Load snapshot file": the text of the file chosen (empty: the browser could not read it),
/// read strictly; a file refused changes nothing and says where it is wrong.
pub fn load(text: &str, work: &Work) {
    let said = if text.is_empty() {
        "The file was not loaded: it is empty, or the browser could not read it.".to_owned()
    } else {
        match Snapshot::parse(text) {
            Ok(snapshot) => {
                let said = format!(
                    "Loaded from the file: {}.",
                    snapshot_view::described(&snapshot)
                );
                work.with(|bulk| bulk.snapshots.said = said);
                shelve(work, snapshot);
                return write(work);
            }
            Err(refused) => format!("The file was refused whole, nothing was loaded: {refused}"),
        }
    };
    work.with(|bulk| bulk.snapshots.said = said);
    write(work);
}

/// The view opened: the snapshots kept in this browser on earlier visits come back on the
/// shelf.
pub fn bring_back(work: &Work) {
    let work = work.clone();
    spawn_local(async move {
        let said = match snapshot_store::kept().await {
            Ok(kept) => {
                let back = work.with(|bulk| {
                    let shelf = &mut bulk.snapshots;
                    let before = shelf.taken.len();
                    let mut dropped = Vec::new();
                    for snapshot in kept.snapshots {
                        dropped.extend(shelf.shelve(snapshot));
                    }
                    (shelf.taken.len() - before, dropped)
                });
                for dropped in &back.1 {
                    let _ = snapshot_store::forget(&snapshot_store::key(dropped)).await;
                }
                let mut said = match back.0 {
                    0 => String::new(),
                    1 => "1 snapshot kept in this browser from an earlier visit.".to_owned(),
                    count => format!("{count} snapshots kept in this browser from earlier visits."),
                };
                if kept.unreadable > 0 {
                    said.push_str(&format!(
                        " {} kept snapshot(s) no longer read as a snapshot and were dropped.",
                        kept.unreadable
                    ));
                }
                said
            }
            Err(reason) => format!("Snapshots of earlier visits could not be read: {reason}."),
        };
        if !said.is_empty() {
            work.with(|bulk| bulk.snapshots.said = said.trim().to_owned());
        }
        write(&work);
    });
}

/// `snapshot` carrying the names known now of the groups and filters its targets name.
fn with_names(work: &Work, mut snapshot: Snapshot) -> Snapshot {
    let names = names_for(work, &snapshot);
    let mut known = BTreeMap::new();
    for configuration in &snapshot.configurations {
        for assignment in &configuration.assignments {
            for id in graph_model::snapshot::named_ids(&assignment.target) {
                if let Some(Lookup::Found(name)) = names.get(&id) {
                    known.insert(id, name.clone());
                }
            }
        }
    }
    snapshot.names = known;
    snapshot
}

/// "Download" of the snapshot at `index`, with the names known now.
pub fn download(index: usize, work: &Work) {
    let Some(snapshot) = work.with(|bulk| bulk.snapshots.taken.get(index).cloned()) else {
        return;
    };
    let snapshot = with_names(work, snapshot);
    let name = format!(
        "assignments-snapshot-{}.json",
        snapshot.taken_at.replace(':', "-")
    );
    send(
        work,
        Steps::default().download(&name, "application/json", &snapshot.to_text()),
    );
}

/// "Compare with the tenant now" for the snapshot at `index`.
pub fn compare_with_tenant(index: usize, draft: &Draft, token: String, work: &Work) {
    compare_against(index, Against::Tenant, draft, token, work);
}

/// "Compare with the next snapshot" for the snapshot at `index`.
pub fn compare_with_next(index: usize, draft: &Draft, token: String, work: &Work) {
    compare_against(index, Against::Next, draft, token, work);
}

fn compare_against(index: usize, against: Against, draft: &Draft, token: String, work: &Work) {
    let show = move |work: &Work, newer: Snapshot, with_tenant: bool| {
        work.with(|bulk| {
            let Some(older) = bulk.snapshots.taken.get(index) else {
                return;
            };
            let started = now_ms();
            let found = compare(older, &newer).map_err(|refused| refused.to_string());
            let took = now_ms() - started;
            bulk.snapshots.said = format!("Compared in {took:.0} ms.");
            let older_taken = older.taken_at.clone();
            bulk.snapshots.compared = Some(Compared {
                older: index,
                older_taken,
                newer,
                with_tenant,
                found,
                chosen: BTreeSet::new(),
            });
        });
    };
    match against {
        Against::Tenant => scan(draft, token, work, move |work, now| show(work, now, true)),
        Against::Next => {
            let Some(next) = work.with(|bulk| bulk.snapshots.taken.get(index + 1).cloned()) else {
                return;
            };
            show(work, next, false);
            write(work);
        }
    }
}

/// A difference of the compare shown chosen or not (`row`: its place in the list).
pub fn choose(row: usize, chosen: bool, work: &Work) {
    work.with(|bulk| {
        let Some(compared) = bulk.snapshots.compared.as_mut() else {
            return;
        };
        let Some(key) = compared
            .listed()
            .get(row)
            .map(|(configuration, assignment)| {
                (configuration.configuration.clone(), (*assignment).clone())
            })
        else {
            return;
        };
        if chosen {
            compared.chosen.insert(key);
        } else {
            compared.chosen.remove(&key);
        }
    });
    write(work);
}

/// "Choose every difference" (or, unchecked, none) of the compare shown.
pub fn choose_all(chosen: bool, work: &Work) {
    work.with(|bulk| {
        let Some(compared) = bulk.snapshots.compared.as_mut() else {
            return;
        };
        let every: BTreeSet<_> = compared
            .listed()
            .into_iter()
            .filter(|(configuration, _)| configuration.presence != Presence::OlderOnly)
            .map(|(configuration, assignment)| {
                (configuration.configuration.clone(), assignment.clone())
            })
            .collect();
        compared.chosen = if chosen { every } else { BTreeSet::new() };
    });
    write(work);
}

/// "Restore": the chosen differences put back through the Bulk run; once it ends, the page
/// compares again.
pub fn restore(draft: &Draft, work: &Work) {
    let planned = work.with(|bulk| {
        let compared = bulk.snapshots.compared.as_ref()?;
        let found = compared.found.as_ref().ok()?;
        let (writes, left_out) = restore_plan(found, |configuration, assignment| {
            compared
                .chosen
                .contains(&(configuration.clone(), assignment.clone()))
        });
        let now = compared.newer.sets();
        let rows = writes
            .into_iter()
            .map(|write| journal_row(write, &now))
            .collect::<Vec<_>>();
        Some((
            rows,
            left_out,
            compared.older,
            compared.newer.service_root.clone(),
        ))
    });
    let Some((rows, left_out, older, service_root)) = planned else {
        return;
    };
    work.with(|bulk| {
        bulk.snapshots.said = left_out.join(" ");
        bulk.snapshots.assigned.clear();
    });
    if !rows.is_empty() {
        let journal = Journal {
            version: JOURNAL_VERSION,
            started_ms: now_ms() as u64,
            service_root,
            rows,
        };
        if start_run(draft, Some(journal), work) {
            work.with(|bulk| bulk.after_run = Some(older));
        }
    }
    write(work);
}

/// The journal row of one write of a restore (a removal keeps the target it takes away).
fn journal_row(write: RestoreWrite, now: &Sets) -> JournalRow {
    let (configuration_id, assignment_id, target, write) = match write {
        RestoreWrite::Delete {
            configuration,
            assignment,
            target,
        } => (configuration, assignment, target, RowWrite::Delete),
        RestoreWrite::Patch {
            configuration,
            assignment,
            target,
        } => (configuration, assignment, target, RowWrite::Patch),
        RestoreWrite::Create {
            configuration,
            was,
            target,
        } => (configuration, was, target, RowWrite::Create),
    };
    let before = now
        .get(&configuration_id)
        .and_then(|set| set.get(&assignment_id))
        .cloned();
    JournalRow {
        configuration_id,
        assignment_id,
        target,
        write,
        before,
        outcome: None,
    }
}

/// A run ended: if it was a restore, its writes whose routes Intune does not serve are made
/// through `/assign` instead, then the page compares again with the tenant to show what
/// still differs.
pub fn run_ended(work: &Work) {
    let again = work.with(|bulk| {
        let older = bulk.after_run.take()?;
        let run = bulk.run.as_ref()?;
        let unserved = assign_fallback::unserved(run);
        let root = (run.root.clone(), run.version);
        Some((
            older,
            bulk.found_with.clone(),
            bulk.page_token.clone(),
            unserved,
            root,
        ))
    });
    let Some((older, draft, token, unserved, (root, version))) = again else {
        return;
    };
    if unserved.is_empty() {
        return compare_with_tenant(older, &draft, token, work);
    }
    work.with(|bulk| {
        bulk.snapshots.assigned =
            vec!["Sending the writes whose routes are not served through /assign…".into()]
    });
    write(work);
    let work = work.clone();
    spawn_local(async move {
        let names = work.with(|bulk| {
            bulk.snapshots
                .taken
                .get(older)
                .map(|snapshot| {
                    snapshot
                        .configurations
                        .iter()
                        .map(|set| (set.id.clone(), set.display_name.clone()))
                        .collect::<BTreeMap<_, _>>()
                })
                .unwrap_or_default()
        });
        let name = |id: &ConfigurationId| names.get(id).cloned().unwrap_or_else(|| id.to_string());
        let assigned =
            assign_fallback::assign_instead(&draft, (&root, version), &token, unserved, name).await;
        work.with(|bulk| {
            if let Some(run) = bulk.run.as_mut() {
                assign_fallback::mark_made(run, &assigned.made);
            }
            bulk.snapshots.assigned = assigned.said;
        });
        super::write_run(&work);
        compare_with_tenant(older, &draft, token, &work);
    });
}
