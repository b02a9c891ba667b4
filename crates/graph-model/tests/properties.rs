//! Property tests: serialising then parsing gives back the value, and parsing arbitrary JSON or
//! text never panics.
#![cfg(not(target_arch = "wasm32"))]

use graph_model::{
    ApiVersion, AssignmentFilter, AssignmentId, AssignmentPatch, AssignmentTarget, CollectionId,
    FilterId, FilterType, GroupId, IosLobAppProvisioningConfigurationAssignment,
    ODataErrorResponse,
};
use proptest::prelude::*;
use serde_json::Value;

fn guid_text() -> impl Strategy<Value = String> {
    "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
}

fn filter() -> impl Strategy<Value = AssignmentFilter> {
    (
        proptest::option::of(guid_text()),
        prop_oneof![
            Just(FilterType::None),
            Just(FilterType::Include),
            Just(FilterType::Exclude)
        ],
    )
        .prop_map(|(id, filter_type)| AssignmentFilter {
            id: id.map(|text| FilterId::parse(&text).unwrap()),
            filter_type,
        })
}

fn target() -> impl Strategy<Value = AssignmentTarget> {
    let group = || guid_text().prop_map(|text| GroupId::parse(&text).unwrap());
    let collection = "\\PC{1,40}".prop_filter_map("blank", |text| CollectionId::parse(&text).ok());
    prop_oneof![
        filter().prop_map(|filter| AssignmentTarget::AllDevices { filter }),
        filter().prop_map(|filter| AssignmentTarget::AllLicensedUsers { filter }),
        (group(), filter())
            .prop_map(|(group_id, filter)| AssignmentTarget::Group { group_id, filter }),
        (group(), filter())
            .prop_map(|(group_id, filter)| AssignmentTarget::ExclusionGroup { group_id, filter }),
        (collection, filter()).prop_map(|(collection_id, filter)| {
            AssignmentTarget::ConfigurationManagerCollection {
                collection_id,
                filter,
            }
        }),
    ]
}

fn any_json() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        Just("@odata.type".to_owned()),
        Just("target".to_owned()),
        Just("id".to_owned()),
        Just("groupId".to_owned()),
        Just("collectionId".to_owned()),
        Just("deviceAndAppManagementAssignmentFilterId".to_owned()),
        Just("deviceAndAppManagementAssignmentFilterType".to_owned()),
        "\\PC{0,12}",
    ];
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        prop_oneof![
            Just("#microsoft.graph.groupAssignmentTarget".to_owned()),
            Just("microsoft.graph.deviceAndAppManagementAssignmentTarget".to_owned()),
            Just("null".to_owned()),
            Just("include".to_owned()),
            guid_text(),
            "\\PC{0,20}",
        ]
        .prop_map(Value::from),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::from),
            proptest::collection::btree_map(key.clone(), inner, 0..6)
                .prop_map(|map| Value::Object(map.into_iter().collect())),
        ]
    })
}

proptest! {
    #[test]
    fn target_round_trips(target in target()) {
        let text = serde_json::to_string(&target).unwrap();
        let parsed: AssignmentTarget = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(&parsed, &target);
        prop_assert_eq!(serde_json::to_string(&parsed).unwrap(), text);
    }

    #[test]
    fn patch_body_round_trips_through_check(target in target()) {
        let patch = AssignmentPatch { target };
        let check = AssignmentPatch::check(&patch.to_json_pretty(), ApiVersion::Beta);
        prop_assert!(check.diagnostics.errors.is_empty());
        prop_assert_eq!(check.patch, Some(patch));
    }

    #[test]
    fn entity_round_trips(target in target(), id in "\\PC{1,30}") {
        // Blank ids and the dot segments `.` and `..` are refused by the id's own rule.
        let Ok(id) = AssignmentId::parse(&id) else {
            return Ok(());
        };
        let entity = IosLobAppProvisioningConfigurationAssignment {
            id,
            target,
        };
        let text = serde_json::to_string(&entity).unwrap();
        let parsed: IosLobAppProvisioningConfigurationAssignment = serde_json::from_str(&text).unwrap();
        prop_assert_eq!(parsed, entity);
    }

    #[test]
    fn parsing_arbitrary_json_never_panics(value in any_json()) {
        let _ = AssignmentTarget::from_value(&value);
        let _ = IosLobAppProvisioningConfigurationAssignment::from_value(&value);
        let check = AssignmentPatch::check(&value.to_string(), ApiVersion::Beta);
        // Errors and a value are mutually exclusive.
        prop_assert_eq!(check.patch.is_some(), check.diagnostics.errors.is_empty());
    }

    #[test]
    fn parsing_arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let check = AssignmentPatch::check(&text, ApiVersion::V1_0);
        prop_assert_eq!(check.patch.is_some(), check.diagnostics.errors.is_empty());
        let _ = ODataErrorResponse::parse(&text);
    }
}
