//! The assignment set region as a view: the set in words, Add's request and warnings, the
//! confirmations of a removal and of an `/assign`, and the offer of `/assign` once a PATCH found
//! its route not served.

use super::*;
use graph_model::snippets::{SnippetLanguage, SnippetOperation, SnippetRequest, snippet};
pub(super) fn button(control: Control, row: u32, label: &str) -> El {
    el(Tag::Button)
        .on_row(control, row)
        .attr(Attr::Type, "button")
        .text(label)
}

pub(super) fn paragraph(class: &str, said: String) -> Node {
    el(Tag::P).class(class).text(said).into()
}

pub(super) fn code(said: String) -> El {
    el(Tag::Code).text(said)
}

/// The request line: the method in bold and the URL.
/// The request line (the method in bold and the URL) and its headers, as the Request region
/// shows a PATCH's: the token masked, a fresh client-request-id on each send.
pub(super) fn request_line(request: &HttpRequest) -> Node {
    let header =
        |name: &str, value: String| [el(Tag::Dt).text(name), el(Tag::Dd).child(code(value))];
    let mut headers: Vec<El> = request
        .headers
        .iter()
        .flat_map(|(name, value)| header(name, value.clone()))
        .collect();
    headers.extend(header(
        "client-request-id",
        "(a fresh GUID on each send)".to_owned(),
    ));
    el(Tag::Div)
        .child(
            el(Tag::P)
                .child(el(Tag::B).text(request.method))
                .child(text(" "))
                .child(code(request.url.clone())),
        )
        .child(el(Tag::Dl).children(headers))
        .into()
}

/// The set in one sentence: "3 assignments: included Field sales iPads; excluded iOS pilot
/// users; All devices."
pub(super) fn summary(set: &[Assignment], words: &dyn Fn(&AssignmentTarget) -> String) -> String {
    if set.is_empty() {
        return "No assignments: this profile reaches no one.".to_owned();
    }
    let of = |kind: TargetKind| -> Vec<String> {
        set.iter()
            .filter(|assignment| assignment.target.kind() == kind)
            .map(|assignment| words(&assignment.target))
            .collect()
    };
    let parts: Vec<String> = TargetKind::ALL
        .iter()
        .map(|kind| of(*kind))
        .filter(|found| !found.is_empty())
        .map(|found| found.join("; "))
        .collect();
    let count = match set.len() {
        1 => "1 assignment".to_owned(),
        count => format!("{count} assignments"),
    };
    format!("{count}: {}.", parts.join("; "))
}

/// The region's nodes.
pub(super) fn render(set: &WholeSet, directory: &Directory, shown: &Shown) -> Vec<Node> {
    let Some(draft) = shown.draft else {
        return Vec::new();
    };
    let words = |target: &AssignmentTarget| target_words_of(directory, draft, target);
    let chosen = draft.configuration_id.trim();
    let listed: &[Assignment] = match shown.assignments {
        Listing::Loaded(list) if shown.configuration_id.eq_ignore_ascii_case(chosen) => list,
        Listing::Loading => {
            return vec![paragraph("note", "Reading the assignment set…".to_owned())];
        }
        Listing::Failed(said) => return said.clone(),
        _ => {
            let said =
                "Pick a configuration (Load configurations) to see its whole assignment set.";
            return vec![paragraph("note", said.to_owned())];
        }
    };
    let mut nodes = vec![
        el(Tag::P)
            .attr(Attr::Role, "status")
            .text(summary(listed, &words))
            .into(),
    ];
    nodes.push(
        el(Tag::Div)
            .children(
                (!listed.is_empty()).then(|| set_table(listed, &words, draft.assignment_id.trim())),
            )
            .into(),
    );
    // Each section keeps its place, even when empty, so that a section appearing never turns
    // another section's button into its own while the user is about to click it.
    let (mut change, mut offer) = (Vec::new(), Vec::new());
    match &set.pending {
        Some(Pending::Remove(assignment)) => change.extend(removal(draft, assignment, &words)),
        Some(Pending::Assign {
            before,
            after,
            replaced,
        }) => change.extend(replacement(before, after, replaced, &words)),
        None => {
            change.extend(addition(draft, listed, directory, &words));
            offer.extend(whole_set_offer(draft, listed, shown.newest_sent));
        }
    }
    nodes.push(el(Tag::Div).children(change).into());
    nodes.push(el(Tag::Div).children(offer).into());
    nodes.push(
        el(Tag::Div)
            .attr(Attr::Role, "status")
            .attr(Attr::AriaLive, "polite")
            .children(set.said.clone())
            .into(),
    );
    nodes
}

