//! Intune's audit trail as the emulator keeps it: every write it acknowledges (PATCH, POST and
//! DELETE of an assignment, `/assign`, alone or inside `$batch`) is an audit event in Graph's
//! shape (`microsoft.graph.auditEvent`), with the actor from the token (the user a token of this
//! emulator was minted for, or, for any other token, an application), the request's
//! `client-request-id` as its `correlationId`, and the configuration and assignment as its
//! resources, the target before and after as JSON text. Events are kept with the data file.

use std::time::SystemTime;

use axum::http::HeaderMap;
use graph_model::{AssignmentTarget, IosLobAppProvisioningConfigurationAssignment as Assignment};
use serde::{Deserialize, Serialize};

use crate::state::AppState;
use crate::store::ConfigurationRecord;

/// The most events kept: the oldest go first (Intune keeps a year; a data file rewritten after
/// every write must stay small).
pub const MAX_EVENTS: usize = 5_000;

/// Keeps `event` in `events`, dropping the oldest beyond [`MAX_EVENTS`].
pub fn keep(events: &mut Vec<AuditEvent>, event: AuditEvent) {
    events.push(event);
    if events.len() > MAX_EVENTS {
        let excess = events.len() - MAX_EVENTS;
        events.drain(..excess);
    }
}

/// Who made a change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Actor {
    /// `ItPro` for a signed-in user, `Application` for an app's token.
    #[serde(rename = "type")]
    pub kind: String,
    /// The user's sign-in name (none for an application).
    pub user_principal_name: Option<String>,
    /// The user's object id.
    pub user_id: Option<String>,
    /// The app registration's id, when known.
    pub application_id: Option<String>,
    /// The app's name.
    pub application_display_name: Option<String>,
}

/// A property a change modified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ModifiedProperty {
    /// Its name.
    pub display_name: String,
    /// Its value before, as JSON text (none when it did not exist).
    pub old_value: Option<String>,
    /// Its value after, as JSON text (none when it no longer exists).
    pub new_value: Option<String>,
}

/// What a change touched.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Resource {
    /// Its name.
    pub display_name: String,
    /// Its type.
    #[serde(rename = "type")]
    pub kind: String,
    /// Its id.
    pub resource_id: String,
    /// What changed in it.
    #[serde(default)]
    pub modified_properties: Vec<ModifiedProperty>,
}

/// One audit event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AuditEvent {
    /// Its id.
    pub id: String,
    /// "Patch IosLobAppProvisioningConfigurationAssignment" and the like.
    pub display_name: String,
    /// The Intune component.
    pub component_name: String,
    /// The activity, as `displayName`.
    pub activity: String,
    /// When, in RFC 3339 with milliseconds.
    pub activity_date_time: String,
    /// The activity's type, as `displayName`.
    pub activity_type: String,
    /// `Patch`, `Create`, `Delete` or `Action`.
    pub activity_operation_type: String,
    /// `Success`.
    pub activity_result: String,
    /// The request's `client-request-id` (a fresh GUID when it sent none).
    pub correlation_id: String,
    /// The category.
    pub category: String,
    /// Who.
    pub actor: Actor,
    /// What.
    pub resources: Vec<Resource>,
}

/// The kind of write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Operation {
    /// A PATCH of an assignment.
    Patch,
    /// A POST of a new assignment.
    Create,
    /// A DELETE of an assignment.
    Delete,
    /// `/assign`, replacing the whole set.
    Assign,
}

impl Operation {
    fn word(self) -> &'static str {
        match self {
            Operation::Patch => "Patch",
            Operation::Create => "Create",
            Operation::Delete => "Delete",
            Operation::Assign => "Action",
        }
    }
}

/// Who sent `headers`' request and its correlation id, as an event will say.
#[derive(Debug, Clone)]
pub struct Request {
    actor: Actor,
    correlation_id: String,
}

