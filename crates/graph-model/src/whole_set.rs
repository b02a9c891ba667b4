//! The whole assignment set of a configuration, as Intune keeps it: one assignment per group
//! (and one All users, one All devices), and the `assign` action that replaces the set whole.
//! Also how to tell an answer that says a route is not served from one about the ids.

use serde_json::{Value, json};

use crate::IosLobAppProvisioningConfigurationAssignment as Assignment;
use crate::assignment::AssignmentPatch;
use crate::ids::AssignmentId;
use crate::target::AssignmentTarget;

/// The `assign` action's parameter for the older group assignments (note the casing).
pub const GROUP_ASSIGNMENTS: &str = "appProvisioningConfigurationGroupAssignments";
/// The `assign` action's parameter for the assignments (note Graph's casing `iOS`).
pub const CONFIG_ASSIGNMENTS: &str = "iOSLobAppProvisioningConfigAssignments";

/// Whether two targets reach the same audience in Intune's eyes: the same Entra group
/// (included or excluded), All users twice, All devices twice, or the same collection.
pub fn same_audience(one: &AssignmentTarget, other: &AssignmentTarget) -> bool {
    match (one.group_id(), other.group_id()) {
        (Some(one), Some(other)) => one == other,
        (None, None) => one.kind() == other.kind() && one.collection_id() == other.collection_id(),
        _ => false,
    }
}

/// The assignment of `set` that already reaches what `target` would, if any: adding `target`
/// would put the same group in the set twice, which Intune refuses.
pub fn already_in_set<'a>(
    set: &'a [Assignment],
    target: &AssignmentTarget,
) -> Option<&'a Assignment> {
    set.iter()
        .find(|assignment| same_audience(&assignment.target, target))
}

/// The set after `replaced`'s target becomes `target`, every other assignment unchanged and in
/// its place; `None` when `replaced` is not in the set.
pub fn with_target_replaced(
    set: &[Assignment],
    replaced: &AssignmentId,
    target: &AssignmentTarget,
) -> Option<Vec<AssignmentTarget>> {
    let mut found = false;
    let targets = set
        .iter()
        .map(|assignment| {
            if &assignment.id == replaced {
                found = true;
                target.clone()
            } else {
                assignment.target.clone()
            }
        })
        .collect();
    found.then_some(targets)
}

/// The body of `POST .../{id}/assign` that makes the set exactly `targets` (the older group
/// assignments empty, as a set read through `.../assignments` has none).
pub fn assign_body(targets: &[AssignmentTarget]) -> Value {
    let assignments: Vec<Value> = targets
        .iter()
        .map(|target| {
            serde_json::to_value(AssignmentPatch {
                target: target.clone(),
            })
            .unwrap_or_default()
        })
        .collect();
    json!({ GROUP_ASSIGNMENTS: [], CONFIG_ASSIGNMENTS: assignments })
}

/// The targets an `assign` body sets, in order; `None` when it is not one.
pub fn targets_of_assign_body(body: &Value) -> Option<Vec<AssignmentTarget>> {
    body.get(CONFIG_ASSIGNMENTS)?
        .as_array()?
        .iter()
        .map(|item| {
            let mut diagnostics = crate::Diagnostics::default();
            AssignmentPatch::parse_value(item, &mut diagnostics).map(|patch| patch.target)
        })
        .collect()
}

/// Whether two sets hold the same targets, whatever their order and ids (the `assign` action
/// gives new ids).
pub fn same_targets(one: &[AssignmentTarget], other: &[AssignmentTarget]) -> bool {
    let canonical = |targets: &[AssignmentTarget]| {
        let mut texts: Vec<String> = targets
            .iter()
            .map(|target| serde_json::to_string(target).unwrap_or_default())
            .collect();
        texts.sort();
        texts
    };
    canonical(one) == canonical(other)
}

