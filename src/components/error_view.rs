//! A failed read on the page: what went wrong in words, and the ids that find the call in
//! Graph's logs.

use yew::prelude::*;

use crate::error::AppError;

/// The `request-id` and `client-request-id` of a failed answer, when it has them.
pub fn request_ids(error: &AppError) -> Html {
    let AppError::Http(failure) = error else {
        return html! {};
    };
    html! {
        <>
            if let Some(id) = &failure.request_id {
                { " " }<span class="note">{ "request-id " }<code>{ id }</code></span>
            }
            if let Some(id) = &failure.client_request_id {
                { " " }<span class="note">{ "client-request-id " }<code>{ id }</code></span>
            }
        </>
    }
}
