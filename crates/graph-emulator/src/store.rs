//! The emulator's data: configurations and their assignments, in memory, optionally saved to a
//! file after every acknowledged change (temp file, fsync, rename) so a crash loses nothing
//! acknowledged and never leaves a corrupt file.

use std::io::Write;
use std::path::{Path, PathBuf};

use graph_model::directory::{AssignmentFilterEntity, Group};
use graph_model::{
    IosLobAppProvisioningConfiguration, IosLobAppProvisioningConfigurationAssignment,
};
use serde::{Deserialize, Serialize};

use crate::config::Limits;
use crate::members::Members;
use tokio::sync::Mutex;

/// The sample data compiled into the emulator (crates/graph-emulator/fixtures/sample.json).
pub const SAMPLE_FIXTURE: &str = include_str!("../fixtures/sample.json");

/// A configuration with its assignments, as stored in fixture and data files.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ConfigurationRecord {
    /// The configuration's properties.
    #[serde(flatten)]
    pub configuration: IosLobAppProvisioningConfiguration,
    /// Its assignments.
    #[serde(default)]
    pub assignments: Vec<IosLobAppProvisioningConfigurationAssignment>,
}

/// Everything the emulator holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Dataset {
    /// The configurations, in the order they are listed.
    pub configurations: Vec<ConfigurationRecord>,
    /// The directory's groups (read only), for finding them by name.
    #[serde(default)]
    pub groups: Vec<Group>,
    /// Intune's assignment filters (read only), of several platforms.
    #[serde(default, rename = "assignmentFilters")]
    pub assignment_filters: Vec<AssignmentFilterEntity>,
    /// The users, devices and group memberships behind the groups (read only).
    #[serde(flatten, default)]
    pub directory: Members,
    /// The audit trail: an event for every write acknowledged, oldest first.
    #[serde(default, rename = "auditEvents", skip_serializing_if = "Vec::is_empty")]
    pub audit_events: Vec<crate::audit::AuditEvent>,
}

impl Dataset {
    /// Reads a fixture or data file's text.
    pub fn from_json(text: &str) -> Result<Dataset, String> {
        serde_json::from_str(text).map_err(|error| error.to_string())
    }

    /// The built-in sample data, its dates moved to be as true today as on the day it was
    /// written (see [`crate::dates`]): one profile expired, one expiring within 30 days, one
    /// good for most of a year.
    pub fn sample() -> Dataset {
        Dataset::sample_on(std::time::SystemTime::now())
    }

    /// The sample data as of `today`.
    pub fn sample_on(today: std::time::SystemTime) -> Dataset {
        let mut data = Dataset::from_json(SAMPLE_FIXTURE).unwrap_or_default();
        data.directory = Members::sample();
        let days = crate::dates::sample_shift(today);
        for record in &mut data.configurations {
            crate::dates::shift_configuration(&mut record.configuration, days);
        }
        data
    }

    /// The configuration with this id.
    pub fn configuration(&self, id: &str) -> Option<&ConfigurationRecord> {
        self.configurations
            .iter()
            .find(|record| record.configuration.id.as_str() == id)
    }

    /// How many assignments all configurations hold together.
    pub fn assignment_count(&self) -> usize {
        self.configurations
            .iter()
            .map(|record| record.assignments.len())
            .sum()
    }

    /// Why this data is more than `limits` allow, if it is.
    pub fn check_limits(&self, limits: &Limits) -> Result<(), String> {
        if self.configurations.len() > limits.configurations {
            return Err(format!(
                "it has {} configurations, more than --max-configurations {}",
                self.configurations.len(),
                limits.configurations
            ));
        }
        if let Some(record) = self
            .configurations
            .iter()
            .find(|record| record.assignments.len() > limits.assignments_per_configuration)
        {
            return Err(format!(
                "configuration {} has {} assignments, more than --max-assignments-per-configuration {}",
                record.configuration.id,
                record.assignments.len(),
                limits.assignments_per_configuration
            ));
        }
        let total = self.assignment_count();
        if total > limits.assignments {
            return Err(format!(
                "it has {total} assignments, more than --max-assignments {}",
                limits.assignments
            ));
        }
        Ok(())
    }

    /// The configuration with this id, to change.
    pub fn configuration_mut(&mut self, id: &str) -> Option<&mut ConfigurationRecord> {
        self.configurations
            .iter_mut()
            .find(|record| record.configuration.id.as_str() == id)
    }
}

/// Flushes a folder's entries to disk (the last step of a save).
type SyncDirectory = fn(&Path) -> std::io::Result<()>;

fn sync_directory(directory: &Path) -> std::io::Result<()> {
    std::fs::File::open(directory)?.sync_all()
}

/// The data and, when persistence is on, the file it is saved to.
#[derive(Debug)]
pub struct Store {
    data: Mutex<Dataset>,
    file: Option<PathBuf>,
    sync_directory: SyncDirectory,
}

impl Store {
    /// Keeps `data` in memory only.
    pub fn in_memory(data: Dataset) -> Store {
        Store {
            data: Mutex::new(data),
            file: None,
            sync_directory,
        }
    }

