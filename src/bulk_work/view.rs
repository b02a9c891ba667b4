//! The Bulk view's markup, written by the worker into the page's containers (everything
//! escaped here). The inputs the user types into are written once, so typing is never
//! disturbed; the table, the preview and the run are written again as they change.

use graph_model::AssignmentTarget;
use graph_model::bulk::scheduler::Progress;

use crate::bulk_work::rows::{NARROW_KINDS, RULES, Row};
use crate::html::escape;

/// The container of the find button and its progress.
pub const FIND_ID: &str = "bulk-find";
/// The container of the table of assignments found.
pub const TABLE_ID: &str = "bulk-table";
/// The container of the preview.
pub const PLAN_ID: &str = "bulk-plan";
/// The container of the run: progress, controls, results.
pub const RUN_ID: &str = "bulk-run";

/// A refusal or failure, announced at once.
pub fn alert(text: &str) -> String {
    format!("<p class=\"error\" role=\"alert\">{}</p>", escape(text))
}

fn options(choices: &[(&str, &str)]) -> String {
    choices
        .iter()
        .map(|(value, label)| format!("<option value=\"{value}\">{}</option>", escape(label)))
        .collect()
}

/// The fixed part: the containers, the narrowing fields and the change's fields.
pub fn skeleton() -> String {
    format!(
        "<p class=\"note\">Change many assignments at once: find them, narrow and select, choose one change, \
         preview it, then apply it through <code>$batch</code> at the pace Intune's throttle allows. \
         The run is kept in this browser (never the token), so a reload can resume it.</p>\
         <div id=\"{FIND_ID}\"></div>\
         <fieldset><legend>Narrow</legend>\
         <label for=\"bulk-narrow-kind\">Narrow by target</label><select id=\"bulk-narrow-kind\" data-bulk=\"narrow\">{}</select>\
         <label for=\"bulk-narrow-id\">Group or filter to narrow by</label><input id=\"bulk-narrow-id\" data-bulk=\"narrow\" spellcheck=\"false\">\
         <label for=\"bulk-narrow-text\">Configuration name contains</label><input id=\"bulk-narrow-text\" data-bulk=\"narrow\">\
         </fieldset>\
         <div id=\"{TABLE_ID}\"></div>\
         <fieldset><legend>Change</legend>\
         <label for=\"bulk-rule\">Change</label><select id=\"bulk-rule\" data-bulk=\"change\">{}</select>\
         <label for=\"bulk-from\">Group A</label><input id=\"bulk-from\" data-bulk=\"change\" spellcheck=\"false\">\
         <label for=\"bulk-to\">Group B</label><input id=\"bulk-to\" data-bulk=\"change\" spellcheck=\"false\">\
         <label for=\"bulk-filter-id\">New filter</label><input id=\"bulk-filter-id\" data-bulk=\"change\" spellcheck=\"false\">\
         <label for=\"bulk-filter-type\">Include or exclude with the new filter</label><select id=\"bulk-filter-type\" data-bulk=\"change\">\
         <option value=\"include\">Include</option><option value=\"exclude\">Exclude</option></select>\
         <div class=\"row\"><button type=\"button\" data-bulk=\"preview\">Preview</button></div>\
         </fieldset>\
         <fieldset><legend>Pace</legend>\
         <p class=\"note\">Intune allows about 100 writes per 20 seconds per app and tenant; the run keeps to \
         the pace set here and waits out every Retry-After. Set the emulator's own rule when it runs with \
         <code>--throttle</code>.</p>\
         <label for=\"bulk-pace-writes\">Writes per window</label><input id=\"bulk-pace-writes\" data-bulk=\"change\" inputmode=\"numeric\" value=\"100\">\
         <label for=\"bulk-pace-seconds\">Window in seconds</label><input id=\"bulk-pace-seconds\" data-bulk=\"change\" inputmode=\"numeric\" value=\"20\">\
         </fieldset>\
         <div id=\"{PLAN_ID}\" aria-live=\"polite\"></div>\
         <div id=\"{RUN_ID}\"></div>",
        options(&NARROW_KINDS),
        options(&RULES),
    )
}

