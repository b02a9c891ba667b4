//! Names for the ids in targets, as the Intune admin center shows them: a session cache of
//! looked-up group and filter names (with "not found in this tenant"), a target in words
//! ("Included group: iOS pilot users, filter: Corporate iPads (include)"), and the admin
//! center's own assignment rules as hints that never block sending.

use std::collections::BTreeMap;

use crate::directory::{AssignmentFilterEntity, Group, Members};
use crate::target::{AssignmentTarget, FilterType};

/// What is known of one id's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lookup {
    /// Asked for, no answer yet.
    Pending,
    /// The name.
    Found(String),
    /// The tenant has no object with this id.
    NotFound,
    /// The name could not be read, such as a 403 for a missing permission.
    Unavailable(String),
}

/// Looked-up names of groups and filters, kept for the session (ids are compared in lower
/// case, as GUIDs are).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameCache {
    entries: BTreeMap<String, Lookup>,
}

impl NameCache {
    /// What is known of `id`, if it was ever asked for.
    pub fn get(&self, id: &str) -> Option<&Lookup> {
        self.entries.get(&id.to_ascii_lowercase())
    }

    /// Records what a lookup found (or that one is on its way).
    pub fn record(&mut self, id: &str, lookup: Lookup) {
        self.entries.insert(id.to_ascii_lowercase(), lookup);
    }

    /// How an id reads in a sentence: its name, or the id with what is known of it.
    pub fn words_for(&self, id: &str) -> String {
        match self.get(id) {
            Some(Lookup::Found(name)) => name.clone(),
            Some(Lookup::NotFound) => format!("{id} (not found in this tenant)"),
            Some(Lookup::Pending) | Some(Lookup::Unavailable(_)) | None => id.to_owned(),
        }
    }
}

/// A target in the admin center's words, with names where they are known, such as
/// "Included group: iOS pilot users, filter: Corporate iPads (include)".
pub fn target_in_words(target: &AssignmentTarget, names: &NameCache) -> String {
    let mut text = target.kind().label().to_owned();
    if let Some(group) = target.group_id() {
        text.push_str(&format!(": {}", names.words_for(group.as_str())));
    }
    if let Some(collection) = target.collection_id() {
        text.push_str(&format!(": {collection}"));
    }
    let filter = target.filter();
    match (&filter.id, filter.filter_type) {
        (Some(id), FilterType::Include | FilterType::Exclude) => text.push_str(&format!(
            ", filter: {} ({})",
            names.words_for(id.as_str()),
            filter.filter_type.as_str()
        )),
        (None, FilterType::Include | FilterType::Exclude) => text.push_str(&format!(
            ", filter: none given ({})",
            filter.filter_type.as_str()
        )),
        (Some(id), FilterType::None) => text.push_str(&format!(
            ", filter {} (type none: not applied)",
            names.words_for(id.as_str())
        )),
        (None, FilterType::None) => {}
    }
    text
}

/// Intune's list of the workloads that support assignment filters, which puts iOS/iPadOS app
/// provisioning profiles under "Not supported".
pub const FILTER_WORKLOADS_URL: &str =
    "https://learn.microsoft.com/intune/intune-service/fundamentals/filters-supported-workloads";

/// What is said wherever a target of this workload carries an assignment filter.
pub const FILTER_NOT_SUPPORTED: &str = "Intune does not support assignment filters for iOS/iPadOS \
     app provisioning profiles: the filter may be ignored or refused. Graph still accepts the \
     properties, because every Intune target shares them.";

/// Whether `target` carries an assignment filter (an id, or a type other than none).
pub fn carries_filter(target: &AssignmentTarget) -> bool {
    let filter = target.filter();
    filter.id.is_some() || filter.filter_type != FilterType::None
}

/// A rule of the admin center that a target breaks; shown as a warning, never blocking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Hint {
    /// A dynamic device group as an exclusion: membership changes late, so devices may get
    /// the configuration before they are excluded.
    DynamicDeviceGroupExcluded {
        /// The group's name.
        group: String,
    },
    /// A user group excluded from an assignment that targets devices: Intune cannot exclude
    /// users from device targets.
    UserGroupExcludedFromDevices {
        /// The group's name.
        group: String,
    },
    /// The same group is included and excluded across the configuration's assignments:
    /// the exclusion wins.
    IncludedAndExcluded {
        /// The group's name.
        group: String,
    },
    /// The target carries an assignment filter, which Intune does not support for this
    /// workload.
    FilterNotSupported,
    /// The filter is not an iOS/iPadOS device filter, so it cannot apply here.
    FilterNotForIos {
        /// The filter's name.
        filter: String,
        /// Its platform and management type.
        platform: String,
    },
}

