//! A failed read, for the page and the worker alike: the ids that find the call in Graph's
//! logs, as a view.

use crate::contract::view_tree::{Node, Tag, el, text};
use crate::shared::error::AppError;

/// The `request-id` and `client-request-id` of a failed answer, when it has them.
pub fn request_ids(error: &AppError) -> Vec<Node> {
    let AppError::Http(failure) = error else {
        return Vec::new();
    };
    let mut ids = Vec::new();
    for (name, id) in [
        ("request-id", &failure.request_id),
        ("client-request-id", &failure.client_request_id),
    ] {
        if let Some(id) = id {
            ids.push(text(" "));
            let id = el(Tag::Code).text(id);
            ids.push(
                el(Tag::Span)
                    .class("note")
                    .text(format!("{name} "))
                    .child(id)
                    .into(),
            );
        }
    }
    ids
}
