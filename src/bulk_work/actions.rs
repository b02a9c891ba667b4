//! What the user did in the Bulk view, read from the control the page passes on (its
//! `data-bulk` word, id and value, as the view names them).

/// A field of Bulk's "Narrow by target".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NarrowField {
    /// The target type.
    Kind,
    /// The group or filter id.
    Id,
    /// The configuration's name.
    Text,
}

/// A field of Bulk's change and pace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChangeField {
    /// Which change.
    Rule,
    /// The group replaced.
    From,
    /// The group that replaces it.
    To,
    /// The filter type set.
    FilterType,
    /// The filter id set.
    FilterId,
    /// Writes per window.
    PaceWrites,
    /// The window in seconds.
    PaceSeconds,
}

/// What the user did in the Bulk view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulkAction {
    /// The view opened, with the journal the page kept (empty: none).
    Open {
        /// The journal's text from localStorage.
        journal: String,
    },
    /// "Find assignments".
    Find,
    /// A narrowing field changed.
    Narrow {
        /// Which field.
        field: NarrowField,
        /// Its value.
        value: String,
    },
    /// One row chosen or not.
    Select {
        /// The row's index.
        row: usize,
        /// Whether it is chosen.
        selected: bool,
    },
    /// "Select all shown".
    SelectShown {
        /// Whether they are chosen.
        selected: bool,
    },
    /// A field of the change or the pace changed.
    Change {
        /// Which field.
        field: ChangeField,
        /// Its value.
        value: String,
    },
    /// "Preview".
    Preview,
    /// "Apply N changes".
    Apply,
    /// "Pause".
    Pause,
    /// "Resume".
    Resume,
    /// "Cancel".
    Cancel,
    /// "Retry failed".
    RetryFailed,
    /// "Resume the rest" of an interrupted run.
    ResumeJournal,
    /// "Discard it".
    DiscardJournal,
    /// "Export CSV".
    ExportCsv,
    /// The run's HAR.
    ExportHar,
}

impl BulkAction {
    /// The action of a control in the Bulk view: its `data-bulk` word, its id and its
    /// value (`true` or `false` for a checkbox); `None` for anything else.
    pub fn of_control(action: &str, id: &str, value: &str) -> Option<BulkAction> {
        let checked = value == "true";
        let value = value.to_owned();
        Some(match action {
            "find" => BulkAction::Find,
            "narrow" => BulkAction::Narrow {
                field: match id {
                    "bulk-narrow-kind" => NarrowField::Kind,
                    "bulk-narrow-id" => NarrowField::Id,
                    "bulk-narrow-text" => NarrowField::Text,
                    _ => return None,
                },
                value,
            },
            "select" => BulkAction::Select {
                row: id.strip_prefix("bulk-row-")?.parse().ok()?,
                selected: checked,
            },
            "select-shown" => BulkAction::SelectShown { selected: checked },
            "change" => BulkAction::Change {
                field: match id {
                    "bulk-rule" => ChangeField::Rule,
                    "bulk-from" => ChangeField::From,
                    "bulk-to" => ChangeField::To,
                    "bulk-filter-type" => ChangeField::FilterType,
                    "bulk-filter-id" => ChangeField::FilterId,
                    "bulk-pace-writes" => ChangeField::PaceWrites,
                    "bulk-pace-seconds" => ChangeField::PaceSeconds,
                    _ => return None,
                },
                value,
            },
            "preview" => BulkAction::Preview,
            "apply" => BulkAction::Apply,
            "pause" => BulkAction::Pause,
            "resume" => BulkAction::Resume,
            "cancel" => BulkAction::Cancel,
            "retry-failed" => BulkAction::RetryFailed,
            "resume-journal" => BulkAction::ResumeJournal,
            "discard-journal" => BulkAction::DiscardJournal,
            "export-csv" => BulkAction::ExportCsv,
            "export-har" => BulkAction::ExportHar,
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_controls_are_read_into_actions() {
        assert_eq!(
            BulkAction::of_control("select", "bulk-row-12", "true"),
            Some(BulkAction::Select {
                row: 12,
                selected: true
            })
        );
        assert_eq!(
            BulkAction::of_control("change", "bulk-pace-writes", "50"),
            Some(BulkAction::Change {
                field: ChangeField::PaceWrites,
                value: "50".into()
            })
        );
        assert_eq!(BulkAction::of_control("select", "bulk-row-x", "true"), None);
        assert_eq!(BulkAction::of_control("change", "bulk-nope", "1"), None);
        assert_eq!(BulkAction::of_control("apply-everything", "", ""), None);
    }
}
