//! Assignments of a configuration: list, read, create, update (the PATCH the playground sends),
//! delete, and the `assign` action.

use crate::audit::{self, Operation};
use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use graph_model::request::CONFIGURATIONS_PATH;
use graph_model::whole_set::{CONFIG_ASSIGNMENTS, GROUP_ASSIGNMENTS, same_audience};
use graph_model::{
    AssignmentId, AssignmentPatch, AssignmentTarget, Diagnostics,
    IosLobAppProvisioningConfigurationAssignment,
};
use serde_json::Value;

use crate::body::JsonBody;
use crate::config::{Limits, UnservedRoutes};
use crate::error::ApiError;
use crate::handlers::{metadata_path, path_error, service_root, with_context};
use crate::state::AppState;
use crate::store::{ConfigurationRecord, Dataset};

const ASSIGNMENT: &str = "iosLobAppProvisioningConfigurationAssignment";
const CONFIGURATION: &str = "iosLobAppProvisioningConfiguration";

fn entity_context(headers: &HeaderMap, configuration_id: &str) -> String {
    format!(
        "{}/$metadata#{}('{configuration_id}')/assignments/$entity",
        service_root(headers),
        metadata_path()
    )
}

fn entity_json(
    headers: &HeaderMap,
    configuration_id: &str,
    entity: &IosLobAppProvisioningConfigurationAssignment,
) -> Value {
    with_context(
        entity_context(headers, configuration_id),
        serde_json::to_value(entity).unwrap_or_default(),
    )
}

fn find_assignment<'a>(
    data: &'a Dataset,
    configuration_id: &str,
    assignment_id: &str,
) -> Result<&'a IosLobAppProvisioningConfigurationAssignment, ApiError> {
    data.configuration(configuration_id)
        .ok_or_else(|| ApiError::not_found(CONFIGURATION, configuration_id))?
        .assignments
        .iter()
        .find(|assignment| assignment.id.as_str() == assignment_id)
        .ok_or_else(|| ApiError::not_found(ASSIGNMENT, assignment_id))
}

fn configuration_or_404<'a>(
    data: &'a mut Dataset,
    configuration_id: &str,
) -> Result<&'a mut ConfigurationRecord, ApiError> {
    data.configuration_mut(configuration_id)
        .ok_or_else(|| ApiError::not_found(CONFIGURATION, configuration_id))
}

fn parse_patch(body: &Value) -> Result<AssignmentPatch, ApiError> {
    let mut diagnostics = Diagnostics::default();
    AssignmentPatch::parse_value(body, &mut diagnostics)
        .ok_or_else(|| ApiError::invalid_body(&diagnostics))
}

/// A 400 as Intune answers when the per-item write routes are not served
/// (`--unserved-routes assignment-write`).
fn ensure_served(
    state: &AppState,
    method: &str,
    configuration_id: &str,
    assignment_id: Option<&str>,
) -> Result<(), ApiError> {
    match state.config.unserved_routes {
        Some(UnservedRoutes::AssignmentWrite) => Err(ApiError::route_not_served(
            method,
            configuration_id,
            assignment_id,
        )),
        None => Ok(()),
    }
}

/// The 400 Intune gives for a second assignment to a group (or to All users, All devices)
/// that the configuration already targets.
fn already_targeted(target: &AssignmentTarget, existing: &AssignmentId) -> ApiError {
    ApiError::bad_request(format!(
        "{} is already targeted by assignment '{existing}' of this configuration: a policy can \
         have only one assignment for each group. Change that assignment instead.",
        audience_words(target)
    ))
}

/// An error unless every one of `targets` reaches something none of `existing` and none of
/// the others do.
fn ensure_distinct(
    existing: &[IosLobAppProvisioningConfigurationAssignment],
    targets: &[&AssignmentTarget],
) -> Result<(), ApiError> {
    for (index, target) in targets.iter().enumerate() {
        if let Some(there) = existing
            .iter()
            .find(|assignment| same_audience(&assignment.target, target))
        {
            return Err(already_targeted(target, &there.id));
        }
        if targets[..index]
            .iter()
            .any(|earlier| same_audience(earlier, target))
        {
            return Err(ApiError::bad_request(format!(
                "{} appears twice in the assignments sent: a policy can have only one assignment for each group.",
                audience_words(target)
            )));
        }
    }
    Ok(())
}

/// A target's audience in a sentence ("The group '…'", "All devices").
fn audience_words(target: &AssignmentTarget) -> String {
    match target.group_id() {
        Some(group) => format!("The group '{group}'"),
        None => target.kind().label().to_owned(),
    }
}

