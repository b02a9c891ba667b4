//! The router: Graph's paths, and the layers every request passes through.

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Method, header};
use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{any, get, post};
use graph_model::ApiVersion;
use graph_model::directory::{ASSIGNMENT_FILTERS_PATH, GROUPS_PATH};
use graph_model::request::CONFIGURATIONS_PATH;
use tower_http::cors::{AllowOrigin, CorsLayer};

use crate::authority;
use crate::config::EmulatorConfig;
use crate::context::request_context;
use crate::guard::{
    check_origin, inject_chaos, require_permission, require_token, throttle_writes,
};
use crate::handlers::audit_events::{self, AUDIT_EVENTS_PATH};
use crate::handlers::directory_objects::{self, MANAGED_DEVICES_PATH};
use crate::handlers::{
    assignments, batch, configurations, directory, fallback, group_members, statuses,
};
use crate::state::AppState;
use crate::stats::{self, RESET_PATH, STATS_PATH};

/// The entity routes under `/beta` (and their v1.0 refusals), with write throttling, injected
/// latency and faults, and the request context. `$batch` dispatches its inner requests through
/// this router, so they are throttled, delayed and failed just as direct ones are.
pub fn api(state: AppState) -> Router {
    let configurations = format!("/{}{CONFIGURATIONS_PATH}", ApiVersion::Beta);
    let configuration = format!("{configurations}/{{configuration_id}}");
    let assignment_list = format!("{configuration}/assignments");
    let assignment = format!("{assignment_list}/{{assignment_id}}");
    let v1 = format!("/{}{CONFIGURATIONS_PATH}", ApiVersion::V1_0);
    Router::new()
        .route(&configurations, get(configurations::list))
        .route(&configuration, get(configurations::get_one))
        .route(
            &assignment_list,
            get(assignments::list).post(assignments::create),
        )
        .route(
            &assignment,
            get(assignments::get_one)
                .patch(assignments::update)
                .delete(assignments::delete),
        )
        .route(
            &format!("{configuration}/assign"),
            post(assignments::assign),
        )
        .route(
            &format!("{configuration}/deviceStatuses"),
            get(statuses::device_statuses),
        )
        .route(
            &format!("{configuration}/userStatuses"),
            get(statuses::user_statuses),
        )
        .route(
            &format!("/{}{GROUPS_PATH}", ApiVersion::Beta),
            get(directory::list_groups),
        )
        .route(
            &format!("/{}{GROUPS_PATH}/{{group_id}}", ApiVersion::Beta),
            get(directory::get_group),
        )
        .route(
            &format!("/{}{GROUPS_PATH}", ApiVersion::V1_0),
            get(directory::list_groups),
        )
        .route(
            &format!("/{}{GROUPS_PATH}/{{group_id}}", ApiVersion::V1_0),
            get(directory::get_group),
        )
        .route(
            &format!("/{}{MANAGED_DEVICES_PATH}", ApiVersion::Beta),
            get(directory_objects::managed_devices),
        )
        .route(&members_path(ApiVersion::Beta, 1), get(group_members::list))
        .route(&members_path(ApiVersion::Beta, 2), get(group_members::list))
        .route(&members_path(ApiVersion::Beta, 3), get(group_members::list))
        .route(&members_path(ApiVersion::V1_0, 1), get(group_members::list))
        .route(&members_path(ApiVersion::V1_0, 2), get(group_members::list))
        .route(&members_path(ApiVersion::V1_0, 3), get(group_members::list))
        .route(
            &format!("/{}{ASSIGNMENT_FILTERS_PATH}", ApiVersion::Beta),
            get(directory::list_filters),
        )
        .route(
            &format!(
                "/{}{ASSIGNMENT_FILTERS_PATH}/{{filter_id}}",
                ApiVersion::Beta
            ),
            get(directory::get_filter),
        )
        .route(
            &format!("/{}/users", ApiVersion::Beta),
            get(directory_objects::users),
        )
        .route(
            &format!("/{}/users/$count", ApiVersion::Beta),
            get(directory_objects::count_users),
        )
        .route(
            &format!("/{}/devices", ApiVersion::Beta),
            get(directory_objects::devices),
        )
        .route(
            &format!("/{}/devices/$count", ApiVersion::Beta),
            get(directory_objects::count_devices),
        )
        .route(
            &format!("/{}/users", ApiVersion::V1_0),
            get(directory_objects::users),
        )
        .route(
            &format!("/{}/users/$count", ApiVersion::V1_0),
            get(directory_objects::count_users),
        )
        .route(
            &format!("/{}/devices", ApiVersion::V1_0),
            get(directory_objects::devices),
        )
        .route(
            &format!("/{}/devices/$count", ApiVersion::V1_0),
            get(directory_objects::count_devices),
        )
        .route(
            &format!("/{}{AUDIT_EVENTS_PATH}", ApiVersion::Beta),
            get(audit_events::list),
        )
        .route(&v1, any(fallback::beta_only))
        .route(&format!("{v1}/{{*rest}}"), any(fallback::beta_only))
        .method_not_allowed_fallback(fallback::method_not_allowed)
        .fallback(fallback::not_found)
        .layer(from_fn_with_state(state.clone(), throttle_writes))
        .layer(from_fn_with_state(state.clone(), stats::count_requests))
        .layer(from_fn_with_state(state.clone(), require_permission))
        .layer(from_fn_with_state(state.clone(), inject_chaos))
        .layer(from_fn(request_context))
        .with_state(state)
}

