//! The snapshots' part of the Bulk view: the button, the snapshots kept with their actions,
//! and a compare's differences per configuration, in words with names, each to choose for
//! "Restore".

use graph_model::snapshot::Snapshot;
use graph_model::snapshot::compare::{Difference, Presence};
use graph_model::target_names::{NameCache, target_in_words};

use crate::contract::view_tree::{Attr, Control, El, Node, Part, Tag, el, text};
use crate::worker::bulk_work::snapshot_shelf::{Compared, KEPT, Shelf};
use crate::worker::bulk_work::view::{alert, button, checkbox, fieldset, grid, note, status};

/// The id of "Load snapshot file".
const LOAD_ID: &str = "bulk-load-snapshot";

/// The fixed part: what snapshots are, the buttons, and the containers.
pub fn skeleton() -> El {
    let part = |id: &str, part: Part| el(Tag::Div).id(id).child(Node::Part(part));
    fieldset("Snapshots")
        .child(note([text(format!(
            "A snapshot is every configuration's assignment set, with names, as a file you can \
             download, load again and compare later. The page keeps the last {KEPT} in this \
             browser, across visits (never the token). A scan with any read that failed is marked incomplete and is \
             never compared."
        ))]))
        .child(
            el(Tag::P)
                .class("options")
                .child(button(Control::TakeSnapshot, "Take snapshot"))
                .text(" ")
                .child(
                    el(Tag::Label)
                        .attr(Attr::For, LOAD_ID)
                        .text("Load snapshot file"),
                )
                .text(" ")
                .child(
                    el(Tag::Input)
                        .id(LOAD_ID)
                        .attr(Attr::Type, "file")
                        .attr(Attr::Accept, ".json,application/json")
                        .on(Control::LoadSnapshot),
                ),
        )
        .child(part("bulk-snapshots", Part::Snapshots).attr(Attr::AriaLive, "polite"))
        .child(part("bulk-compare", Part::SnapshotCompare))
}

/// A snapshot in a line: when, how many, and whether it is complete.
pub fn described(snapshot: &Snapshot) -> String {
    let complete = if snapshot.complete {
        "complete".to_owned()
    } else {
        format!("incomplete: {}", snapshot.unfinished.join(" "))
    };
    format!(
        "Taken {}: {} assignments in {} configurations, {complete}",
        snapshot.taken_at,
        snapshot.assignment_count(),
        snapshot.configurations.len()
    )
}

/// The snapshots kept, each with its actions, and what the last action said.
pub fn shelf(shelf: &Shelf) -> Vec<Node> {
    let mut shown = Vec::new();
    if !shelf.said.is_empty() {
        shown.push(status(shelf.said.clone()));
    }
    if !shelf.assigned.is_empty() {
        let lines = shelf.assigned.iter().map(|line| el(Tag::Li).text(line));
        shown.push(
            el(Tag::Ul)
                .attr(Attr::AriaLabel, "Restored through /assign")
                .children(lines)
                .into(),
        );
    }
    if shelf.taken.is_empty() {
        return shown;
    }
    let last = shelf.taken.len() - 1;
    let items = shelf.taken.iter().enumerate().map(|(index, snapshot)| {
        let at = index as u32;
        let mut item = el(Tag::Li)
            .text(described(snapshot))
            .text(" ")
            .child(
                button(Control::DownloadSnapshot, "Download")
                    .on_row(Control::DownloadSnapshot, at)
                    .attr(
                        Attr::AriaLabel,
                        format!("Download the snapshot taken {}", snapshot.taken_at),
                    ),
            )
            .text(" ")
            .child(
                button(Control::CompareWithTenant, "Compare with the tenant now")
                    .on_row(Control::CompareWithTenant, at),
            );
        if index < last {
            item = item.text(" ").child(
                button(Control::CompareWithNext, "Compare with the next snapshot")
                    .on_row(Control::CompareWithNext, at),
            );
        }
        item
    });
    shown.push(
        el(Tag::Ul)
            .attr(Attr::AriaLabel, "Snapshots taken")
            .children(items)
            .into(),
    );
    shown
}

