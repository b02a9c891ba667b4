//! `POST /beta/$batch` (and `/v1.0/$batch`): runs up to 20 requests through the entity router
//! under the envelope's version, honouring `dependsOn` (424 when a dependency failed), and
//! answers 200 with every inner response.

use std::collections::{BTreeMap, HashMap};

use axum::Json;
use axum::Router;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use graph_model::{
    ApiVersion, BatchRequest, BatchRequestItem, BatchResponse, BatchResponseItem, Diagnostics,
    ODataError, ODataErrorResponse,
};
use serde_json::Value;
use tower::ServiceExt;

use crate::body::JsonBody;
use crate::context::fresh_inner_error;
use crate::error::ApiError;

/// The largest inner response body read back.
const INNER_BODY_LIMIT: usize = 16 * 1024 * 1024;

/// `POST /{version}/$batch`
pub async fn run(
    State(api): State<Router>,
    uri: Uri,
    headers: HeaderMap,
    JsonBody(body): JsonBody,
) -> Result<Json<BatchResponse>, ApiError> {
    // Inner URLs are relative to the envelope's version: `/v1.0/$batch` runs them under v1.0.
    let version = uri
        .path()
        .strip_suffix("/$batch")
        .unwrap_or_default()
        .to_owned();
    let batch: BatchRequest = serde_json::from_value(body)
        .map_err(|error| ApiError::bad_request(format!("The batch body is not valid: {error}.")))?;
    batch.validate().map_err(|errors| {
        ApiError::invalid_body(&Diagnostics {
            errors,
            warnings: Vec::new(),
        })
    })?;

    // As on Graph, requests that depend on nothing run side by side; with `dependsOn` they run
    // in the order it sets.
    if batch.requests.iter().all(|item| item.depends_on.is_none()) {
        let mut running = tokio::task::JoinSet::new();
        for (index, item) in batch.requests.into_iter().enumerate() {
            let (api, version, headers) = (api.clone(), version.clone(), headers.clone());
            running.spawn(async move { (index, dispatch(&api, &version, &headers, &item).await) });
        }
        let mut answered = Vec::new();
        while let Some(joined) = running.join_next().await {
            answered.extend(joined.ok());
        }
        answered.sort_by_key(|(index, _)| *index);
        let responses = answered.into_iter().map(|(_, response)| response).collect();
        return Ok(Json(BatchResponse { responses }));
    }
    let mut statuses: HashMap<String, u16> = HashMap::new();
    let mut responses = Vec::with_capacity(batch.requests.len());
    let mut pending: Vec<&BatchRequestItem> = batch.requests.iter().collect();
    while !pending.is_empty() {
        let ready = pending.iter().position(|item| {
            item.depends_on
                .iter()
                .flatten()
                .all(|dependency| statuses.contains_key(dependency))
        });
        // Nothing is ready only when dependencies form a cycle: those requests fail with 424.
        let item = pending.remove(ready.unwrap_or(0));
        let failed_dependency = item
            .depends_on
            .iter()
            .flatten()
            .any(|dependency| statuses.get(dependency).is_none_or(|status| *status >= 400));
        let response = if failed_dependency {
            failed_dependency_response(item)
        } else {
            dispatch(&api, &version, &headers, item).await
        };
        statuses.insert(item.id.clone(), response.status);
        responses.push(response);
    }
    Ok(Json(BatchResponse { responses }))
}

fn failed_dependency_response(item: &BatchRequestItem) -> BatchResponseItem {
    undispatched_error(
        item,
        StatusCode::FAILED_DEPENDENCY,
        ODataError::new("FailedDependency", "A request this one depends on failed."),
    )
}

/// An inner answer for a request that was never dispatched, with `innerError` and `request-id`
/// as every other error has.
fn undispatched_error(
    item: &BatchRequestItem,
    status: StatusCode,
    mut error: ODataError,
) -> BatchResponseItem {
    let inner = fresh_inner_error();
    let mut headers = BTreeMap::from([("Content-Type".to_owned(), "application/json".to_owned())]);
    if let Some(id) = &inner.request_id {
        headers.insert("request-id".to_owned(), id.clone());
    }
    error.inner_error = Some(inner);
    BatchResponseItem {
        id: item.id.clone(),
        status: status.as_u16(),
        headers,
        body: serde_json::to_value(ODataErrorResponse { error }).ok(),
    }
}

/// Runs one inner request through the entity router under `version` (such as `/beta`), or
/// under the version its URL starts with, with the envelope's token and host.
async fn dispatch(
    api: &Router,
    version: &str,
    outer: &HeaderMap,
    item: &BatchRequestItem,
) -> BatchResponseItem {
    let relative = if item.url.starts_with('/') {
        item.url.clone()
    } else {
        format!("/{}", item.url)
    };
    // Microsoft's SDKs strip only the host, so their inner URLs may start with the version.
    let versioned = ApiVersion::ALL
        .iter()
        .any(|known| relative.starts_with(&format!("/{known}/")));
    let path = if versioned {
        relative
    } else {
        format!("{version}{relative}")
    };
    let method =
        Method::from_bytes(item.method.to_ascii_uppercase().as_bytes()).unwrap_or(Method::GET);
    let mut builder = Request::builder().method(method).uri(path);
    for name in [header::AUTHORIZATION, header::HOST] {
        if let Some(value) = outer.get(&name) {
            builder = builder.header(name, value);
        }
    }
    for (name, value) in item.headers.iter().flatten() {
        builder = builder.header(name.as_str(), value.as_str());
    }
    let body = match &item.body {
        Some(value) => Body::from(serde_json::to_vec(value).unwrap_or_default()),
        None => Body::empty(),
    };
    let request = match builder.body(body) {
        Ok(request) => request,
        Err(error) => return bad_inner_request(item, &error.to_string()),
    };
    let response = match api.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let status = response.status().as_u16();
    let headers = response
        .headers()
        .iter()
        .filter(|(name, _)| *name != header::CONTENT_LENGTH)
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_owned())))
        .collect();
    let bytes = axum::body::to_bytes(response.into_body(), INNER_BODY_LIMIT)
        .await
        .unwrap_or_default();
    let body = if bytes.is_empty() {
        None
    } else {
        serde_json::from_slice::<Value>(&bytes).ok()
    };
    BatchResponseItem {
        id: item.id.clone(),
        status,
        headers,
        body,
    }
}

fn bad_inner_request(item: &BatchRequestItem, reason: &str) -> BatchResponseItem {
    undispatched_error(
        item,
        StatusCode::BAD_REQUEST,
        ODataError::new(
            "BadRequest",
            format!("The request could not be built: {reason}."),
        ),
    )
}
