//! The rows of the Bulk view (one per assignment found) and the choices over them: narrowing by
//! current target and name, and the change rule as the user typed it.

use graph_model::bulk::rules::Change;
use graph_model::expiry::Expiry;
use graph_model::{
    AssignmentFilter, AssignmentId, AssignmentTarget, ConfigurationId, FilterId, FilterType,
    GroupId,
};

/// One assignment found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Its configuration.
    pub configuration_id: ConfigurationId,
    /// The configuration's name.
    pub configuration_name: String,
    /// When the configuration's profile expires, as it stood when it was found.
    pub expiry: Option<Expiry>,
    /// The assignment.
    pub assignment_id: AssignmentId,
    /// Its current target.
    pub target: AssignmentTarget,
    /// Chosen for the change.
    pub selected: bool,
}

/// How the table is narrowed: by current target (`kind`, with an id for the kinds that name
/// one) and by text in the configuration's name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Narrow {
    /// `any`, `targets-group`, `excludes-group`, `all-devices`, `all-users`, `has-filter`,
    /// `no-filter` or `expiring` (expired, or expiring within 30 days).
    pub kind: String,
    /// The group or filter id for `targets-group`, `excludes-group` and `has-filter`.
    pub id: String,
    /// Text the configuration's name must hold (ignoring case).
    pub text: String,
}

/// The narrowing choices: value and label.
pub const NARROW_KINDS: [(&str, &str); 8] = [
    ("any", "Any target"),
    ("targets-group", "Targets group (ID)"),
    ("excludes-group", "Excludes group (ID)"),
    ("all-devices", "All devices"),
    ("all-users", "All users"),
    ("has-filter", "Has filter (ID)"),
    ("no-filter", "No filter"),
    ("expiring", "Expiring within 30 days"),
];

impl Narrow {
    /// True when `row` is shown.
    pub fn shows(&self, row: &Row) -> bool {
        let id = self.id.trim();
        let same = |known: &str| known.eq_ignore_ascii_case(id);
        let target = &row.target;
        let by_target = match self.kind.as_str() {
            "targets-group" => {
                matches!(target, AssignmentTarget::Group { group_id, .. } if same(group_id.as_str()))
            }
            "excludes-group" => {
                matches!(target, AssignmentTarget::ExclusionGroup { group_id, .. } if same(group_id.as_str()))
            }
            "all-devices" => matches!(target, AssignmentTarget::AllDevices { .. }),
            "all-users" => matches!(target, AssignmentTarget::AllLicensedUsers { .. }),
            "has-filter" => target
                .filter()
                .id
                .as_ref()
                .is_some_and(|filter| same(filter.as_str())),
            "no-filter" => {
                target.filter().id.is_none() || target.filter().filter_type == FilterType::None
            }
            "expiring" => row.expiry.as_ref().is_some_and(Expiry::is_marked),
            _ => true,
        };
        let text = self.text.trim().to_lowercase();
        by_target && (text.is_empty() || row.configuration_name.to_lowercase().contains(&text))
    }
}

/// The change as typed: the rule and its fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeForm {
    /// `set-target`, `replace-group`, `set-filter` or `clear-filter`.
    pub rule: String,
    /// Group A (replace).
    pub from: String,
    /// Group B (replace).
    pub to: String,
    /// The filter id (set filter).
    pub filter_id: String,
    /// The filter type (set filter): `include` or `exclude`.
    pub filter_type: String,
    /// The pace's writes per window, as typed (empty: Intune's 100).
    pub pace_writes: String,
    /// The pace's window in seconds, as typed (empty: Intune's 20).
    pub pace_seconds: String,
}

/// The change rules: value and label.
pub const RULES: [(&str, &str); 4] = [
    ("set-target", "Set the target to the form's target"),
    (
        "replace-group",
        "Replace group A by group B (keeping include or exclude)",
    ),
    ("set-filter", "Set the assignment filter, keeping the rest"),
    (
        "clear-filter",
        "Clear the assignment filter, keeping the rest",
    ),
];

impl ChangeForm {
    /// The pace as typed: writes per window and the window in milliseconds; or what is wrong.
    pub fn pace(&self) -> Result<(usize, u64), String> {
        let number = |text: &str, default: u64, field: &str| {
            let text = text.trim();
            if text.is_empty() {
                return Ok(default);
            }
            text.parse::<u64>()
                .ok()
                .filter(|value| (1..=10_000).contains(value))
                .ok_or_else(|| format!("{field}: a whole number from 1 to 10000, not \"{text}\"."))
        };
        let writes = number(&self.pace_writes, 100, "Writes per window")?;
        let seconds = number(&self.pace_seconds, 20, "Window in seconds")?;
        Ok((writes as usize, seconds * 1_000))
    }

