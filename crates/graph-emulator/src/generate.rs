//! `--generate CONFIGURATIONS:ASSIGNMENTS`: a deterministic data set of that size in place of
//! the sample, for bulk tests and benchmarks. Every configuration gets the same number of
//! assignments, each targeting one of the generated groups (included or excluded, some with a
//! filter); the groups (assigned and dynamic, of users and devices) and the filters (several
//! platforms) have names, so that names can be looked up as on a real tenant. The same size
//! always gives the same ids.

use std::str::FromStr;

use serde_json::{Value, json};

use crate::store::Dataset;

/// The size asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    /// Configurations.
    pub configurations: usize,
    /// Assignments per configuration.
    pub assignments: usize,
}

impl FromStr for Size {
    type Err = String;

    fn from_str(text: &str) -> Result<Size, String> {
        let refuse =
            || format!("\"{text}\" is not a size: use CONFIGURATIONS:ASSIGNMENTS such as 100:10");
        let (configurations, assignments) = text.split_once(':').ok_or_else(refuse)?;
        let configurations = configurations.trim().parse().map_err(|_| refuse())?;
        let assignments = assignments.trim().parse().map_err(|_| refuse())?;
        if configurations == 0 {
            return Err(format!("\"{text}\": at least one configuration"));
        }
        Ok(Size {
            configurations,
            assignments,
        })
    }
}

/// A GUID made of a kind (one hex digit) and a number, so that ids are stable and readable.
fn guid(kind: u8, number: usize) -> String {
    format!("{kind:x}{kind:x}{kind:x}{kind:x}0000-0000-4000-8000-{number:012x}")
}

/// The filters: iOS device filters, and one each for apps and for other platforms.
const FILTERS: [(&str, &str, &str); 5] = [
    ("Corporate iPads", "iOS", "devices"),
    ("Personal iPhones", "iOS", "devices"),
    ("Managed iOS apps", "iOSMobileApplicationManagement", "apps"),
    ("Corporate Android", "androidForWork", "devices"),
    ("Windows laptops", "windows10AndLater", "devices"),
];

/// A data set of `size`.
pub fn generate(size: Size) -> Result<Dataset, String> {
    let group_count = size.assignments.max(4);
    let groups: Vec<Value> = (0..group_count)
        .map(|number| {
            let (name, types, rule) = match number % 4 {
                0 => (format!("iOS pilot users {number}"), json!([]), None),
                1 => (
                    format!("Field iPads {number}"),
                    json!(["DynamicMembership"]),
                    Some(format!(
                        "(device.enrollmentProfileName -eq \"Field {number}\")"
                    )),
                ),
                2 => (
                    format!("Sales team {number}"),
                    json!(["DynamicMembership"]),
                    Some(format!("(user.department -eq \"Sales {number}\")")),
                ),
                _ => (format!("Warehouse scanners {number}"), json!([]), None),
            };
            json!({
                "id": guid(0xa, number),
                "displayName": name,
                "groupTypes": types,
                "membershipRule": rule,
                "securityEnabled": true,
            })
        })
        .collect();
    let filters: Vec<Value> = FILTERS
        .iter()
        .enumerate()
        .map(|(number, (name, platform, management))| {
            json!({
                "id": guid(0xf, number),
                "displayName": name,
                "platform": platform,
                "rule": format!("(device.deviceName -contains \"{number}\")"),
                "assignmentFilterManagementType": management,
            })
        })
        .collect();
    let configurations: Vec<Value> = (0..size.configurations)
        .map(|configuration| {
            let id = guid(0xc, configuration);
            let assignments: Vec<Value> = (0..size.assignments)
                .map(|number| {
                    let group = guid(0xa, number);
                    let kind = if number % 3 == 2 {
                        "exclusionGroupAssignmentTarget"
                    } else {
                        "groupAssignmentTarget"
                    };
                    let mut target = json!({
                        "@odata.type": format!("#microsoft.graph.{kind}"),
                        "groupId": group,
                        "deviceAndAppManagementAssignmentFilterType": "none",
                    });
                    if number % 3 == 0 {
                        target["deviceAndAppManagementAssignmentFilterId"] =
                            json!(guid(0xf, number % 2));
                        target["deviceAndAppManagementAssignmentFilterType"] = json!("include");
                    }
                    json!({ "id": format!("{id}_{group}"), "target": target })
                })
                .collect();
            json!({
                "id": id,
                "displayName": format!("Generated configuration {:04}", configuration + 1),
                "assignments": assignments,
            })
        })
        .collect();
    let data = json!({
        "configurations": configurations,
        "groups": groups,
        "assignmentFilters": filters,
    });
    serde_json::from_value(data)
        .map_err(|error| format!("the generated data is not valid: {error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_are_read_and_refused_clearly() {
        assert_eq!(
            "100:10".parse::<Size>(),
            Ok(Size {
                configurations: 100,
                assignments: 10
            })
        );
        for bad in ["", "100", "a:b", "0:5", "-1:3", "5:x"] {
            assert!(bad.parse::<Size>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_same_size_gives_the_same_data_with_unique_ids() {
        let size = Size {
            configurations: 3,
            assignments: 7,
        };
        let data = generate(size).unwrap();
        assert_eq!(data, generate(size).unwrap());
        assert_eq!(data.configurations.len(), 3);
        assert_eq!(data.assignment_count(), 21);
        let mut ids: Vec<&str> = data
            .configurations
            .iter()
            .flat_map(|record| record.assignments.iter().map(|a| a.id.as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 21);
        for record in &data.configurations {
            for assignment in &record.assignments {
                let group = assignment.target.group_id().unwrap();
                assert!(data.groups.iter().any(|known| &known.id == group));
            }
        }
        assert!(data.assignment_filters.iter().any(|f| f.platform == "iOS"));
    }
}
