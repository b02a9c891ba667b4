//! The assignment target: Graph's abstract `deviceAndAppManagementAssignmentTarget` and its
//! five concrete kinds, each with the optional (beta) assignment filter.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::ids::{CollectionId, FilterId, GroupId, IdError};
use crate::names::named_enum;
use crate::problem::{Diagnostics, Problem, pointer_child};

/// The property of an assignment that holds its target.
pub const TARGET_PROPERTY: &str = "target";
/// The JSON property that carries the assignment filter id.
pub const FILTER_ID_PROPERTY: &str = "deviceAndAppManagementAssignmentFilterId";
/// The JSON property that carries the assignment filter type.
pub const FILTER_TYPE_PROPERTY: &str = "deviceAndAppManagementAssignmentFilterType";
/// The OData type annotation.
pub const ODATA_TYPE: &str = "@odata.type";
/// The abstract base type, which Graph refuses in a request.
pub const ABSTRACT_TARGET_TYPE: &str = "microsoft.graph.deviceAndAppManagementAssignmentTarget";

/// The five concrete kinds of assignment target. Serialised (for drafts and share links) as
/// `allDevices`, `allLicensedUsers`, `group`, `exclusionGroup`, `configurationManagerCollection`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum TargetKind {
    /// `allDevicesAssignmentTarget`: All devices.
    AllDevices,
    /// `allLicensedUsersAssignmentTarget`: All users.
    AllLicensedUsers,
    /// `groupAssignmentTarget`: Included group.
    Group,
    /// `exclusionGroupAssignmentTarget`: Excluded group.
    ExclusionGroup,
    /// `configurationManagerCollectionAssignmentTarget`: Configuration Manager collection.
    ConfigurationManagerCollection,
}

/// The property a target kind carries besides the filter, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OwnProperty {
    /// `groupId`: an Entra group object id.
    GroupId,
    /// `collectionId`: a Configuration Manager collection id.
    CollectionId,
}

impl OwnProperty {
    /// The JSON property name.
    pub fn name(self) -> &'static str {
        match self {
            OwnProperty::GroupId => "groupId",
            OwnProperty::CollectionId => "collectionId",
        }
    }
}

impl TargetKind {
    /// Every kind, in the order the Intune admin center lists them.
    pub const ALL: [TargetKind; 5] = [
        TargetKind::AllDevices,
        TargetKind::AllLicensedUsers,
        TargetKind::Group,
        TargetKind::ExclusionGroup,
        TargetKind::ConfigurationManagerCollection,
    ];

    /// The type name without namespace, such as `groupAssignmentTarget`.
    pub const fn type_name(self) -> &'static str {
        match self {
            TargetKind::AllDevices => "allDevicesAssignmentTarget",
            TargetKind::AllLicensedUsers => "allLicensedUsersAssignmentTarget",
            TargetKind::Group => "groupAssignmentTarget",
            TargetKind::ExclusionGroup => "exclusionGroupAssignmentTarget",
            TargetKind::ConfigurationManagerCollection => {
                "configurationManagerCollectionAssignmentTarget"
            }
        }
    }

    /// The canonical `@odata.type` value, such as `#microsoft.graph.groupAssignmentTarget`.
    pub fn odata_type(self) -> String {
        format!("#microsoft.graph.{}", self.type_name())
    }

    /// The words the Intune admin center uses for this kind.
    pub fn label(self) -> &'static str {
        match self {
            TargetKind::AllDevices => "All devices",
            TargetKind::AllLicensedUsers => "All users",
            TargetKind::Group => "Included group",
            TargetKind::ExclusionGroup => "Excluded group",
            TargetKind::ConfigurationManagerCollection => "Configuration Manager collection",
        }
    }

    /// The property this kind carries besides the filter, if any.
    pub fn own_property(self) -> Option<OwnProperty> {
        match self {
            TargetKind::Group | TargetKind::ExclusionGroup => Some(OwnProperty::GroupId),
            TargetKind::ConfigurationManagerCollection => Some(OwnProperty::CollectionId),
            TargetKind::AllDevices | TargetKind::AllLicensedUsers => None,
        }
    }

    /// Reads an `@odata.type` value, with or without the leading `#`. Names are case-sensitive,
    /// as in OData.
    pub fn from_odata_type(odata_type: &str) -> Option<TargetKind> {
        let name = odata_type.strip_prefix('#').unwrap_or(odata_type);
        let name = name.strip_prefix("microsoft.graph.")?;
        TargetKind::ALL
            .into_iter()
            .find(|kind| kind.type_name() == name)
    }
}