/// `GET .../{configurationId}/assignments`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(configuration_id) = path.map_err(path_error)?;
    let assignments = state
        .store
        .read(|data| {
            data.configuration(&configuration_id)
                .map(|record| record.assignments.clone())
        })
        .await
        .ok_or_else(|| ApiError::not_found(CONFIGURATION, &configuration_id))?;
    let context = format!(
        "{}/$metadata#{}('{configuration_id}')/assignments",
        service_root(&headers),
        metadata_path()
    );
    Ok(Json(with_context(
        context,
        serde_json::to_value(assignments).unwrap_or_default(),
    )))
}

/// `GET .../{configurationId}/assignments/{assignmentId}`
pub async fn get_one(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path((configuration_id, assignment_id)) = path.map_err(path_error)?;
    let entity = state
        .store
        .read(|data| find_assignment(data, &configuration_id, &assignment_id).cloned())
        .await?;
    Ok(Json(entity_json(&headers, &configuration_id, &entity)))
}

/// `POST .../{configurationId}/assignments`: 201 with `Location` and the new entity.
pub async fn create(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let Path(configuration_id) = path.map_err(path_error)?;
    ensure_served(&state, "POST", &configuration_id, None)?;
    let patch = parse_patch(&body)?;
    let id = format!("{configuration_id}_{}", uuid::Uuid::new_v4());
    let entity = IosLobAppProvisioningConfigurationAssignment {
        id: AssignmentId::parse(&id).map_err(|error| ApiError::bad_request(error.to_string()))?,
        target: patch.target,
    };
    let stored = entity.clone();
    let limits = state.config.limits;
    let request = audit::Request::of(&state, &headers);
    state
        .store
        .write(|data| {
            let total = data.assignment_count();
            let record = configuration_or_404(data, &configuration_id)?;
            ensure_room(&limits, total, record.assignments.len(), 1)?;
            ensure_distinct(&record.assignments, &[&stored.target])?;
            let target = stored.target.clone();
            let id = stored.id.to_string();
            record.assignments.push(stored);
            let event = audit::event(
                &request,
                Operation::Create,
                record,
                Some(&id),
                None,
                Some(&target),
                &[],
            );
            audit::keep(&mut data.audit_events, event);
            Ok::<_, ApiError>(())
        })
        .await?;
    let location = format!(
        "{}{CONFIGURATIONS_PATH}/{}/assignments/{}",
        service_root(&headers),
        graph_model::ids::encode_path_segment(&configuration_id),
        entity.id.to_path_segment()
    );
    let mut response = (
        StatusCode::CREATED,
        Json(entity_json(&headers, &configuration_id, &entity)),
    )
        .into_response();
    if let Ok(value) = HeaderValue::from_str(&location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    Ok(response)
}

/// An error unless `adding` more assignments fit beside `in_configuration` in one
/// configuration and `total` in all.
fn ensure_room(
    limits: &Limits,
    total: usize,
    in_configuration: usize,
    adding: usize,
) -> Result<(), ApiError> {
    if in_configuration + adding > limits.assignments_per_configuration {
        return Err(ApiError::limit_reached(
            "assignments per configuration",
            limits.assignments_per_configuration,
            "--max-assignments-per-configuration",
        ));
    }
    if total + adding > limits.assignments {
        return Err(ApiError::limit_reached(
            "assignments in all",
            limits.assignments,
            "--max-assignments",
        ));
    }
    Ok(())
}

/// Whether the client asked for the updated entity (`Prefer: return=representation`).
fn wants_representation(headers: &HeaderMap) -> bool {
    headers
        .get_all("prefer")
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|preference| {
            preference
                .trim()
                .eq_ignore_ascii_case("return=representation")
        })
}

/// `PATCH .../{configurationId}/assignments/{assignmentId}`: replaces the target. 204 by
/// default; 200 with the entity when asked (`Prefer`) or when started with
/// `--patch-returns-content`.
pub async fn update(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    JsonBody(body): JsonBody,
) -> Result<Response, ApiError> {
    let Path((configuration_id, assignment_id)) = path.map_err(path_error)?;
    ensure_served(&state, "PATCH", &configuration_id, Some(&assignment_id))?;
    // A missing resource is a 404 even when the body is also wrong, as on Graph.
    state
        .store
        .read(|data| find_assignment(data, &configuration_id, &assignment_id).map(|_| ()))
        .await?;
    let patch = parse_patch(&body)?;
    let request = audit::Request::of(&state, &headers);
    let updated = state
        .store
        .write(|data| {
            let record = configuration_or_404(data, &configuration_id)?;
            let assignment = record
                .assignments
                .iter_mut()
                .find(|assignment| assignment.id.as_str() == assignment_id)
                .ok_or_else(|| ApiError::not_found(ASSIGNMENT, &assignment_id))?;
            let before = std::mem::replace(&mut assignment.target, patch.target);
            let updated = assignment.clone();
            let event = audit::event(
                &request,
                Operation::Patch,
                record,
                Some(&assignment_id),
                Some(&before),
                Some(&updated.target),
                &[],
            );
            audit::keep(&mut data.audit_events, event);
            Ok::<_, ApiError>(updated)
        })
        .await?;
    state.stats.wrote(&assignment_id);
    let asked = wants_representation(&headers);
    if asked || state.config.patch_returns_content {
        let mut response = Json(entity_json(&headers, &configuration_id, &updated)).into_response();
        if asked {
            response.headers_mut().insert(
                "preference-applied",
                HeaderValue::from_static("return=representation"),
            );
        }
        Ok(response)
    } else {
        Ok(StatusCode::NO_CONTENT.into_response())
    }
}

