//! What the Bulk view keeps of snapshots: those taken this session, and the compare shown with
//! the differences chosen to restore.

use std::collections::BTreeSet;

use graph_model::snapshot::Snapshot;
use graph_model::snapshot::compare::ConfigurationDifferences;
use graph_model::{AssignmentId, ConfigurationId};

/// How many snapshots the session keeps; taking one more drops the oldest, with a notice.
pub const KEPT: usize = 5;

/// The snapshots taken, and the compare shown.
#[derive(Default)]
pub struct Shelf {
    /// Oldest first.
    pub taken: Vec<Snapshot>,
    /// The compare shown, if any.
    pub compared: Option<Compared>,
    /// What the last action said (a snapshot dropped, a scan that failed).
    pub said: String,
    /// True while a scan reads the tenant.
    pub scanning: bool,
}

/// A compare shown: which sides, what differs, and what is chosen to restore.
pub struct Compared {
    /// The older side's place among the snapshots taken.
    pub older: usize,
    /// When the older side was taken.
    pub older_taken: String,
    /// The newer side: the tenant as read for the compare, or a later snapshot.
    pub newer: Snapshot,
    /// Whether the newer side is the tenant now (only then can differences be restored).
    pub with_tenant: bool,
    /// The differences (or why there are none to show).
    pub found: Result<Vec<ConfigurationDifferences>, String>,
    /// The differences chosen to restore, by configuration and assignment.
    pub chosen: BTreeSet<(ConfigurationId, AssignmentId)>,
}

impl Compared {
    /// The differences in the order they are shown, each with its configuration.
    pub fn listed(&self) -> Vec<(&ConfigurationDifferences, &AssignmentId)> {
        let Ok(found) = &self.found else {
            return Vec::new();
        };
        found
            .iter()
            .flat_map(|configuration| {
                configuration
                    .differences
                    .iter()
                    .map(move |difference| (configuration, difference.assignment()))
            })
            .collect()
    }
}