impl Hint {
    /// The warning shown for the hint: what is wrong and what the admin center does about it.
    pub fn warning(&self) -> String {
        match self {
            Hint::DynamicDeviceGroupExcluded { group } => format!(
                "“{group}” is a dynamic device group used as an exclusion: its members are \
                 evaluated late, so devices may get the configuration before they are excluded. \
                 Exclude an assigned group or use a filter."
            ),
            Hint::UserGroupExcludedFromDevices { group } => format!(
                "“{group}” is a user group excluded while the configuration targets devices: \
                 Intune cannot exclude users from device targets, so this exclusion does nothing."
            ),
            Hint::IncludedAndExcluded { group } => format!(
                "“{group}” is both included and excluded across this configuration's \
                 assignments: the exclusion wins."
            ),
            Hint::FilterNotSupported => {
                format!("{FILTER_NOT_SUPPORTED} See {FILTER_WORKLOADS_URL}")
            }
            Hint::FilterNotForIos { filter, platform } => format!(
                "The filter “{filter}” is for {platform}, not iOS/iPadOS devices: it cannot \
                 apply to this configuration."
            ),
        }
    }
}

/// The hints for `target` among `others` (the configuration's other assignments' targets),
/// with what is known of groups and filters.
pub fn hints(
    target: &AssignmentTarget,
    others: &[AssignmentTarget],
    groups: &[Group],
    filters: &[AssignmentFilterEntity],
) -> Vec<Hint> {
    let group_of = |id: &crate::GroupId| groups.iter().find(|group| &group.id == id);
    let mut found = Vec::new();
    let targets_devices = others.iter().any(|other| match other {
        AssignmentTarget::AllDevices { .. } => true,
        AssignmentTarget::Group { group_id, .. } => {
            group_of(group_id).is_some_and(|group| group.members() == Members::Devices)
        }
        _ => false,
    });
    if let AssignmentTarget::ExclusionGroup { group_id, .. } = target {
        let name = group_of(group_id)
            .map_or_else(|| group_id.to_string(), |group| group.display_name.clone());
        match group_of(group_id).map(Group::members) {
            Some(Members::Devices) => found.push(Hint::DynamicDeviceGroupExcluded {
                group: name.clone(),
            }),
            Some(Members::Users) if targets_devices => {
                found.push(Hint::UserGroupExcludedFromDevices {
                    group: name.clone(),
                })
            }
            _ => {}
        }
        let included = others.iter().any(
            |other| matches!(other, AssignmentTarget::Group { group_id: included, .. } if included == group_id),
        );
        if included {
            found.push(Hint::IncludedAndExcluded { group: name });
        }
    }
    if let AssignmentTarget::Group { group_id, .. } = target {
        let excluded = others.iter().any(
            |other| matches!(other, AssignmentTarget::ExclusionGroup { group_id: excluded, .. } if excluded == group_id),
        );
        if excluded {
            let name = group_of(group_id)
                .map_or_else(|| group_id.to_string(), |group| group.display_name.clone());
            found.push(Hint::IncludedAndExcluded { group: name });
        }
    }
    if carries_filter(target) {
        found.push(Hint::FilterNotSupported);
    }
    let filter = target.filter();
    if let (Some(id), FilterType::Include | FilterType::Exclude) = (&filter.id, filter.filter_type)
        && let Some(entity) = filters.iter().find(|entity| &entity.id == id)
        && !entity.fits_ios_devices()
    {
        found.push(Hint::FilterNotForIos {
            filter: entity.display_name.clone(),
            platform: format!(
                "{} ({})",
                entity.platform, entity.assignment_filter_management_type
            ),
        });
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{AssignmentFilter, FilterId, GroupId};

    const DEVICES: &str = "1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";
    const USERS: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
    const ASSIGNED: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";
    const IOS_FILTER: &str = "f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41";
    const WINDOWS_FILTER: &str = "3a5c7e9b-2d4f-4c6a-8e0b-9d1f3a5c7e24";

    fn group(id: &str, name: &str, rule: Option<&str>) -> Group {
        Group {
            id: GroupId::parse(id).unwrap(),
            display_name: name.into(),
            description: None,
            group_types: if rule.is_some() {
                vec!["DynamicMembership".into()]
            } else {
                vec![]
            },
            membership_rule: rule.map(str::to_owned),
            security_enabled: true,
        }
    }

    fn directory() -> (Vec<Group>, Vec<AssignmentFilterEntity>) {
        let groups = vec![
            group(
                DEVICES,
                "Field sales iPads",
                Some("(device.deviceOSType -eq \"iPad\")"),
            ),
            group(USERS, "Sales team", Some("(user.department -eq \"Sales\")")),
            group(ASSIGNED, "iOS pilot users", None),
        ];
        let filter = |id: &str, name: &str, platform: &str| AssignmentFilterEntity {
            id: FilterId::parse(id).unwrap(),
            display_name: name.into(),
            description: None,
            platform: platform.into(),
            rule: String::new(),
            assignment_filter_management_type: "devices".into(),
        };
        let filters = vec![
            filter(IOS_FILTER, "Corporate iPads", "iOS"),
            filter(WINDOWS_FILTER, "Windows laptops", "windows10AndLater"),
        ];
        (groups, filters)
    }

    fn filter(id: &str, filter_type: FilterType) -> AssignmentFilter {
        AssignmentFilter {
            id: Some(FilterId::parse(id).unwrap()),
            filter_type,
        }
    }

    fn include(id: &str) -> AssignmentTarget {
        AssignmentTarget::Group {
            group_id: GroupId::parse(id).unwrap(),
            filter: AssignmentFilter::default(),
        }
    }

    fn exclude(id: &str) -> AssignmentTarget {
        AssignmentTarget::ExclusionGroup {
            group_id: GroupId::parse(id).unwrap(),
            filter: AssignmentFilter::default(),
        }
    }

    #[test]
    fn the_cache_names_ids_and_says_when_one_does_not_exist() {
        let (groups, filters) = directory();
        let mut names = NameCache::default();
        assert_eq!(names.get(ASSIGNED), None);
        for group in &groups {
            names.record(group.id.as_str(), Lookup::Found(group.display_name.clone()));
        }
        for filter in &filters {
            names.record(
                filter.id.as_str(),
                Lookup::Found(filter.display_name.clone()),
            );
        }
        assert_eq!(
            names.get(&ASSIGNED.to_uppercase()),
            Some(&Lookup::Found("iOS pilot users".into())),
            "ids are compared ignoring case"
        );
        let missing = "00000000-0000-0000-0000-000000000000";
        names.record(missing, Lookup::NotFound);
        let target = AssignmentTarget::Group {
            group_id: GroupId::parse(ASSIGNED).unwrap(),
            filter: filter(IOS_FILTER, FilterType::Include),
        };
        assert_eq!(
            target_in_words(&target, &names),
            "Included group: iOS pilot users, filter: Corporate iPads (include)"
        );
        assert_eq!(
            target_in_words(&exclude(missing), &names),
            format!("Excluded group: {missing} (not found in this tenant)")
        );
        names.record(ASSIGNED, Lookup::Pending);
        assert_eq!(names.words_for(ASSIGNED), ASSIGNED);
        let untyped = AssignmentTarget::AllDevices {
            filter: filter(IOS_FILTER, FilterType::None),
        };
        assert_eq!(
            target_in_words(&untyped, &names),
            "All devices, filter Corporate iPads (type none: not applied)"
        );
        let no_id = AssignmentTarget::AllLicensedUsers {
            filter: AssignmentFilter {
                id: None,
                filter_type: FilterType::Exclude,
            },
        };
        assert_eq!(
            target_in_words(&no_id, &names),
            "All users, filter: none given (exclude)"
        );
    }

    #[test]
    fn the_admin_centers_rules_become_hints() {
        let (groups, filters) = directory();
        assert_eq!(
            hints(&exclude(DEVICES), &[], &groups, &filters),
            [Hint::DynamicDeviceGroupExcluded {
                group: "Field sales iPads".into()
            }]
        );
        let all_devices = AssignmentTarget::AllDevices {
            filter: AssignmentFilter::default(),
        };
        assert_eq!(
            hints(
                &exclude(USERS),
                std::slice::from_ref(&all_devices),
                &groups,
                &filters
            ),
            [Hint::UserGroupExcludedFromDevices {
                group: "Sales team".into()
            }]
        );
        assert_eq!(hints(&exclude(USERS), &[], &groups, &filters), []);
        assert_eq!(
            hints(&exclude(ASSIGNED), &[include(ASSIGNED)], &groups, &filters),
            [Hint::IncludedAndExcluded {
                group: "iOS pilot users".into()
            }]
        );
        assert_eq!(
            hints(&include(ASSIGNED), &[exclude(ASSIGNED)], &groups, &filters),
            [Hint::IncludedAndExcluded {
                group: "iOS pilot users".into()
            }]
        );
        let windows = AssignmentTarget::AllDevices {
            filter: filter(WINDOWS_FILTER, FilterType::Include),
        };
        assert_eq!(
            hints(&windows, &[], &groups, &filters),
            [
                Hint::FilterNotSupported,
                Hint::FilterNotForIos {
                    filter: "Windows laptops".into(),
                    platform: "windows10AndLater (devices)".into()
                }
            ]
        );
        let ios = AssignmentTarget::AllDevices {
            filter: filter(IOS_FILTER, FilterType::Exclude),
        };
        assert_eq!(
            hints(&ios, &[all_devices], &groups, &filters),
            [Hint::FilterNotSupported],
            "even an iOS/iPadOS filter is not supported for this workload"
        );
        let warning = Hint::FilterNotSupported.warning();
        assert!(
            warning.contains("does not support assignment filters")
                && warning.contains(FILTER_WORKLOADS_URL),
            "{warning}"
        );
        let warning = hints(&exclude(USERS), &[windows], &groups, &filters)[0].warning();
        assert!(
            warning.contains("“Sales team”") && warning.contains("does nothing"),
            "{warning}"
        );
    }
}