    /// Loads `file` when it exists; otherwise starts from `initial` and saves it there.
    pub fn persistent(file: PathBuf, initial: Dataset) -> Result<Store, String> {
        let data = match std::fs::read_to_string(&file) {
            Ok(text) => Dataset::from_json(&text)
                .map_err(|error| format!("{} is not a valid data file: {error}", file.display()))?,
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                save_atomically(&file, &initial).map_err(|failure| {
                    format!("cannot write {}: {}", file.display(), failure.error)
                })?;
                initial
            }
            Err(error) => return Err(format!("cannot read {}: {error}", file.display())),
        };
        Ok(Store {
            data: Mutex::new(data),
            file: Some(file),
            sync_directory,
        })
    }

    /// Reads the data.
    pub async fn read<T>(&self, read: impl FnOnce(&Dataset) -> T) -> T {
        read(&*self.data.lock().await)
    }

    /// Changes the data and, when persistence is on, saves it before returning, holding the lock
    /// so that saves happen in the order of the changes. Memory always matches the file: a
    /// change is kept when `change` succeeds and the file was replaced (even if flushing the
    /// folder afterwards failed, which is then reported), and dropped otherwise.
    pub async fn write<T, E: From<std::io::Error>>(
        &self,
        change: impl FnOnce(&mut Dataset) -> Result<T, E>,
    ) -> Result<T, E> {
        let mut guard = self.data.lock().await;
        let mut draft = guard.clone();
        let outcome = change(&mut draft)?;
        if let Some(file) = &self.file {
            let (file, snapshot, sync) = (file.clone(), draft.clone(), self.sync_directory);
            let saved = tokio::task::spawn_blocking(move || save_with(&file, &snapshot, sync))
                .await
                .unwrap_or_else(|error| {
                    Err(SaveError {
                        error: std::io::Error::other(error),
                        replaced: false,
                    })
                });
            if let Err(failure) = saved {
                if failure.replaced {
                    *guard = draft;
                }
                return Err(std::io::Error::from(failure).into());
            }
        }
        *guard = draft;
        Ok(outcome)
    }
}

/// A save that failed, and whether `file` had already been replaced by the new version.
#[derive(Debug)]
pub struct SaveError {
    /// What failed.
    pub error: std::io::Error,
    /// True when the new version is in place and only flushing its folder failed.
    pub replaced: bool,
}

impl From<SaveError> for std::io::Error {
    fn from(failure: SaveError) -> Self {
        let consequence = if failure.replaced {
            "the change was made, but may not survive a power loss"
        } else {
            "the change was not made"
        };
        std::io::Error::new(
            failure.error.kind(),
            format!("{} ({consequence})", failure.error),
        )
    }
}

/// Writes the data to a temporary file beside `file`, flushes it to disk, renames it over
/// `file`, and flushes the directory, so `file` is always either the old or the new version.
pub fn save_atomically(file: &Path, data: &Dataset) -> Result<(), SaveError> {
    save_with(file, data, sync_directory)
}

fn save_with(file: &Path, data: &Dataset, sync: SyncDirectory) -> Result<(), SaveError> {
    let before_rename = |error: std::io::Error| SaveError {
        error,
        replaced: false,
    };
    write_and_rename(file, data).map_err(before_rename)?;
    let directory = folder_of(file);
    sync(directory).map_err(|error| SaveError {
        error,
        replaced: true,
    })
}

fn folder_of(file: &Path) -> &Path {
    file.parent()
        .filter(|dir| !dir.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn write_and_rename(file: &Path, data: &Dataset) -> std::io::Result<()> {
    let text = serde_json::to_vec_pretty(data).map_err(std::io::Error::other)?;
    let directory = folder_of(file);
    let name = file
        .file_name()
        .ok_or_else(|| std::io::Error::other("the data file has no name"))?;
    let temporary = directory.join(format!(".{}.tmp", name.to_string_lossy()));
    let mut handle = std::fs::File::create(&temporary)?;
    handle.write_all(&text)?;
    handle.sync_all()?;
    drop(handle);
    std::fs::rename(&temporary, file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_fixture_parses_and_covers_every_target_kind() {
        let data = Dataset::from_json(SAMPLE_FIXTURE).unwrap();
        let mut kinds: Vec<_> = data
            .configurations
            .iter()
            .flat_map(|record| &record.assignments)
            .map(|assignment| assignment.target.kind())
            .collect();
        kinds.sort();
        kinds.dedup();
        assert_eq!(kinds, graph_model::TargetKind::ALL);
        assert!(
            data.configurations
                .iter()
                .flat_map(|record| &record.assignments)
                .any(|assignment| assignment.target.filter().id.is_some())
        );
    }

    #[test]
    fn atomic_save_replaces_the_file_and_leaves_no_temporary() {
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("data.json");
        save_atomically(&file, &Dataset::sample()).unwrap();
        save_atomically(&file, &Dataset::default()).unwrap();
        let text = std::fs::read_to_string(&file).unwrap();
        assert_eq!(Dataset::from_json(&text).unwrap(), Dataset::default());
        let names: Vec<_> = std::fs::read_dir(folder.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[tokio::test]
    async fn memory_follows_the_file_when_only_the_folder_flush_fails() {
        fn failing(_: &Path) -> std::io::Result<()> {
            Err(std::io::Error::other("flush refused"))
        }
        let folder = tempfile::tempdir().unwrap();
        let file = folder.path().join("data.json");
        let mut store = Store::persistent(file.clone(), Dataset::sample()).unwrap();
        store.sync_directory = failing;
        let result: Result<(), std::io::Error> = store
            .write(|data| {
                data.configurations.clear();
                Ok(())
            })
            .await;
        let error = result.unwrap_err();
        assert!(
            error.to_string().contains("may not survive a power loss"),
            "{error}"
        );
        let on_disk = Dataset::from_json(&std::fs::read_to_string(&file).unwrap()).unwrap();
        let in_memory = store.read(Dataset::clone).await;
        assert_eq!(in_memory, on_disk, "memory and disk agree");
        assert!(in_memory.configurations.is_empty());
    }
}
