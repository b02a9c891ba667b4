//! The Changes region's words, from audit events alone.

use super::view::render;
use super::*;
use crate::contract::view_tree::text_of;

const EVENT: &str = r##"{
  "activityDateTime": "2026-12-01T10:00:00.000Z",
  "activityOperationType": "Patch",
  "correlationId": "c-1",
  "actor": {"type": "ItPro", "userPrincipalName": "adele.vance@contoso.onmicrosoft.com"},
  "resources": [
    {"type": "IosLobAppProvisioningConfiguration", "resourceId": "c", "modifiedProperties": []},
    {"type": "IosLobAppProvisioningConfigurationAssignment", "resourceId": "c_1", "modifiedProperties": [
      {"displayName": "Target",
       "oldValue": "{\"@odata.type\":\"#microsoft.graph.allDevicesAssignmentTarget\"}",
       "newValue": "{\"@odata.type\":\"#microsoft.graph.allLicensedUsersAssignmentTarget\"}"}
    ]}
  ]
}"##;

#[test]
fn each_change_says_when_who_what_and_the_target_before_and_after() {
    let event: AuditEvent = serde_json::from_str(EVENT).unwrap();
    let (before, after) = event.targets();
    assert!(matches!(before, Some(AssignmentTarget::AllDevices { .. })));
    assert!(matches!(
        after,
        Some(AssignmentTarget::AllLicensedUsers { .. })
    ));
    let words = |target: &AssignmentTarget| target.kind().label().to_owned();
    let said = text_of(&render(&Found::Events(vec![event.clone()]), &words));
    assert!(said.contains("1 change recorded by Intune"), "{said}");
    assert!(
        said.contains("2026-12-01T10:00:00.000Zadele.vance@contoso.onmicrosoft.comChanged the targetAll devicesAll users"),
        "{said}"
    );
    // An application's token, and an event that says no target.
    let mut other: AuditEvent = serde_json::from_str(
        r#"{"activityOperationType":"Delete","actor":{"applicationDisplayName":"A script"}}"#,
    )
    .unwrap();
    other.resources.clear();
    assert_eq!(other.who(), "A script");
    assert_eq!(other.targets(), (None, None));
    let said = text_of(&render(&Found::Events(vec![other]), &words));
    assert!(said.contains("A scriptRemoved an assignment——"), "{said}");
    let said = text_of(&render(&Found::Events(Vec::new()), &words));
    assert!(said.contains("records no change"), "{said}");
}
