//! Comparing two snapshots (or a snapshot with the tenant now, read as one): the assignments
//! added, removed and changed, per configuration. An incomplete side is refused with its
//! reason, never shown as removals.

use std::collections::BTreeMap;

use crate::ids::{AssignmentId, ConfigurationId};
use crate::snapshot::{Sets, Snapshot};
use crate::target::AssignmentTarget;

/// One assignment that differs between the older side and the newer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// In the newer side only.
    Added {
        /// The assignment.
        assignment: AssignmentId,
        /// Its target.
        target: AssignmentTarget,
    },
    /// In the older side only.
    Removed {
        /// The assignment.
        assignment: AssignmentId,
        /// Its target then.
        target: AssignmentTarget,
    },
    /// Removed and made again with the same target: only its id differs (Graph gives a made
    /// assignment a new id), so who it targets did not change.
    Remade {
        /// Its id on the older side.
        was: AssignmentId,
        /// Its id on the newer side.
        assignment: AssignmentId,
        /// The target on both.
        target: AssignmentTarget,
    },
    /// In both, with another target.
    Changed {
        /// The assignment.
        assignment: AssignmentId,
        /// Its target on the older side.
        before: AssignmentTarget,
        /// Its target on the newer side.
        after: AssignmentTarget,
    },
}

impl Difference {
    /// The assignment it is about.
    pub fn assignment(&self) -> &AssignmentId {
        match self {
            Difference::Added { assignment, .. }
            | Difference::Removed { assignment, .. }
            | Difference::Remade { assignment, .. }
            | Difference::Changed { assignment, .. } => assignment,
        }
    }

    /// True when who it targets changed (not only its id).
    pub fn matters(&self) -> bool {
        !matches!(self, Difference::Remade { .. })
    }
}

/// A configuration's differences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigurationDifferences {
    /// The configuration.
    pub configuration: ConfigurationId,
    /// Its display name (the newer side's, else the older's).
    pub display_name: String,
    /// Whether it is on both sides, or on one only (deleted or made in between).
    pub presence: Presence,
    /// Its assignments whose targets differ, by assignment id.
    pub differences: Vec<Difference>,
    /// How many were only made again with a new id and the same target.
    pub remade: usize,
}

/// On which sides a configuration is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// On both.
    Both,
    /// On the older side only: deleted since.
    OlderOnly,
    /// On the newer side only: made since.
    NewerOnly,
}

/// Why two sides were not compared.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NotCompared {
    /// A side is incomplete: which one (`"the older side"` or `"the newer side"`) and why.
    Incomplete(&'static str, Vec<String>),
    /// The sides were read from different places.
    ElsewhereRead(String, String),
}

impl std::fmt::Display for NotCompared {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotCompared::Incomplete(side, reasons) => write!(
                f,
                "Not compared: {side} is incomplete, so an assignment it could not read would \
                 look removed. {}",
                reasons.join(" ")
            ),
            NotCompared::ElsewhereRead(older, newer) => write!(
                f,
                "Not compared: one side was read from {older} and the other from {newer}."
            ),
        }
    }
}

/// The differences from `older` to `newer`, by configuration id, configurations with none
/// (not even an assignment made again) left out; refused when either side is incomplete or they were read from different places.
pub fn compare(
    older: &Snapshot,
    newer: &Snapshot,
) -> Result<Vec<ConfigurationDifferences>, NotCompared> {
    for (side, snapshot) in [("the older side", older), ("the newer side", newer)] {
        if !snapshot.complete {
            return Err(NotCompared::Incomplete(side, snapshot.unfinished.clone()));
        }
    }
    if older.service_root != newer.service_root {
        return Err(NotCompared::ElsewhereRead(
            older.service_root.clone(),
            newer.service_root.clone(),
        ));
    }
    let name = |id: &ConfigurationId| {
        newer
            .configuration_name(id)
            .or_else(|| older.configuration_name(id))
            .unwrap_or(id.as_str())
            .to_owned()
    };
    Ok(differences(&older.sets(), &newer.sets())
        .into_iter()
        .map(|(configuration, (presence, found))| {
            let (differences, remade): (Vec<_>, Vec<_>) =
                found.into_iter().partition(Difference::matters);
            ConfigurationDifferences {
                display_name: name(&configuration),
                configuration,
                presence,
                differences,
                remade: remade.len(),
            }
        })
        .filter(|found| {
            !found.differences.is_empty() || found.remade > 0 || found.presence != Presence::Both
        })
        .collect())
}

/// The differences between two sets of assignment sets, per configuration that has any.
pub fn differences(
    older: &Sets,
    newer: &Sets,
) -> BTreeMap<ConfigurationId, (Presence, Vec<Difference>)> {
    let empty = BTreeMap::new();
    let mut found = BTreeMap::new();
    for id in older.keys().chain(newer.keys()) {
        if found.contains_key(id) {
            continue;
        }
        let presence = match (older.contains_key(id), newer.contains_key(id)) {
            (true, true) => Presence::Both,
            (true, false) => Presence::OlderOnly,
            _ => Presence::NewerOnly,
        };
        let before = older.get(id).unwrap_or(&empty);
        let after = newer.get(id).unwrap_or(&empty);
        let mut differences = Vec::new();
        for (assignment, target) in before {
            match after.get(assignment) {
                None => differences.push(Difference::Removed {
                    assignment: assignment.clone(),
                    target: target.clone(),
                }),
                Some(now) if now != target => differences.push(Difference::Changed {
                    assignment: assignment.clone(),
                    before: target.clone(),
                    after: now.clone(),
                }),
                Some(_) => {}
            }
        }
        for (assignment, target) in after {
            if before.contains_key(assignment) {
                continue;
            }
            let remade = differences.iter().position(
                |difference| matches!(difference, Difference::Removed { target: was, .. } if was == target),
            );
            let was = remade.map(|index| differences.remove(index).assignment().clone());
            differences.push(match was {
                Some(was) => Difference::Remade {
                    was,
                    assignment: assignment.clone(),
                    target: target.clone(),
                },
                None => Difference::Added {
                    assignment: assignment.clone(),
                    target: target.clone(),
                },
            });
        }
        differences.sort_by(|one, other| one.assignment().cmp(other.assignment()));
        if !differences.is_empty() || presence != Presence::Both {
            found.insert(id.clone(), (presence, differences));
        }
    }
    found
}

/// `older` with `found` applied: what [`differences`] was found between, so that applying
/// the differences of `older` and `newer` to `older` gives `newer`.
pub fn apply(older: &Sets, found: &BTreeMap<ConfigurationId, (Presence, Vec<Difference>)>) -> Sets {
    let mut sets = older.clone();
    for (configuration, (presence, differences)) in found {
        if *presence == Presence::OlderOnly {
            sets.remove(configuration);
            continue;
        }
        let set = sets.entry(configuration.clone()).or_default();
        for difference in differences {
            match difference {
                Difference::Added { assignment, target } => {
                    set.insert(assignment.clone(), target.clone());
                }
                Difference::Removed { assignment, .. } => {
                    set.remove(assignment);
                }
                Difference::Remade {
                    was,
                    assignment,
                    target,
                } => {
                    set.remove(was);
                    set.insert(assignment.clone(), target.clone());
                }
                Difference::Changed {
                    assignment, after, ..
                } => {
                    set.insert(assignment.clone(), after.clone());
                }
            }
        }
    }
    sets
}