/// `DELETE .../{configurationId}/assignments/{assignmentId}`: 204.
pub async fn delete(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Result<StatusCode, ApiError> {
    let Path((configuration_id, assignment_id)) = path.map_err(path_error)?;
    ensure_served(&state, "DELETE", &configuration_id, Some(&assignment_id))?;
    let request = audit::Request::of(&state, &headers);
    state
        .store
        .write(|data| {
            let record = configuration_or_404(data, &configuration_id)?;
            let at = record
                .assignments
                .iter()
                .position(|assignment| assignment.id.as_str() == assignment_id)
                .ok_or_else(|| ApiError::not_found(ASSIGNMENT, &assignment_id))?;
            let removed = record.assignments.remove(at);
            let event = audit::event(
                &request,
                Operation::Delete,
                record,
                Some(&assignment_id),
                Some(&removed.target),
                None,
                &[],
            );
            audit::keep(&mut data.audit_events, event);
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `POST .../{configurationId}/assign`: replaces all assignments with the ones sent; 204.
pub async fn assign(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    JsonBody(body): JsonBody,
) -> Result<StatusCode, ApiError> {
    let Path(configuration_id) = path.map_err(path_error)?;
    let mut diagnostics = Diagnostics::default();
    let targets = read_assign_body(&body, &mut diagnostics);
    if !diagnostics.is_valid() {
        return Err(ApiError::invalid_body(&diagnostics));
    }
    let limits = state.config.limits;
    let request = audit::Request::of(&state, &headers);
    state
        .store
        .write(|data| {
            let total = data.assignment_count();
            let record = configuration_or_404(data, &configuration_id)?;
            let set_before = record.assignments.clone();
            let kept = total - record.assignments.len();
            ensure_room(&limits, kept, 0, targets.len())?;
            let sent: Vec<&AssignmentTarget> = targets.iter().map(|patch| &patch.target).collect();
            ensure_distinct(&[], &sent)?;
            record.assignments = targets
                .into_iter()
                .map(|patch| {
                    let id = format!("{configuration_id}_{}", uuid::Uuid::new_v4());
                    AssignmentId::parse(&id).map(|id| {
                        IosLobAppProvisioningConfigurationAssignment {
                            id,
                            target: patch.target,
                        }
                    })
                })
                .collect::<Result<_, _>>()
                .map_err(|error| ApiError::bad_request(error.to_string()))?;
            let event = audit::event(
                &request,
                Operation::Assign,
                record,
                None,
                None,
                None,
                &set_before,
            );
            audit::keep(&mut data.audit_events, event);
            Ok::<_, ApiError>(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Reads the `assign` body, collecting every problem with its JSON pointer.
fn read_assign_body(body: &Value, diagnostics: &mut Diagnostics) -> Vec<AssignmentPatch> {
    use graph_model::Problem;
    let Some(object) = body.as_object() else {
        diagnostics
            .errors
            .push(Problem::new("", "The assign body must be a JSON object."));
        return Vec::new();
    };
    for key in object.keys() {
        if key != GROUP_ASSIGNMENTS && key != CONFIG_ASSIGNMENTS {
            diagnostics.errors.push(
                Problem::new(
                    format!("/{key}"),
                    format!("\"{key}\" is not a parameter of assign."),
                )
                .with_hint(format!(
                    "The parameters are {GROUP_ASSIGNMENTS} and {CONFIG_ASSIGNMENTS}."
                )),
            );
        }
    }
    if let Some(groups) = object.get(GROUP_ASSIGNMENTS)
        && !matches!(groups, Value::Array(items) if items.iter().all(Value::is_object))
    {
        diagnostics.errors.push(Problem::new(
            format!("/{GROUP_ASSIGNMENTS}"),
            "Must be an array of objects.",
        ));
    }
    match object.get(CONFIG_ASSIGNMENTS) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| {
                AssignmentPatch::parse_value_at(
                    item,
                    &format!("/{CONFIG_ASSIGNMENTS}/{index}"),
                    diagnostics,
                )
            })
            .collect(),
        Some(_) => {
            diagnostics.errors.push(Problem::new(
                format!("/{CONFIG_ASSIGNMENTS}"),
                "Must be an array of assignments.",
            ));
            Vec::new()
        }
    }
}
