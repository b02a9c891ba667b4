//! The undo offered, in words: how many changes of the run can be given back, the rows
//! somebody changed since (each to choose), those that could not be read, and the button.

use graph_model::snapshot::restore::SinceRun;

use crate::contract::view_tree::{Attr, Control, Node, Tag, el};
use crate::worker::bulk_work::undo_rows::Undo;
use crate::worker::bulk_work::view::{Words, alert, button, checkbox, grid, status};

/// The undo of the run, as it stands.
pub fn offer(undo: &Undo, words: Words<'_>) -> Vec<Node> {
    let count = |wanted: fn(&SinceRun) -> bool| {
        undo.rows
            .iter()
            .filter(|row| row.since.as_ref().is_ok_and(wanted))
            .count()
    };
    let undoable = count(|since| *since == SinceRun::Undoable);
    let back = count(|since| *since == SinceRun::AlreadyBack);
    let changed: Vec<usize> = (0..undo.rows.len())
        .filter(|&index| matches!(undo.rows[index].since, Ok(SinceRun::ChangedSince(_))))
        .collect();
    let unread: Vec<&str> = undo
        .rows
        .iter()
        .filter_map(|row| row.since.as_ref().err().map(String::as_str))
        .collect();
    let mut said = format!(
        "{undoable} of the {} changes of this run still have what it wrote and can be undone.",
        undo.rows.len()
    );
    let (one, many) = (changed.len() == 1, back == 1);
    if back > 0 {
        let has = if many { "has its" } else { "have their" };
        said.push_str(&format!(" {back} already {has} target before again."));
    }
    if !changed.is_empty() {
        let (was, is) = if one { ("was", "is") } else { ("were", "are") };
        said.push_str(&format!(
            " {} {was} changed since by someone else and {is} left alone unless chosen below.",
            changed.len()
        ));
    }
    let mut shown = vec![status(said)];
    if !unread.is_empty() {
        shown.push(alert(&format!(
            "{} could not be read and are left alone: {}",
            unread.len(),
            unread.join("; ")
        )));
    }
    if !changed.is_empty() {
        let rows = changed.iter().map(|&index| {
            let row = &undo.rows[index];
            let (now, choosable) = match &row.since {
                Ok(SinceRun::ChangedSince(Some(now))) => (words(now), true),
                _ => ("Removed since".to_owned(), false),
            };
            let id = row.row.assignment_id.as_str();
            let mut choose = el(Tag::Td);
            if choosable {
                choose = choose.child(checkbox(
                    format!("undo-anyway-{index}"),
                    (Control::UndoAnyway, index as u32),
                    format!("Undo anyway {id}"),
                    undo.anyway.contains(&index),
                ));
            }
            el(Tag::Tr)
                .child(choose)
                .child(el(Tag::Td).child(el(Tag::Code).text(id)))
                .child(el(Tag::Td).text(words(&row.before)))
                .child(el(Tag::Td).text(words(&row.row.target)))
                .child(el(Tag::Td).text(now))
        });
        shown.push(
            grid(
                "Changed since the run",
                &[
                    "Undo anyway",
                    "Assignment ID",
                    "Before the run",
                    "The run wrote",
                    "Now",
                ],
                rows,
            )
            .into(),
        );
    }
    let written = undo.written().len();
    let label = match written {
        1 => "Undo 1 change".to_owned(),
        written => format!("Undo {written} changes"),
    };
    shown.push(
        el(Tag::P)
            .child(button(Control::ConfirmUndo, &label).flag(Attr::Disabled, written == 0))
            .into(),
    );
    shown
}
