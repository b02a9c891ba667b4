//! The undo of an ended run as offered: each row it changed with where that row stands now,
//! and the rows changed since that the user chose to undo anyway.

use std::collections::BTreeSet;

use graph_model::AssignmentTarget;
use graph_model::bulk::journal::JournalRow;
use graph_model::snapshot::restore::SinceRun;

/// One changed row of the run, and where it stands now.
#[derive(Debug, Clone, PartialEq)]
pub struct UndoRow {
    /// The run's journal row: what it wrote, and its target before.
    pub row: JournalRow,
    /// Its target before the run.
    pub before: AssignmentTarget,
    /// Where it stands now (`None`: it could not be read, with why).
    pub since: Result<SinceRun, String>,
}

/// An undo offered: the rows, and those changed since that the user chose to undo anyway.
#[derive(Debug, Default)]
pub struct Undo {
    /// Each changed row of the run.
    pub rows: Vec<UndoRow>,
    /// The places (in `rows`) of rows changed since, chosen to undo anyway.
    pub anyway: BTreeSet<usize>,
    /// The service root the run wrote to.
    pub service_root: String,
}

impl Undo {
    /// The places of the rows the undo writes: those that still have what the run wrote, and
    /// those changed since that were chosen (and that still exist).
    pub fn written(&self) -> Vec<usize> {
        (0..self.rows.len())
            .filter(|&index| match &self.rows[index].since {
                Ok(SinceRun::Undoable) => true,
                Ok(SinceRun::ChangedSince(Some(_))) => self.anyway.contains(&index),
                _ => false,
            })
            .collect()
    }
}
