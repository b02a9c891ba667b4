//! Names for the ids in targets: `GET /beta/groups` and `/v1.0/groups` (with `$search` on the
//! display name, which needs `ConsistencyLevel: eventual` as on Graph, or
//! `$filter=startswith(displayName,'...')`), `GET .../groups/{id}`, and Intune's assignment
//! filters under `/beta/deviceManagement/assignmentFilters` (beta only, as on Graph). Read only,
//! from the sample data.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use graph_model::directory::{
    ASSIGNMENT_FILTERS_PATH, CONSISTENCY_LEVEL, GROUPS_PATH, Group, display_name_search,
    name_matches_search, starts_with_filter,
};
use graph_model::{ApiVersion, FilterId, GroupId};
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::Value;

use crate::error::ApiError;
use crate::handlers::query::{EntityType, QueryOptions, parameters};
use crate::handlers::{path_error, service_root, with_context};
use crate::state::AppState;

/// The group type as `$select` sees it.
const GROUP: EntityType = EntityType {
    name: "microsoft.graph.group",
    properties: &[
        "id",
        "displayName",
        "description",
        "groupTypes",
        "membershipRule",
        "securityEnabled",
    ],
    navigations: &[],
};

/// The assignment filter type as `$select` sees it.
const FILTER: EntityType = EntityType {
    name: "microsoft.graph.deviceAndAppManagementAssignmentFilter",
    properties: &[
        "id",
        "displayName",
        "description",
        "platform",
        "rule",
        "assignmentFilterManagementType",
    ],
    navigations: &[],
};

/// Which groups a list asks for, and how to ask for the rest in a next link.
struct GroupQuery {
    matches: Box<dyn Fn(&Group) -> bool + Send + Sync>,
    next: String,
}

fn group_query(
    parameters: &HashMap<String, String>,
    headers: &HeaderMap,
) -> Result<GroupQuery, ApiError> {
    let keep = |name: &str, value: &str| {
        format!("&{name}={}", utf8_percent_encode(value, NON_ALPHANUMERIC))
    };
    if let Some(search) = parameters.get("$search") {
        let (header, eventual) = CONSISTENCY_LEVEL;
        let consistent = headers
            .get(header)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.eq_ignore_ascii_case(eventual));
        if !consistent {
            return Err(ApiError::new(
                StatusCode::BAD_REQUEST,
                "Request_UnsupportedQuery",
                "Request with $search query parameter only works through MSGraph with a special request header: 'ConsistencyLevel: eventual'",
            ));
        }
        let term = display_name_search(search).map_err(ApiError::bad_request)?;
        return Ok(GroupQuery {
            next: keep("$search", search),
            matches: Box::new(move |group| name_matches_search(&group.display_name, &term)),
        });
    }
    if let Some(filter) = parameters.get("$filter") {
        let prefix = starts_with_filter(filter)
            .map_err(ApiError::bad_request)?
            .to_lowercase();
        return Ok(GroupQuery {
            next: keep("$filter", filter),
            matches: Box::new(move |group| group.display_name.to_lowercase().starts_with(&prefix)),
        });
    }
    Ok(GroupQuery {
        next: String::new(),
        matches: Box::new(|_| true),
    })
}

/// The service root with the version the request used (groups exist in beta and v1.0).
fn version_root(headers: &HeaderMap, uri: &Uri) -> String {
    let root = service_root(headers);
    let v1 = format!("/{}/", ApiVersion::V1_0);
    match (
        uri.path().starts_with(&v1),
        root.strip_suffix(&format!("/{}", ApiVersion::Beta)),
    ) {
        (true, Some(host)) => format!("{host}/{}", ApiVersion::V1_0),
        _ => root,
    }
}

/// `GET /beta/groups` and `/v1.0/groups`
pub async fn list_groups(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let parameters = parameters(query)?;
    let options = QueryOptions::read(&parameters, &GROUP)?;
    let wanted = group_query(&parameters, &headers)?;
    let page_size = options.page_size(state.config.page_size);
    let (items, total) = state
        .store
        .read(|data| {
            let found: Vec<&Group> = data
                .groups
                .iter()
                .filter(|group| (wanted.matches)(group))
                .collect();
            let page = found
                .iter()
                .skip(options.skip)
                .take(page_size)
                .map(|group| serde_json::to_value(group).unwrap_or_default())
                .collect::<Vec<Value>>();
            (page, found.len())
        })
        .await;
    let root = version_root(&headers, &uri);
    Ok(Json(options.page(
        items,
        total,
        page_size,
        format!("{root}/$metadata#groups"),
        &format!("{root}{GROUPS_PATH}"),
        &wanted.next,
    )))
}

/// `GET /beta/groups/{id}` and `/v1.0/groups/{id}`
pub async fn get_group(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path.map_err(path_error)?;
    let options = QueryOptions::read(&parameters(query)?, &GROUP)?;
    let id = GroupId::parse(&id).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            format!("Invalid object identifier '{id}'."),
        )
    })?;
    let group = state
        .store
        .read(|data| data.groups.iter().find(|group| group.id == id).cloned())
        .await
        .ok_or_else(|| {
            ApiError::new(
                StatusCode::NOT_FOUND,
                "Request_ResourceNotFound",
                format!("Resource '{id}' does not exist or one of its queried reference-property objects are not present."),
            )
        })?;
    let value = options.project(serde_json::to_value(group).unwrap_or_default());
    let context = format!("{}/$metadata#groups/$entity", version_root(&headers, &uri));
    Ok(Json(with_context(context, value)))
}

/// `GET /beta/deviceManagement/assignmentFilters`
pub async fn list_filters(
    State(state): State<AppState>,
    headers: HeaderMap,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let options = QueryOptions::read(&parameters(query)?, &FILTER)?;
    let page_size = options.page_size(state.config.page_size);
    let (items, total) = state
        .store
        .read(|data| {
            let page = data
                .assignment_filters
                .iter()
                .skip(options.skip)
                .take(page_size)
                .map(|filter| serde_json::to_value(filter).unwrap_or_default())
                .collect::<Vec<Value>>();
            (page, data.assignment_filters.len())
        })
        .await;
    let root = service_root(&headers);
    Ok(Json(options.page(
        items,
        total,
        page_size,
        format!("{root}/$metadata#deviceManagement/assignmentFilters"),
        &format!("{root}{ASSIGNMENT_FILTERS_PATH}"),
        "",
    )))
}

/// `GET /beta/deviceManagement/assignmentFilters/{id}`
pub async fn get_filter(
    State(state): State<AppState>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Json<Value>, ApiError> {
    let Path(id) = path.map_err(path_error)?;
    let options = QueryOptions::read(&parameters(query)?, &FILTER)?;
    let filter = FilterId::parse(&id).ok();
    let found = state
        .store
        .read(|data| {
            data.assignment_filters
                .iter()
                .find(|entity| Some(&entity.id) == filter.as_ref())
                .cloned()
        })
        .await
        .ok_or_else(|| ApiError::not_found("deviceAndAppManagementAssignmentFilter", &id))?;
    let value = options.project(serde_json::to_value(found).unwrap_or_default());
    let context = format!(
        "{}/$metadata#deviceManagement/assignmentFilters/$entity",
        service_root(&headers)
    );
    Ok(Json(with_context(context, value)))
}
