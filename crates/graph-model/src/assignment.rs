//! The assignment entity, the PATCH body that updates it, and the configuration it belongs to.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::endpoint::ApiVersion;
use crate::ids::{AssignmentId, ConfigurationId};
use crate::problem::{Diagnostics, Problem, pointer_child};
use crate::target::{
    AssignmentTarget, ODATA_TYPE, TARGET_PROPERTY, is_instance_annotation, join_errors, json_kind,
};

/// The name of the assignment's OData type.
pub const ASSIGNMENT_TYPE_NAME: &str = "iosLobAppProvisioningConfigurationAssignment";

/// The canonical `@odata.type` of an assignment.
pub fn assignment_odata_type() -> String {
    format!("#microsoft.graph.{ASSIGNMENT_TYPE_NAME}")
}

/// `iosLobAppProvisioningConfigurationAssignment`: an assignment of a configuration.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct IosLobAppProvisioningConfigurationAssignment {
    /// The read-only key (often composite).
    pub id: AssignmentId,
    /// Who gets the configuration.
    pub target: AssignmentTarget,
}

/// The body of `PATCH .../assignments/{id}`: the new target.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct AssignmentPatch {
    /// The target that replaces the current one.
    pub target: AssignmentTarget,
}

/// The outcome of checking a PATCH body: the value when there is no error, and every problem.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatchBodyCheck {
    /// The parsed body, present only when `diagnostics` holds no error.
    pub patch: Option<AssignmentPatch>,
    /// Errors and warnings, each with a JSON pointer into the body.
    pub diagnostics: Diagnostics,
}

/// Whether an `id` property is required (an entity read from Graph) or optional (a request body).
#[derive(Clone, Copy, PartialEq, Eq)]
enum IdRule {
    Required,
    Optional,
}

/// Parses the assignment object shared by the entity and the PATCH body.
fn parse_assignment_object(
    value: &Value,
    pointer: &str,
    id_rule: IdRule,
    diagnostics: &mut Diagnostics,
) -> Option<(Option<AssignmentId>, AssignmentTarget)> {
    let errors_before = diagnostics.errors.len();
    let Some(object) = value.as_object() else {
        diagnostics.errors.push(
            Problem::new(
                pointer,
                format!("An assignment must be a JSON object, not {}.", json_kind(value)),
            )
            .with_hint(
                "Send {\"@odata.type\": \"#microsoft.graph.iosLobAppProvisioningConfigurationAssignment\", \"target\": {...}}.",
            ),
        );
        return None;
    };
    check_assignment_type(object, pointer, diagnostics);
    let id = parse_id(object, pointer, id_rule, diagnostics);
    let target_pointer = pointer_child(pointer, TARGET_PROPERTY);
    let target = match object.get(TARGET_PROPERTY) {
        None | Some(Value::Null) => {
            diagnostics.errors.push(
                Problem::new(target_pointer, "The assignment needs a target.")
                    .with_hint("Choose All devices, All users, Included group, Excluded group or Configuration Manager collection."),
            );
            None
        }
        Some(target) => AssignmentTarget::parse_value(target, &target_pointer, diagnostics),
    };
    for key in object.keys() {
        if !matches!(key.as_str(), "@odata.type" | "id" | TARGET_PROPERTY)
            && !is_instance_annotation(key)
        {
            diagnostics.errors.push(
                Problem::new(
                    pointer_child(pointer, key),
                    format!("\"{key}\" is not a property of {ASSIGNMENT_TYPE_NAME}."),
                )
                .with_hint("An assignment has only id (read-only) and target."),
            );
        }
    }
    if diagnostics.errors.len() > errors_before {
        return None;
    }
    Some((id, target?))
}

fn check_assignment_type(
    object: &Map<String, Value>,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) {
    let pointer = pointer_child(pointer, ODATA_TYPE);
    match object.get(ODATA_TYPE) {
        None => {}
        Some(Value::String(text)) => {
            let bare = text.strip_prefix('#').unwrap_or(text);
            if bare != format!("microsoft.graph.{ASSIGNMENT_TYPE_NAME}") {
                diagnostics.errors.push(
                    Problem::new(
                        pointer,
                        format!("\"{text}\" is not the type of this entity."),
                    )
                    .with_hint(format!(
                        "Use {} or leave @odata.type out at the top level.",
                        assignment_odata_type()
                    )),
                );
            }
        }
        Some(other) => diagnostics.errors.push(Problem::new(
            pointer,
            format!("@odata.type must be a string, not {}.", json_kind(other)),
        )),
    }
}

