//! The journal of a bulk run, kept in the browser's storage as it happens (never with a
//! token): the plan, one row per assignment with the target it gets, and each row's outcome
//! once Graph answered it. A reopened page reads it back to show what landed and to resume the
//! rest; rows already acknowledged are never sent again. Text from storage is read strictly:
//! anything that is not a journal of this shape and size is refused whole.

use serde::{Deserialize, Serialize};

use crate::ids::{AssignmentId, ConfigurationId};
use crate::target::AssignmentTarget;

/// The journal format this code writes and reads.
pub const JOURNAL_VERSION: u32 = 2;
/// The most rows a journal may hold.
pub const MAX_ROWS: usize = 10_000;
/// The longest journal text read.
pub const MAX_TEXT: usize = 8 * 1024 * 1024;
/// The longest request id kept.
const MAX_REQUEST_ID: usize = 100;

/// One run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct Journal {
    /// [`JOURNAL_VERSION`].
    pub version: u32,
    /// When the run began (ms since 1970), to name it.
    pub started_ms: u64,
    /// Where its rows were found and are written: the service root's base URL (such as
    /// `https://graph.microsoft.com` or the emulator's URL). A run is never resumed elsewhere.
    pub service_root: String,
    /// The rows, in the order they are sent.
    pub rows: Vec<JournalRow>,
}

/// One assignment of a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct JournalRow {
    /// Its configuration.
    pub configuration_id: ConfigurationId,
    /// The assignment.
    pub assignment_id: AssignmentId,
    /// The target it gets (for [`RowWrite::Delete`], the target it had).
    pub target: AssignmentTarget,
    /// What the write does; a change of target unless it says otherwise.
    #[serde(default, skip_serializing_if = "RowWrite::is_patch")]
    pub write: RowWrite,
    /// The target it had before the run (none for an assignment the run makes): the run's
    /// before-state, which "Undo this run" gives back.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<AssignmentTarget>,
    /// How Graph answered, once it did for good.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outcome: Option<RowOutcome>,
}

/// What a row's write does to its assignment.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum RowWrite {
    /// `PATCH .../assignments/{id}`: the row's target replaces the current one.
    #[default]
    Patch,
    /// `POST .../assignments`: an assignment with the row's target is made (a restore of one
    /// removed; the row's assignment id is the one it had).
    Create,
    /// `DELETE .../assignments/{id}`: the assignment is taken away (a restore of one added).
    Delete,
}

impl RowWrite {
    /// True for a change of target, the journal's default.
    pub fn is_patch(&self) -> bool {
        *self == RowWrite::Patch
    }
}

/// How a row ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct RowOutcome {
    /// The inner response's status (0: no answer).
    pub status: u16,
    /// Its `request-id`, for support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