/// The set as a table: each target in words, its id, whether it is the chosen one, Remove.
pub(super) fn set_table(
    listed: &[Assignment],
    words: &dyn Fn(&AssignmentTarget) -> String,
    chosen: &str,
) -> El {
    let header = el(Tag::Tr)
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Target"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Assignment ID"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Change"));
    let rows = listed.iter().enumerate().map(|(index, assignment)| {
        let said = words(&assignment.target);
        let mut target = el(Tag::Td).text(said.clone());
        if assignment.id.as_str().eq_ignore_ascii_case(chosen) {
            target = target.child(el(Tag::Span).class("note").text(" (chosen)"));
        }
        if carries_filter(&assignment.target) {
            target = target.child(
                el(Tag::Span)
                    .class("warning")
                    .text(" (a filter, which Intune does not support here)"),
            );
        }
        let remove = button(Control::RemoveAssignment, index as u32, "Remove")
            .attr(Attr::AriaLabel, format!("Remove {said}"));
        el(Tag::Tr)
            .child(target)
            .child(el(Tag::Td).child(code(assignment.id.to_string())))
            .child(el(Tag::Td).child(remove))
    });
    el(Tag::Table)
        .child(el(Tag::Caption).text("The whole set"))
        .child(el(Tag::Thead).child(header))
        .child(el(Tag::Tbody).children(rows))
}

/// "Add assignment": the request it sends, the rules it breaks, and the button.
pub(super) fn addition(
    draft: &Draft,
    listed: &[Assignment],
    directory: &Directory,
    words: &dyn Fn(&AssignmentTarget) -> String,
) -> Vec<Node> {
    let mut nodes: Vec<Node> = vec![el(Tag::H3).text("Add assignment").into()];
    let request = match add_request(draft, "…", None) {
        Ok(request) => request,
        Err(reason) => {
            nodes.push(paragraph("note", reason));
            return nodes;
        }
    };
    let Some(target) = form_target(draft) else {
        return nodes;
    };
    nodes.push(paragraph(
        "note",
        format!("Adds the form's target to the set: {}.", words(&target)),
    ));
    nodes.push(request_line(&request));
    nodes.push(
        el(Tag::Pre)
            .class("body")
            .attr(Attr::Tabindex, "0")
            .text(request.body.unwrap_or_default())
            .into(),
    );
    let patch = AssignmentPatch {
        target: target.clone(),
    };
    nodes.extend(as_code(draft, SnippetOperation::Add, None, &patch));
    if let Some(there) = already_in_set(listed, &target) {
        nodes.push(paragraph(
            "warning",
            format!(
                "Warning: {} is already in this set (assignment {}): Intune keeps one assignment for each group, so it will refuse a second. Change that assignment instead.",
                words(&there.target),
                there.id
            ),
        ));
    }
    let others: Vec<AssignmentTarget> = listed.iter().map(|a| a.target.clone()).collect();
    for hint in hints(&target, &others, &directory.groups, &directory.filters) {
        let said = match hint {
            Hint::FilterNotSupported => format!("Warning: {FILTER_NOT_SUPPORTED}"),
            hint => format!("Warning: {}", hint.warning()),
        };
        nodes.push(paragraph("warning", said));
    }
    nodes.push(
        el(Tag::P)
            .child(button(Control::AddAssignment, 0, "Add assignment").class("primary"))
            .into(),
    );
    nodes
}

/// The removal asked about: what goes, in words, and the two answers.
pub(super) fn removal(
    draft: &Draft,
    assignment: &Assignment,
    words: &dyn Fn(&AssignmentTarget) -> String,
) -> Vec<Node> {
    let request = remove_request(draft, &assignment.id, "…", None);
    let mut nodes = vec![
        el(Tag::H3).text("Remove assignment").into(),
        paragraph(
            "warning",
            format!(
                "Remove “{}” (assignment {}) from this configuration? Its users and devices lose the profile unless another assignment reaches them.",
                words(&assignment.target),
                assignment.id
            ),
        ),
    ];
    if let Ok(request) = request {
        nodes.push(request_line(&request));
        let patch = AssignmentPatch {
            target: assignment.target.clone(),
        };
        let operation = SnippetOperation::Remove;
        nodes.extend(as_code(draft, operation, Some(&assignment.id), &patch));
    }
    nodes.push(
        el(Tag::P)
            .child(button(Control::ConfirmRemove, 0, "Remove it").class("primary"))
            .child(text(" "))
            .child(button(Control::KeepAssignment, 0, "Keep it"))
            .into(),
    );
    nodes
}

