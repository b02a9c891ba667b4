//! `--generate CONFIGURATIONS:ASSIGNMENTS`: a deterministic data set of that size in place of
//! the sample, for bulk tests and benchmarks. Every configuration gets the same number of
//! assignments, each targeting one of the generated groups (included or excluded, some with a
//! filter); the groups (assigned and dynamic, of users and devices) and the filters (several
//! platforms) have names, so that names can be looked up as on a real tenant. Every profile has
//! an expiry date, moved to today as the sample's are ([`crate::dates`]). The same size always
//! gives the same ids.

use std::str::FromStr;
use std::time::SystemTime;

use serde_json::{Value, json};

use crate::dates;
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
            let (created, expires) = lifetime(configuration);
            json!({
                "id": id,
                "displayName": format!("Generated configuration {:04}", configuration + 1),
                "createdDateTime": created,
                "expirationDateTime": expires,
                "assignments": assignments,
            })
        })
        .collect();
    let data = json!({
        "configurations": configurations,
        "groups": groups,
        "assignmentFilters": filters,
    });
    let mut data: Dataset = serde_json::from_value(data)
        .map_err(|error| format!("the generated data is not valid: {error}"))?;
    let days = dates::sample_shift(SystemTime::now());
    for record in &mut data.configurations {
        dates::shift_configuration(&mut record.configuration, days);
    }
    Ok(data)
}

/// When configuration `number` was made and when its profile expires (a year later), as of
/// [`dates::SAMPLE_AS_OF`]: one in four has expired, one in four expires within 30 days, the
/// rest later.
fn lifetime(number: usize) -> (String, String) {
    let as_of = humantime::parse_rfc3339(dates::SAMPLE_AS_OF).unwrap_or(SystemTime::UNIX_EPOCH);
    let days_left = match number % 4 {
        0 => -((number % 20) as i64 + 1),
        1 => (number % 29) as i64 + 1,
        _ => 60 + ((number * 7) % 300) as i64,
    };
    let expires = dates::shifted(as_of, days_left);
    let created = dates::shifted(expires, -365);
    let text = |time| humantime::format_rfc3339_seconds(time).to_string();
    (text(created), text(expires))
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
    fn every_profile_expires_some_have_and_some_will_within_30_days() {
        let data = generate(Size {
            configurations: 8,
            assignments: 1,
        })
        .unwrap();
        let now = SystemTime::now();
        let month = now + std::time::Duration::from_secs(30 * 86_400);
        let expiries: Vec<SystemTime> = data
            .configurations
            .iter()
            .map(|record| {
                let text = record.configuration.expiration_date_time.as_deref();
                humantime::parse_rfc3339(text.expect("an expiry")).unwrap()
            })
            .collect();
        assert_eq!(expiries.iter().filter(|expiry| **expiry < now).count(), 2);
        let soon = expiries.iter().filter(|e| **e > now && **e < month).count();
        assert_eq!(soon, 2);
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