fn parse_id(
    object: &Map<String, Value>,
    pointer: &str,
    id_rule: IdRule,
    diagnostics: &mut Diagnostics,
) -> Option<AssignmentId> {
    let pointer = pointer_child(pointer, "id");
    match object.get("id") {
        None | Some(Value::Null) if id_rule == IdRule::Optional => None,
        None | Some(Value::Null) => {
            diagnostics
                .errors
                .push(Problem::new(pointer, "The assignment has no id."));
            None
        }
        Some(Value::String(text)) => match AssignmentId::parse(text) {
            Ok(id) => Some(id),
            Err(error) => {
                diagnostics
                    .errors
                    .push(Problem::new(pointer, format!("The assignment id {error}.")));
                None
            }
        },
        Some(other) => {
            diagnostics.errors.push(Problem::new(
                pointer,
                format!(
                    "The assignment id must be a string, not {}.",
                    json_kind(other)
                ),
            ));
            None
        }
    }
}

impl AssignmentPatch {
    /// Checks PATCH body text: JSON syntax (with line and column), the shape, every target rule,
    /// and whether the API version has this entity at all. Every problem is reported at once.
    pub fn check(text: &str, version: ApiVersion) -> PatchBodyCheck {
        let mut diagnostics = Diagnostics::default();
        if version == ApiVersion::V1_0 {
            diagnostics.warnings.push(beta_only_warning());
        }
        let patch = match serde_json::from_str::<Value>(text) {
            Err(error) => {
                diagnostics.errors.push(Problem::from_syntax_error(&error));
                None
            }
            Ok(value) => AssignmentPatch::parse_value(&value, &mut diagnostics),
        };
        PatchBodyCheck { patch, diagnostics }
    }

    /// Parses a PATCH body value, adding its problems to `diagnostics`. An `id` in the body is
    /// allowed (Graph ignores the read-only key) but not kept.
    pub fn parse_value(value: &Value, diagnostics: &mut Diagnostics) -> Option<AssignmentPatch> {
        AssignmentPatch::parse_value_at(value, "", diagnostics)
    }

    /// Like [`AssignmentPatch::parse_value`] for an assignment nested in a larger document at
    /// JSON pointer `pointer` (such as `/iOSLobAppProvisioningConfigAssignments/0`).
    pub fn parse_value_at(
        value: &Value,
        pointer: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<AssignmentPatch> {
        parse_assignment_object(value, pointer, IdRule::Optional, diagnostics)
            .map(|(_, target)| AssignmentPatch { target })
    }

    /// The body as canonical, pretty-printed JSON.
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The warning shown when v1.0 is chosen: this entity exists only in beta.
pub fn beta_only_warning() -> Problem {
    Problem::new(
        "",
        "iosLobAppProvisioningConfigurations exists only in the beta API: v1.0 answers 400 \
         \"Resource not found for the segment 'iosLobAppProvisioningConfigurations'\".",
    )
    .with_hint("Choose beta. v1.0 also has no assignment filter properties.")
}

impl IosLobAppProvisioningConfigurationAssignment {
    /// Parses an assignment as Graph returns it (with its id), collecting every problem.
    pub fn from_value(value: &Value) -> Result<Self, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        match parse_assignment_object(value, "", IdRule::Required, &mut diagnostics) {
            Some((Some(id), target)) => Ok(Self { id, target }),
            _ => Err(diagnostics),
        }
    }
}

impl Serialize for AssignmentPatch {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(2))?;
        map.serialize_entry(ODATA_TYPE, &assignment_odata_type())?;
        map.serialize_entry(TARGET_PROPERTY, &self.target)?;
        map.end()
    }
}

impl Serialize for IosLobAppProvisioningConfigurationAssignment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(3))?;
        map.serialize_entry(ODATA_TYPE, &assignment_odata_type())?;
        map.serialize_entry("id", &self.id)?;
        map.serialize_entry(TARGET_PROPERTY, &self.target)?;
        map.end()
    }
}

impl<'de> Deserialize<'de> for AssignmentPatch {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        let mut diagnostics = Diagnostics::default();
        AssignmentPatch::parse_value(&value, &mut diagnostics)
            .ok_or_else(|| serde::de::Error::custom(join_errors(&diagnostics)))
    }
}

impl<'de> Deserialize<'de> for IosLobAppProvisioningConfigurationAssignment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        Self::from_value(&value)
            .map_err(|diagnostics| serde::de::Error::custom(join_errors(&diagnostics)))
    }
}

/// `iosLobAppProvisioningConfiguration`, as far as a picker needs it. Every property but the id
/// is optional because lists are read with `$select`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct IosLobAppProvisioningConfiguration {
    /// The key.
    pub id: ConfigurationId,
    /// The admin's name for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// The admin's description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// When it was created (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created_date_time: Option<String>,
    /// When it was last changed (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date_time: Option<String>,
    /// When the provisioning profile expires (ISO 8601).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expiration_date_time: Option<String>,
    /// The file name of the provisioning profile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload_file_name: Option<String>,
    /// The provisioning profile, base64 (large: leave it out of lists with `$select`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payload: Option<String>,
    /// Scope tags.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_scope_tag_ids: Option<Vec<String>>,
    /// Incremented on each change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<i32>,
}

