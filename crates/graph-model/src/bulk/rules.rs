//! The changes a bulk run can make to each selected assignment's target: set the whole target,
//! replace one group by another keeping the kind (an inclusion stays an inclusion, an exclusion
//! an exclusion), or set or clear the assignment filter keeping the rest. Every resulting target
//! is checked by the model as a PATCH body before anything is sent.

use crate::assignment::{AssignmentPatch, assignment_odata_type};
use crate::endpoint::ApiVersion;
use crate::ids::GroupId;
use crate::target::{AssignmentFilter, AssignmentTarget, FilterType, ODATA_TYPE, TARGET_PROPERTY};

/// One rule for the selected rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// Replace the target with this one.
    SetTarget(AssignmentTarget),
    /// Where the target is this group (included or excluded), put that group instead.
    ReplaceGroup {
        /// The group to replace.
        from: GroupId,
        /// The group that takes its place.
        to: GroupId,
    },
    /// Set the assignment filter, keeping the rest of the target.
    SetFilter(AssignmentFilter),
    /// Remove the assignment filter, keeping the rest of the target.
    ClearFilter,
}

/// What a change makes of one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowPlan {
    /// The target stays as it is: nothing is sent.
    Unchanged,
    /// The target becomes this one.
    Changed(AssignmentTarget),
    /// The result would not be a valid target: why.
    Invalid(String),
}

fn with_filter(target: &AssignmentTarget, filter: AssignmentFilter) -> AssignmentTarget {
    match target.clone() {
        AssignmentTarget::AllDevices { .. } => AssignmentTarget::AllDevices { filter },
        AssignmentTarget::AllLicensedUsers { .. } => AssignmentTarget::AllLicensedUsers { filter },
        AssignmentTarget::Group { group_id, .. } => AssignmentTarget::Group { group_id, filter },
        AssignmentTarget::ExclusionGroup { group_id, .. } => {
            AssignmentTarget::ExclusionGroup { group_id, filter }
        }
        AssignmentTarget::ConfigurationManagerCollection { collection_id, .. } => {
            AssignmentTarget::ConfigurationManagerCollection {
                collection_id,
                filter,
            }
        }
    }
}

impl Change {
    /// The new target for a row whose target is `current`, checked as a PATCH body.
    pub fn plan(&self, current: &AssignmentTarget) -> RowPlan {
        let next = match self {
            Change::SetTarget(target) => target.clone(),
            Change::ReplaceGroup { from, to } => match current.clone() {
                AssignmentTarget::Group { group_id, filter } if &group_id == from => {
                    AssignmentTarget::Group {
                        group_id: to.clone(),
                        filter,
                    }
                }
                AssignmentTarget::ExclusionGroup { group_id, filter } if &group_id == from => {
                    AssignmentTarget::ExclusionGroup {
                        group_id: to.clone(),
                        filter,
                    }
                }
                _ => return RowPlan::Unchanged,
            },
            Change::SetFilter(filter) => with_filter(current, filter.clone()),
            Change::ClearFilter => with_filter(
                current,
                AssignmentFilter {
                    id: None,
                    filter_type: FilterType::None,
                },
            ),
        };
        if &next == current {
            return RowPlan::Unchanged;
        }
        match check(&next) {
            Ok(()) => RowPlan::Changed(next),
            Err(reason) => RowPlan::Invalid(reason),
        }
    }
}

/// Checks `target` as the model checks a PATCH body: the first error, if any.
pub fn check(target: &AssignmentTarget) -> Result<(), String> {
    let body = serde_json::json!({
        ODATA_TYPE: assignment_odata_type(),
        TARGET_PROPERTY: target,
    });
    let checked = AssignmentPatch::check(&body.to_string(), ApiVersion::Beta);
    match checked.diagnostics.errors.first() {
        Some(problem) => Err(problem.message.clone()),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::FilterId;

    const A: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";
    const B: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
    const FILTER: &str = "f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41";

    fn group(id: &str) -> GroupId {
        GroupId::parse(id).unwrap()
    }

    fn include_filter() -> AssignmentFilter {
        AssignmentFilter {
            id: Some(FilterId::parse(FILTER).unwrap()),
            filter_type: FilterType::Include,
        }
    }

    #[test]
    fn replacing_a_group_keeps_the_kind_and_the_filter() {
        let change = Change::ReplaceGroup {
            from: group(A),
            to: group(B),
        };
        let excluded = AssignmentTarget::ExclusionGroup {
            group_id: group(A),
            filter: include_filter(),
        };
        assert_eq!(
            change.plan(&excluded),
            RowPlan::Changed(AssignmentTarget::ExclusionGroup {
                group_id: group(B),
                filter: include_filter(),
            })
        );
        let other = AssignmentTarget::Group {
            group_id: group(B),
            filter: AssignmentFilter::default(),
        };
        assert_eq!(change.plan(&other), RowPlan::Unchanged);
        let all = AssignmentTarget::AllDevices {
            filter: AssignmentFilter::default(),
        };
        assert_eq!(change.plan(&all), RowPlan::Unchanged);
    }

    #[test]
    fn filters_are_set_and_cleared_keeping_the_rest_and_checked() {
        let target = AssignmentTarget::Group {
            group_id: group(A),
            filter: AssignmentFilter::default(),
        };
        let with = Change::SetFilter(include_filter()).plan(&target);
        let RowPlan::Changed(filtered) = with else {
            panic!("changed: {with:?}")
        };
        assert_eq!(filtered.group_id(), Some(&group(A)));
        assert_eq!(
            Change::SetFilter(include_filter()).plan(&filtered),
            RowPlan::Unchanged
        );
        assert_eq!(
            Change::ClearFilter.plan(&filtered),
            RowPlan::Changed(target.clone())
        );
        assert_eq!(Change::ClearFilter.plan(&target), RowPlan::Unchanged);
        assert_eq!(check(&filtered), Ok(()));
        let set = Change::SetTarget(AssignmentTarget::AllLicensedUsers {
            filter: AssignmentFilter::default(),
        });
        assert!(matches!(set.plan(&target), RowPlan::Changed(_)));
    }
}
