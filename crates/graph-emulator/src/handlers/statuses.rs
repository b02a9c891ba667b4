//! A configuration's statuses, for Reach: `GET .../{id}/deviceStatuses` and `.../userStatuses`,
//! paged, one for each device (or user) its assignments reach in the emulator's directory
//! (included groups and All users / All devices, less the excluded groups' members), with a
//! steady mix of statuses: mostly compliant, some error, not applicable, unknown, non-compliant
//! and conflict.

use std::collections::{BTreeSet, HashMap};

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use graph_model::AssignmentTarget;
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::handlers::query::{EntityType, QueryOptions, parameters};
use crate::handlers::{path_error, service_root};
use crate::members::{Member, Members};
use crate::state::AppState;
use crate::store::ConfigurationRecord;

/// The statuses, in the order they are handed out.
const STATUSES: [&str; 8] = [
    "compliant",
    "compliant",
    "compliant",
    "error",
    "notApplicable",
    "unknown",
    "nonCompliant",
    "conflict",
];

const DEVICE_STATUS: EntityType = EntityType {
    name: "microsoft.graph.managedDeviceMobileAppConfigurationDeviceStatus",
    properties: &[
        "id",
        "deviceDisplayName",
        "userPrincipalName",
        "deviceModel",
        "status",
        "lastReportedDateTime",
    ],
    navigations: &[],
};

const USER_STATUS: EntityType = EntityType {
    name: "microsoft.graph.managedDeviceMobileAppConfigurationUserStatus",
    properties: &[
        "id",
        "userDisplayName",
        "userPrincipalName",
        "devicesCount",
        "status",
        "lastReportedDateTime",
    ],
    navigations: &[],
};

/// Users (`devices` false) or devices reached by the record's assignments, by object id.
fn reached(record: &ConfigurationRecord, directory: &Members, devices: bool) -> BTreeSet<String> {
    let of_kind = |group: &str| -> BTreeSet<String> {
        directory
            .of(group, true)
            .into_iter()
            .filter_map(|member| match (member, devices) {
                (Member::User(user), false) => Some(user.id.clone()),
                (Member::Device(device), true) => Some(device.id.clone()),
                _ => None,
            })
            .collect()
    };
    let mut included = BTreeSet::new();
    let mut excluded = BTreeSet::new();
    for assignment in &record.assignments {
        match &assignment.target {
            AssignmentTarget::AllDevices { .. } if devices => {
                included.extend(directory.devices.iter().map(|device| device.id.clone()))
            }
            AssignmentTarget::AllLicensedUsers { .. } if !devices => {
                included.extend(directory.users.iter().map(|user| user.id.clone()))
            }
            AssignmentTarget::Group { group_id, .. } => included.extend(of_kind(group_id.as_str())),
            AssignmentTarget::ExclusionGroup { group_id, .. } => {
                excluded.extend(of_kind(group_id.as_str()))
            }
            _ => {}
        }
    }
    included.difference(&excluded).cloned().collect()
}

fn statuses(record: &ConfigurationRecord, directory: &Members, devices: bool) -> Vec<Value> {
    let reported = record
        .configuration
        .last_modified_date_time
        .clone()
        .unwrap_or_default();
    reached(record, directory, devices)
        .iter()
        .enumerate()
        .map(|(number, id)| {
            let status = STATUSES[number % STATUSES.len()];
            if devices {
                let found = directory.device(id);
                let device = found.map(|(_, device)| device);
                let user = found.and_then(|(at, _)| directory.users.get(at));
                json!({
                    "id": format!("{}_{id}", record.configuration.id),
                    "deviceDisplayName": device.map(|device| device.display_name.clone()),
                    "userPrincipalName": user.map(|user| user.user_principal_name.clone()),
                    "deviceModel": device.map(|device| if device.operating_system == "iOS" { "iPhone" } else { "iPad" }),
                    "status": status,
                    "lastReportedDateTime": reported,
                })
            } else {
                let user = directory.user(id);
                json!({
                    "id": format!("{}_{id}", record.configuration.id),
                    "userDisplayName": user.map(|user| user.display_name.clone()),
                    "userPrincipalName": user.map(|user| user.user_principal_name.clone()),
                    "devicesCount": 1,
                    "status": status,
                    "lastReportedDateTime": reported,
                })
            }
        })
        .collect()
}

async fn answer(
    state: AppState,
    headers: HeaderMap,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    devices: bool,
) -> Result<Json<Value>, ApiError> {
    let Path(configuration_id) = path.map_err(path_error)?;
    let entity = if devices {
        &DEVICE_STATUS
    } else {
        &USER_STATUS
    };
    let options = QueryOptions::read(&parameters(query)?, entity)?;
    let items = state
        .store
        .read(|data| {
            data.configuration(&configuration_id)
                .map(|record| statuses(record, &data.directory, devices))
        })
        .await
        .ok_or_else(|| {
            ApiError::not_found("iosLobAppProvisioningConfiguration", &configuration_id)
        })?;
    let page_size = options.page_size(state.config.page_size);
    let total = items.len();
    let page: Vec<Value> = items
        .into_iter()
        .skip(options.skip)
        .take(page_size)
        .collect();
    let root = service_root(&headers);
    let host = root.strip_suffix("/beta").unwrap_or(&root);
    Ok(Json(options.page(
        page,
        total,
        page_size,
        format!("{root}/$metadata#{}", entity.name),
        &format!("{host}{}", uri.path()),
        "",
    )))
}

/// `GET .../iosLobAppProvisioningConfigurations/{id}/deviceStatuses`
pub async fn device_statuses(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    answer(state, headers, uri, path, query, true).await
}

/// `GET .../iosLobAppProvisioningConfigurations/{id}/userStatuses`
pub async fn user_statuses(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    answer(state, headers, uri, path, query, false).await
}