named_enum!(TargetKind, "target type", type_name);

/// `deviceAndAppManagementAssignmentFilterType`, serialised as Graph writes it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FilterType {
    /// No filter (Graph's default).
    #[default]
    None,
    /// Apply the assignment only to devices the filter matches.
    Include,
    /// Apply the assignment to devices except those the filter matches.
    Exclude,
}

impl FilterType {
    /// Every filter type, in the admin center's order.
    pub const ALL: [FilterType; 3] = [FilterType::None, FilterType::Include, FilterType::Exclude];

    /// The JSON value: `none`, `include` or `exclude`.
    pub const fn as_str(self) -> &'static str {
        match self {
            FilterType::None => "none",
            FilterType::Include => "include",
            FilterType::Exclude => "exclude",
        }
    }

    /// The admin center's word: None, Include or Exclude.
    pub fn label(self) -> &'static str {
        match self {
            FilterType::None => "None",
            FilterType::Include => "Include",
            FilterType::Exclude => "Exclude",
        }
    }
}

named_enum!(FilterType, "filter type", as_str);

/// The optional assignment filter that every target kind carries (beta only).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct AssignmentFilter {
    /// The filter's id; `None` is sent as an absent property.
    pub id: Option<FilterId>,
    /// Whether the filter includes or excludes; `None` by default.
    pub filter_type: FilterType,
}

/// A concrete assignment target. Every kind carries the assignment filter.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum AssignmentTarget {
    /// All devices.
    AllDevices {
        /// The assignment filter.
        filter: AssignmentFilter,
    },
    /// All users (all licensed users).
    AllLicensedUsers {
        /// The assignment filter.
        filter: AssignmentFilter,
    },
    /// Included group.
    Group {
        /// The Entra group.
        group_id: GroupId,
        /// The assignment filter.
        filter: AssignmentFilter,
    },
    /// Excluded group.
    ExclusionGroup {
        /// The Entra group.
        group_id: GroupId,
        /// The assignment filter.
        filter: AssignmentFilter,
    },
    /// Configuration Manager collection.
    ConfigurationManagerCollection {
        /// The collection, such as `SMS00001`.
        collection_id: CollectionId,
        /// The assignment filter.
        filter: AssignmentFilter,
    },
}

impl AssignmentTarget {
    /// The kind of this target.
    pub fn kind(&self) -> TargetKind {
        match self {
            AssignmentTarget::AllDevices { .. } => TargetKind::AllDevices,
            AssignmentTarget::AllLicensedUsers { .. } => TargetKind::AllLicensedUsers,
            AssignmentTarget::Group { .. } => TargetKind::Group,
            AssignmentTarget::ExclusionGroup { .. } => TargetKind::ExclusionGroup,
            AssignmentTarget::ConfigurationManagerCollection { .. } => {
                TargetKind::ConfigurationManagerCollection
            }
        }
    }

    /// The assignment filter.
    pub fn filter(&self) -> &AssignmentFilter {
        match self {
            AssignmentTarget::AllDevices { filter }
            | AssignmentTarget::AllLicensedUsers { filter }
            | AssignmentTarget::Group { filter, .. }
            | AssignmentTarget::ExclusionGroup { filter, .. }
            | AssignmentTarget::ConfigurationManagerCollection { filter, .. } => filter,
        }
    }

