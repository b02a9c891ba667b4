//! Each acknowledged write of the history finds its own audit record through its
//! `client-request-id` (the event's `correlationId`), polling with backoff while it is not
//! there yet (Intune takes minutes), and says what it found: "Recorded by Intune at …, by …",
//! or honestly that it was not found.

use std::time::Duration;

use graph_model::request::{RequestOptions, get};
use graph_model::{ApiVersion, Collection};
use percent_encoding::NON_ALPHANUMERIC;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::wording;
use crate::worker::changes_work::{AuditEvent, Work};
use crate::worker::worker_events::{Event, Events, HistoryWrite};

/// The waits before each look, in seconds: quick at first, then once a minute, about eight
/// minutes in all.
pub const LOOKS: [u64; 12] = [2, 4, 8, 15, 30, 60, 60, 60, 60, 60, 60, 60];

/// What is said while the record is looked for.
pub const LOOKING: &str = "Looking for Intune's audit record of it (they can take minutes)…";

/// Looks for the records of the `writes` not looked for yet, while names are looked up and
/// there is a token; tells `events` what each look finds.
pub fn look_for(work: &Work, writes: Vec<HistoryWrite>, events: &Events) {
    for HistoryWrite {
        entry: id,
        correlation,
        base,
    } in writes
    {
        {
            let mut changes = work.changes.borrow_mut();
            if !changes.wanted || changes.token.is_empty() || !changes.looked_for.insert(id.clone())
            {
                continue;
            }
        }
        events.tell(Event::AuditRecorded(Box::new((
            id.clone(),
            LOOKING.to_owned(),
        ))));
        let (work, events) = (work.clone(), events.clone());
        spawn_local(async move {
            let words = poll(&work, &correlation, &base).await;
            events.tell(Event::AuditRecorded(Box::new((id, words))));
        });
    }
}

/// Looks for the record of the write sent with `client-request-id` `id` until it is found,
/// refused or the looks run out.
async fn poll(work: &Work, id: &str, base: &str) -> String {
    let flight = Flight::default();
    // The quotes are sent encoded, as a trailing bare quote is not always kept.
    let quoted = percent_encoding::utf8_percent_encode(&id.replace('\'', "''"), NON_ALPHANUMERIC)
        .to_string();
    let url = format!(
        "{base}/{}/deviceManagement/auditEvents?$filter=correlationId%20eq%20%27{quoted}%27",
        ApiVersion::Beta
    );
    for wait in LOOKS {
        sleep(Duration::from_secs(wait)).await;
        let token = work.changes.borrow().token.clone();
        let request = get(url.clone(), &token, &RequestOptions::default());
        match flight.read::<Collection<AuditEvent>>(&request).await {
            Ok(page) => {
                if let Some(event) = page.value.first() {
                    return recorded(event);
                }
            }
            Err(AppError::Http(failure)) if failure.status == 403 => {
                return "Its audit record could not be read: the token lacks \
                        DeviceManagementApps.Read.All."
                    .to_owned();
            }
            Err(AppError::Http(failure)) if failure.status == 429 || failure.status >= 500 => {}
            Err(error) => {
                return format!(
                    "Its audit record could not be read: {}",
                    wording::error(&error)
                );
            }
        }
    }
    let minutes = LOOKS.iter().sum::<u64>() / 60;
    format!(
        "Intune has no audit record of it after {minutes} minutes ({} looks): Intune may record it later, or not at all.",
        LOOKS.len()
    )
}

/// "Recorded by Intune at 2026-12-04 10:15:03 UTC, by admin@contoso.com".
pub fn recorded(event: &AuditEvent) -> String {
    let at = event
        .activity_date_time
        .as_deref()
        .unwrap_or("an unknown time");
    let at = match at.split_once('T') {
        Some((day, time)) => {
            let time = time.trim_end_matches('Z');
            let time = time.split('.').next().unwrap_or(time);
            format!("{day} {time} UTC")
        }
        None => at.to_owned(),
    };
    format!("Recorded by Intune at {at}, by {}", event.who())
}
