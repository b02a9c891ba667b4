//! The history list as a view: each sent request with its status, timing, URL, target in
//! words (with names where known), request id and what Intune's audit trail says of it, and
//! its Replay and Delete buttons.

use std::collections::BTreeMap;

use crate::contract::view_tree::{Attr, Control, Node, Tag, el};
use crate::shared::draft::Draft;
use crate::shared::history::{HistoryEntry, MAX_ENTRIES};
use crate::worker::worker_events::AuditNote;

/// The history list, newest first: each entry with its status, timing, URL, the target it
/// sent in words (as `describe` puts a draft's target, with names where known), request id and
/// what the audit trail says of it (`recorded`, by entry id), and its Replay and Delete
/// controls, whose value is the entry's id.
pub fn list(
    history: &[HistoryEntry],
    describe: impl Fn(&Draft) -> Option<String>,
    recorded: &BTreeMap<String, AuditNote>,
) -> Vec<Node> {
    if history.is_empty() {
        let note =
            format!("Sent requests appear here (the last {MAX_ENTRIES}, without the token).");
        return vec![el(Tag::P).class("note").text(note).into()];
    }
    let span = |text: String| el(Tag::Span).text(text);
    let note = |text: String| el(Tag::Span).class("note").text(text);
    let entries = history.iter().map(|entry| {
        let class = match entry.status {
            Some(status) if (200..300).contains(&status) => "history-item success",
            _ => "history-item failure",
        };
        let time = entry.started.get(11..19).unwrap_or(&entry.started);
        let summary = &entry.summary;
        let button = |control: Control, words: &str| {
            el(Tag::Button)
                .attr(Attr::Type, "button")
                .attr(Attr::Value, &entry.id)
                .on(control)
                .attr(Attr::AriaLabel, format!("{words} {summary} from {time}"))
                .text(words)
        };
        el(Tag::Li)
            .class(class)
            .child(span(summary.clone()).class("status"))
            .child(span(format!(
                "{time} · {} ms · {} bytes",
                entry.elapsed_ms, entry.size
            )))
            .child(note(format!(
                "{} …/assignments/{}",
                entry.method, entry.draft.assignment_id
            )))
            .children(describe(&entry.draft).map(span))
            .children(
                entry
                    .request_id
                    .as_deref()
                    .map(|request_id| note(format!("request-id {request_id}"))),
            )
            .children(
                recorded
                    .get(&entry.id)
                    .map(|found| note(found.words.clone())),
            )
            .child(
                el(Tag::Span)
                    .class("row")
                    .child(button(Control::ReplayEntry, "Replay"))
                    .child(button(Control::DeleteEntry, "Delete"))
                    .children(recorded.get(&entry.id).and_then(|found| {
                        let offer = found.undo?;
                        let (control, words) = match offer.anyway {
                            true => (Control::UndoEntryAnyway, "Undo anyway"),
                            false => (Control::UndoEntry, "Undo"),
                        };
                        Some(button(control, words).on_row(control, offer.row))
                    })),
            )
    });
    vec![
        el(Tag::Ol)
            .class("history")
            .attr(Attr::AriaLabel, "Sent requests")
            .children(entries)
            .into(),
    ]
}