    /// The group id, for included and excluded groups.
    pub fn group_id(&self) -> Option<&GroupId> {
        match self {
            AssignmentTarget::Group { group_id, .. }
            | AssignmentTarget::ExclusionGroup { group_id, .. } => Some(group_id),
            _ => None,
        }
    }

    /// The collection id, for Configuration Manager collections.
    pub fn collection_id(&self) -> Option<&CollectionId> {
        match self {
            AssignmentTarget::ConfigurationManagerCollection { collection_id, .. } => {
                Some(collection_id)
            }
            _ => None,
        }
    }

    /// A one-line summary for lists, such as `Included group 0c5a… (filter include 1f2e…)`.
    pub fn summary(&self) -> String {
        let mut text = self.kind().label().to_owned();
        if let Some(group) = self.group_id() {
            text.push(' ');
            text.push_str(group.as_str());
        }
        if let Some(collection) = self.collection_id() {
            text.push(' ');
            text.push_str(collection.as_str());
        }
        let filter = self.filter();
        match (&filter.id, filter.filter_type) {
            (Some(id), FilterType::Include | FilterType::Exclude) => {
                text.push_str(&format!(", filter: {} {id}", filter.filter_type.as_str()));
            }
            (None, FilterType::Include | FilterType::Exclude) => {
                text.push_str(&format!(
                    ", filter: {} (no filter id)",
                    filter.filter_type.as_str()
                ));
            }
            (Some(id), FilterType::None) => {
                text.push_str(&format!(", filter {id} (type none)"));
            }
            (None, FilterType::None) => {}
        }
        text
    }

    /// Parses a target from JSON, collecting every problem under `pointer` into `diagnostics`.
    /// Returns the target only when it has no error (warnings may have been added).
    pub fn parse_value(
        value: &Value,
        pointer: &str,
        diagnostics: &mut Diagnostics,
    ) -> Option<AssignmentTarget> {
        let errors_before = diagnostics.errors.len();
        let Some(object) = value.as_object() else {
            diagnostics.errors.push(
                Problem::new(
                    pointer,
                    format!(
                        "The target must be a JSON object, not {}.",
                        json_kind(value)
                    ),
                )
                .with_hint(kind_choice_hint()),
            );
            return None;
        };
        let kind = parse_kind(object, pointer, diagnostics);
        let filter = parse_filter(object, pointer, diagnostics);
        let own = kind.and_then(|kind| parse_own_property(kind, object, pointer, diagnostics));
        if let Some(kind) = kind {
            report_unknown_properties(kind, object, pointer, diagnostics);
        }
        if diagnostics.errors.len() > errors_before {
            return None;
        }
        let (kind, filter) = (kind?, filter?);
        let target = match (kind, own) {
            (TargetKind::AllDevices, _) => AssignmentTarget::AllDevices { filter },
            (TargetKind::AllLicensedUsers, _) => AssignmentTarget::AllLicensedUsers { filter },
            (TargetKind::Group, Some(Own::Group(group_id))) => {
                AssignmentTarget::Group { group_id, filter }
            }
            (TargetKind::ExclusionGroup, Some(Own::Group(group_id))) => {
                AssignmentTarget::ExclusionGroup { group_id, filter }
            }
            (TargetKind::ConfigurationManagerCollection, Some(Own::Collection(collection_id))) => {
                AssignmentTarget::ConfigurationManagerCollection {
                    collection_id,
                    filter,
                }
            }
            _ => return None,
        };
        Some(target)
    }

    /// Parses a target from JSON text or a value, returning every problem on failure.
    pub fn from_value(value: &Value) -> Result<AssignmentTarget, Diagnostics> {
        let mut diagnostics = Diagnostics::default();
        match AssignmentTarget::parse_value(value, "", &mut diagnostics) {
            Some(target) => Ok(target),
            None => Err(diagnostics),
        }
    }
}

/// The parsed kind-specific property.
enum Own {
    Group(GroupId),
    Collection(CollectionId),
}

fn kind_choice_hint() -> String {
    let choices: Vec<String> = TargetKind::ALL
        .iter()
        .map(|kind| format!("{} ({})", kind.odata_type(), kind.label()))
        .collect();
    format!("Choose one of: {}.", choices.join(", "))
}

