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
    /// What the last restore made through `/assign` instead, a line per configuration.
    pub assigned: Vec<String>,
}

impl Shelf {
    /// Puts `snapshot` among those kept, in the order they were taken (one taken at the same
    /// moment of the same service replaces its copy), and gives back the oldest if that makes
    /// one more than [`KEPT`]. A compare shown is put away: the places it names have moved.
    pub fn shelve(&mut self, snapshot: Snapshot) -> Option<Snapshot> {
        let same = |kept: &Snapshot| {
            kept.taken_at == snapshot.taken_at && kept.service_root == snapshot.service_root
        };
        self.taken.retain(|kept| !same(kept));
        let at = self
            .taken
            .partition_point(|kept| kept.taken_at <= snapshot.taken_at);
        self.taken.insert(at, snapshot);
        self.compared = None;
        (self.taken.len() > KEPT).then(|| self.taken.remove(0))
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn taken(at: &str) -> Snapshot {
        Snapshot::new(
            at,
            "http://127.0.0.1:8787",
            Vec::new(),
            Vec::new(),
            Default::default(),
        )
    }

    fn times(shelf: &Shelf) -> Vec<&str> {
        shelf
            .taken
            .iter()
            .map(|kept| kept.taken_at.as_str())
            .collect()
    }

    #[test]
    fn snapshots_stay_in_the_order_taken_and_the_oldest_goes_past_the_limit() {
        let mut shelf = Shelf::default();
        for at in [
            "2026-12-03T10:00:00Z",
            "2026-12-01T10:00:00Z",
            "2026-12-02T10:00:00Z",
        ] {
            assert_eq!(shelf.shelve(taken(at)), None);
        }
        assert_eq!(
            times(&shelf),
            [
                "2026-12-01T10:00:00Z",
                "2026-12-02T10:00:00Z",
                "2026-12-03T10:00:00Z"
            ]
        );
        assert_eq!(
            shelf.shelve(taken("2026-12-02T10:00:00Z")),
            None,
            "a copy replaces itself"
        );
        assert_eq!(shelf.taken.len(), 3);
        shelf.shelve(taken("2026-12-04T10:00:00Z"));
        shelf.shelve(taken("2026-12-05T10:00:00Z"));
        let dropped = shelf.shelve(taken("2026-12-06T10:00:00Z"));
        assert_eq!(
            dropped.map(|kept| kept.taken_at),
            Some("2026-12-01T10:00:00Z".into())
        );
        assert_eq!(shelf.taken.len(), KEPT);
    }
}