/// A compare: per configuration, each assignment added, removed or changed, in words, with a
/// box to choose it for "Restore" when the newer side is the tenant now.
pub fn compared(compared: &Compared, names: &NameCache) -> Vec<Node> {
    let found = match &compared.found {
        Ok(found) => found,
        Err(refused) => return vec![alert(refused)],
    };
    let count = compared.listed().len();
    let mut shown = vec![
        el(Tag::H3)
            .text(format!(
                "Compare: snapshot taken {} with {}",
                compared.older_taken,
                if compared.with_tenant {
                    format!("the tenant now ({})", compared.newer.taken_at)
                } else {
                    format!("the snapshot taken {}", compared.newer.taken_at)
                }
            ))
            .into(),
    ];
    let remade: usize = found.iter().map(|configuration| configuration.remade).sum();
    let mut summary = match count {
        0 => "No differences: every assignment targets what it did.".to_owned(),
        1 => "1 assignment differs.".to_owned(),
        count => format!("{count} assignments differ."),
    };
    match remade {
        0 => {}
        1 => summary
            .push_str(" 1 was removed and made again with the same target (only its id differs)."),
        remade => summary.push_str(&format!(
            " {remade} were removed and made again with the same target (only their ids differ)."
        )),
    }
    shown.push(status(summary));
    let words = |target: &graph_model::AssignmentTarget| target_in_words(target, names);
    let mut row = 0u32;
    let mut rows = Vec::new();
    for configuration in found {
        let presence = match configuration.presence {
            Presence::Both => "",
            Presence::OlderOnly => " (deleted since)",
            Presence::NewerOnly => " (made since)",
        };
        let name = format!("{}{presence}", configuration.display_name);
        for difference in &configuration.differences {
            let (what, before, after) = match difference {
                Difference::Added { target, .. } => ("Added", String::new(), words(target)),
                Difference::Removed { target, .. } => ("Removed", words(target), String::new()),
                Difference::Changed { before, after, .. } => {
                    ("Changed", words(before), words(after))
                }
                Difference::Remade { .. } => continue,
            };
            let assignment = difference.assignment().as_str();
            let mut choose = el(Tag::Td);
            if compared.with_tenant && configuration.presence != Presence::OlderOnly {
                let key = (
                    configuration.configuration.clone(),
                    difference.assignment().clone(),
                );
                choose = choose.child(checkbox(
                    format!("restore-{row}"),
                    (Control::ChooseDifference, row),
                    format!("Restore {} {assignment}", configuration.display_name),
                    compared.chosen.contains(&key),
                ));
            }
            rows.push(
                el(Tag::Tr)
                    .child(choose)
                    .child(el(Tag::Td).text(&*name))
                    .child(el(Tag::Td).child(el(Tag::Code).text(assignment)))
                    .child(el(Tag::Td).text(what))
                    .child(el(Tag::Td).text(before))
                    .child(el(Tag::Td).text(after)),
            );
            row += 1;
        }
    }
    if rows.is_empty() {
        return shown;
    }
    if compared.with_tenant {
        let all = !compared.chosen.is_empty() && compared.chosen.len() == row as usize;
        shown.push(
            el(Tag::P)
                .class("options")
                .child(
                    el(Tag::Label)
                        .class("inline")
                        .child(checkbox(
                            "restore-all".into(),
                            (Control::ChooseAllDifferences, 0),
                            "Choose every difference".into(),
                            all,
                        ))
                        .text(" Choose every difference"),
                )
                .into(),
        );
    }
    shown.push(
        grid(
            "Differences",
            &[
                "Restore",
                "Configuration",
                "Assignment ID",
                "What",
                "Before",
                "After",
            ],
            rows,
        )
        .into(),
    );
    if compared.with_tenant {
        let chosen = compared.chosen.len();
        let label = match chosen {
            1 => "Restore 1 difference".to_owned(),
            chosen => format!("Restore {chosen} differences"),
        };
        shown.push(
            el(Tag::P)
                .child(button(Control::Restore, &label).flag(Attr::Disabled, chosen == 0))
                .child(note([text(
                    "Restore puts the snapshot's targets back through the Bulk run below: a \
                     PATCH for a changed target, a POST for a removed assignment, a DELETE for \
                     an added one, at the pace set, journalled. Then the page compares again.",
                )]))
                .into(),
        );
    }
    shown
}
