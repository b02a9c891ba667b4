//! Applying a bulk change: the scheduler ([`graph_model::bulk::scheduler`]) says which rows go
//! in each `$batch` envelope of writes and when; this sends them, reads each inner answer
//! (status, `Retry-After`, `request-id`, Graph's message) and tells the scheduler, keeping the
//! journal up to date as it goes.

use graph_model::bulk::journal::{Journal, JournalRow, RowOutcome, RowWrite};
use graph_model::bulk::scheduler::{EnvelopeAnswer, RowAnswer, RowState, Scheduler};
use graph_model::request::CONFIGURATIONS_PATH;
use graph_model::{
    ApiVersion, AssignmentPatch, BatchRequestItem, BatchResponse, ODataErrorResponse, ServiceRoot,
};

use crate::shared::flight::Flight;
use crate::shared::graph::{batch_request, new_client_request_id, retry_after};
use crate::shared::response::ResponseView;
use crate::shared::wording;

/// What is known of one row beyond its state: the answer's request id and Graph's message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detail {
    /// The last status (0: none yet).
    pub status: u16,
    /// Its `request-id`.
    pub request_id: String,
    /// What went wrong, in Graph's words.
    pub message: String,
    /// The `client-request-id` its last write was sent with.
    pub client_request_id: String,
    /// What Intune's audit trail says of it (empty until looked for).
    pub recorded: String,
}

/// A run in progress or ended.
pub struct Run {
    /// The rows, their targets and their outcomes.
    pub journal: Journal,
    /// The pace and each row's state.
    pub scheduler: Scheduler,
    /// Each row's last answer.
    pub details: Vec<Detail>,
    /// Where it writes.
    pub root: ServiceRoot,
    /// The API version.
    pub version: ApiVersion,
    /// When it began (ms since 1970).
    pub started_ms: f64,
    /// When it began, as RFC 3339 (its audit records are looked for from then).
    pub started_at: String,
    /// True once its audit records are looked for.
    pub records_followed: bool,
    /// When a wake-up is already set for.
    pub wake_at: Option<u64>,
}

/// The writes of `rows` of `journal` (a PATCH of the new target, or a restore's POST or
/// DELETE), as `$batch` items whose ids are the rows' indices, each with a fresh
/// `client-request-id` (kept in `details`, so that the row finds its audit record).
pub fn items(journal: &Journal, rows: &[usize], details: &mut [Detail]) -> Vec<BatchRequestItem> {
    rows.iter()
        .map(|&index| {
            let row = &journal.rows[index];
            let correlation = new_client_request_id().unwrap_or_default();
            if let Some(detail) = details.get_mut(index) {
                detail.client_request_id = correlation.clone();
            }
            let (method, url) = write_of(row);
            let body = (row.write != RowWrite::Delete).then(|| {
                let patch = AssignmentPatch {
                    target: row.target.clone(),
                };
                serde_json::from_str(&patch.to_json_pretty()).unwrap_or_default()
            });
            BatchRequestItem {
                id: index.to_string(),
                method: method.to_owned(),
                url,
                headers: Some(
                    [
                        body.as_ref()
                            .map(|_| ("Content-Type".to_owned(), "application/json".to_owned())),
                        Some(("client-request-id".to_owned(), correlation))
                            .filter(|(_, id)| !id.is_empty()),
                    ]
                    .into_iter()
                    .flatten()
                    .collect(),
                ),
                body,
                depends_on: None,
            }
        })
        .collect()
}

/// The method of a row's write and its path under the service root's version.
pub fn write_of(row: &JournalRow) -> (&'static str, String) {
    let set = format!("{CONFIGURATIONS_PATH}/{}/assignments", row.configuration_id);
    match row.write {
        RowWrite::Patch => ("PATCH", format!("{set}/{}", row.assignment_id)),
        RowWrite::Create => ("POST", set),
        RowWrite::Delete => ("DELETE", format!("{set}/{}", row.assignment_id)),
    }
}

/// Sends one envelope and reads its answer; `details` gets each row's request id and message.
pub async fn send(
    root: &ServiceRoot,
    version: ApiVersion,
    token: &str,
    items: Vec<BatchRequestItem>,
    details: &mut Vec<(usize, Detail)>,
) -> EnvelopeAnswer {
    let request = batch_request(root, version, token, items);
    let answer = match Flight::default().fetch(&request).await {
        Ok(answer) => answer,
        Err(_) => {
            return EnvelopeAnswer::Whole {
                status: 0,
                retry_after_s: None,
            };
        }
    };
    if answer.status != 200 {
        let retry = answer
            .header("retry-after")
            .and_then(|value| value.trim().parse().ok());
        return EnvelopeAnswer::Whole {
            status: answer.status,
            retry_after_s: retry,
        };
    }
    let Ok(batch) = serde_json::from_str::<BatchResponse>(&answer.body) else {
        return EnvelopeAnswer::Whole {
            status: 0,
            retry_after_s: None,
        };
    };
    let mut rows = Vec::new();
    for response in batch.responses {
        let Ok(row) = response.id.parse::<usize>() else {
            continue;
        };
        let graph_says = response
            .body
            .as_ref()
            .and_then(|body| serde_json::from_value::<ODataErrorResponse>(body.clone()).ok())
            .map(|error| format!("{} ", error.error.message))
            .unwrap_or_default();
        // A failure is explained as the single send explains it.
        let message = if (200..300).contains(&response.status) {
            String::new()
        } else {
            let headers = response.headers.clone().into_iter().collect();
            let view = ResponseView::new(response.status, headers, "", 0.0);
            format!("{graph_says}{}", wording::meaning(&view))
        };
        let request_id = response
            .headers
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case("request-id"))
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        details.push((
            row,
            Detail {
                status: response.status,
                request_id,
                message,
                ..Detail::default()
            },
        ));
        rows.push(RowAnswer {
            row,
            status: response.status,
            retry_after_s: retry_after(&response.headers),
        });
    }
    EnvelopeAnswer::Rows(rows)
}

/// Writes the scheduler's final states into the journal: a row that landed or failed for good
/// gets its outcome.
pub fn record(run: &mut Run) {
    for (index, state) in run.scheduler.rows().iter().enumerate() {
        let status = match state {
            RowState::Done(status) | RowState::Failed(status) => *status,
            _ => continue,
        };
        let request_id = Some(run.details[index].request_id.clone()).filter(|id| !id.is_empty());
        run.journal.rows[index].outcome = Some(RowOutcome { status, request_id });
    }
}