    /// The change, given the form's target for `set-target`; or what is wrong, and where.
    pub fn change(&self, form_target: Option<AssignmentTarget>) -> Result<Change, String> {
        let group = |text: &str, field: &str| {
            GroupId::parse(text).map_err(|error| format!("{field}: {error}"))
        };
        match self.rule.as_str() {
            "replace-group" => Ok(Change::ReplaceGroup {
                from: group(&self.from, "Group A")?,
                to: group(&self.to, "Group B")?,
            }),
            "set-filter" => {
                let id = FilterId::parse(&self.filter_id)
                    .map_err(|error| format!("New filter: {error}"))?;
                let filter_type = match self.filter_type.as_str() {
                    "exclude" => FilterType::Exclude,
                    _ => FilterType::Include,
                };
                Ok(Change::SetFilter(AssignmentFilter {
                    id: Some(id),
                    filter_type,
                }))
            }
            "clear-filter" => Ok(Change::ClearFilter),
            _ => form_target.map(Change::SetTarget).ok_or_else(|| {
                "The target form above has errors: fix them, or choose another change.".to_owned()
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GROUP: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";
    const FILTER: &str = "f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41";

    fn row(name: &str, target: AssignmentTarget) -> Row {
        Row {
            configuration_id: ConfigurationId::parse("c1").unwrap(),
            configuration_name: name.into(),
            expiry: None,
            assignment_id: AssignmentId::parse("a1").unwrap(),
            target,
            selected: false,
        }
    }

    #[test]
    fn narrowing_by_target_and_name() {
        let filtered = AssignmentFilter {
            id: Some(FilterId::parse(FILTER).unwrap()),
            filter_type: FilterType::Include,
        };
        let excluded = row(
            "Sales iPads",
            AssignmentTarget::ExclusionGroup {
                group_id: GroupId::parse(GROUP).unwrap(),
                filter: filtered,
            },
        );
        let all = row(
            "Kiosk",
            AssignmentTarget::AllDevices {
                filter: AssignmentFilter::default(),
            },
        );
        let narrow = |kind: &str, id: &str, text: &str| Narrow {
            kind: kind.into(),
            id: id.into(),
            text: text.into(),
        };
        assert!(narrow("excludes-group", &GROUP.to_uppercase(), "").shows(&excluded));
        assert!(!narrow("targets-group", GROUP, "").shows(&excluded));
        assert!(narrow("has-filter", FILTER, "sales").shows(&excluded));
        assert!(!narrow("has-filter", FILTER, "kiosk").shows(&excluded));
        assert!(narrow("no-filter", "", "").shows(&all));
        assert!(narrow("all-devices", "", "KIO").shows(&all));
        assert!(!narrow("all-users", "", "").shows(&all));
        assert!(narrow("any", "", "").shows(&all));
        assert!(!narrow("expiring", "", "").shows(&all), "no expiry known");
        let expiring = |expires: &str| Row {
            expiry: Expiry::at(expires, 1_800_000_000),
            ..all.clone()
        };
        assert!(narrow("expiring", "", "").shows(&expiring("2027-01-01T00:00:00Z")));
        assert!(narrow("expiring", "", "").shows(&expiring("2027-01-20T00:00:00Z")));
        assert!(!narrow("expiring", "", "").shows(&expiring("2027-03-20T00:00:00Z")));
    }

    #[test]
    fn the_change_says_which_field_is_wrong() {
        let replace = ChangeForm {
            rule: "replace-group".into(),
            from: GROUP.into(),
            to: "nope".into(),
            ..ChangeForm::default()
        };
        assert!(replace.change(None).unwrap_err().starts_with("Group B"));
        let set = ChangeForm {
            rule: "set-target".into(),
            ..ChangeForm::default()
        };
        assert!(set.change(None).unwrap_err().contains("target form"));
        let filter = ChangeForm {
            rule: "set-filter".into(),
            filter_id: FILTER.into(),
            filter_type: "exclude".into(),
            ..ChangeForm::default()
        };
        assert!(
            matches!(filter.change(None), Ok(Change::SetFilter(f)) if f.filter_type == FilterType::Exclude)
        );
        assert_eq!(filter.pace(), Ok((100, 20_000)), "Intune's rule by default");
        let scaled = ChangeForm {
            pace_writes: "100".into(),
            pace_seconds: " 2 ".into(),
            ..ChangeForm::default()
        };
        assert_eq!(scaled.pace(), Ok((100, 2_000)));
        let wrong = ChangeForm {
            pace_seconds: "0".into(),
            ..ChangeForm::default()
        };
        assert!(wrong.pace().unwrap_err().starts_with("Window in seconds"));
    }
}
