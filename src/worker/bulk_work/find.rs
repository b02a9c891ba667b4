//! Finding every assignment: the configuration list (every page), then each configuration's
//! assignments through `$batch`, 20 GETs to an envelope, with progress. A throttled inner read
//! waits out its `Retry-After` and is asked again, as is one that failed on the server's side.

use std::time::Duration;

use graph_model::request::{CONFIGURATIONS_PATH, RequestOptions, get};
use graph_model::{
    ApiVersion, BatchRequestItem, BatchResponse, Collection, ConfigurationId, GraphUrls,
    IosLobAppProvisioningConfiguration as Configuration,
    IosLobAppProvisioningConfigurationAssignment as Assignment, ServiceRoot,
};
use yew::platform::time::sleep;

use graph_model::bulk::journal::{Journal, RowOutcome, RowWrite};
use graph_model::expiry::Expiry;

use crate::shared::clock::now_seconds;
use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::graph::{answered_index, batch_request, retry_after};
use crate::shared::wording;
use crate::worker::bulk_work::rows::Row;

/// How many times a throttled or failed inner read is asked.
const MAX_READ_TRIES: u32 = 5;

/// Every assignment found, with the configurations read and the reads that failed.
pub struct Found {
    /// One row per assignment.
    pub rows: Vec<Row>,
    /// Every configuration read (id and name), those without assignments too.
    pub configurations: Vec<(ConfigurationId, String)>,
    /// Each read that failed or did not finish, in words.
    pub problems: Vec<String>,
}

/// Reads every configuration and its assignments, telling `progress` (read, of) as it goes.
pub async fn find(
    root: &ServiceRoot,
    version: ApiVersion,
    token: &str,
    progress: impl Fn(usize, usize),
) -> Result<Found, String> {
    let urls = GraphUrls::new(root, version);
    let flight = Flight::default();
    let mut tries = 0;
    let configurations: Vec<Configuration> = loop {
        let first = get(urls.configurations(), token, &RequestOptions::default());
        match flight.read_all_pages(first, root).await {
            Ok(list) => break list,
            // A throttled or failed read of the list is safe to ask again.
            Err(AppError::Http(failure))
                if (failure.status == 429 || failure.status >= 500)
                    && tries + 1 < MAX_READ_TRIES =>
            {
                tries += 1;
                sleep(Duration::from_secs(1)).await;
            }
            Err(error) => return Err(wording::error(&error)),
        }
    };
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let total = configurations.len();
    progress(0, total);
    for (chunk_index, chunk) in configurations.chunks(20).enumerate() {
        let mut waiting: Vec<usize> = (0..chunk.len()).collect();
        for _ in 0..MAX_READ_TRIES {
            if waiting.is_empty() {
                break;
            }
            let items = waiting
                .iter()
                .map(|&index| BatchRequestItem {
                    id: index.to_string(),
                    method: "GET".to_owned(),
                    url: format!("{CONFIGURATIONS_PATH}/{}/assignments", chunk[index].id),
                    headers: None,
                    body: None,
                    depends_on: None,
                })
                .collect();
            let request = batch_request(root, version, token, items);
            let answer = flight
                .fetch(&request)
                .await
                .map_err(|error| wording::error(&error))?;
            if answer.status != 200 {
                return Err(format!("The $batch read answered {}.", answer.status));
            }
            let batch: BatchResponse = serde_json::from_str(&answer.body)
                .map_err(|error| format!("The $batch answer could not be read: {error}."))?;
            let mut wait = 0;
            let mut again = Vec::new();
            for response in batch.responses {
                let Some(index) = answered_index(&response, |i| i < chunk.len()) else {
                    continue;
                };
                let configuration = &chunk[index];
                let name = configuration
                    .display_name
                    .clone()
                    .unwrap_or_else(|| configuration.id.to_string());
                match response.status {
                    200 => {
                        let page = response.body.and_then(|body| {
                            serde_json::from_value::<Collection<Assignment>>(body).ok()
                        });
                        let Some(page) = page else {
                            problems.push(format!("{name}: the assignments could not be read."));
                            continue;
                        };
                        let mut assignments = page.value;
                        if let Some(next) = page.next_link.filter(|next| root.owns(next)) {
                            let more = get(next, token, &RequestOptions::default());
                            match flight.read_all_pages::<Assignment>(more, root).await {
                                Ok(list) => assignments.extend(list),
                                Err(error) => {
                                    problems.push(format!("{name}: {}", wording::error(&error)))
                                }
                            }
                        }
                        let expires = configuration.expiration_date_time.as_deref();
                        let expiry = expires.and_then(|at| Expiry::at(at, now_seconds()));
                        rows.extend(assignments.into_iter().map(|assignment| Row {
                            configuration_id: configuration.id.clone(),
                            configuration_name: name.clone(),
                            expiry: expiry.clone(),
                            assignment_id: assignment.id,
                            target: assignment.target,
                            selected: false,
                        }));
                    }
                    // Reads are safe to ask again: throttled or failed on the server's side.
                    429 | 500..=599 => {
                        wait = wait.max(retry_after(&response.headers).unwrap_or(1));
                        again.push(index);
                    }
                    status => problems.push(format!(
                        "{name}: reading its assignments answered {status}."
                    )),
                }
            }
            waiting = again;
            if wait > 0 {
                sleep(Duration::from_secs(wait)).await;
            }
        }
        for index in waiting {
            problems.push(format!(
                "{}: not read after {MAX_READ_TRIES} tries.",
                chunk[index].id
            ));
        }
        progress((chunk_index * 20 + chunk.len()).min(total), total);
    }
    let configurations = configurations
        .into_iter()
        .map(|configuration| {
            let name = configuration
                .display_name
                .unwrap_or_else(|| configuration.id.to_string());
            (configuration.id, name)
        })
        .collect();
    Ok(Found {
        rows,
        configurations,
        problems,
    })
}