/// The find button, with what the reading says.
pub fn find(status: &str, progress: Option<(usize, usize)>) -> String {
    let bar = progress
        .map(|(value, max)| {
            format!("<progress max=\"{max}\" value=\"{value}\" aria-label=\"Finding progress\"></progress>")
        })
        .unwrap_or_default();
    format!(
        "<div class=\"row\"><button type=\"button\" data-bulk=\"find\">Find assignments</button>\
         <span class=\"note\" role=\"status\">{}</span>{bar}</div>",
        escape(status)
    )
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

/// The table of the rows shown (by index), with their selection.
pub fn table(rows: &[Row], shown: &[usize], words: Words<'_>) -> String {
    if rows.is_empty() {
        return String::new();
    }
    let all_shown = !shown.is_empty() && shown.iter().all(|&index| rows[index].selected);
    let mut html = format!(
        "<p id=\"{COUNT_ID}\" class=\"note\" role=\"status\">{}</p>\
         <table class=\"bulk\"><caption>Assignments found</caption><thead><tr>\
         <th scope=\"col\"><input type=\"checkbox\" id=\"bulk-select-shown\" data-bulk=\"select-shown\" aria-label=\"Select all shown\"{}></th>\
         <th scope=\"col\">Configuration</th><th scope=\"col\">Assignment ID</th><th scope=\"col\">Current target</th></tr></thead><tbody>",
        count(rows, shown),
        if all_shown { " checked" } else { "" }
    );
    for &index in shown {
        let row = &rows[index];
        html.push_str(&format!(
            "<tr><td><input type=\"checkbox\" id=\"bulk-row-{index}\" data-bulk=\"select\" aria-label=\"Select {} {}\"{}></td>\
             <td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            escape(&row.configuration_name),
            escape(row.assignment_id.as_str()),
            if row.selected { " checked" } else { "" },
            escape(&row.configuration_name),
            escape(row.assignment_id.as_str()),
            escape(&words(&row.target)),
        ));
    }
    html.push_str("</tbody></table>");
    html
}

/// The preview: each change before and after, what is left out, and the apply button.
pub fn plan(
    rows: &[Row],
    changed: &[(usize, AssignmentTarget)],
    unchanged: usize,
    invalid: &[(usize, String)],
    words: Words<'_>,
) -> String {
    let mut html = format!(
        "<p role=\"status\">{} changes; {unchanged} selected assignments already have that target and are left out; {} cannot be changed.</p>",
        changed.len(),
        invalid.len()
    );
    if !changed.is_empty() {
        html.push_str("<table class=\"bulk\"><caption>Preview: before and after</caption><thead><tr><th scope=\"col\">Configuration</th><th scope=\"col\">Assignment ID</th><th scope=\"col\">Before</th><th scope=\"col\">After</th></tr></thead><tbody>");
        for (index, after) in changed {
            let row = &rows[*index];
            html.push_str(&format!(
                "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td></tr>",
                escape(&row.configuration_name),
                escape(row.assignment_id.as_str()),
                escape(&words(&row.target)),
                escape(&words(after))
            ));
        }
        html.push_str("</tbody></table>");
    }
    for (index, reason) in invalid {
        html.push_str(&format!(
            "<p class=\"error\">{}: {}</p>",
            escape(rows[*index].assignment_id.as_str()),
            escape(reason)
        ));
    }
    if !changed.is_empty() {
        html.push_str(&format!(
            "<div class=\"row\"><button type=\"button\" class=\"primary\" data-bulk=\"apply\">Apply {} changes</button></div>",
            changed.len()
        ));
    }
    html
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
    /// request id, and what went wrong.
    pub results: &'a [[String; 6]],
}

/// The run's progress, controls and results.
pub fn run(view: &RunView<'_>) -> String {
    let p = view.progress;
    let answered = p.done + p.failed + p.not_sent;
    let state = if view.finished {
        "Finished"
    } else if view.paused {
        "Paused"
    } else {
        "Applying"
    };
    let mut html = format!(
        "<h3>{state}</h3><progress max=\"{}\" value=\"{answered}\" aria-label=\"Apply progress\"></progress>\
         <p role=\"status\">Done {} · Failed {} · Waiting for Retry-After {} · In flight {} · Not sent {} · {:.1} writes/s{}</p>",
        view.total,
        p.done,
        p.failed,
        p.throttled,
        p.in_flight,
        p.not_sent,
        view.rate,
        if view.finished {
            String::new()
        } else {
            format!(" · about {} s left", view.seconds_left)
        }
    );
    html.push_str("<div class=\"row\">");
    if !view.finished {
        let (action, label) = if view.paused {
            ("resume", "Resume")
        } else {
            ("pause", "Pause")
        };
        html.push_str(&format!(
            "<button type=\"button\" data-bulk=\"{action}\">{label}</button><button type=\"button\" data-bulk=\"cancel\">Cancel</button>"
        ));
    } else {
        if p.failed > 0 {
            html.push_str(
                "<button type=\"button\" data-bulk=\"retry-failed\">Retry failed</button>",
            );
        }
        html.push_str(
            "<button type=\"button\" data-bulk=\"export-csv\">Export CSV</button>\
             <button type=\"button\" data-bulk=\"export-har\">Export results as HAR</button>",
        );
    }
    html.push_str("</div><table class=\"bulk\"><caption>Results</caption><thead><tr><th scope=\"col\">Configuration</th><th scope=\"col\">Assignment ID</th><th scope=\"col\">New target</th><th scope=\"col\">Status</th><th scope=\"col\">request-id</th><th scope=\"col\">Error</th></tr></thead><tbody>");
    for [name, id, after, status, request_id, message] in view.results {
        html.push_str(&format!(
            "<tr><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td></tr>",
            escape(name),
            escape(id),
            escape(after),
            escape(status),
            escape(request_id),
            escape(message)
        ));
    }
    html.push_str("</tbody></table>");
    html
}
