//! The Changes region as a view: the configuration's newest audit events, each with when, who,
//! what and the target before and after in words.

use super::{AuditEvent, Found};
use crate::contract::view_tree::{Attr, Node, Tag, el};
use graph_model::AssignmentTarget;

/// "Patch" as the admin center says it.
fn operation_words(event: &AuditEvent) -> String {
    match event.activity_operation_type.as_deref().unwrap_or_default() {
        "Patch" => "Changed the target".to_owned(),
        "Create" => "Added an assignment".to_owned(),
        "Delete" => "Removed an assignment".to_owned(),
        "Action" => "Replaced the whole set (assign)".to_owned(),
        other => event.activity.clone().unwrap_or_else(|| other.to_owned()),
    }
}

/// The region for what was found.
pub(super) fn render(found: &Found, words: &dyn Fn(&AssignmentTarget) -> String) -> Vec<Node> {
    let mut inside: Vec<Node> = vec![el(Tag::H3).text("Changes").into()];
    let status = |said: String| -> Node {
        el(Tag::P)
            .attr(Attr::Role, "status")
            .attr(Attr::AriaLive, "polite")
            .text(said)
            .into()
    };
    match found {
        Found::Reading => inside.push(status("Reading Intune's audit trail…".to_owned())),
        Found::Failed(why) => inside.push(status(format!("The audit trail could not be read: {why}."))),
        Found::Events(events) if events.is_empty() => inside.push(status(
            "Intune's audit trail records no change to this configuration (events can take minutes to appear)."
                .to_owned(),
        )),
        Found::Events(events) => {
            let count = match events.len() {
                1 => "1 change".to_owned(),
                count => format!("{count} changes"),
            };
            inside.push(status(format!(
                "{count} recorded by Intune, newest first (events can take minutes to appear)."
            )));
            let header = el(Tag::Tr)
                .children(["When", "Who", "What", "Before", "After"].map(|title| {
                    el(Tag::Th).attr(Attr::Scope, "col").text(title)
                }));
            let rows = events.iter().map(|event| {
                let (before, after) = event.targets();
                let target = |target: Option<AssignmentTarget>| {
                    target.map(|target| words(&target)).unwrap_or_else(|| "—".to_owned())
                };
                el(Tag::Tr)
                    .child(el(Tag::Td).text(event.activity_date_time.clone().unwrap_or_default()))
                    .child(el(Tag::Td).text(event.who()))
                    .child(el(Tag::Td).text(operation_words(event)))
                    .child(el(Tag::Td).text(target(before)))
                    .child(el(Tag::Td).text(target(after)))
            });
            inside.push(
                el(Tag::Table)
                    .child(el(Tag::Caption).text("Who changed this configuration"))
                    .child(el(Tag::Thead).child(header))
                    .child(el(Tag::Tbody).children(rows))
                    .into(),
            );
        }
    }
    vec![
        el(Tag::Section)
            .class("reach")
            .attr(Attr::AriaLabel, "Changes")
            .children(inside)
            .into(),
    ]
}