/// Names a JSON value's type for messages.
pub(crate) fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn parse_kind(
    object: &Map<String, Value>,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) -> Option<TargetKind> {
    let here = pointer_child(pointer, ODATA_TYPE);
    let text = match object.get(ODATA_TYPE) {
        None | Some(Value::Null) => {
            diagnostics.errors.push(
                Problem::new(here, "The target needs an @odata.type that names its kind.")
                    .with_hint(kind_choice_hint()),
            );
            return None;
        }
        Some(Value::String(text)) => text,
        Some(other) => {
            diagnostics.errors.push(
                Problem::new(
                    here,
                    format!("@odata.type must be a string, not {}.", json_kind(other)),
                )
                .with_hint(kind_choice_hint()),
            );
            return None;
        }
    };
    if let Some(kind) = TargetKind::from_odata_type(text) {
        return Some(kind);
    }
    let bare = text.strip_prefix('#').unwrap_or(text);
    let problem = if bare == ABSTRACT_TARGET_TYPE {
        Problem::new(
            here,
            "microsoft.graph.deviceAndAppManagementAssignmentTarget is the abstract base type: \
             Graph refuses it, so a concrete target kind must be chosen.",
        )
        .with_hint(format!(
            "The documentation's example sends the base type only as a placeholder. {}",
            kind_choice_hint()
        ))
    } else if let Some(kind) = TargetKind::ALL
        .into_iter()
        .find(|kind| format!("microsoft.graph.{}", kind.type_name()).eq_ignore_ascii_case(bare))
    {
        Problem::new(
            here,
            format!("\"{text}\" is not a known target type: OData type names are case-sensitive."),
        )
        .with_hint(format!("Did you mean {}?", kind.odata_type()))
    } else {
        Problem::new(
            here,
            format!("\"{text}\" is not a known assignment target type."),
        )
        .with_hint(kind_choice_hint())
    };
    diagnostics.errors.push(problem);
    None
}

fn parse_filter(
    object: &Map<String, Value>,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) -> Option<AssignmentFilter> {
    let id_pointer = pointer_child(pointer, FILTER_ID_PROPERTY);
    let type_pointer = pointer_child(pointer, FILTER_TYPE_PROPERTY);
    let mut valid = true;

    let id = match object.get(FILTER_ID_PROPERTY) {
        None | Some(Value::Null) => None,
        Some(Value::String(text)) if text.trim().eq_ignore_ascii_case("null") => {
            diagnostics.errors.push(
                Problem::new(
                    id_pointer.clone(),
                    "The string \"null\" is not a filter id.",
                )
                .with_hint(
                    "For no filter, send JSON null (without quotes) or leave the property out.",
                ),
            );
            valid = false;
            None
        }
        Some(Value::String(text)) => match FilterId::parse(text) {
            Ok(id) => Some(id),
            Err(error) => {
                let problem = match error {
                    IdError::Empty => Problem::new(id_pointer.clone(), "The filter id is empty.")
                        .with_hint("For no filter, send JSON null or leave the property out."),
                    error => Problem::new(
                        id_pointer.clone(),
                        format!("The filter id must be the id of an assignment filter: {error}."),
                    )
                    .with_hint("Find it in Intune under Tenant administration > Filters, or GET /beta/deviceManagement/assignmentFilters."),
                };
                diagnostics.errors.push(problem);
                valid = false;
                None
            }
        },
        Some(other) => {
            diagnostics.errors.push(Problem::new(
                id_pointer.clone(),
                format!(
                    "The filter id must be a string or null, not {}.",
                    json_kind(other)
                ),
            ));
            valid = false;
            None
        }
    };

    let filter_type = match object.get(FILTER_TYPE_PROPERTY) {
        None => FilterType::None,
        Some(Value::String(text)) => match text.parse::<FilterType>().ok() {
            Some(filter_type) => filter_type,
            None => {
                let hint = match text.to_ascii_lowercase().parse::<FilterType>().ok() {
                    Some(close) => format!(
                        "Values are lower case: did you mean \"{}\"?",
                        close.as_str()
                    ),
                    None => "Use \"none\", \"include\" or \"exclude\".".to_owned(),
                };
                diagnostics.errors.push(
                    Problem::new(
                        type_pointer.clone(),
                        format!("\"{text}\" is not a filter type."),
                    )
                    .with_hint(hint),
                );
                valid = false;
                FilterType::None
            }
        },
        Some(other) => {
            diagnostics.errors.push(
                Problem::new(
                    type_pointer.clone(),
                    format!(
                        "The filter type must be a string, not {}.",
                        json_kind(other)
                    ),
                )
                .with_hint("Use \"none\", \"include\" or \"exclude\"."),
            );
            valid = false;
            FilterType::None
        }
    };

    if !valid {
        return None;
    }
    match (&id, filter_type) {
        (None, FilterType::Include | FilterType::Exclude) => diagnostics.warnings.push(
            Problem::new(
                id_pointer,
                format!(
                    "The filter type is \"{}\" but no filter id is given, so no filter applies.",
                    filter_type.as_str()
                ),
            )
            .with_hint("Give the filter's id, or set the filter type to none."),
        ),
        (Some(_), FilterType::None) => diagnostics.warnings.push(
            Problem::new(
                type_pointer,
                "A filter id is given but the filter type is \"none\", so the filter is ignored.",
            )
            .with_hint("Set the filter type to include or exclude, or remove the filter id."),
        ),
        _ => {}
    }
    Some(AssignmentFilter { id, filter_type })
}

