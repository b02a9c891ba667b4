//! Many GETs through `$batch`, 20 to an envelope: each answered read comes back with its status
//! and body; a read that was throttled or failed on the server's side is asked again after the
//! longest `Retry-After` its envelope gave (or a second), a few times, as the rest of the page does.

use std::time::Duration;

use graph_model::{ApiVersion, BatchRequestItem, BatchResponse, ServiceRoot};
use serde_json::Value;

use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::graph::{answered_index, batch_request, retry_after};
use crate::shared::retry::is_retryable_status;

/// How many times a throttled or failed read is asked.
pub const READ_TRIES: u32 = 4;

/// The longest wait between tries, whatever `Retry-After` says.
const LONGEST_WAIT_SECONDS: u64 = 30;

/// One read's answer.
#[derive(Debug, Clone, PartialEq)]
pub struct Answered {
    /// Its status (0 when it got none after every try).
    pub status: u16,
    /// Its body, if it had one.
    pub body: Option<Value>,
}

impl Answered {
    /// Graph's own words for a failure (`error.message`), or the status.
    pub fn message(&self) -> String {
        self.body
            .as_ref()
            .and_then(|body| body.pointer("/error/message")?.as_str().map(str::to_owned))
            .unwrap_or_else(|| match self.status {
                0 => "no answer after several tries".to_owned(),
                status => format!("answered {status}"),
            })
    }
}

/// A GET of `url` (relative to the version root) with `headers`, as a batch item numbered `id`.
pub fn get_item(id: usize, url: String, headers: &[(&str, &str)]) -> BatchRequestItem {
    BatchRequestItem {
        id: id.to_string(),
        method: "GET".to_owned(),
        url,
        headers: (!headers.is_empty()).then(|| {
            headers
                .iter()
                .map(|(name, value)| ((*name).to_owned(), (*value).to_owned()))
                .collect()
        }),
        body: None,
        depends_on: None,
    }
}

/// Sends `items` (numbered 0, 1, 2… in order) and gives each one's answer, in the same order,
/// telling `envelope` the size of each envelope's answer. A failure of the envelope itself (no network,
/// cancelled, not a batch answer) ends the reads with that error.
pub async fn read_each(
    flight: &Flight,
    root: &ServiceRoot,
    version: ApiVersion,
    token: &str,
    items: Vec<BatchRequestItem>,
    envelope: &dyn Fn(usize),
) -> Result<Vec<Answered>, AppError> {
    let mut answers: Vec<Answered> = items
        .iter()
        .map(|_| Answered {
            status: 0,
            body: None,
        })
        .collect();
    let mut waiting: Vec<usize> = (0..items.len()).collect();
    for attempt in 1..=READ_TRIES {
        let mut again = Vec::new();
        let mut wait = 0;
        for chunk in waiting.chunks(graph_model::batch::MAX_BATCH_REQUESTS) {
            let request = batch_request(
                root,
                version,
                token,
                chunk.iter().map(|&index| items[index].clone()).collect(),
            );
            let answer = flight.fetch(&request).await?;
            envelope(answer.body.len());
            if is_retryable_status(answer.status) {
                again.extend_from_slice(chunk);
                wait = wait.max(
                    answer
                        .header("retry-after")
                        .and_then(|value| value.trim().parse().ok())
                        .unwrap_or(1),
                );
                continue;
            }
            let batch: BatchResponse =
                serde_json::from_str(&answer.body).map_err(|error| AppError::Unreadable {
                    url: request.url.clone(),
                    detail: error.to_string(),
                })?;
            let mut answered = Vec::new();
            for response in batch.responses {
                let Some(index) = answered_index(&response, |index| chunk.contains(&index)) else {
                    continue;
                };
                answered.push(index);
                if is_retryable_status(response.status) || response.status == 500 {
                    wait = wait.max(retry_after(&response.headers).unwrap_or(1));
                    again.push(index);
                }
                answers[index] = Answered {
                    status: response.status,
                    body: response.body,
                };
            }
            // A read the envelope did not answer is asked again.
            again.extend(chunk.iter().filter(|index| !answered.contains(index)));
        }
        if again.is_empty() || attempt == READ_TRIES {
            break;
        }
        waiting = again;
        if !flight
            .wait(Duration::from_secs(wait.clamp(1, LONGEST_WAIT_SECONDS)))
            .await
        {
            return Err(AppError::Cancelled);
        }
    }
    Ok(answers)
}
