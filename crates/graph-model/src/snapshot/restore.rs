//! Putting differences back: the writes that make the tenant as a snapshot had it, and the
//! rule for undoing a run, which leaves alone what somebody changed since.

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
