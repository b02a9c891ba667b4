//! The directory's users and devices and Intune's managed devices, for Reach: `GET
//! /{version}/users`, `/{version}/devices` (each with `/$count`, which needs
//! `ConsistencyLevel: eventual`) and `GET /beta/deviceManagement/managedDevices`, paged, with
//! `$select` and `$top` up to 999. An Intune device joins its Entra device by
//! `azureADDeviceId` = the device's `deviceId`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::handlers::query::{
    EntityType, MAX_TOP, QueryOptions, ensure_top_within_max, eventual_consistency, parameters,
};
use crate::handlers::service_root;
use crate::members::Members;
use crate::state::AppState;

/// The path of Intune's managed devices below the version.
pub const MANAGED_DEVICES_PATH: &str = "/deviceManagement/managedDevices";

const USER: EntityType = EntityType {
    name: "microsoft.graph.user",
    properties: &["id", "displayName", "userPrincipalName"],
    navigations: &[],
};

const DEVICE: EntityType = EntityType {
    name: "microsoft.graph.device",
    properties: &["id", "displayName", "deviceId", "operatingSystem"],
    navigations: &[],
};

const MANAGED_DEVICE: EntityType = EntityType {
    name: "microsoft.graph.managedDevice",
    properties: &[
        "id",
        "deviceName",
        "model",
        "operatingSystem",
        "osVersion",
        "managedDeviceOwnerType",
        "userId",
        "userPrincipalName",
        "azureADDeviceId",
    ],
    navigations: &[],
};

/// What a list is of.
#[derive(Clone, Copy)]
enum Listed {
    Users,
    Devices,
    ManagedDevices,
}

impl Listed {
    fn entity(self) -> &'static EntityType {
        match self {
            Listed::Users => &USER,
            Listed::Devices => &DEVICE,
            Listed::ManagedDevices => &MANAGED_DEVICE,
        }
    }

    fn items(self, directory: &Members) -> Vec<Value> {
        match self {
            Listed::Users => directory
                .users
                .iter()
                .map(|user| serde_json::to_value(user).unwrap_or_default())
                .collect(),
            Listed::Devices => directory
                .devices
                .iter()
                .map(|device| serde_json::to_value(device).unwrap_or_default())
                .collect(),
            Listed::ManagedDevices => directory
                .devices
                .iter()
                .enumerate()
                .map(|(number, device)| {
                    // Device n is used by user n, where there is one.
                    let user = directory.users.get(number);
                    json!({
                        "id": format!("{:0>8}-{}", number, &device.id[9..]),
                        "deviceName": device.display_name,
                        "model": if device.operating_system == "iOS" { "iPhone" } else { "iPad" },
                        "operatingSystem": device.operating_system,
                        "osVersion": "17.5",
                        "managedDeviceOwnerType": "company",
                        "userId": user.map(|user| user.id.clone()),
                        "userPrincipalName": user.map(|user| user.user_principal_name.clone()),
                        "azureADDeviceId": device.device_id,
                    })
                })
                .collect(),
        }
    }

    fn context(self) -> &'static str {
        match self {
            Listed::Users => "users",
            Listed::Devices => "devices",
            Listed::ManagedDevices => "deviceManagement/managedDevices",
        }
    }
}

/// A page of `listed`, or with `count` its number as plain text.
async fn answer(
    state: AppState,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
    listed: Listed,
    count: bool,
) -> Result<Response, ApiError> {
    let options = QueryOptions::read(&parameters(query)?, listed.entity())?;
    ensure_top_within_max(&options)?;
    let items = state.store.read(|data| listed.items(&data.directory)).await;
    if count {
        if !eventual_consistency(&headers) {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "Request_BadRequest",
                "$count is an advanced query: send the header ConsistencyLevel: eventual.",
            ));
        }
        let text = items.len().to_string();
        return Ok(([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], text).into_response());
    }
    let root = service_root(&headers);
    let host = root.strip_suffix("/beta").unwrap_or(&root);
    let version = if uri.path().starts_with("/v1.0/") {
        "v1.0"
    } else {
        "beta"
    };
    // Graph pages 100 by default, and up to 999 with `$top`.
    let page_size = options.top.map_or(100, |top| top.min(MAX_TOP));
    let total = items.len();
    let page: Vec<Value> = items
        .into_iter()
        .skip(options.skip)
        .take(page_size)
        .collect();
    Ok(Json(options.page(
        page,
        total,
        page_size,
        format!("{host}/{version}/$metadata#{}", listed.context()),
        &format!("{host}{}", uri.path()),
        "",
    ))
    .into_response())
}

/// `GET /{version}/users`
pub async fn users(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    answer(state, headers, uri, query, Listed::Users, false).await
}

/// `GET /{version}/users/$count`
pub async fn count_users(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    answer(state, headers, uri, query, Listed::Users, true).await
}

/// `GET /{version}/devices`
pub async fn devices(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    answer(state, headers, uri, query, Listed::Devices, false).await
}

/// `GET /{version}/devices/$count`
pub async fn count_devices(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    answer(state, headers, uri, query, Listed::Devices, true).await
}

/// `GET /beta/deviceManagement/managedDevices`
pub async fn managed_devices(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    answer(state, headers, uri, query, Listed::ManagedDevices, false).await
}