fn parse_own_property(
    kind: TargetKind,
    object: &Map<String, Value>,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) -> Option<Own> {
    let property = kind.own_property()?;
    let here = pointer_child(pointer, property.name());
    let text = match object.get(property.name()) {
        Some(Value::String(text)) if !text.trim().is_empty() => text,
        None | Some(Value::Null) | Some(Value::String(_)) => {
            let what = match property {
                OwnProperty::GroupId => "the object id of the Entra group",
                OwnProperty::CollectionId => "the Configuration Manager collection id",
            };
            diagnostics.errors.push(Problem::new(
                here,
                format!("{} needs {} ({what}).", kind.label(), property.name()),
            ));
            return None;
        }
        Some(other) => {
            diagnostics.errors.push(Problem::new(
                here,
                format!(
                    "{} must be a string, not {}.",
                    property.name(),
                    json_kind(other)
                ),
            ));
            return None;
        }
    };
    match property {
        OwnProperty::GroupId => match GroupId::parse(text) {
            Ok(id) => Some(Own::Group(id)),
            Err(error) => {
                diagnostics.errors.push(
                    Problem::new(
                        here,
                        format!("A valid Entra group object id (AADGroupId) is expected: {error}."),
                    )
                    .with_hint("Use the group's Object ID from Entra ID > Groups, not its name."),
                );
                None
            }
        },
        OwnProperty::CollectionId => match CollectionId::parse(text) {
            Ok(id) => Some(Own::Collection(id)),
            Err(error) => {
                diagnostics.errors.push(
                    Problem::new(here, format!("The collection id {error}."))
                        .with_hint("Configuration Manager collection ids look like SMS00001."),
                );
                None
            }
        },
    }
}

fn report_unknown_properties(
    kind: TargetKind,
    object: &Map<String, Value>,
    pointer: &str,
    diagnostics: &mut Diagnostics,
) {
    let own = kind.own_property().map(OwnProperty::name);
    for key in object.keys() {
        let known = key == ODATA_TYPE
            || key == FILTER_ID_PROPERTY
            || key == FILTER_TYPE_PROPERTY
            || Some(key.as_str()) == own
            || is_instance_annotation(key);
        if known {
            continue;
        }
        let problem = match key.as_str() {
            "groupId" => Problem::new(
                pointer_child(pointer, key),
                format!(
                    "groupId does not apply to {} ({}).",
                    kind.label(),
                    kind.type_name()
                ),
            )
            .with_hint("Remove it, or choose Included group or Excluded group."),
            "collectionId" => Problem::new(
                pointer_child(pointer, key),
                format!(
                    "collectionId does not apply to {} ({}).",
                    kind.label(),
                    kind.type_name()
                ),
            )
            .with_hint("Remove it, or choose Configuration Manager collection."),
            _ => Problem::new(
                pointer_child(pointer, key),
                format!("\"{key}\" is not a property of {}.", kind.type_name()),
            ),
        };
        diagnostics.errors.push(problem);
    }
}

