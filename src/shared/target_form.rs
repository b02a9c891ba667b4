//! The target form's fields as typed, and their two-way mapping to the JSON request body.
//!
//! The form keeps every field's text even when the chosen kind does not use it, so switching
//! kinds keeps what still applies. The body text is what is validated and sent; the form writes
//! it, and an edited body that parses writes the form back.

use graph_model::assignment::assignment_odata_type;
use graph_model::target::{FILTER_ID_PROPERTY, FILTER_TYPE_PROPERTY, ODATA_TYPE, TARGET_PROPERTY};
use graph_model::{AssignmentTarget, FilterType, OwnProperty, TargetKind};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The target form, as typed. Read strictly (unknown properties are refused), since share links
/// carry it from outside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "camelCase")]
pub struct TargetForm {
    /// The chosen kind.
    pub kind: TargetKind,
    /// The group id text (Included or Excluded group).
    pub group_id: String,
    /// The collection id text (Configuration Manager collection).
    pub collection_id: String,
    /// The filter type.
    pub filter_type: FilterType,
    /// The filter id text.
    pub filter_id: String,
}

impl Default for TargetForm {
    fn default() -> Self {
        TargetForm {
            kind: TargetKind::AllDevices,
            group_id: String::new(),
            collection_id: String::new(),
            filter_type: FilterType::None,
            filter_id: String::new(),
        }
    }
}

/// A form field that can carry problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FormField {
    /// Target type.
    Kind,
    /// Group ID.
    GroupId,
    /// Collection ID.
    CollectionId,
    /// Filter type.
    FilterType,
    /// Filter ID.
    FilterId,
}

impl FormField {
    /// The JSON pointer in the body that this field writes.
    pub fn pointer(self) -> String {
        let name = match self {
            FormField::Kind => ODATA_TYPE,
            FormField::GroupId => OwnProperty::GroupId.name(),
            FormField::CollectionId => OwnProperty::CollectionId.name(),
            FormField::FilterType => FILTER_TYPE_PROPERTY,
            FormField::FilterId => FILTER_ID_PROPERTY,
        };
        format!("/{TARGET_PROPERTY}/{name}")
    }

    /// The field a body pointer belongs to, if any.
    pub fn for_pointer(pointer: &str) -> Option<FormField> {
        [
            FormField::Kind,
            FormField::GroupId,
            FormField::CollectionId,
            FormField::FilterType,
            FormField::FilterId,
        ]
        .into_iter()
        .find(|field| field.pointer() == pointer)
    }
}

impl TargetForm {
    /// The form filled from a target read from Graph. Texts the target does not carry are kept
    /// from `self`.
    pub fn with_target(&self, target: &AssignmentTarget) -> TargetForm {
        TargetForm {
            kind: target.kind(),
            group_id: target
                .group_id()
                .map_or_else(|| self.group_id.clone(), ToString::to_string),
            collection_id: target
                .collection_id()
                .map_or_else(|| self.collection_id.clone(), ToString::to_string),
            filter_type: target.filter().filter_type,
            filter_id: target
                .filter()
                .id
                .as_ref()
                .map_or_else(String::new, ToString::to_string),
        }
    }

    /// The request body the form describes, pretty-printed. Texts are written as typed (the
    /// model trims and checks them); an empty filter id is left out.
    pub fn to_body(&self) -> String {
        self.apply_to_body("{}").unwrap_or_default()
    }

    /// Writes the form's fields into an existing body, keeping everything else in it (so
    /// nothing typed in the JSON is lost). `None` when the text is not a JSON object.
    pub fn apply_to_body(&self, text: &str) -> Option<String> {
        let mut value: Value = serde_json::from_str(text).ok()?;
        let body = value.as_object_mut()?;
        body.entry(ODATA_TYPE)
            .or_insert_with(|| Value::from(assignment_odata_type()));
        let target = body
            .entry(TARGET_PROPERTY)
            .or_insert_with(|| Value::Object(Map::new()));
        if !target.is_object() {
            *target = Value::Object(Map::new());
        }
        let target = target.as_object_mut()?;
        target.insert(ODATA_TYPE.to_owned(), Value::from(self.kind.odata_type()));
        if self.filter_id.trim().is_empty() {
            target.remove(FILTER_ID_PROPERTY);
        } else {
            target.insert(
                FILTER_ID_PROPERTY.to_owned(),
                Value::from(self.filter_id.clone()),
            );
        }
        target.insert(
            FILTER_TYPE_PROPERTY.to_owned(),
            Value::from(self.filter_type.as_str()),
        );
        target.remove(OwnProperty::GroupId.name());
        target.remove(OwnProperty::CollectionId.name());
        match self.kind.own_property() {
            Some(OwnProperty::GroupId) => {
                target.insert(
                    OwnProperty::GroupId.name().to_owned(),
                    Value::from(self.group_id.clone()),
                );
            }
            Some(OwnProperty::CollectionId) => {
                target.insert(
                    OwnProperty::CollectionId.name().to_owned(),
                    Value::from(self.collection_id.clone()),
                );
            }
            None => {}
        }
        serde_json::to_string_pretty(&value).ok()
    }

