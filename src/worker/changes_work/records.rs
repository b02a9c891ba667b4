//! Each acknowledged write of the history finds its own audit record through its
//! `client-request-id` (the event's `correlationId`), polling with backoff while it is not
//! there yet (Intune takes minutes), and says what it found: "Recorded by Intune at …, by …",
//! or honestly that it was not found. A PATCH whose record holds the target before offers
//! "Undo" on the same terms as a Bulk run's: only while the assignment still has what the send
//! wrote; a change made since by somebody else is shown and overwritten only with "Undo anyway".

use std::time::Duration;

use graph_model::audit::RECORD_LOOKS as LOOKS;
use graph_model::request::{RequestOptions, get, patch_assignment};
use graph_model::snapshot::restore::{SinceRun, since_run};
use graph_model::target_names::target_in_words;
use graph_model::{
    ApiVersion, AssignmentId, AssignmentPatch, AssignmentTarget, Collection, ConfigurationId,
    GraphUrls, IosLobAppProvisioningConfigurationAssignment as Assignment,
};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::shared::error::AppError;
use crate::shared::flight::Flight;
use crate::shared::graph::new_client_request_id;
use crate::shared::wording;
use crate::worker::changes_work::{AuditEvent, Work};
use crate::worker::recorded_send::send_recorded;
use crate::worker::worker_events::{AuditNote, Event, Events, HistoryWrite, UndoOffer};

/// What is said while the record is looked for.
pub const LOOKING: &str = "Looking for Intune's audit record of it (they can take minutes)…";

/// A write of the history that Changes follows.
pub struct Sent {
    /// What the history knows of it.
    write: HistoryWrite,
    /// What its audit record says, once found.
    said: String,
    /// The target before and after, from its record (a PATCH's, once found).
    targets: Option<(AssignmentTarget, AssignmentTarget)>,
}

fn tell(events: &Events, entry: &str, words: String, undo: Option<UndoOffer>) {
    events.tell(Event::AuditRecorded(Box::new(AuditNote {
        entry: entry.to_owned(),
        words,
        undo,
    })));
}

/// Looks for the records of the writes that waited for a token or for names to be looked up,
/// now that the page said its token again.
pub fn look_for_waiting(work: &Work, events: &Events) {
    let waiting = {
        let mut changes = work.changes.borrow_mut();
        if !changes.wanted || changes.token.is_empty() {
            return;
        }
        std::mem::take(&mut changes.waiting)
    };
    if !waiting.is_empty() {
        look_for(work, waiting, events);
    }
}

/// Looks for the records of the `writes` not looked for yet, while names are looked up and
/// there is a token; tells `events` what each look finds.
pub fn look_for(work: &Work, writes: Vec<HistoryWrite>, events: &Events) {
    for write in writes {
        let row = {
            let mut changes = work.changes.borrow_mut();
            if changes.looked_for.contains(&write.entry) {
                continue;
            }
            if !changes.wanted || changes.token.is_empty() {
                if !changes.waiting.contains(&write) {
                    changes.waiting.push(write);
                }
                continue;
            }
            changes.looked_for.insert(write.entry.clone());
            changes.sent.push(Sent {
                write: write.clone(),
                said: String::new(),
                targets: None,
            });
            changes.sent.len() - 1
        };
        tell(events, &write.entry, LOOKING.to_owned(), None);
        let (work, events) = (work.clone(), events.clone());
        spawn_local(async move {
            let (words, targets) = poll(&work, &write.correlation, &write.base).await;
            let offer = (write.method == "PATCH" && targets.is_some()).then_some(UndoOffer {
                row: row as u32,
                anyway: false,
            });
            if let Some(sent) = work.changes.borrow_mut().sent.get_mut(row) {
                sent.said = words.clone();
                sent.targets = targets;
            }
            // The region lists the record too.
            super::refresh(&work);
            tell(&events, &write.entry, words, offer);
        });
    }
}

