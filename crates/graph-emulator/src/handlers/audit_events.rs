//! `GET /beta/deviceManagement/auditEvents`: the audit trail (see [`crate::audit`]), newest
//! first with `$orderby=activityDateTime desc`, paged, with the `$filter` forms used against
//! Intune: `activityDateTime` compared (`ge`, `gt`, `le`, `lt`) with a date and time,
//! `activityOperationType eq '…'`, `correlationId eq '…'`, `actor/userPrincipalName eq '…'`
//! (case-sensitive, as on Graph), `resources/any(c: c/resourceId eq '…')`, joined by `and`. With
//! `--audit-delay`, an event is listed only once that long has passed since it was recorded, as
//! Intune's appear minutes late.

use std::collections::HashMap;
use std::time::SystemTime;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::audit::AuditEvent;
use crate::error::ApiError;
use crate::handlers::query::{EntityType, MAX_TOP, QueryOptions, parameters};
use crate::handlers::service_root;
use crate::state::AppState;

/// The path of the audit trail below the version.
pub const AUDIT_EVENTS_PATH: &str = "/deviceManagement/auditEvents";

const AUDIT_EVENT: EntityType = EntityType {
    name: "microsoft.graph.auditEvent",
    properties: &[
        "id",
        "displayName",
        "componentName",
        "activity",
        "activityDateTime",
        "activityType",
        "activityOperationType",
        "activityResult",
        "correlationId",
        "category",
        "actor",
        "resources",
    ],
    navigations: &[],
};

