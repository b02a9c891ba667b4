//! `GET` of configurations, with `$select`, `$expand=assignments`, `$top` and paging.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde_json::Value;

use crate::error::ApiError;
use graph_model::request::CONFIGURATIONS_PATH;

use crate::handlers::query::{EntityType, QueryOptions, parameters};
use crate::handlers::{metadata_path, path_error, service_root, with_context};
use crate::state::AppState;
use crate::store::ConfigurationRecord;

/// The configuration type as `$select` sees it.
const CONFIGURATION: EntityType = EntityType {
    name: "microsoft.graph.iosLobAppProvisioningConfiguration",
    properties: &[
        "id",
        "displayName",
        "description",
        "createdDateTime",
        "lastModifiedDateTime",
        "expirationDateTime",
        "payloadFileName",
        "payload",
        "roleScopeTagIds",
        "version",
    ],
    navigations: &["assignments"],
};

/// The configuration as a JSON object, with its assignments when `$expand` asks for them.
fn configuration_json(record: &ConfigurationRecord, options: &QueryOptions) -> Value {
    let mut value = serde_json::to_value(&record.configuration).unwrap_or_default();
    if options.expands("assignments")
        && let Some(object) = value.as_object_mut()
    {
        object.insert(
            "assignments".to_owned(),
            serde_json::to_value(&record.assignments).unwrap_or_default(),
        );
    }
    value
}

fn read_query(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<QueryOptions, ApiError> {
    QueryOptions::read(&parameters(query)?, &CONFIGURATION)
}

/// `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let options = read_query(query)?;
    let page_size = options.page_size(state.config.page_size);
    let (items, total): (Vec<Value>, usize) = state
        .store
        .read(|data| {
            let page = data
                .configurations
                .iter()
                .skip(options.skip)
                .take(page_size)
                .map(|record| configuration_json(record, &options))
                .collect();
            (page, data.configurations.len())
        })
        .await;
    let root = service_root(&headers);
    let body = options.page(
        items,
        total,
        page_size,
        format!("{root}/$metadata#{}", metadata_path()),
        &format!("{root}{CONFIGURATIONS_PATH}"),
        "",
    );
    Ok(Json(body))
}

/// `GET .../iosLobAppProvisioningConfigurations/{configurationId}`
pub async fn get_one(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path.map_err(path_error)?;
    let options = read_query(query)?;
    let configuration = state
        .store
        .read(|data| {
            data.configuration(&id)
                .map(|record| configuration_json(record, &options))
        })
        .await
        .ok_or_else(|| ApiError::not_found("iosLobAppProvisioningConfiguration", &id))?;
    let value = options.project(configuration);
    let context = format!(
        "{}/$metadata#{}/$entity",
        service_root(&headers),
        metadata_path()
    );
    Ok(Json(with_context(context, value)))
}