/// The request as code in every language the Code panel offers, behind a disclosure.
fn as_code(
    draft: &Draft,
    operation: SnippetOperation,
    assignment: Option<&AssignmentId>,
    patch: &AssignmentPatch,
) -> Option<Node> {
    let root = draft.service_root().ok()?;
    let configuration = draft.configuration().ok()?;
    // Adding names no assignment: the builder is given one it does not use.
    let unused = AssignmentId::parse("-").ok()?;
    let request = SnippetRequest {
        operation,
        root: &root,
        version: draft.version,
        configuration: &configuration,
        assignment: assignment.unwrap_or(&unused),
        patch,
    };
    let languages = SnippetLanguage::ALL.iter().flat_map(|language| {
        [
            el(Tag::P).child(el(Tag::B).text(language.label())),
            el(Tag::Pre)
                .class("body")
                .attr(Attr::Tabindex, "0")
                .text(snippet(*language, &request)),
        ]
    });
    Some(
        el(Tag::Details)
            .child(el(Tag::Summary).text("As code (token left out)"))
            .children(languages)
            .into(),
    )
}

/// Whether `entry` is a PATCH of `assignment` that Intune answered as a route it does not serve.
pub(super) fn patch_not_served(entry: &HistoryEntry, assignment: &str) -> bool {
    let error = serde_json::from_str::<ODataErrorResponse>(&entry.response_body).ok();
    let (code, message) = error.as_ref().map_or(("", ""), |body| {
        (body.error.code.as_str(), body.error.message.as_str())
    });
    entry.method == "PATCH"
        && entry
            .draft
            .assignment_id
            .trim()
            .eq_ignore_ascii_case(assignment)
        && entry
            .status
            .is_some_and(|status| route_not_served(status, code, message, assignment))
}

/// The offer of `/assign` for the chosen assignment, made only once its PATCH was answered that
/// the route is not served (so that the page has one Send button the rest of the time).
pub(super) fn whole_set_offer(
    draft: &Draft,
    listed: &[Assignment],
    newest_sent: Option<&HistoryEntry>,
) -> Vec<Node> {
    let chosen = draft.assignment_id.trim();
    let in_set = listed
        .iter()
        .any(|assignment| assignment.id.as_str().eq_ignore_ascii_case(chosen));
    let refused = newest_sent.filter(|entry| patch_not_served(entry, chosen));
    let (true, Some(entry), Some(_)) = (in_set, refused, form_target(draft)) else {
        return Vec::new();
    };
    vec![
        el(Tag::H3).text("The PATCH route is not served").into(),
        el(Tag::P)
            .class("warning")
            .attr(Attr::Role, "alert")
            .text(format!("The PATCH was answered {}. {ROUTE_NOT_SERVED}", entry.summary))
            .into(),
        paragraph(
            "note",
            "This sends the form's target for the chosen assignment by posting the whole set to /assign: it reads the set to the end first and shows it before and after.".to_owned(),
        ),
        el(Tag::P)
            .child(button(Control::PrepareAssign, 0, "Send as the whole set (/assign)"))
            .into(),
    ]
}

/// The `/assign` shown before it is sent: the set before and after, and the two answers.
pub(super) fn replacement(
    before: &[Assignment],
    after: &[AssignmentTarget],
    replaced: &AssignmentId,
    words: &dyn Fn(&AssignmentTarget) -> String,
) -> Vec<Node> {
    let header = el(Tag::Tr)
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("Before"))
        .child(el(Tag::Th).attr(Attr::Scope, "col").text("After"));
    let rows = before.iter().zip(after).map(|(was, will)| {
        let mut after = el(Tag::Td).text(words(will));
        after = if &was.id == replaced {
            after.child(el(Tag::Span).class("warning").text(" (changed)"))
        } else {
            after.child(el(Tag::Span).class("note").text(" (unchanged)"))
        };
        el(Tag::Tr)
            .child(el(Tag::Td).text(words(&was.target)))
            .child(after)
    });
    vec![
        el(Tag::H3).text("Send as the whole set (/assign)").into(),
        paragraph(
            "warning",
            format!(
                "Warning: /assign replaces the whole set. Every assignment of this configuration becomes exactly these {} (new ids); anything added elsewhere since the read is deleted, and so are the profile's older group assignments (appProvisioningConfigurationGroupAssignments, sent empty), which this page does not read.",
                after.len()
            ),
        ),
        el(Tag::Table)
            .child(el(Tag::Caption).text("The whole set before and after"))
            .child(el(Tag::Thead).child(header))
            .child(el(Tag::Tbody).children(rows))
            .into(),
        el(Tag::P)
            .child(button(Control::ConfirmAssign, 0, "Replace the whole set").class("primary"))
            .child(text(" "))
            .child(button(Control::CancelAssign, 0, "Do not replace"))
            .into(),
    ]
}
