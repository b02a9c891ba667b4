//! The Bulk view, shown by the worker in the page's parts (a typed view: every text stays
//! text). The inputs the user types into are shown once, so typing is never disturbed; the
//! table, the preview and the run are shown again as they change.

use graph_model::AssignmentTarget;
use graph_model::bulk::scheduler::Progress;
use graph_model::expiry::Expiry;
use graph_model::target_names::{FILTER_NOT_SUPPORTED, carries_filter};

use crate::contract::view_tree::{Attr, Control, El, Node, Part, Tag, el, text};
use crate::worker::bulk_work::rows::{NARROW_KINDS, RULES, Row};

/// The container of the find button and its progress.
pub const FIND_ID: &str = "bulk-find";
/// The container of the table of assignments found.
pub const TABLE_ID: &str = "bulk-table";
/// The container of the preview.
pub const PLAN_ID: &str = "bulk-plan";
/// The container of the run: progress, controls, results.
pub const RUN_ID: &str = "bulk-run";

/// A refusal or failure, announced at once.
pub fn alert(text: &str) -> Node {
    el(Tag::P)
        .class("error")
        .attr(Attr::Role, "alert")
        .text(text)
        .into()
}

/// A line that says how things stand.
pub fn status(text: String) -> Node {
    el(Tag::P).attr(Attr::Role, "status").text(text).into()
}

fn options(choices: &[(&str, &str)]) -> impl Iterator<Item = El> {
    choices
        .iter()
        .map(|(value, label)| el(Tag::Option).attr(Attr::Value, *value).text(*label))
}

fn label(id: &str, text: &str) -> El {
    el(Tag::Label).attr(Attr::For, id).text(text)
}

/// A field whose changes go to the worker as `control`.
fn control(tag: Tag, id: &str, control: Control) -> El {
    el(tag).id(id).on(control)
}

/// A button whose clicks go to the worker as `control`.
pub fn button(control: Control, text: &str) -> El {
    el(Tag::Button)
        .attr(Attr::Type, "button")
        .on(control)
        .text(text)
}

pub(super) fn row() -> El {
    el(Tag::Div).class("row")
}

pub(super) fn fieldset(legend: &str) -> El {
    el(Tag::Fieldset).child(el(Tag::Legend).text(legend))
}

pub(super) fn note(children: impl IntoIterator<Item = Node>) -> El {
    el(Tag::P).class("note").children(children)
}

pub(super) fn code(text: &str) -> El {
    el(Tag::Code).text(text)
}

/// A table of `rows` under `caption`, with a header cell for each of `columns`.
pub(super) fn grid(caption: &str, columns: &[&str], rows: impl IntoIterator<Item = El>) -> El {
    let header = columns
        .iter()
        .map(|column| el(Tag::Th).attr(Attr::Scope, "col").text(*column));
    table_with(caption, header, rows)
}

fn table_with(
    caption: &str,
    header: impl IntoIterator<Item = El>,
    rows: impl IntoIterator<Item = El>,
) -> El {
    el(Tag::Table)
        .class("bulk")
        .child(el(Tag::Caption).text(caption))
        .child(el(Tag::Thead).child(el(Tag::Tr).children(header)))
        .child(el(Tag::Tbody).children(rows))
}

/// A row of cells: text, or text in `<code>` where `code` says so.
fn cells<'a>(values: impl IntoIterator<Item = (&'a str, bool)>) -> El {
    el(Tag::Tr).children(values.into_iter().map(|(value, in_code)| {
        if in_code {
            el(Tag::Td).child(code(value))
        } else {
            el(Tag::Td).text(value)
        }
    }))
}