/// Before a run is resumed: reads the current target of every row without an acknowledged
/// outcome (through `$batch`) and marks those whose write already shows as landed (a change
/// that has its new target, a removal that is gone, a made-again assignment whose target is
/// in the set), so that a write whose answer was lost in the reload is not sent again.
pub async fn landed(
    root: &ServiceRoot,
    version: ApiVersion,
    token: &str,
    mut journal: Journal,
) -> Journal {
    let flight = Flight::default();
    let remaining: Vec<usize> = journal.remaining().map(|(index, _)| index).collect();
    for chunk in remaining.chunks(20) {
        let items = chunk
            .iter()
            .map(|&index| {
                let row = &journal.rows[index];
                let set = format!("{CONFIGURATIONS_PATH}/{}/assignments", row.configuration_id);
                BatchRequestItem {
                    id: index.to_string(),
                    method: "GET".to_owned(),
                    url: match row.write {
                        RowWrite::Create => set,
                        _ => format!("{set}/{}", row.assignment_id),
                    },
                    headers: None,
                    body: None,
                    depends_on: None,
                }
            })
            .collect();
        let request = batch_request(root, version, token, items);
        let Ok(answer) = flight.fetch(&request).await else {
            continue;
        };
        let Ok(batch) = serde_json::from_str::<BatchResponse>(&answer.body) else {
            continue;
        };
        for response in batch.responses {
            let Some(index) = answered_index(&response, |i| chunk.contains(&i)) else {
                continue;
            };
            let row = &journal.rows[index];
            let body = response.body.unwrap_or_default();
            let shows = match (row.write, response.status) {
                (RowWrite::Delete, 404) => true,
                (RowWrite::Patch, 200) => serde_json::from_value::<Assignment>(body)
                    .is_ok_and(|current| current.target == row.target),
                (RowWrite::Create, 200) => serde_json::from_value::<Collection<Assignment>>(body)
                    .is_ok_and(|set| set.value.iter().any(|made| made.target == row.target)),
                _ => false,
            };
            if shows {
                // A removal that is gone counts as acknowledged, as its 204 would have.
                let status = if row.write == RowWrite::Delete {
                    204
                } else {
                    200
                };
                journal.rows[index].outcome = Some(RowOutcome {
                    status,
                    request_id: None,
                });
            }
        }
    }
    journal
}
