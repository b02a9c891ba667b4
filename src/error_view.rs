//! A failed read, for the page and the worker alike: the ids that find the call in Graph's
//! logs, as escaped HTML (the response region and the picker's failures are built as strings).

use crate::error::AppError;
use crate::html::escape;

/// The `request-id` and `client-request-id` of a failed answer, when it has them.
pub fn request_ids(error: &AppError) -> String {
    let AppError::Http(failure) = error else {
        return String::new();
    };
    let mut html = String::new();
    for (name, id) in [
        ("request-id", &failure.request_id),
        ("client-request-id", &failure.client_request_id),
    ] {
        if let Some(id) = id {
            html.push_str(&format!(
                " <span class=\"note\">{name} <code>{}</code></span>",
                escape(id)
            ));
        }
    }
    html
}