/// The fixed part: the containers, the narrowing fields and the change's fields.
pub fn skeleton() -> Vec<Node> {
    let field = |id: &str, on: Control| control(Tag::Input, id, on).attr(Attr::Spellcheck, "false");
    let number = |id: &str, on: Control, value: &str| {
        control(Tag::Input, id, on)
            .attr(Attr::Inputmode, "numeric")
            .attr(Attr::Value, value)
    };
    let part = |id: &str, part: Part| el(Tag::Div).id(id).child(Node::Part(part));
    vec![
        note([
            text("Change many assignments at once: find them, narrow and select, choose one change, preview it, then apply it through "),
            code("$batch").into(),
            text(" at the pace Intune's throttle allows. The run is kept in this browser (never the token), so a reload can resume it."),
        ])
        .into(),
        part(FIND_ID, Part::BulkFind).into(),
        fieldset("Narrow")
            .child(label("bulk-narrow-kind", "Narrow by target"))
            .child(control(Tag::Select, "bulk-narrow-kind", Control::NarrowKind).children(options(&NARROW_KINDS)))
            .child(label("bulk-narrow-id", "Group or filter to narrow by"))
            .child(field("bulk-narrow-id", Control::NarrowId))
            .child(label("bulk-narrow-text", "Configuration name contains"))
            .child(control(Tag::Input, "bulk-narrow-text", Control::NarrowText))
            .into(),
        part(TABLE_ID, Part::BulkTable).into(),
        fieldset("Change")
            .child(label("bulk-rule", "Change"))
            .child(control(Tag::Select, "bulk-rule", Control::ChangeRule).children(options(&RULES)))
            .child(label("bulk-from", "Group A"))
            .child(field("bulk-from", Control::ChangeFrom))
            .child(label("bulk-to", "Group B"))
            .child(field("bulk-to", Control::ChangeTo))
            .child(label("bulk-filter-id", "New filter"))
            .child(field("bulk-filter-id", Control::ChangeFilterId))
            .child(label("bulk-filter-type", "Include or exclude with the new filter"))
            .child(
                control(Tag::Select, "bulk-filter-type", Control::ChangeFilterType)
                    .children(options(&[("include", "Include"), ("exclude", "Exclude")])),
            )
            .child(row().child(button(Control::Preview, "Preview")))
            .into(),
        fieldset("Pace")
            .child(note([
                text("Intune allows about 100 writes per 20 seconds per app and tenant; the run keeps to the pace set here and waits out every Retry-After. Set the emulator's own rule when it runs with "),
                code("--throttle").into(),
                text("."),
            ]))
            .child(label("bulk-pace-writes", "Writes per window"))
            .child(number("bulk-pace-writes", Control::PaceWrites, "100"))
            .child(label("bulk-pace-seconds", "Window in seconds"))
            .child(number("bulk-pace-seconds", Control::PaceSeconds, "20"))
            .into(),
        part(PLAN_ID, Part::BulkPlan)
            .attr(Attr::AriaLive, "polite")
            .into(),
        part(RUN_ID, Part::BulkRun).into(),
        part("bulk-undo", Part::BulkUndo).attr(Attr::AriaLive, "polite").into(),
        super::snapshot_view::skeleton().into(),
    ]
}

/// The find button, with what the reading says.
pub fn find(status: &str, progress: Option<(usize, usize)>) -> Vec<Node> {
    let bar = progress.map(|(value, max)| {
        el(Tag::Progress)
            .attr(Attr::Max, max.to_string())
            .attr(Attr::Value, value.to_string())
            .attr(Attr::AriaLabel, "Finding progress")
    });
    let said = el(Tag::Span)
        .class("note")
        .attr(Attr::Role, "status")
        .text(status);
    vec![
        row()
            .child(button(Control::Find, "Find assignments"))
            .child(said)
            .children(bar)
            .into(),
    ]
}

/// How a target reads: in the admin center's words, with the names known.
pub type Words<'a> = &'a dyn Fn(&AssignmentTarget) -> String;

/// The id of the line that counts the rows found, shown and selected.
pub const COUNT_ID: &str = "bulk-count";

