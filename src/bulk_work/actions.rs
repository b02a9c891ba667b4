//! What the user did in the Bulk view, read from the control the page passes on (its typed
//! [`Control`], which the view gave it, and its value).

pub use crate::view_tree::Control;

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
    /// What the user did with the control `control` of the Bulk view, acting on `row` (for
    /// [`Control::Select`]), whose value is now `value` (`true` or `false` for a checkbox);
    /// `None` for a control that is not the Bulk view's.
    pub fn of(control: Control, row: u32, value: String) -> Option<BulkAction> {
        let checked = value == "true";
        let narrow = |field| BulkAction::Narrow {
            field,
            value: value.clone(),
        };
        let change = |field| BulkAction::Change {
            field,
            value: value.clone(),
        };
        Some(match control {
            Control::SnippetLanguage | Control::CopySnippet => return None,
            Control::Find => BulkAction::Find,
            Control::NarrowKind => narrow(NarrowField::Kind),
            Control::NarrowId => narrow(NarrowField::Id),
            Control::NarrowText => narrow(NarrowField::Text),
            Control::Select => BulkAction::Select {
                row: row as usize,
                selected: checked,
            },
            Control::SelectShown => BulkAction::SelectShown { selected: checked },
            Control::ChangeRule => change(ChangeField::Rule),
            Control::ChangeFrom => change(ChangeField::From),
            Control::ChangeTo => change(ChangeField::To),
            Control::ChangeFilterType => change(ChangeField::FilterType),
            Control::ChangeFilterId => change(ChangeField::FilterId),
            Control::PaceWrites => change(ChangeField::PaceWrites),
            Control::PaceSeconds => change(ChangeField::PaceSeconds),
            Control::Preview => BulkAction::Preview,
            Control::Apply => BulkAction::Apply,
            Control::Pause => BulkAction::Pause,
            Control::Resume => BulkAction::Resume,
            Control::Cancel => BulkAction::Cancel,
            Control::RetryFailed => BulkAction::RetryFailed,
            Control::ResumeJournal => BulkAction::ResumeJournal,
            Control::DiscardJournal => BulkAction::DiscardJournal,
            Control::ExportCsv => BulkAction::ExportCsv,
            Control::ExportHar => BulkAction::ExportHar,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bulk_controls_are_read_into_actions() {
        assert_eq!(
            BulkAction::of(Control::Select, 12, "true".into()),
            Some(BulkAction::Select {
                row: 12,
                selected: true
            })
        );
        assert_eq!(
            BulkAction::of(Control::PaceWrites, 0, "50".into()),
            Some(BulkAction::Change {
                field: ChangeField::PaceWrites,
                value: "50".into()
            })
        );
        assert_eq!(
            BulkAction::of(Control::SelectShown, 0, "false".into()),
            Some(BulkAction::SelectShown { selected: false })
        );
        assert_eq!(BulkAction::of(Control::CopySnippet, 0, String::new()), None);
    }
}
