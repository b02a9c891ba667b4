//! `GET` of configurations, with `$select` and `$top`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use serde_json::Value;

use crate::error::ApiError;
use graph_model::request::CONFIGURATIONS_PATH;

use crate::handlers::{metadata_path, path_error, service_root, with_context};
use crate::state::AppState;

/// The properties `$select` may name.
const PROPERTIES: [&str; 10] = [
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
];

/// The OData query options this emulator honours.
struct QueryOptions {
    select: Option<Vec<String>>,
    top: Option<usize>,
    /// How many items earlier pages held (`$skiptoken`, which this emulator writes).
    skip: usize,
    /// The `$select` text as given, for the next link.
    select_text: Option<String>,
}

fn query_options(query: &HashMap<String, String>) -> Result<QueryOptions, ApiError> {
    let select = match query.get("$select") {
        None => None,
        Some(text) => {
            let names: Vec<String> = text.split(',').map(|name| name.trim().to_owned()).collect();
            if let Some(unknown) = names
                .iter()
                .find(|name| !PROPERTIES.contains(&name.as_str()))
            {
                return Err(ApiError::bad_request(format!(
                    "Could not find a property named '{unknown}' on type 'microsoft.graph.iosLobAppProvisioningConfiguration'."
                )));
            }
            Some(names)
        }
    };
    let top = match query.get("$top") {
        None => None,
        Some(text) => Some(text.parse::<usize>().map_err(|_| {
            ApiError::bad_request(format!(
                "Invalid value '{text}' for $top query option found. The $top query option requires a non-negative integer value."
            ))
        })?),
    };
    let skip = match query.get("$skiptoken") {
        None => 0,
        Some(text) => text.parse::<usize>().map_err(|_| {
            ApiError::bad_request(format!("'{text}' is not a skip token this service issued."))
        })?,
    };
    Ok(QueryOptions {
        select,
        top,
        skip,
        select_text: query.get("$select").cloned(),
    })
}

/// Keeps only the selected properties (the id always stays, as on Graph).
fn project(value: Value, select: &Option<Vec<String>>) -> Value {
    match (value, select) {
        (Value::Object(mut fields), Some(names)) => {
            fields.retain(|key, _| key == "id" || names.iter().any(|name| name == key));
            Value::Object(fields)
        }
        (value, _) => value,
    }
}

fn read_query(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<QueryOptions, ApiError> {
    let Query(query) = query.map_err(|rejection| {
        ApiError::bad_request(format!("The query string could not be read: {rejection}."))
    })?;
    query_options(&query)
}

/// `GET /beta/deviceAppManagement/iosLobAppProvisioningConfigurations`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let options = read_query(query)?;
    let page_size = options
        .top
        .unwrap_or(usize::MAX)
        .min(state.config.page_size.max(1));
    let (items, total): (Vec<Value>, usize) = state
        .store
        .read(|data| {
            let page = data
                .configurations
                .iter()
                .skip(options.skip)
                .take(page_size)
                .map(|record| serde_json::to_value(&record.configuration).unwrap_or_default())
                .collect();
            (page, data.configurations.len())
        })
        .await;
    let shown = options.skip + items.len();
    let items = items
        .into_iter()
        .map(|item| project(item, &options.select))
        .collect();
    let root = service_root(&headers);
    let mut body = with_context(
        format!("{root}/$metadata#{}", metadata_path()),
        Value::Array(items),
    );
    // `$top=0` asks for no items, and a link to the same empty page would never end.
    if shown < total
        && page_size > 0
        && let Some(object) = body.as_object_mut()
    {
        let select = options
            .select_text
            .map(|text| format!("&$select={text}"))
            .unwrap_or_default();
        object.insert(
            "@odata.nextLink".to_owned(),
            Value::from(format!(
                "{root}{CONFIGURATIONS_PATH}?$top={page_size}&$skiptoken={shown}{select}"
            )),
        );
    }
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
                .map(|record| record.configuration.clone())
        })
        .await
        .ok_or_else(|| ApiError::not_found("iosLobAppProvisioningConfiguration", &id))?;
    let value = project(
        serde_json::to_value(configuration).unwrap_or_default(),
        &options.select,
    );
    let context = format!(
        "{}/$metadata#{}/$entity",
        service_root(&headers),
        metadata_path()
    );
    Ok(Json(with_context(context, value)))
}