/// How many rows were found, are shown (by index) and are selected.
pub fn count(rows: &[Row], shown: &[usize]) -> String {
    let selected = rows.iter().filter(|row| row.selected).count();
    format!(
        "{} assignments found, {} shown, {selected} selected.",
        rows.len(),
        shown.len()
    )
}

pub(super) fn checkbox(id: String, on: (Control, u32), label: String, checked: bool) -> El {
    el(Tag::Input)
        .id(id)
        .on_row(on.0, on.1)
        .attr(Attr::Type, "checkbox")
        .attr(Attr::AriaLabel, label)
        .flag(Attr::Checked, checked)
}

/// A profile's expiry in words, marked when it has expired or expires within 30 days.
pub fn expiry_words(expiry: Option<&Expiry>) -> Option<El> {
    let expiry = expiry?;
    let class = if expiry.is_marked() {
        "warning"
    } else {
        "note"
    };
    Some(el(Tag::Span).class(class).text(expiry.words()))
}

/// The table of the rows shown (by index), with their selection.
pub fn table(rows: &[Row], shown: &[usize], words: Words<'_>) -> Vec<Node> {
    if rows.is_empty() {
        return Vec::new();
    }
    let all_shown = !shown.is_empty() && shown.iter().all(|&index| rows[index].selected);
    let select_shown = checkbox(
        "bulk-select-shown".into(),
        (Control::SelectShown, 0),
        "Select all shown".into(),
        all_shown,
    );
    let header = [
        el(Tag::Th).attr(Attr::Scope, "col").child(select_shown),
        el(Tag::Th).attr(Attr::Scope, "col").text("Configuration"),
        el(Tag::Th).attr(Attr::Scope, "col").text("Profile expiry"),
        el(Tag::Th).attr(Attr::Scope, "col").text("Assignment ID"),
        el(Tag::Th).attr(Attr::Scope, "col").text("Current target"),
    ];
    let body = shown.iter().map(|&index| {
        let row = &rows[index];
        let id = row.assignment_id.as_str();
        let select = checkbox(
            format!("bulk-row-{index}"),
            (Control::Select, index as u32),
            format!("Select {} {id}", row.configuration_name),
            row.selected,
        );
        el(Tag::Tr)
            .child(el(Tag::Td).child(select))
            .child(el(Tag::Td).text(&*row.configuration_name))
            .child(el(Tag::Td).children(expiry_words(row.expiry.as_ref())))
            .child(el(Tag::Td).child(code(id)))
            .child(el(Tag::Td).text(words(&row.target)))
    });
    vec![
        el(Tag::P)
            .id(COUNT_ID)
            .class("note")
            .attr(Attr::Role, "status")
            .child(Node::Part(Part::BulkCount))
            .into(),
        table_with("Assignments found", header, body).into(),
    ]
}

/// The preview: each change before and after, what is left out, and the apply button.
pub fn plan(
    rows: &[Row],
    changed: &[(usize, AssignmentTarget)],
    unchanged: usize,
    invalid: &[(usize, String)],
    words: Words<'_>,
) -> Vec<Node> {
    let mut shown = vec![status(format!(
        "{} changes; {unchanged} selected assignments already have that target and are left out; {} cannot be changed.",
        changed.len(),
        invalid.len()
    ))];
    if !changed.is_empty() {
        let body = changed.iter().map(|(index, after)| {
            let row = &rows[*index];
            let (before, after) = (words(&row.target), words(after));
            cells([
                (row.configuration_name.as_str(), false),
                (row.assignment_id.as_str(), true),
                (before.as_str(), false),
                (after.as_str(), false),
            ])
        });
        let columns = ["Configuration", "Assignment ID", "Before", "After"];
        shown.push(grid("Preview: before and after", &columns, body).into());
    }
    let filtered = changed
        .iter()
        .filter(|(_, after)| carries_filter(after))
        .count();
    if filtered > 0 {
        let said = format!(
            "Warning: {filtered} of these changes leave a target with an assignment filter. {FILTER_NOT_SUPPORTED}"
        );
        shown.push(el(Tag::P).class("warning").text(said).into());
    }
    for (index, reason) in invalid {
        let said = format!("{}: {reason}", rows[*index].assignment_id.as_str());
        shown.push(el(Tag::P).class("error").text(said).into());
    }
    if !changed.is_empty() {
        let apply =
            button(Control::Apply, &format!("Apply {} changes", changed.len())).class("primary");
        shown.push(row().child(apply).into());
    }
    shown
}

