//! A snapshot of the tenant's iOS LOB app provisioning assignments: every configuration's
//! whole assignment set, with the names of the groups and filters they target, as a
//! deterministic, schema-versioned JSON file. A scan with any read that failed or did not
//! finish is marked incomplete, and an incomplete snapshot is never compared (see
//! [`compare`]): a permission or service failure must not look like assignments removed.
//!
//! Reading a file is strict ([`Snapshot::parse`]): anything of another shape, version or size
//! is refused whole, with where it is wrong.

pub mod compare;
pub mod restore;
#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests;

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use crate::ids::{AssignmentId, ConfigurationId};
use crate::target::AssignmentTarget;

/// The snapshot format this code writes and reads.
pub const SNAPSHOT_SCHEMA: u32 = 1;
/// What every snapshot file says it is, so that another JSON file is refused at once.
pub const SNAPSHOT_KIND: &str = "iosLobAppProvisioningAssignmentSnapshot";
/// The longest snapshot text read (a tenant of 50,000 assignments takes about 15 MB).
pub const MAX_SNAPSHOT_TEXT: usize = 32 * 1024 * 1024;
/// The most assignments a snapshot may hold.
pub const MAX_ASSIGNMENTS: usize = 100_000;
/// The longest name, reason or display name kept.
pub const MAX_WORDS: usize = 1_000;

/// Every assignment of a tenant at one moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Snapshot {
    /// [`SNAPSHOT_KIND`].
    pub kind: String,
    /// [`SNAPSHOT_SCHEMA`].
    pub schema: u32,
    /// When the scan began, as `2026-12-04T10:15:00Z`.
    pub taken_at: String,
    /// Where it was read: the service root's base URL.
    pub service_root: String,
    /// True only when every read finished and was understood.
    pub complete: bool,
    /// Why it is incomplete: each read that failed or did not finish, in words.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unfinished: Vec<String>,
    /// The configurations, by id.
    pub configurations: Vec<ConfigurationSet>,
    /// The display names of the groups and filters the targets name, by id.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub names: BTreeMap<String, String>,
}

/// One configuration's whole assignment set.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct ConfigurationSet {
    /// The configuration.
    pub id: ConfigurationId,
    /// Its display name.
    pub display_name: String,
    /// Its assignments, by id.
    pub assignments: Vec<SnapshotAssignment>,
}

/// One assignment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct SnapshotAssignment {
    /// The assignment.
    pub id: AssignmentId,
    /// Who it targets.
    pub target: AssignmentTarget,
}

/// The assignment sets of a snapshot: configuration id to assignment id to target.
pub type Sets = BTreeMap<ConfigurationId, BTreeMap<AssignmentId, AssignmentTarget>>;

/// Why a snapshot file was refused: where (a JSON pointer, or a line and column) and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// Where it is wrong.
    pub place: String,
    /// What is wrong.
    pub reason: String,
}

impl std::fmt::Display for Refused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.place, self.reason)
    }
}

fn refused(place: impl Into<String>, reason: impl Into<String>) -> Refused {
    Refused {
        place: place.into(),
        reason: reason.into(),
    }
}

impl Snapshot {
    /// A snapshot of `configurations`, put in order (configurations and assignments by id) so
    /// that the same tenant always gives the same file. `unfinished` lists the reads that
    /// failed; any makes it incomplete.
    pub fn new(
        taken_at: &str,
        service_root: &str,
        mut configurations: Vec<ConfigurationSet>,
        unfinished: Vec<String>,
        names: BTreeMap<String, String>,
    ) -> Snapshot {
        configurations.sort_by(|one, other| one.id.cmp(&other.id));
        for configuration in &mut configurations {
            configuration
                .assignments
                .sort_by(|one, other| one.id.cmp(&other.id));
        }
        let named: BTreeSet<String> = configurations
            .iter()
            .flat_map(|configuration| &configuration.assignments)
            .flat_map(|assignment| named_ids(&assignment.target))
            .collect();
        Snapshot {
            kind: SNAPSHOT_KIND.to_owned(),
            schema: SNAPSHOT_SCHEMA,
            taken_at: taken_at.to_owned(),
            service_root: service_root.trim_end_matches('/').to_owned(),
            complete: unfinished.is_empty(),
            unfinished,
            configurations,
            names: names
                .into_iter()
                .filter(|(id, _)| named.contains(&id.to_lowercase()))
                .map(|(id, name)| (id.to_lowercase(), name))
                .collect(),
        }
    }

    /// The file's text: pretty JSON ending in a newline, the same for the same snapshot.
    pub fn to_text(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_default();
        text.push('\n');
        text
    }

    /// How many assignments it holds.
    pub fn assignment_count(&self) -> usize {
        self.configurations
            .iter()
            .map(|configuration| configuration.assignments.len())
            .sum()
    }

