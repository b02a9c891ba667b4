//! A group's members, for Reach: `GET .../groups/{id}/members` and `.../transitiveMembers`
//! (nested groups flattened), each with the type casts `/microsoft.graph.user` and
//! `/microsoft.graph.device` and `/$count` (a plain-text number that, as on Graph, needs
//! `ConsistencyLevel: eventual`), `$select`, `$top` up to 999, paging, `$count=true`, and
//! `$filter` on the member's id (`id eq '…'`, `id in ('…', …)`), an advanced query too.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::{PathRejection, QueryRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use graph_model::GroupId;
use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};

use crate::error::ApiError;
use crate::handlers::query::{
    EntityType, MAX_TOP, QueryOptions, ensure_top_within_max, eventual_consistency, parameters,
};
use crate::handlers::{path_error, service_root};
use crate::members::Member;
use crate::state::AppState;

/// A directory object as `$select` sees it in a member list.
const DIRECTORY_OBJECT: EntityType = EntityType {
    name: "microsoft.graph.directoryObject",
    properties: &[
        "id",
        "displayName",
        "userPrincipalName",
        "deviceId",
        "operatingSystem",
    ],
    navigations: &[],
};

/// Which members a path asks for.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Cast {
    Any,
    Users,
    Devices,
}

/// The path's parts after the group id: the relation, then a cast and `$count`, each optional.
fn read_path(parts: &[String]) -> Result<(bool, Cast, bool), ApiError> {
    let unknown = |segment: &str| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "BadRequest",
            format!("Resource not found for the segment '{segment}'."),
        )
    };
    let mut parts = parts.iter().map(String::as_str);
    let transitive = match parts.next() {
        Some("members") => false,
        Some("transitiveMembers") => true,
        Some(other) => return Err(unknown(other)),
        None => return Err(unknown("")),
    };
    let (mut cast, mut count) = (Cast::Any, false);
    for segment in parts {
        match segment {
            "microsoft.graph.user" if cast == Cast::Any && !count => cast = Cast::Users,
            "microsoft.graph.device" if cast == Cast::Any && !count => cast = Cast::Devices,
            "$count" if !count => count = true,
            other => return Err(unknown(other)),
        }
    }
    Ok((transitive, cast, count))
}

/// The ids a `$filter` on members keeps: `id eq 'x'` or `id in ('x', 'y')`; anything else is
/// a query Graph does not support on members.
fn filter_ids(filter: &str) -> Result<Vec<String>, ApiError> {
    let unsupported = || {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "Request_UnsupportedQuery",
            format!(
                "Unsupported or invalid query filter clause specified for property 'id' of resource 'DirectoryObject': {filter}"
            ),
        )
    };
    let text = filter.trim();
    let rest = text
        .strip_prefix("id")
        .ok_or_else(unsupported)?
        .trim_start();
    let values = if let Some(value) = rest.strip_prefix("eq ") {
        vec![value.trim()]
    } else if let Some(list) = rest.strip_prefix("in ") {
        let list = list.trim();
        let inner = list
            .strip_prefix('(')
            .and_then(|list| list.strip_suffix(')'))
            .ok_or_else(unsupported)?;
        inner.split(',').map(str::trim).collect()
    } else {
        return Err(unsupported());
    };
    values
        .into_iter()
        .map(|value| {
            value
                .strip_prefix('\'')
                .and_then(|value| value.strip_suffix('\''))
                .filter(|value| !value.contains('\''))
                .map(|value| value.to_ascii_lowercase())
                .ok_or_else(unsupported)
        })
        .collect()
}

fn member_json(member: &Member<'_>) -> Value {
    match member {
        Member::User(user) => json!({
            "@odata.type": "#microsoft.graph.user",
            "id": user.id,
            "displayName": user.display_name,
            "userPrincipalName": user.user_principal_name,
        }),
        Member::Device(device) => json!({
            "@odata.type": "#microsoft.graph.device",
            "id": device.id,
            "displayName": device.display_name,
            "deviceId": device.device_id,
            "operatingSystem": device.operating_system,
        }),
        Member::Group(id) => json!({ "@odata.type": "#microsoft.graph.group", "id": id }),
    }
}

/// `GET /{version}/groups/{id}/(members|transitiveMembers)[/microsoft.graph.user|device][/$count]`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    path: Result<Path<Vec<(String, String)>>, PathRejection>,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let Path(parts) = path.map_err(path_error)?;
    let mut values = parts.into_iter().map(|(_, value)| value);
    let group = values.next().unwrap_or_default();
    let rest: Vec<String> = values.collect();
    let (transitive, cast, count) = read_path(&rest)?;
    let group = GroupId::parse(&group).map_err(|_| {
        ApiError::new(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            format!("Invalid object identifier '{group}'."),
        )
    })?;
    let parameters = parameters(query)?;
    let options = QueryOptions::read(&parameters, &DIRECTORY_OBJECT)?;
    ensure_top_within_max(&options)?;
    let filter = parameters
        .get("$filter")
        .map(|text| filter_ids(text))
        .transpose()?;
    let count_asked = parameters
        .get("$count")
        .is_some_and(|value| value == "true");
    let needs_eventual = count || cast != Cast::Any || filter.is_some() || count_asked;
    if needs_eventual && !eventual_consistency(&headers) {
        return Err(ApiError::new(
            StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            "Count and type casts on members are advanced queries: send the header ConsistencyLevel: eventual.",
        ));
    }
    let found: Option<Vec<Value>> = state
        .store
        .read(|data| {
            let id = group.as_str();
            data.groups.iter().any(|known| known.id == group).then(|| {
                let members = match &filter {
                    Some(ids) => data.directory.among(id, ids, transitive),
                    None => data.directory.of(id, transitive),
                };
                members
                    .iter()
                    .filter(|member| match cast {
                        Cast::Any => true,
                        Cast::Users => matches!(member, Member::User(_)),
                        Cast::Devices => matches!(member, Member::Device(_)),
                    })
                    .map(member_json)
                    .collect()
            })
        })
        .await;
    let Some(found) = found else {
        return Err(ApiError::new(
            StatusCode::NOT_FOUND,
            "Request_ResourceNotFound",
            format!(
                "Resource '{group}' does not exist or one of its queried reference-property objects are not present."
            ),
        ));
    };
    if count {
        return Ok((
            [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
            found.len().to_string(),
        )
            .into_response());
    }
    // Graph pages 100 by default, and up to 999 with `$top`.
    let page_size = options.top.map_or(100, |top| top.min(MAX_TOP));
    let total = found.len();
    let page: Vec<Value> = found
        .into_iter()
        .skip(options.skip)
        .take(page_size)
        .collect();
    let root = service_root(&headers);
    let host = root.strip_suffix("/beta").unwrap_or(&root);
    let version = if uri.path().starts_with("/v1.0/") {
        "v1.0"
    } else {
        "beta"
    };
    let url = format!("{host}{}", uri.path());
    let version_root = format!("{host}/{version}");
    let mut kept = parameters
        .get("$filter")
        .map(|filter| format!("&$filter={}", utf8_percent_encode(filter, NON_ALPHANUMERIC)))
        .unwrap_or_default();
    if count_asked {
        kept.push_str("&$count=true");
    }
    let mut body = options.page(
        page,
        total,
        page_size,
        format!("{version_root}/$metadata#directoryObjects"),
        &url,
        &kept,
    );
    if count_asked && let Some(object) = body.as_object_mut() {
        object.insert("@odata.count".to_owned(), Value::from(total));
    }
    Ok(Json(body).into_response())
}