    /// The form as an edited body describes it, read leniently (an invalid group id still shows
    /// in its field). `None` when the text is not JSON with a `target` object; fields the body
    /// does not mention keep their text, and an unknown kind keeps the current one.
    pub fn from_body(&self, text: &str) -> Option<TargetForm> {
        let value: Value = serde_json::from_str(text).ok()?;
        let target = value.get(TARGET_PROPERTY)?.as_object()?;
        let text_of = |key: &str| match target.get(key) {
            Some(Value::String(text)) => Some(text.clone()),
            Some(Value::Null) => Some(String::new()),
            _ => None,
        };
        Some(TargetForm {
            kind: text_of(ODATA_TYPE)
                .and_then(|name| TargetKind::from_odata_type(&name))
                .unwrap_or(self.kind),
            group_id: text_of(OwnProperty::GroupId.name()).unwrap_or_else(|| self.group_id.clone()),
            collection_id: text_of(OwnProperty::CollectionId.name())
                .unwrap_or_else(|| self.collection_id.clone()),
            filter_type: text_of(FILTER_TYPE_PROPERTY)
                .and_then(|name| name.parse().ok())
                .unwrap_or(FilterType::None),
            filter_id: text_of(FILTER_ID_PROPERTY).unwrap_or_default(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use graph_model::{ApiVersion, AssignmentPatch};

    const GROUP: &str = "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

    #[test]
    fn every_kind_writes_a_body_the_model_accepts() {
        for kind in TargetKind::ALL {
            let form = TargetForm {
                kind,
                group_id: GROUP.to_owned(),
                collection_id: "SMS00001".to_owned(),
                ..TargetForm::default()
            };
            let check = AssignmentPatch::check(&form.to_body(), ApiVersion::Beta);
            assert!(
                check.diagnostics.errors.is_empty(),
                "{kind}: {:?}",
                check.diagnostics
            );
            assert_eq!(check.patch.unwrap().target.kind(), kind);
        }
    }

    #[test]
    fn body_round_trips_to_the_same_form() {
        let form = TargetForm {
            kind: TargetKind::ExclusionGroup,
            group_id: "not yet a guid".to_owned(),
            collection_id: "SMS00002".to_owned(),
            filter_type: FilterType::Exclude,
            filter_id: "f".to_owned(),
        };
        assert_eq!(form.from_body(&form.to_body()), Some(form));
    }

    #[test]
    fn edited_body_updates_only_what_it_says() {
        let form = TargetForm {
            group_id: GROUP.to_owned(),
            ..TargetForm::default()
        };
        let edited = form
            .from_body(r#"{"target": {"@odata.type": "microsoft.graph.configurationManagerCollectionAssignmentTarget", "collectionId": "SMS00009"}}"#)
            .unwrap();
        assert_eq!(edited.kind, TargetKind::ConfigurationManagerCollection);
        assert_eq!(edited.collection_id, "SMS00009");
        assert_eq!(
            edited.group_id, GROUP,
            "the group id is kept for a switch back"
        );
        assert_eq!(form.from_body("{ not json"), None);
        assert_eq!(form.from_body(r#"{"target": 3}"#), None);
        let unknown = form
            .from_body(r#"{"target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"}}"#)
            .unwrap();
        assert_eq!(unknown.kind, form.kind);
    }

    #[test]
    fn form_edits_keep_the_rest_of_the_body() {
        let body = r##"{"id": "x_0_0", "target": {"@odata.type": "#microsoft.graph.groupAssignmentTarget", "groupId": "g", "note": "mine"}}"##;
        let form = TargetForm::default();
        let written: Value = serde_json::from_str(&form.apply_to_body(body).unwrap()).unwrap();
        assert_eq!(written["id"], "x_0_0");
        assert_eq!(written["target"]["note"], "mine");
        assert!(written["target"].get("groupId").is_none());
        assert_eq!(
            written["target"]["@odata.type"],
            "#microsoft.graph.allDevicesAssignmentTarget"
        );
        assert_eq!(form.apply_to_body("{ broken"), None);
        assert_eq!(form.apply_to_body("[1]"), None);
    }

    #[test]
    fn fields_map_to_body_pointers() {
        assert_eq!(FormField::GroupId.pointer(), "/target/groupId");
        assert_eq!(
            FormField::for_pointer("/target/deviceAndAppManagementAssignmentFilterId"),
            Some(FormField::FilterId)
        );
        assert_eq!(FormField::for_pointer("/target/colour"), None);
    }

    #[test]
    fn target_fills_the_form_and_keeps_other_texts() {
        let form = TargetForm {
            collection_id: "SMS00001".to_owned(),
            ..TargetForm::default()
        };
        let target = AssignmentTarget::Group {
            group_id: graph_model::GroupId::parse(GROUP).unwrap(),
            filter: Default::default(),
        };
        let filled = form.with_target(&target);
        assert_eq!(filled.kind, TargetKind::Group);
        assert_eq!(filled.group_id, GROUP);
        assert_eq!(filled.collection_id, "SMS00001");
    }
}
