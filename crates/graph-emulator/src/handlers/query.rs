//! The OData query options of reads: `$select`, `$expand`, `$top` and `$skiptoken` (which this
//! emulator writes in its next links), checked against the properties of the entity read, and
//! the page of a collection with its `@odata.nextLink`.

use std::collections::HashMap;

use axum::extract::Query;
use axum::extract::rejection::QueryRejection;
use serde_json::Value;

use crate::error::ApiError;
use crate::handlers::with_context;

/// An entity type as `$select` sees it.
pub struct EntityType {
    /// The OData type, such as `microsoft.graph.group`.
    pub name: &'static str,
    /// The properties `$select` may name.
    pub properties: &'static [&'static str],
    /// The navigation properties `$expand` may name.
    pub navigations: &'static [&'static str],
}

/// The most items in one page of a directory list (members, users, devices), as on Graph.
pub const MAX_TOP: usize = 999;

/// Whether the request asked for eventual consistency (`ConsistencyLevel: eventual`), which
/// Graph's advanced queries (`$count`, type casts, `$search`) need.
pub fn eventual_consistency(headers: &axum::http::HeaderMap) -> bool {
    let (name, eventual) = graph_model::directory::CONSISTENCY_LEVEL;
    headers
        .get(name)
        .and_then(|value| value.to_str().ok())
        .is_some_and(|value| value.eq_ignore_ascii_case(eventual))
}

/// A 400 as Graph gives for a `$top` above [`MAX_TOP`] in a directory list.
pub fn ensure_top_within_max(options: &QueryOptions) -> Result<(), ApiError> {
    match options.top.filter(|top| *top > MAX_TOP) {
        Some(top) => Err(ApiError::new(
            axum::http::StatusCode::BAD_REQUEST,
            "Request_BadRequest",
            format!(
                "Invalid page size specified: '{top}'. Must be between 1 and {MAX_TOP} inclusive."
            ),
        )),
        None => Ok(()),
    }
}

/// The query options of one read.
pub struct QueryOptions {
    /// The properties asked for (`$select`); `None` for all.
    pub select: Option<Vec<String>>,
    /// The most items in a page (`$top`).
    pub top: Option<usize>,
    /// How many items earlier pages held (`$skiptoken`).
    pub skip: usize,
    /// The `$select` text as given, for the next link.
    pub select_text: Option<String>,
    /// The navigation properties asked for (`$expand`), each one of the entity's.
    pub expand: Vec<String>,
}

/// The query string's parameters, or a 400 when it cannot be read.
pub fn parameters(
    query: Result<Query<HashMap<String, String>>, QueryRejection>,
) -> Result<HashMap<String, String>, ApiError> {
    query.map(|Query(query)| query).map_err(|rejection| {
        ApiError::bad_request(format!("The query string could not be read: {rejection}."))
    })
}

impl QueryOptions {
    /// Reads the options of `query` for `entity`, refusing what Graph refuses.
    pub fn read(query: &HashMap<String, String>, entity: &EntityType) -> Result<Self, ApiError> {
        let select = match query.get("$select") {
            None => None,
            Some(text) => {
                let names: Vec<String> =
                    text.split(',').map(|name| name.trim().to_owned()).collect();
                if let Some(unknown) = names
                    .iter()
                    .find(|name| !entity.properties.contains(&name.as_str()))
                {
                    return Err(ApiError::bad_request(format!(
                        "Could not find a property named '{unknown}' on type '{}'.",
                        entity.name
                    )));
                }
                Some(names)
            }
        };
        let expand: Vec<String> = query
            .get("$expand")
            .map(|text| text.split(',').map(|name| name.trim().to_owned()).collect())
            .unwrap_or_default();
        if let Some(unknown) = expand
            .iter()
            .find(|name| !entity.navigations.contains(&name.as_str()))
        {
            return Err(ApiError::bad_request(format!(
                "Could not find a navigation property named '{unknown}' on type '{}'.",
                entity.name
            )));
        }
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
            expand,
        })
    }

    /// Whether `$expand` names `navigation`.
    pub fn expands(&self, navigation: &str) -> bool {
        self.expand.iter().any(|name| name == navigation)
    }

    /// Keeps only the selected properties (the id and the expanded navigations always stay, as
    /// on Graph).
    pub fn project(&self, value: Value) -> Value {
        match (value, &self.select) {
            (Value::Object(mut fields), Some(names)) => {
                fields.retain(|key, _| {
                    key == "id" || self.expands(key) || names.iter().any(|name| name == key)
                });
                Value::Object(fields)
            }
            (value, _) => value,
        }
    }

    /// How many items go in one page: `$top`, at most `page_size`.
    pub fn page_size(&self, page_size: usize) -> usize {
        self.top.unwrap_or(usize::MAX).min(page_size.max(1))
    }

    /// A page of `items` (those of the whole collection after `self.skip`, `page_size` at
    /// most), with `@odata.context` and, when more remain, an `@odata.nextLink` to
    /// `collection_url` carrying `extra` (other options to keep, such as `&$search=...`).
    pub fn page(
        &self,
        items: Vec<Value>,
        total: usize,
        page_size: usize,
        context: String,
        collection_url: &str,
        extra: &str,
    ) -> Value {
        let shown = self.skip + items.len();
        let items = items.into_iter().map(|item| self.project(item)).collect();
        let mut body = with_context(context, Value::Array(items));
        // `$top=0` asks for no items, and a link to the same empty page would never end.
        if shown < total
            && page_size > 0
            && let Some(object) = body.as_object_mut()
        {
            let mut select = self
                .select_text
                .as_ref()
                .map(|text| format!("&$select={text}"))
                .unwrap_or_default();
            if !self.expand.is_empty() {
                select.push_str(&format!("&$expand={}", self.expand.join(",")));
            }
            object.insert(
                "@odata.nextLink".to_owned(),
                Value::from(format!(
                    "{collection_url}?$top={page_size}&$skiptoken={shown}{select}{extra}"
                )),
            );
        }
        body
    }
}
