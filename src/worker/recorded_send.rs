//! A write the worker sends for the user (an assignment added or removed, an `/assign`, an
//! undo), kept in the page's history as the page keeps its own sends.

use graph_model::request::HttpRequest;

use crate::contract::protocol::{Post, Steps, UPDATE_ID, respond};
use crate::shared::clock::now_iso;
use crate::shared::draft::Draft;
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::history::HistoryEntry;
use crate::shared::response::{Outcome, ResponseView};

/// Sends `request` (built with the token), keeps it in the page's history under its
/// `client-request-id`, and gives the answer.
pub async fn send_recorded(
    post: &Post,
    flight: &Flight,
    request: &HttpRequest,
    draft: &Draft,
) -> Result<ResponseView, AppError> {
    let started = now_iso();
    let id = request
        .header("client-request-id")
        .unwrap_or_default()
        .to_owned();
    let result = flight.fetch(request).await;
    let outcome = match &result {
        Ok(view) => Outcome::Response(view.clone()),
        Err(error) => Outcome::NoResponse(error.clone()),
    };
    let entry = HistoryEntry::new(id, started, request, &outcome, draft);
    post(respond(UPDATE_ID, Steps::default().record(entry).reply()));
    result
}