/// One condition of a `$filter`.
#[derive(Debug, Clone, PartialEq)]
enum Condition {
    /// `activityDateTime` compared with a time.
    At(&'static str, SystemTime),
    /// `activityOperationType eq '…'` (case-insensitive, as an enum).
    Operation(String),
    /// `correlationId eq '…'`.
    Correlation(String),
    /// `actor/userPrincipalName eq '…'` (case-sensitive).
    Actor(String),
    /// `resources/any(c: c/resourceId eq '…')`.
    Resource(String),
}

fn unsupported(clause: &str) -> ApiError {
    ApiError::bad_request(format!(
        "The $filter clause '{clause}' is not supported on auditEvents: use activityDateTime ge|gt|le|lt, activityOperationType eq, correlationId eq, actor/userPrincipalName eq or resources/any(c: c/resourceId eq '...'), joined by and."
    ))
}

/// `'text'` without its quotes (a doubled quote stands for one).
fn quoted(value: &str) -> Option<String> {
    let inner = value.trim().strip_prefix('\'')?.strip_suffix('\'')?;
    Some(inner.replace("''", "'"))
}

fn condition(clause: &str) -> Result<Condition, ApiError> {
    let text = clause.trim();
    let lower = text.to_ascii_lowercase();
    if let Some(rest) = lower.strip_prefix("resources/any(") {
        // resources/any(c: c/resourceId eq '…')
        let original = &text[text.len() - rest.len()..];
        let inner = original
            .strip_suffix(')')
            .ok_or_else(|| unsupported(text))?;
        let (variable, test) = inner.split_once(':').ok_or_else(|| unsupported(text))?;
        let prefix = format!("{}/resourceid eq ", variable.trim().to_ascii_lowercase());
        let test = test.trim();
        if !test.to_ascii_lowercase().starts_with(&prefix) {
            return Err(unsupported(text));
        }
        let value = quoted(&test[prefix.len()..]).ok_or_else(|| unsupported(text))?;
        return Ok(Condition::Resource(value));
    }
    let mut words = text.splitn(3, ' ');
    let (Some(property), Some(operator), Some(value)) = (words.next(), words.next(), words.next())
    else {
        return Err(unsupported(text));
    };
    let operator = operator.to_ascii_lowercase();
    match (property.to_ascii_lowercase().as_str(), operator.as_str()) {
        ("activitydatetime", "ge" | "gt" | "le" | "lt") => {
            let value = value.trim();
            let time = humantime::parse_rfc3339_weak(value.trim_matches('\''))
                .map_err(|_| unsupported(text))?;
            let operator = match operator.as_str() {
                "ge" => "ge",
                "gt" => "gt",
                "le" => "le",
                _ => "lt",
            };
            Ok(Condition::At(operator, time))
        }
        ("activityoperationtype", "eq") => Ok(Condition::Operation(
            quoted(value).ok_or_else(|| unsupported(text))?,
        )),
        ("correlationid", "eq") => Ok(Condition::Correlation(
            quoted(value).ok_or_else(|| unsupported(text))?,
        )),
        ("actor/userprincipalname", "eq") => Ok(Condition::Actor(
            quoted(value).ok_or_else(|| unsupported(text))?,
        )),
        _ => Err(unsupported(text)),
    }
}

/// The conditions of a `$filter`, joined by ` and `.
fn conditions(filter: &str) -> Result<Vec<Condition>, ApiError> {
    let mut found = Vec::new();
    let mut rest = filter;
    // Split on " and " outside quotes.
    let mut quote = false;
    let mut start = 0;
    let bytes = rest.as_bytes();
    let mut index = 0;
    while index < bytes.len() {
        if bytes[index] == b'\'' {
            quote = !quote;
        } else if !quote
            && rest
                .get(index..index + 5)
                .is_some_and(|word| word.eq_ignore_ascii_case(" and "))
        {
            found.push(condition(&rest[start..index])?);
            start = index + 5;
            index += 5;
            continue;
        }
        index += 1;
    }
    rest = &rest[start..];
    found.push(condition(rest)?);
    Ok(found)
}

fn recorded_at(event: &AuditEvent) -> Option<SystemTime> {
    humantime::parse_rfc3339_weak(&event.activity_date_time).ok()
}

fn holds(condition: &Condition, event: &AuditEvent) -> bool {
    match condition {
        Condition::At(operator, time) => recorded_at(event).is_some_and(|at| match *operator {
            "ge" => at >= *time,
            "gt" => at > *time,
            "le" => at <= *time,
            _ => at < *time,
        }),
        Condition::Operation(operation) => event
            .activity_operation_type
            .eq_ignore_ascii_case(operation),
        Condition::Correlation(id) => event.correlation_id.eq_ignore_ascii_case(id),
        Condition::Actor(upn) => event.actor.user_principal_name.as_deref() == Some(upn.as_str()),
        Condition::Resource(id) => event
            .resources
            .iter()
            .any(|resource| resource.resource_id.eq_ignore_ascii_case(id)),
    }
}

/// `GET /beta/deviceManagement/auditEvents`
pub async fn list(
    State(state): State<AppState>,
    headers: HeaderMap,
    uri: Uri,
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<Response, ApiError> {
    let parameters = parameters(query)?;
    let options = QueryOptions::read(&parameters, &AUDIT_EVENT)?;
    let filter = parameters
        .get("$filter")
        .map(|text| conditions(text))
        .transpose()?
        .unwrap_or_default();
    let newest_first = match parameters
        .get("$orderby")
        .map(|text| text.trim().to_ascii_lowercase())
    {
        None => false,
        Some(order) if order == "activitydatetime desc" => true,
        Some(order) if order == "activitydatetime" || order == "activitydatetime asc" => false,
        Some(order) => {
            return Err(ApiError::bad_request(format!(
                "$orderby '{order}' is not supported on auditEvents: use activityDateTime desc or asc."
            )));
        }
    };
    let delay = state.config.audit_delay;
    let now = SystemTime::now();
    let mut events: Vec<AuditEvent> = state
        .store
        .read(|data| {
            data.audit_events
                .iter()
                .filter(|event| {
                    recorded_at(event).is_some_and(|at| at + delay <= now)
                        && filter.iter().all(|condition| holds(condition, event))
                })
                .cloned()
                .collect()
        })
        .await;
    if newest_first {
        events.reverse();
    }
    let page_size = options.top.map_or(100, |top| top.min(MAX_TOP));
    let total = events.len();
    let page: Vec<Value> = events
        .into_iter()
        .skip(options.skip)
        .take(page_size)
        .filter_map(|event| serde_json::to_value(event).ok())
        .collect();
    let root = service_root(&headers);
    let mut kept = String::new();
    for name in ["$filter", "$orderby"] {
        if let Some(value) = parameters.get(name) {
            kept.push_str(&format!(
                "&{name}={}",
                percent_encoding::utf8_percent_encode(value, percent_encoding::NON_ALPHANUMERIC)
            ));
        }
    }
    let host = root.strip_suffix("/beta").unwrap_or(&root);
    Ok(Json(options.page(
        page,
        total,
        page_size,
        format!("{root}/$metadata#deviceManagement/auditEvents"),
        &format!("{host}{}", uri.path()),
        &kept,
    ))
    .into_response())
}