/// OData annotations other than `@odata.type` (such as `@odata.context` or `groupId@odata.type`)
/// are not properties; Graph ignores them.
pub(crate) fn is_instance_annotation(key: &str) -> bool {
    key != ODATA_TYPE && key.contains('@')
}

impl Serialize for AssignmentTarget {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let filter = self.filter();
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry(ODATA_TYPE, &self.kind().odata_type())?;
        if let Some(id) = &filter.id {
            map.serialize_entry(FILTER_ID_PROPERTY, id)?;
        }
        map.serialize_entry(FILTER_TYPE_PROPERTY, filter.filter_type.as_str())?;
        if let Some(group) = self.group_id() {
            map.serialize_entry("groupId", group)?;
        }
        if let Some(collection) = self.collection_id() {
            map.serialize_entry("collectionId", collection)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for AssignmentTarget {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let value = Value::deserialize(deserializer)?;
        AssignmentTarget::from_value(&value)
            .map_err(|diagnostics| serde::de::Error::custom(join_errors(&diagnostics)))
    }
}

/// All errors of a diagnostics report on one line.
pub(crate) fn join_errors(diagnostics: &Diagnostics) -> String {
    diagnostics
        .errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const GROUP: &str = "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
    const FILTER: &str = "9f8e7d6c-5b4a-4938-8271-605f4e3d2c1b";

    fn errors_of(value: Value) -> Vec<Problem> {
        AssignmentTarget::from_value(&value).unwrap_err().errors
    }

    fn warnings_of(value: Value) -> Vec<Problem> {
        let mut diagnostics = Diagnostics::default();
        assert!(AssignmentTarget::parse_value(&value, "/target", &mut diagnostics).is_some());
        diagnostics.warnings
    }

    #[test]
    fn odata_type_is_read_with_or_without_hash() {
        for spelling in [
            "#microsoft.graph.allDevicesAssignmentTarget",
            "microsoft.graph.allDevicesAssignmentTarget",
        ] {
            let target = AssignmentTarget::from_value(&json!({ "@odata.type": spelling })).unwrap();
            assert_eq!(target.kind(), TargetKind::AllDevices);
        }
    }

    #[test]
    fn serialises_canonically() {
        let target = AssignmentTarget::Group {
            group_id: GroupId::parse(&GROUP.to_uppercase()).unwrap(),
            filter: AssignmentFilter {
                id: Some(FilterId::parse(FILTER).unwrap()),
                filter_type: FilterType::Include,
            },
        };
        assert_eq!(
            serde_json::to_string(&target).unwrap(),
            format!(
                "{{\"@odata.type\":\"#microsoft.graph.groupAssignmentTarget\",\
                 \"deviceAndAppManagementAssignmentFilterId\":\"{FILTER}\",\
                 \"deviceAndAppManagementAssignmentFilterType\":\"include\",\
                 \"groupId\":\"{GROUP}\"}}"
            )
        );
        let plain = AssignmentTarget::AllLicensedUsers {
            filter: AssignmentFilter::default(),
        };
        assert_eq!(
            serde_json::to_value(&plain).unwrap(),
            json!({
                "@odata.type": "#microsoft.graph.allLicensedUsersAssignmentTarget",
                "deviceAndAppManagementAssignmentFilterType": "none"
            })
        );
    }

    #[test]
    fn abstract_base_type_is_explained() {
        let errors = errors_of(json!({
            "@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget",
            "deviceAndAppManagementAssignmentFilterType": "include"
        }));
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].pointer, "/@odata.type");
        assert!(errors[0].message.contains("abstract base type"));
        assert!(
            errors[0]
                .message
                .contains("concrete target kind must be chosen")
        );
        let hint = errors[0].hint.as_deref().unwrap();
        assert!(hint.contains("#microsoft.graph.groupAssignmentTarget (Included group)"));
    }

    #[test]
    fn unknown_and_miscased_types_are_errors() {
        let errors = errors_of(json!({ "@odata.type": "#microsoft.graph.userAssignmentTarget" }));
        assert!(
            errors[0]
                .message
                .contains("not a known assignment target type")
        );
        let errors = errors_of(
            json!({ "@odata.type": "#Microsoft.Graph.GroupAssignmentTarget", "groupId": GROUP }),
        );
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("Did you mean #microsoft.graph.groupAssignmentTarget?")
        );
        let errors = errors_of(json!({ "@odata.type": 7 }));
        assert!(errors[0].message.contains("must be a string, not a number"));
        let errors = errors_of(json!({ "groupId": GROUP }));
        assert_eq!(errors[0].pointer, "/@odata.type");
        let errors = errors_of(json!(["not", "an", "object"]));
        assert!(errors[0].message.contains("not an array"));
    }

    #[test]
    fn group_kinds_need_a_guid_group_id() {
        for kind in ["groupAssignmentTarget", "exclusionGroupAssignmentTarget"] {
            let odata_type = format!("#microsoft.graph.{kind}");
            let errors = errors_of(json!({ "@odata.type": odata_type }));
            assert_eq!(errors[0].pointer, "/groupId");
            assert!(errors[0].message.contains("needs groupId"));
            let errors = errors_of(json!({ "@odata.type": odata_type, "groupId": null }));
            assert_eq!(errors[0].pointer, "/groupId");
            let errors = errors_of(json!({ "@odata.type": odata_type, "groupId": "Sales team" }));
            assert!(errors[0].message.contains("AADGroupId"));
            assert!(errors[0].message.contains("8-4-4-4-12"));
            let errors = errors_of(json!({ "@odata.type": odata_type, "groupId": 42 }));
            assert!(errors[0].message.contains("must be a string, not a number"));
        }
        let target = AssignmentTarget::from_value(&json!({
            "@odata.type": "#microsoft.graph.exclusionGroupAssignmentTarget",
            "groupId": format!(" {} ", GROUP.to_uppercase()),
        }))
        .unwrap();
        assert_eq!(target.group_id().unwrap().as_str(), GROUP);
    }

    #[test]
    fn collection_kind_needs_a_collection_id() {
        let odata_type = "#microsoft.graph.configurationManagerCollectionAssignmentTarget";
        let errors = errors_of(json!({ "@odata.type": odata_type, "collectionId": "  " }));
        assert_eq!(errors[0].pointer, "/collectionId");
        assert!(errors[0].message.contains("needs collectionId"));
        let target = AssignmentTarget::from_value(
            &json!({ "@odata.type": odata_type, "collectionId": "SMS00001" }),
        )
        .unwrap();
        assert_eq!(target.collection_id().unwrap().as_str(), "SMS00001");
    }

    #[test]
    fn properties_of_other_kinds_and_unknown_properties_are_errors() {
        let errors = errors_of(json!({
            "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
            "groupId": GROUP,
            "collectionId": "SMS00001",
            "colour": "blue"
        }));
        let pointers: Vec<&str> = errors.iter().map(|p| p.pointer.as_str()).collect();
        assert_eq!(pointers, ["/collectionId", "/colour", "/groupId"]);
        assert!(errors[2].message.contains("does not apply to All devices"));
    }

    #[test]
    fn annotations_are_not_properties() {
        assert!(
            AssignmentTarget::from_value(&json!({
                "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
                "@odata.context": "https://graph.microsoft.com/beta/$metadata#x"
            }))
            .is_ok()
        );
    }

    #[test]
    fn filter_id_rules() {
        let all_devices = "#microsoft.graph.allDevicesAssignmentTarget";
        let errors = errors_of(json!({ "@odata.type": all_devices, FILTER_ID_PROPERTY: "null" }));
        assert_eq!(
            errors[0].pointer,
            "/deviceAndAppManagementAssignmentFilterId"
        );
        assert!(errors[0].hint.as_deref().unwrap().contains("JSON null"));
        let errors =
            errors_of(json!({ "@odata.type": all_devices, FILTER_ID_PROPERTY: "my filter" }));
        assert!(errors[0].message.contains("8-4-4-4-12"));
        let errors = errors_of(json!({ "@odata.type": all_devices, FILTER_ID_PROPERTY: "" }));
        assert!(errors[0].message.contains("empty"));
        let errors = errors_of(json!({ "@odata.type": all_devices, FILTER_ID_PROPERTY: true }));
        assert!(errors[0].message.contains("not a boolean"));
        let target = AssignmentTarget::from_value(
            &json!({ "@odata.type": all_devices, FILTER_ID_PROPERTY: null, FILTER_TYPE_PROPERTY: "none" }),
        )
        .unwrap();
        assert_eq!(target.filter(), &AssignmentFilter::default());
    }

    #[test]
    fn filter_type_rules() {
        let all_users = "#microsoft.graph.allLicensedUsersAssignmentTarget";
        let errors =
            errors_of(json!({ "@odata.type": all_users, FILTER_TYPE_PROPERTY: "Include" }));
        assert_eq!(
            errors[0].pointer,
            "/deviceAndAppManagementAssignmentFilterType"
        );
        assert_eq!(
            errors[0].hint.as_deref(),
            Some("Values are lower case: did you mean \"include\"?")
        );
        let errors =
            errors_of(json!({ "@odata.type": all_users, FILTER_TYPE_PROPERTY: "sometimes" }));
        assert!(errors[0].message.contains("not a filter type"));
        let errors = errors_of(json!({ "@odata.type": all_users, FILTER_TYPE_PROPERTY: null }));
        assert!(errors[0].message.contains("not null"));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let errors = errors_of(json!({
            "@odata.type": "#microsoft.graph.groupAssignmentTarget",
            "groupId": "Sales",
            FILTER_ID_PROPERTY: "null",
            FILTER_TYPE_PROPERTY: "maybe",
            "extra": 1
        }));
        assert_eq!(errors.len(), 4, "{errors:#?}");
    }

    #[test]
    fn mismatched_filter_settings_are_warnings() {
        let warnings = warnings_of(json!({
            "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
            FILTER_TYPE_PROPERTY: "exclude"
        }));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].pointer,
            "/target/deviceAndAppManagementAssignmentFilterId"
        );
        let warnings = warnings_of(json!({
            "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
            FILTER_ID_PROPERTY: FILTER
        }));
        assert_eq!(warnings.len(), 1);
        assert_eq!(
            warnings[0].pointer,
            "/target/deviceAndAppManagementAssignmentFilterType"
        );
        let warnings = warnings_of(json!({
            "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
            FILTER_ID_PROPERTY: FILTER,
            FILTER_TYPE_PROPERTY: "include"
        }));
        assert!(warnings.is_empty());
    }

    #[test]
    fn summaries_read_well() {
        let target = AssignmentTarget::ExclusionGroup {
            group_id: GroupId::parse(GROUP).unwrap(),
            filter: AssignmentFilter {
                id: Some(FilterId::parse(FILTER).unwrap()),
                filter_type: FilterType::Exclude,
            },
        };
        assert_eq!(
            target.summary(),
            format!("Excluded group {GROUP}, filter: exclude {FILTER}")
        );
    }

    #[test]
    fn deserialize_reports_problems() {
        let error = serde_json::from_str::<AssignmentTarget>(
            r##"{"@odata.type":"#microsoft.graph.groupAssignmentTarget"}"##,
        )
        .unwrap_err();
        assert!(error.to_string().contains("/groupId"));
    }
}