impl Request {
    /// Reads the actor from the request's token and the `client-request-id`.
    pub fn of(state: &AppState, headers: &HeaderMap) -> Request {
        let token = headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| value.split_once(' '))
            .map(|(_, token)| token.trim());
        let claims = token
            .and_then(|token| state.authority.keys.check(token, SystemTime::now()))
            .and_then(Result::ok);
        let actor = match claims {
            Some(claims) => Actor {
                kind: "ItPro".to_owned(),
                user_principal_name: Some(claims.upn),
                user_id: Some(claims.oid),
                application_id: Some(claims.appid),
                application_display_name: Some("Assignment playground".to_owned()),
            },
            None => Actor {
                kind: "Application".to_owned(),
                user_principal_name: None,
                user_id: None,
                application_id: None,
                application_display_name: Some("An application with a pasted token".to_owned()),
            },
        };
        let correlation_id = headers
            .get("client-request-id")
            .and_then(|value| value.to_str().ok())
            .map(str::to_owned)
            .unwrap_or_else(|| uuid::Uuid::new_v4().to_string());
        Request {
            actor,
            correlation_id,
        }
    }
}

fn json_text<T: Serialize>(value: &T) -> Option<String> {
    serde_json::to_string(value).ok()
}

/// The event for `operation` on `record` (as it is after the write): the assignment's target
/// before and after, or, for `/assign`, the whole set before and after.
pub fn event(
    request: &Request,
    operation: Operation,
    record: &ConfigurationRecord,
    assignment: Option<&str>,
    before: Option<&AssignmentTarget>,
    after: Option<&AssignmentTarget>,
    set_before: &[Assignment],
) -> AuditEvent {
    let configuration = &record.configuration;
    let configuration_name = configuration
        .display_name
        .clone()
        .unwrap_or_else(|| configuration.id.to_string());
    let mut resources = Vec::new();
    let activity = match operation {
        Operation::Assign => {
            let targets = |set: &[Assignment]| -> Vec<AssignmentTarget> {
                set.iter()
                    .map(|assignment| assignment.target.clone())
                    .collect()
            };
            resources.push(Resource {
                display_name: configuration_name.clone(),
                kind: "IosLobAppProvisioningConfiguration".to_owned(),
                resource_id: configuration.id.to_string(),
                modified_properties: vec![ModifiedProperty {
                    display_name: "Assignments".to_owned(),
                    old_value: json_text(&targets(set_before)),
                    new_value: json_text(&targets(&record.assignments)),
                }],
            });
            "Assign IosLobAppProvisioningConfiguration".to_owned()
        }
        _ => {
            resources.push(Resource {
                display_name: configuration_name.clone(),
                kind: "IosLobAppProvisioningConfiguration".to_owned(),
                resource_id: configuration.id.to_string(),
                modified_properties: Vec::new(),
            });
            resources.push(Resource {
                display_name: configuration_name.clone(),
                kind: "IosLobAppProvisioningConfigurationAssignment".to_owned(),
                resource_id: assignment.unwrap_or_default().to_owned(),
                modified_properties: vec![ModifiedProperty {
                    display_name: "Target".to_owned(),
                    old_value: before.and_then(json_text),
                    new_value: after.and_then(json_text),
                }],
            });
            format!(
                "{} IosLobAppProvisioningConfigurationAssignment",
                operation.word()
            )
        }
    };
    AuditEvent {
        id: uuid::Uuid::new_v4().to_string(),
        display_name: activity.clone(),
        component_name: "AppProvisioning".to_owned(),
        activity: activity.clone(),
        activity_date_time: humantime::format_rfc3339_millis(SystemTime::now()).to_string(),
        activity_type: activity,
        activity_operation_type: operation.word().to_owned(),
        activity_result: "Success".to_owned(),
        correlation_id: request.correlation_id.clone(),
        category: "Application".to_owned(),
        actor: request.actor.clone(),
        resources,
    }
}
