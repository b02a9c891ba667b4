//! Putting differences back: the writes that make the tenant as a snapshot had it, and the
//! rule for undoing a run, which leaves alone what somebody changed since.

use crate::bulk::journal::{JournalRow, RowWrite};
use crate::ids::{AssignmentId, ConfigurationId};
use crate::snapshot::compare::{ConfigurationDifferences, Difference, Presence};
use crate::target::AssignmentTarget;

/// One write of a restore.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RestoreWrite {
    /// `DELETE .../assignments/{id}`: an assignment made since.
    Delete {
        /// Its configuration.
        configuration: ConfigurationId,
        /// The assignment.
        assignment: AssignmentId,
        /// The target it has, which the removal takes away.
        target: AssignmentTarget,
    },
    /// `PATCH .../assignments/{id}`: a target changed since, given back.
    Patch {
        /// Its configuration.
        configuration: ConfigurationId,
        /// The assignment.
        assignment: AssignmentId,
        /// The target it had.
        target: AssignmentTarget,
    },
    /// `POST .../assignments`: an assignment removed since, made again (Graph gives it its id).
    Create {
        /// Its configuration.
        configuration: ConfigurationId,
        /// The id it had, to name it.
        was: AssignmentId,
        /// The target it had.
        target: AssignmentTarget,
    },
}

impl RestoreWrite {
    /// The configuration it writes to.
    pub fn configuration(&self) -> &ConfigurationId {
        match self {
            RestoreWrite::Delete { configuration, .. }
            | RestoreWrite::Patch { configuration, .. }
            | RestoreWrite::Create { configuration, .. } => configuration,
        }
    }

    /// The order writes go in: removals first, so that a group they free can be targeted
    /// again by a change or a made-again assignment (Intune refuses a group twice in a set).
    fn order(&self) -> u8 {
        match self {
            RestoreWrite::Delete { .. } => 0,
            RestoreWrite::Patch { .. } => 1,
            RestoreWrite::Create { .. } => 2,
        }
    }
}

impl RestoreWrite {
    /// The write a row of a restore run carries.
    pub fn of_row(row: &JournalRow) -> RestoreWrite {
        let configuration = row.configuration_id.clone();
        let assignment = row.assignment_id.clone();
        let target = row.target.clone();
        match row.write {
            RowWrite::Delete => RestoreWrite::Delete {
                configuration,
                assignment,
                target,
            },
            RowWrite::Patch => RestoreWrite::Patch {
                configuration,
                assignment,
                target,
            },
            RowWrite::Create => RestoreWrite::Create {
                configuration,
                was: assignment,
                target,
            },
        }
    }
}

/// The whole set to post through `/assign` in place of `writes` to one configuration whose
/// per-assignment routes Intune does not serve: its set as read now (`now`, read to the end)
/// with each write done to it (a removal takes its assignment out, a change gives it its
/// target, a made-again assignment is added at the end), in the order read.
pub fn set_for_assign(
    now: &[(AssignmentId, AssignmentTarget)],
    writes: &[RestoreWrite],
) -> Vec<AssignmentTarget> {
    let mut set: Vec<(Option<&AssignmentId>, AssignmentTarget)> = now
        .iter()
        .map(|(id, target)| (Some(id), target.clone()))
        .collect();
    for write in writes {
        match write {
            RestoreWrite::Delete { assignment, .. } => {
                set.retain(|(id, _)| *id != Some(assignment));
            }
            RestoreWrite::Patch {
                assignment, target, ..
            } => {
                for (id, had) in &mut set {
                    if *id == Some(assignment) {
                        *had = target.clone();
                    }
                }
            }
            RestoreWrite::Create { target, .. } => set.push((None, target.clone())),
        }
    }
    set.into_iter().map(|(_, target)| target).collect()
}

/// The writes that undo the `chosen` differences of a compare whose older side is what the
/// tenant should be again, with the differences left out and why (a configuration deleted
/// since cannot be given its assignments back).
pub fn restore_plan(
    found: &[ConfigurationDifferences],
    chosen: impl Fn(&ConfigurationId, &AssignmentId) -> bool,
) -> (Vec<RestoreWrite>, Vec<String>) {
    let mut writes = Vec::new();
    let mut left_out = Vec::new();
    for configuration in found {
        let id = &configuration.configuration;
        for difference in &configuration.differences {
            if !chosen(id, difference.assignment()) {
                continue;
            }
            if configuration.presence == Presence::OlderOnly {
                left_out.push(format!(
                    "{}: the configuration was deleted since, so {} cannot be made again.",
                    configuration.display_name,
                    difference.assignment()
                ));
                continue;
            }
            writes.push(match difference {
                Difference::Added { assignment, target } => RestoreWrite::Delete {
                    configuration: id.clone(),
                    assignment: assignment.clone(),
                    target: target.clone(),
                },
                Difference::Changed {
                    assignment, before, ..
                } => RestoreWrite::Patch {
                    configuration: id.clone(),
                    assignment: assignment.clone(),
                    target: before.clone(),
                },
                Difference::Removed { assignment, target } => RestoreWrite::Create {
                    configuration: id.clone(),
                    was: assignment.clone(),
                    target: target.clone(),
                },
                Difference::Remade { .. } => continue,
            });
        }
    }
    writes.sort_by_key(RestoreWrite::order);
    (writes, left_out)
}

/// Where a row of a finished run stands now, for undoing it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinceRun {
    /// It still has the target the run wrote: undo gives it back its target before.
    Undoable,
    /// It has its target before already: nothing to do.
    AlreadyBack,
    /// Somebody changed it since (to this target, or removed it: `None`): shown, and left
    /// alone unless the user chooses it.
    ChangedSince(Option<AssignmentTarget>),
}

/// The "changed since" rule: a row the run changed from `before` to `written` is undone only
/// when it still has `written` (`now` is what it has, `None` when it is gone).
pub fn since_run(
    before: &AssignmentTarget,
    written: &AssignmentTarget,
    now: Option<&AssignmentTarget>,
) -> SinceRun {
    match now {
        Some(now) if now == written => SinceRun::Undoable,
        Some(now) if now == before => SinceRun::AlreadyBack,
        now => SinceRun::ChangedSince(now.cloned()),
    }
}
