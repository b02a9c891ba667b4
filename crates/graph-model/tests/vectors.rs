//! Test vectors: every target kind written the way the documentation writes it (no `#`, a filter,
//! an upper-case group id) and the way the SDKs and service responses write it (`#`, a null
//! filter id, filter type `none`). Each must parse and serialise to the one canonical form.

use graph_model::{
    ApiVersion, AssignmentPatch, AssignmentTarget, IosLobAppProvisioningConfigurationAssignment,
    TargetKind,
};
use serde_json::{Value, json};

const GROUP: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
const FILTER: &str = "a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d";

/// (kind, documentation spelling, SDK/response spelling, canonical form of the documentation one)
fn vectors() -> Vec<(TargetKind, Value, Value, Value)> {
    let own = |kind: TargetKind| -> Vec<(&'static str, Value)> {
        match kind {
            TargetKind::Group | TargetKind::ExclusionGroup => {
                vec![("groupId", json!(GROUP.to_uppercase()))]
            }
            TargetKind::ConfigurationManagerCollection => {
                vec![("collectionId", json!("SMS00001"))]
            }
            _ => vec![],
        }
    };
    TargetKind::ALL
        .into_iter()
        .map(|kind| {
            let mut docs = json!({
                "@odata.type": format!("microsoft.graph.{}", kind.type_name()),
                "deviceAndAppManagementAssignmentFilterId": FILTER,
                "deviceAndAppManagementAssignmentFilterType": "include",
            });
            let mut sdk = json!({
                "@odata.type": format!("#microsoft.graph.{}", kind.type_name()),
                "deviceAndAppManagementAssignmentFilterId": null,
                "deviceAndAppManagementAssignmentFilterType": "none",
            });
            let mut canonical_with_filter = json!({
                "@odata.type": format!("#microsoft.graph.{}", kind.type_name()),
                "deviceAndAppManagementAssignmentFilterId": FILTER,
                "deviceAndAppManagementAssignmentFilterType": "include",
            });
            for (key, value) in own(kind) {
                docs[key] = value.clone();
                sdk[key] = value.clone();
                canonical_with_filter[key] = match key {
                    "groupId" => json!(GROUP),
                    _ => value,
                };
            }
            (kind, docs, sdk, canonical_with_filter)
        })
        .collect()
}

#[test]
fn documentation_spelling_parses_and_serialises_canonically() {
    for (kind, docs, _, canonical) in vectors() {
        let target =
            AssignmentTarget::from_value(&docs).unwrap_or_else(|d| panic!("{kind}: {d:?}"));
        assert_eq!(target.kind(), kind);
        assert_eq!(serde_json::to_value(&target).unwrap(), canonical, "{kind}");
    }
}

#[test]
fn sdk_spelling_parses_and_drops_the_null_filter_id() {
    for (kind, _, sdk, _) in vectors() {
        let target = AssignmentTarget::from_value(&sdk).unwrap_or_else(|d| panic!("{kind}: {d:?}"));
        assert_eq!(target.filter().id, None);
        let out = serde_json::to_value(&target).unwrap();
        assert!(
            out.get("deviceAndAppManagementAssignmentFilterId")
                .is_none(),
            "{kind}: {out}"
        );
        assert_eq!(out["deviceAndAppManagementAssignmentFilterType"], "none");
        assert_eq!(out["@odata.type"], kind.odata_type());
    }
}

#[test]
fn full_request_bodies_check_clean_for_every_kind() {
    for (kind, docs, _, _) in vectors() {
        let body = json!({
            "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
            "target": docs,
        });
        let check = AssignmentPatch::check(&body.to_string(), ApiVersion::Beta);
        assert!(
            check.diagnostics.errors.is_empty(),
            "{kind}: {:?}",
            check.diagnostics
        );
        assert!(
            check.diagnostics.warnings.is_empty(),
            "{kind}: {:?}",
            check.diagnostics
        );
        assert_eq!(check.patch.unwrap().target.kind(), kind);
    }
}

#[test]
fn a_service_response_entity_parses() {
    let response = json!({
        "@odata.context": "https://graph.microsoft.com/beta/$metadata#deviceAppManagement/iosLobAppProvisioningConfigurations('c')/assignments/$entity",
        "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
        "id": format!("{GROUP}_0_0"),
        "target": {
            "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
            "deviceAndAppManagementAssignmentFilterId": null,
            "deviceAndAppManagementAssignmentFilterType": "none",
            "groupId": GROUP
        }
    });
    let entity: IosLobAppProvisioningConfigurationAssignment =
        serde_json::from_value(response).unwrap();
    assert_eq!(entity.target.kind(), TargetKind::ExclusionGroup);
    assert_eq!(entity.target.group_id().unwrap().as_str(), GROUP);
}