    /// Its assignment sets, keyed for comparing.
    pub fn sets(&self) -> Sets {
        self.configurations
            .iter()
            .map(|configuration| {
                let assignments = configuration
                    .assignments
                    .iter()
                    .map(|assignment| (assignment.id.clone(), assignment.target.clone()))
                    .collect();
                (configuration.id.clone(), assignments)
            })
            .collect()
    }

    /// The display name of a configuration, if the snapshot holds it.
    pub fn configuration_name(&self, id: &ConfigurationId) -> Option<&str> {
        self.configurations
            .iter()
            .find(|configuration| &configuration.id == id)
            .map(|configuration| configuration.display_name.as_str())
    }

    /// Reads a snapshot file, refusing it whole when it is not one of this shape, version and
    /// size, with where it is wrong.
    pub fn parse(text: &str) -> Result<Snapshot, Refused> {
        if text.len() > MAX_SNAPSHOT_TEXT {
            return Err(refused(
                "the file",
                format!(
                    "it is {} bytes, more than the {MAX_SNAPSHOT_TEXT} read",
                    text.len()
                ),
            ));
        }
        let value: serde_json::Value = serde_json::from_str(text).map_err(|error| {
            refused(
                format!("line {}, column {}", error.line(), error.column()),
                format!("not JSON: {error}"),
            )
        })?;
        match value.get("kind") {
            Some(serde_json::Value::String(kind)) if kind == SNAPSHOT_KIND => {}
            _ => {
                return Err(refused(
                    "/kind",
                    format!("not a snapshot file: it must say \"{SNAPSHOT_KIND}\""),
                ));
            }
        }
        match value.get("schema").and_then(serde_json::Value::as_u64) {
            Some(schema) if schema == u64::from(SNAPSHOT_SCHEMA) => {}
            Some(schema) => {
                return Err(refused(
                    "/schema",
                    format!("schema {schema} is not {SNAPSHOT_SCHEMA}, the one this page reads"),
                ));
            }
            None => return Err(refused("/schema", "missing or not a number")),
        }
        let snapshot: Snapshot = serde_json::from_value(value)
            .map_err(|error| refused("the snapshot", error.to_string()))?;
        snapshot.check()?;
        Ok(snapshot)
    }

    /// What [`Snapshot::parse`] demands beyond the shape: sizes, order, no duplicates, and
    /// `complete` that agrees with `unfinished`.
    fn check(&self) -> Result<(), Refused> {
        if self.assignment_count() > MAX_ASSIGNMENTS {
            return Err(refused(
                "/configurations",
                format!(
                    "{} assignments, more than the {MAX_ASSIGNMENTS} read",
                    self.assignment_count()
                ),
            ));
        }
        if self.complete != self.unfinished.is_empty() {
            return Err(refused(
                "/complete",
                "it must be true exactly when nothing is listed as unfinished",
            ));
        }
        let long = |words: &str| words.chars().count() > MAX_WORDS;
        for (place, words) in [
            ("/takenAt", &self.taken_at),
            ("/serviceRoot", &self.service_root),
        ] {
            if long(words) {
                return Err(refused(place, "too long"));
            }
        }
        if let Some(index) = self.unfinished.iter().position(|reason| long(reason)) {
            return Err(refused(format!("/unfinished/{index}"), "too long"));
        }
        if let Some((id, _)) = self.names.iter().find(|(id, name)| long(id) || long(name)) {
            return Err(refused(format!("/names/{id}"), "too long"));
        }
        if let Some(index) = out_of_order(self.configurations.iter().map(|one| &one.id)) {
            return Err(refused(
                format!("/configurations/{index}/id"),
                "configurations must be in order of id, each once",
            ));
        }
        for (at, configuration) in self.configurations.iter().enumerate() {
            if long(&configuration.display_name) {
                return Err(refused(
                    format!("/configurations/{at}/displayName"),
                    "too long",
                ));
            }
            let ids = configuration.assignments.iter().map(|one| &one.id);
            if let Some(index) = out_of_order(ids) {
                return Err(refused(
                    format!("/configurations/{at}/assignments/{index}/id"),
                    "assignments must be in order of id, each once",
                ));
            }
        }
        Ok(())
    }
}

/// The place of the first id that is not after the one before it (out of order, or twice).
fn out_of_order<'a, T: Ord + 'a>(ids: impl Iterator<Item = &'a T>) -> Option<usize> {
    let ids: Vec<&T> = ids.collect();
    (1..ids.len()).find(|&index| ids[index - 1] >= ids[index])
}

/// The group and filter ids a target names, in lower case.
pub fn named_ids(target: &AssignmentTarget) -> impl Iterator<Item = String> + '_ {
    let group = target.group_id().map(|id| id.as_str().to_lowercase());
    let filter = target
        .filter()
        .id
        .as_ref()
        .map(|id| id.as_str().to_lowercase());
    group.into_iter().chain(filter)
}