/// Whether an answer says the route itself is not served, rather than anything about the ids
/// or the body: `400 No method match route template` (or a message saying no OData route
/// matches), `405`, or a `404` whose message names a route or segment and not `id`. `code` and
/// `message` are the OData error's (empty when the body had none).
pub fn route_not_served(status: u16, code: &str, message: &str, id: &str) -> bool {
    let names_route = |text: &str| {
        let text = text.to_ascii_lowercase();
        [
            "no method match route",
            "no odata route exists",
            "no http resource was found",
            "resource not found for the segment",
        ]
        .iter()
        .any(|words| text.contains(words))
    };
    match status {
        405 => true,
        400 => names_route(code) || names_route(message),
        404 => {
            let id = id.to_ascii_lowercase();
            names_route(message) && (id.is_empty() || !message.to_ascii_lowercase().contains(&id))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::GroupId;
    use crate::target::{AssignmentFilter, FilterType};
    use crate::{CollectionId, FilterId};

    const GROUP: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
    const OTHER: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";

    fn group(id: &str) -> GroupId {
        GroupId::parse(id).unwrap()
    }

    fn every_kind() -> Vec<AssignmentTarget> {
        let filter = AssignmentFilter {
            id: Some(FilterId::parse("f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41").unwrap()),
            filter_type: FilterType::Include,
        };
        vec![
            AssignmentTarget::AllDevices {
                filter: filter.clone(),
            },
            AssignmentTarget::AllLicensedUsers {
                filter: AssignmentFilter::default(),
            },
            AssignmentTarget::Group {
                group_id: group(GROUP),
                filter,
            },
            AssignmentTarget::ExclusionGroup {
                group_id: group(OTHER),
                filter: AssignmentFilter::default(),
            },
            AssignmentTarget::ConfigurationManagerCollection {
                collection_id: CollectionId::parse("SMS00001").unwrap(),
                filter: AssignmentFilter::default(),
            },
        ]
    }

    fn set() -> Vec<Assignment> {
        every_kind()
            .into_iter()
            .enumerate()
            .map(|(index, target)| Assignment {
                id: AssignmentId::parse(&format!("c_{index}")).unwrap(),
                target,
            })
            .collect()
    }

    #[test]
    fn one_target_is_replaced_and_every_other_kept_through_the_assign_body() {
        let set = set();
        for (index, replacement) in every_kind().into_iter().enumerate().rev() {
            let replaced = AssignmentId::parse(&format!("c_{}", 4 - index)).unwrap();
            let targets = with_target_replaced(&set, &replaced, &replacement).unwrap();
            assert_eq!(targets.len(), set.len());
            for (at, target) in targets.iter().enumerate() {
                let expected = if at == 4 - index {
                    &replacement
                } else {
                    &set[at].target
                };
                assert_eq!(target, expected);
            }
            let body = assign_body(&targets);
            assert_eq!(body[GROUP_ASSIGNMENTS], json!([]));
            assert_eq!(
                targets_of_assign_body(&body).as_deref(),
                Some(&targets[..]),
                "round trip"
            );
            let text = body.to_string();
            assert!(
                text.contains("iOSLobAppProvisioningConfigAssignments"),
                "{text}"
            );
        }
        let missing = AssignmentId::parse("elsewhere").unwrap();
        assert_eq!(with_target_replaced(&set, &missing, &every_kind()[0]), None);
    }

    #[test]
    fn a_group_is_in_the_set_once_whether_included_or_excluded() {
        let set = set();
        let excluded_again = AssignmentTarget::ExclusionGroup {
            group_id: group(GROUP),
            filter: AssignmentFilter::default(),
        };
        assert_eq!(
            already_in_set(&set, &excluded_again).map(|a| a.id.as_str()),
            Some("c_2")
        );
        let all_devices = AssignmentTarget::AllDevices {
            filter: AssignmentFilter::default(),
        };
        assert_eq!(
            already_in_set(&set, &all_devices).map(|a| a.id.as_str()),
            Some("c_0")
        );
        let new_group = AssignmentTarget::Group {
            group_id: group("00000000-0000-4000-8000-000000000001"),
            filter: AssignmentFilter::default(),
        };
        assert!(already_in_set(&set, &new_group).is_none());
        let mut reordered: Vec<AssignmentTarget> = every_kind();
        reordered.reverse();
        assert!(same_targets(&every_kind(), &reordered));
        assert!(!same_targets(&every_kind(), &reordered[1..]));
    }

    #[test]
    fn answers_that_say_the_route_is_not_served_are_told_from_the_others() {
        let intune = "No OData route exists that match template ~/singleton/navigation/key/navigation with http verb POST for request /AppLifecycle_2012/StatelessAppMetadataFEService/deviceAppManagement/mobileAppConfigurations('c23464b8')/assignments.";
        assert!(route_not_served(
            400,
            "No method match route template",
            intune,
            "a_0_0"
        ));
        assert!(
            route_not_served(400, "BadRequest", intune, "a_0_0"),
            "the message alone"
        );
        assert!(route_not_served(405, "", "", "a_0_0"));
        let segment = "Resource not found for the segment 'assignments'.";
        assert!(route_not_served(404, "BadRequest", segment, "a_0_0"));
        let missing_id =
            "iosLobAppProvisioningConfigurationAssignment with id 'a_0_0' was not found.";
        assert!(!route_not_served(
            404,
            "ResourceNotFound",
            missing_id,
            "a_0_0"
        ));
        let segment_naming_the_id = "Resource not found for the segment 'A_0_0'.";
        assert!(!route_not_served(
            404,
            "BadRequest",
            segment_naming_the_id,
            "a_0_0"
        ));
        assert!(!route_not_served(
            400,
            "BadRequest",
            "a valid AADGroupId is expected",
            "a_0_0"
        ));
        assert!(!route_not_served(400, "", "", "a_0_0"));
        assert!(!route_not_served(
            403,
            "No method match route template",
            intune,
            "a_0_0"
        ));
    }
}