/// Looks for the record of the write sent with `client-request-id` `id` until it is found,
/// refused or the looks run out: what to say, and the target before and after it gives.
async fn poll(
    work: &Work,
    id: &str,
    base: &str,
) -> (String, Option<(AssignmentTarget, AssignmentTarget)>) {
    let flight = Flight::default();
    let url = format!(
        "{base}/{}{}",
        ApiVersion::Beta,
        graph_model::audit::events_of_request(id)
    );
    for wait in LOOKS {
        sleep(Duration::from_secs(wait)).await;
        let token = work.changes.borrow().token.clone();
        let request = get(url.clone(), &token, &RequestOptions::default());
        match flight.read::<Collection<AuditEvent>>(&request).await {
            Ok(page) => {
                if let Some(event) = page.value.first() {
                    let targets = match event.targets() {
                        (Some(before), Some(after)) => Some((before, after)),
                        _ => None,
                    };
                    return (event.recorded(), targets);
                }
            }
            Err(AppError::Http(failure)) if failure.status == 403 => {
                let words = "Its audit record could not be read: the token lacks \
                             DeviceManagementApps.Read.All.";
                return (words.to_owned(), None);
            }
            Err(AppError::Http(failure)) if failure.status == 429 || failure.status >= 500 => {}
            Err(error) => {
                let words = format!(
                    "Its audit record could not be read: {}",
                    wording::error(&error)
                );
                return (words, None);
            }
        }
    }
    let minutes = LOOKS.iter().sum::<u64>() / 60;
    let words = format!(
        "Intune has no audit record of it after {minutes} minutes ({} looks): Intune may record it later, or not at all.",
        LOOKS.len()
    );
    (words, None)
}

/// A history entry's "Undo" (or, with `anyway`, "Undo anyway") of the write at `row`: reads
/// what the assignment has now and gives back the target before only where the rule allows.
pub fn undo(work: &Work, row: u32, anyway: bool, token: String, events: &Events) {
    let found = work
        .changes
        .borrow()
        .sent
        .get(row as usize)
        .and_then(|sent| {
            let (before, after) = sent.targets.clone()?;
            Some((sent.write.clone(), sent.said.clone(), before, after))
        });
    let Some((write, said, before, after)) = found else {
        return;
    };
    let (work, events) = (work.clone(), events.clone());
    spawn_local(async move {
        let draft = &write.draft;
        let words = |target: &AssignmentTarget| {
            let directory = work.directory.borrow();
            target_in_words(target, &directory.names)
        };
        let outcome = async {
            let root = draft.service_root().map_err(|problem| problem.message)?;
            let urls = GraphUrls::new(&root, draft.version);
            let configuration = ConfigurationId::parse(&draft.configuration_id)
                .map_err(|error| error.to_string())?;
            let assignment =
                AssignmentId::parse(&draft.assignment_id).map_err(|error| error.to_string())?;
            let flight = Flight::default();
            let read = get(
                urls.assignment(&configuration, &assignment),
                &token,
                &RequestOptions::default(),
            );
            let now = match flight.read::<Assignment>(&read).await {
                Ok(current) => Some(current.target),
                Err(AppError::Http(failure)) if failure.status == 404 => None,
                Err(error) => return Err(wording::error(&error)),
            };
            match since_run(&before, &after, now.as_ref()) {
                SinceRun::AlreadyBack => {
                    return Ok((
                        "It already has its target before again: nothing to undo.".to_owned(),
                        None,
                    ));
                }
                SinceRun::ChangedSince(None) => {
                    return Ok(("It was removed since: nothing to undo.".to_owned(), None));
                }
                SinceRun::ChangedSince(Some(now)) if !anyway => {
                    let words = format!(
                        "Not undone: somebody changed it since; it now targets {}.",
                        words(&now)
                    );
                    return Ok((words, Some(UndoOffer { row, anyway: true })));
                }
                SinceRun::Undoable | SinceRun::ChangedSince(Some(_)) => {}
            }
            let options = RequestOptions {
                client_request_id: new_client_request_id(),
                ..RequestOptions::default()
            };
            let patch = AssignmentPatch {
                target: before.clone(),
            };
            let request =
                patch_assignment(&urls, &configuration, &assignment, &patch, &token, &options);
            let mut undone = draft.clone();
            undone.body = patch.to_json_pretty();
            let answer = send_recorded(&work.post, &flight, &request, &undone)
                .await
                .map_err(|error| wording::error(&error))?;
            if !(200..300).contains(&answer.status) {
                return Err(format!("the PATCH answered {}", answer.status));
            }
            events.tell(Event::AssignmentsChanged(Box::new((undone, token.clone()))));
            Ok((
                format!("Undone: {} is back ({}).", words(&before), answer.status),
                None,
            ))
        }
        .await;
        let (words, offer) = match outcome {
            Ok(done) => done,
            Err(reason) => (
                format!("Not undone: {reason}"),
                Some(UndoOffer { row, anyway }),
            ),
        };
        tell(&events, &write.entry, format!("{said} {words}"), offer);
    });
}
