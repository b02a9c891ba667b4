//! Once a run ends, each row it wrote finds its own audit record through the
//! `client-request-id` it was sent with: the run's events are read (all since it began, paged)
//! and matched to its rows, again with backoff while some are not there yet (Intune takes
//! minutes), and each row says what was found, or honestly that nothing was.

use std::collections::BTreeMap;
use std::time::Duration;

use graph_model::ApiVersion;
use graph_model::audit::{AuditEvent, RECORD_LOOKS as LOOKS, events_since};
use graph_model::request::{RequestOptions, get};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::wording;
use crate::worker::bulk_work::{Work, write_run};

/// Starts looking for the ended run's records, once per run.
pub fn follow(work: &Work) {
    let started = work.with(|bulk| {
        let run = bulk.run.as_mut()?;
        if std::mem::replace(&mut run.records_followed, true) {
            return None;
        }
        for detail in run
            .details
            .iter_mut()
            .filter(|detail| acknowledged(detail.status))
        {
            detail.recorded = "Looking…".to_owned();
        }
        Some((run.root.clone(), run.started_at.clone()))
    });
    let Some((root, since)) = started else {
        return;
    };
    let work = work.clone();
    spawn_local(async move {
        let flight = Flight::default();
        let url = format!(
            "{}/{}{}",
            root.base_url(),
            ApiVersion::Beta,
            events_since(&since)
        );
        for wait in LOOKS {
            sleep(Duration::from_secs(wait)).await;
            let token = work.with(|bulk| bulk.page_token.clone());
            let first = get(url.clone(), &token, &RequestOptions::default());
            let events: Vec<AuditEvent> = match flight.read_all_pages(first, &root).await {
                Ok(events) => events,
                Err(AppError::Http(failure)) if failure.status == 429 || failure.status >= 500 => {
                    continue;
                }
                Err(error) => {
                    let words = match &error {
                        AppError::Http(failure) if failure.status == 403 => {
                            "Not readable: the token lacks DeviceManagementApps.Read.All".to_owned()
                        }
                        error => format!("Not readable: {}", wording::error(error)),
                    };
                    return say_left(&work, &words);
                }
            };
            let found: BTreeMap<&str, String> = events
                .iter()
                .filter_map(|event| Some((event.correlation_id.as_deref()?, short(event))))
                .collect();
            let left = work.with(|bulk| {
                let run = bulk.run.as_mut()?;
                for detail in run
                    .details
                    .iter_mut()
                    .filter(|detail| acknowledged(detail.status))
                {
                    if let Some(words) = found.get(detail.client_request_id.as_str()) {
                        detail.recorded = words.clone();
                    }
                }
                Some(
                    run.details
                        .iter()
                        .any(|detail| detail.recorded == "Looking…"),
                )
            });
            write_run(&work);
            if left != Some(true) {
                return;
            }
        }
        let minutes = LOOKS.iter().sum::<u64>() / 60;
        say_left(&work, &format!("Not found after {minutes} minutes"));
    });
}

fn acknowledged(status: u16) -> bool {
    (200..300).contains(&status)
}

/// "10:15:03 UTC by admin@contoso.com".
fn short(event: &AuditEvent) -> String {
    event
        .recorded()
        .trim_start_matches("Recorded by Intune at ")
        .replacen(", by ", " by ", 1)
}

/// The rows still looked for say `words`.
fn say_left(work: &Work, words: &str) {
    work.with(|bulk| {
        if let Some(run) = bulk.run.as_mut() {
            for detail in run
                .details
                .iter_mut()
                .filter(|detail| detail.recorded == "Looking…")
            {
                detail.recorded = words.to_owned();
            }
        }
    });
    write_run(work);
}