/// What a run says while it goes and when it has ended.
pub struct RunView<'a> {
    /// The counts.
    pub progress: Progress,
    /// Rows in the run.
    pub total: usize,
    /// Writes per second so far.
    pub rate: f64,
    /// Seconds left at the pace.
    pub seconds_left: u64,
    /// Paused by the user.
    pub paused: bool,
    /// Nothing left to do.
    pub finished: bool,
    /// Each row: configuration name, assignment id, target after, status (0: none yet),
    /// request id, what went wrong, and what Intune's audit trail says of it.
    pub results: &'a [[String; 7]],
}

/// The run's progress, controls and results.
pub fn run(view: &RunView<'_>) -> Vec<Node> {
    let p = view.progress;
    let answered = p.done + p.failed + p.not_sent;
    let state = if view.finished {
        "Finished"
    } else if view.paused {
        "Paused"
    } else {
        "Applying"
    };
    let left = if view.finished {
        String::new()
    } else {
        format!(" · about {} s left", view.seconds_left)
    };
    let counts = format!(
        "Done {} · Failed {} · Waiting for Retry-After {} · In flight {} · Not sent {} · {:.1} writes/s{left}",
        p.done, p.failed, p.throttled, p.in_flight, p.not_sent, view.rate,
    );
    let mut controls = row();
    if !view.finished {
        let (action, label) = if view.paused {
            (Control::Resume, "Resume")
        } else {
            (Control::Pause, "Pause")
        };
        controls = controls
            .child(button(action, label))
            .child(button(Control::Cancel, "Cancel"));
    } else {
        if p.failed > 0 {
            controls = controls.child(button(Control::RetryFailed, "Retry failed"));
        }
        controls = controls
            .child(button(Control::ExportCsv, "Export CSV"))
            .child(button(Control::ExportHar, "Export results as HAR"));
        if p.done > 0 {
            controls = controls.child(button(Control::UndoRun, "Undo this run"));
        }
    }
    let results =
        view.results
            .iter()
            .map(|[name, id, after, status, request_id, message, recorded]| {
                cells([
                    (name.as_str(), false),
                    (id.as_str(), true),
                    (after.as_str(), false),
                    (status.as_str(), false),
                    (request_id.as_str(), true),
                    (message.as_str(), false),
                    (recorded.as_str(), false),
                ])
            });
    let columns = [
        "Configuration",
        "Assignment ID",
        "New target",
        "Status",
        "request-id",
        "Error",
        "Recorded by Intune",
    ];
    vec![
        el(Tag::H3).text(state).into(),
        el(Tag::Progress)
            .attr(Attr::Max, view.total.to_string())
            .attr(Attr::Value, answered.to_string())
            .attr(Attr::AriaLabel, "Apply progress")
            .into(),
        status(counts),
        controls.into(),
        grid("Results", &columns, results).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::view_tree::controls;

    #[test]
    fn the_controls_carry_what_they_do() {
        let shown = controls(&skeleton());
        assert!(shown.contains(&(Control::NarrowKind, 0, Tag::Select)));
        assert!(shown.contains(&(Control::PaceWrites, 0, Tag::Input)));
        assert!(shown.contains(&(Control::Preview, 0, Tag::Button)));
        assert_eq!(controls(&find("", None)), [(Control::Find, 0, Tag::Button)]);
    }
}