impl RowOutcome {
    /// True when Graph acknowledged the write: the row must never be sent again.
    pub fn landed(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

impl Journal {
    /// The journal as text for storage.
    pub fn to_text(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Reads a journal from storage, refusing anything of another shape, version or size.
    pub fn parse(text: &str) -> Result<Journal, String> {
        if text.len() > MAX_TEXT {
            return Err(format!(
                "the journal is {} bytes, more than the {MAX_TEXT} read",
                text.len()
            ));
        }
        let journal: Journal =
            serde_json::from_str(text).map_err(|error| format!("not a journal: {error}"))?;
        if journal.version != JOURNAL_VERSION {
            return Err(format!(
                "journal version {} is not {JOURNAL_VERSION}",
                journal.version
            ));
        }
        if journal.rows.len() > MAX_ROWS {
            return Err(format!(
                "{} rows, more than the {MAX_ROWS} a run may hold",
                journal.rows.len()
            ));
        }
        let long_id = journal.rows.iter().any(|row| {
            row.outcome
                .as_ref()
                .and_then(|outcome| outcome.request_id.as_ref())
                .is_some_and(|id| id.len() > MAX_REQUEST_ID)
        });
        if long_id {
            return Err("a request id is too long".to_owned());
        }
        Ok(journal)
    }

    /// Whether the run may go on against `base_url` (the service root the page points at now):
    /// only where its rows were found, else why not.
    pub fn may_write_to(&self, base_url: &str) -> Result<(), String> {
        if self.service_root.trim_end_matches('/') == base_url.trim_end_matches('/') {
            return Ok(());
        }
        Err(format!(
            "This run's assignments were found at {}, but the page now points at {base_url}: \
             switch the Environment back to write them there.",
            self.service_root
        ))
    }

    /// The rows still to send: those without an outcome that landed.
    pub fn remaining(&self) -> impl Iterator<Item = (usize, &JournalRow)> {
        self.rows
            .iter()
            .enumerate()
            .filter(|(_, row)| !row.outcome.as_ref().is_some_and(RowOutcome::landed))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::target::AssignmentFilter;

    fn journal() -> Journal {
        let row = |assignment: &str, outcome: Option<RowOutcome>| JournalRow {
            write: RowWrite::Patch,
            before: None,
            configuration_id: ConfigurationId::parse("3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01")
                .unwrap(),
            assignment_id: AssignmentId::parse(assignment).unwrap(),
            target: AssignmentTarget::AllDevices {
                filter: AssignmentFilter::default(),
            },
            outcome,
        };
        Journal {
            version: JOURNAL_VERSION,
            started_ms: 1_790_000_000_000,
            service_root: "http://127.0.0.1:8787".into(),
            rows: vec![
                row(
                    "a_1",
                    Some(RowOutcome {
                        status: 204,
                        request_id: Some("r-1".into()),
                    }),
                ),
                row(
                    "a_2",
                    Some(RowOutcome {
                        status: 503,
                        request_id: None,
                    }),
                ),
                row("a_3", None),
            ],
        }
    }

    #[test]
    fn a_journal_reads_back_and_landed_rows_are_not_remaining() {
        let journal = journal();
        let read = Journal::parse(&journal.to_text()).unwrap();
        assert_eq!(read, journal);
        let remaining: Vec<usize> = read.remaining().map(|(index, _)| index).collect();
        assert_eq!(remaining, [1, 2]);
        // A change of target is the default and is not written; a restore's other writes are.
        assert!(!journal.to_text().contains("\"write\""));
        let mut restore = journal.clone();
        restore.rows[0].write = RowWrite::Delete;
        restore.rows[1].write = RowWrite::Create;
        restore.rows[2].before = Some(restore.rows[0].target.clone());
        let text = restore.to_text();
        assert!(text.contains("\"write\":\"delete\"") && text.contains("\"write\":\"create\""));
        assert_eq!(Journal::parse(&text), Ok(restore));
        assert!(Journal::parse(&text.replace("\"create\"", "\"assign\"")).is_err());
    }

    #[test]
    fn hostile_journals_are_refused_whole() {
        let text = journal().to_text();
        for hostile in [
            String::new(),
            "[]".to_owned(),
            text.replace("\"version\":2", "\"version\":1"),
            text.replace(",\"serviceRoot\":\"http://127.0.0.1:8787\"", ""),
            text.replace("\"rows\":", "\"token\":\"x\",\"rows\":"),
            text.replace("\"a_3\"", "\"\""),
            text.replace("\"status\":503", "\"status\":\"503\""),
            text.replace("r-1", &"r".repeat(101)),
            text.replace("allDevicesAssignmentTarget", "nope"),
        ] {
            assert!(Journal::parse(&hostile).is_err(), "{hostile}");
        }
        let many = Journal {
            rows: vec![journal().rows[2].clone(); MAX_ROWS + 1],
            ..journal()
        };
        assert!(Journal::parse(&many.to_text()).is_err());
    }

    #[test]
    fn a_run_goes_on_only_where_its_rows_were_found() {
        let journal = journal();
        assert_eq!(journal.may_write_to("http://127.0.0.1:8787/"), Ok(()));
        let refused = journal
            .may_write_to("https://graph.microsoft.com")
            .unwrap_err();
        assert!(
            refused.contains("found at http://127.0.0.1:8787"),
            "{refused}"
        );
        assert!(
            refused.contains("now points at https://graph.microsoft.com"),
            "{refused}"
        );
    }
}