/// An OData collection response: `{"value": [...]}` with an optional next link.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Collection<T> {
    /// The items of this page.
    pub value: Vec<T>,
    /// The URL of the next page, if any.
    #[serde(
        rename = "@odata.nextLink",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub next_link: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn body_with_syntax_error_reports_line_and_column() {
        let check = AssignmentPatch::check("{\n \"target\": {\n", ApiVersion::Beta);
        assert!(check.patch.is_none());
        let problem = &check.diagnostics.errors[0];
        assert_eq!(problem.position.map(|p| p.line), Some(3));
    }

    #[test]
    fn seed_example_is_rejected_with_an_explanation() {
        let body = r##"{
          "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
          "target": {
            "@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget",
            "deviceAndAppManagementAssignmentFilterId": "Device And App Management Assignment Filter Id value",
            "deviceAndAppManagementAssignmentFilterType": "include"
          }
        }"##;
        let check = AssignmentPatch::check(body, ApiVersion::Beta);
        let pointers: Vec<&str> = check
            .diagnostics
            .errors
            .iter()
            .map(|p| p.pointer.as_str())
            .collect();
        assert_eq!(
            pointers,
            [
                "/target/@odata.type",
                "/target/deviceAndAppManagementAssignmentFilterId"
            ]
        );
        assert!(
            check.diagnostics.errors[0]
                .message
                .contains("concrete target kind must be chosen")
        );
    }

    #[test]
    fn body_shape_rules() {
        let check = AssignmentPatch::check("[]", ApiVersion::Beta);
        assert!(check.diagnostics.errors[0].message.contains("not an array"));
        let mut diagnostics = Diagnostics::default();
        let nested = serde_json::json!({"target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget"}});
        assert!(AssignmentPatch::parse_value_at(&nested, "/items/2", &mut diagnostics).is_none());
        assert_eq!(diagnostics.errors[0].pointer, "/items/2/target/groupId");
        let check = AssignmentPatch::check("{}", ApiVersion::Beta);
        assert_eq!(check.diagnostics.errors[0].pointer, "/target");
        let check = AssignmentPatch::check(
            r##"{"@odata.type":"#microsoft.graph.mobileAppAssignment","intent":"required","target":{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}}"##,
            ApiVersion::Beta,
        );
        let pointers: Vec<&str> = check
            .diagnostics
            .errors
            .iter()
            .map(|p| p.pointer.as_str())
            .collect();
        assert_eq!(pointers, ["/@odata.type", "/intent"]);
    }

    #[test]
    fn body_may_carry_the_read_only_id() {
        let check = AssignmentPatch::check(
            r#"{"id":"abc_0_0","target":{"@odata.type":"microsoft.graph.allDevicesAssignmentTarget"}}"#,
            ApiVersion::Beta,
        );
        assert!(check.diagnostics.is_valid());
        assert_eq!(
            serde_json::to_value(check.patch.unwrap()).unwrap(),
            json!({
                "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
                "target": {
                    "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
                    "deviceAndAppManagementAssignmentFilterType": "none"
                }
            })
        );
    }

    #[test]
    fn v1_is_a_warning_not_an_error() {
        let check = AssignmentPatch::check(
            r#"{"target":{"@odata.type":"microsoft.graph.allDevicesAssignmentTarget"}}"#,
            ApiVersion::V1_0,
        );
        assert!(check.patch.is_some());
        assert_eq!(check.diagnostics.warnings.len(), 1);
        assert!(check.diagnostics.warnings[0].message.contains("beta"));
    }

    #[test]
    fn entity_needs_an_id() {
        let error = IosLobAppProvisioningConfigurationAssignment::from_value(
            &json!({"target":{"@odata.type":"microsoft.graph.allDevicesAssignmentTarget"}}),
        )
        .unwrap_err();
        assert_eq!(error.errors[0].pointer, "/id");
        let entity = IosLobAppProvisioningConfigurationAssignment::from_value(&json!({
            "@odata.context": "https://graph.microsoft.com/beta/$metadata#x/$entity",
            "id": "a_0_0",
            "target": {"@odata.type": "#microsoft.graph.allDevicesAssignmentTarget", "deviceAndAppManagementAssignmentFilterId": null}
        }))
        .unwrap();
        assert_eq!(entity.id.as_str(), "a_0_0");
    }

    #[test]
    fn configuration_reads_a_selected_list() {
        let list: Collection<IosLobAppProvisioningConfiguration> = serde_json::from_value(json!({
            "@odata.context": "x",
            "value": [{"id": "c1", "displayName": "Field devices", "version": 3}]
        }))
        .unwrap();
        assert_eq!(list.value[0].display_name.as_deref(), Some("Field devices"));
        assert_eq!(list.value[0].version, Some(3));
        assert_eq!(list.value[0].payload, None);
    }
}