/// The path of a group's members with `segments` after the group id (the relation, then a
/// cast, then `$count`).
fn members_path(version: ApiVersion, segments: usize) -> String {
    let names = ["{relation}", "{cast}", "{count}"];
    format!(
        "/{version}{GROUPS_PATH}/{{group_id}}/{}",
        names[..segments].join("/")
    )
}

/// The whole emulator: the entity routes, `$batch`, bearer tokens, injected latency and faults,
/// CORS, request ids on every answer, the sign-in authority, and the counts for tests
/// ([`crate::stats`]).
pub fn app(state: AppState) -> Router {
    let batch = Router::new()
        .route(&format!("/{}/$batch", ApiVersion::Beta), post(batch::run))
        .route(&format!("/{}/$batch", ApiVersion::V1_0), post(batch::run))
        .method_not_allowed_fallback(fallback::method_not_allowed)
        .with_state(api(state.clone()))
        .layer(from_fn_with_state(state.clone(), stats::count_batches));
    let counts = Router::new()
        .route(STATS_PATH, get(stats::show))
        .route(RESET_PATH, post(stats::reset))
        .with_state(state.clone());
    api(state.clone())
        .merge(batch)
        .layer(DefaultBodyLimit::max(state.config.body_limit))
        .layer(from_fn_with_state(state.clone(), require_token))
        .layer(cors(&state.config))
        .layer(from_fn_with_state(state.clone(), check_origin))
        .merge(authority::routes(state.clone()))
        .merge(counts)
        .layer(from_fn(request_context))
}

/// CORS as a browser needs it for Graph: the allowed origins (see [`crate::origins`]), the
/// methods and headers the playground sends, the response headers it reads, and Chromium's
/// Private Network Access preflight.
pub fn cors(config: &EmulatorConfig) -> CorsLayer {
    let mut exposed = vec![
        HeaderName::from_static("request-id"),
        HeaderName::from_static("client-request-id"),
        header::LOCATION,
        header::ETAG,
        header::DATE,
        HeaderName::from_static("preference-applied"),
        header::WWW_AUTHENTICATE,
    ];
    if !config.hide_retry_after {
        exposed.push(header::RETRY_AFTER);
    }
    let origins = config.allowed_origins.clone();
    let allow_origin = if origins.allows_any() {
        AllowOrigin::any()
    } else {
        AllowOrigin::predicate(move |origin, _| {
            origin.to_str().is_ok_and(|origin| origins.allows(origin))
        })
    };
    CorsLayer::new()
        .allow_origin(allow_origin)
        .allow_private_network(true)
        .allow_methods([
            Method::GET,
            Method::POST,
            Method::PATCH,
            Method::PUT,
            Method::DELETE,
        ])
        .allow_headers([
            header::AUTHORIZATION,
            header::CONTENT_TYPE,
            HeaderName::from_static("client-request-id"),
            HeaderName::from_static("prefer"),
            HeaderName::from_static("consistencylevel"),
        ])
        .expose_headers(exposed)
        .max_age(std::time::Duration::from_secs(3600))
}
