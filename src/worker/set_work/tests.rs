//! The set region's words, from its view alone.

use super::*;
use crate::contract::view_tree::text_of;
use crate::worker::set_work::view::patch_not_served;

const GROUP: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";

fn assignment(id: &str, target: &str) -> Assignment {
    serde_json::from_str(&format!(r#"{{"id":"{id}","target":{target}}}"#)).unwrap()
}

fn set() -> Vec<Assignment> {
    vec![
        assignment(
            "c_1",
            &format!(
                r##"{{"@odata.type":"#microsoft.graph.groupAssignmentTarget","groupId":"{GROUP}"}}"##
            ),
        ),
        assignment(
            "c_2",
            r##"{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}"##,
        ),
    ]
}

fn draft(kind: &str) -> Draft {
    let mut draft = Draft {
        configuration_id: "c".into(),
        assignment_id: "c_2".into(),
        ..Draft::default()
    };
    draft.body = format!(
        r##"{{"target":{{"@odata.type":"#microsoft.graph.{kind}","groupId":"{GROUP}"}}}}"##
    );
    draft
}

fn shown(
    set: &WholeSet,
    draft: &Draft,
    listing: &Listing<Assignment>,
    newest: Option<&HistoryEntry>,
) -> String {
    text_of(&render(
        set,
        &Directory::default(),
        &Shown {
            draft: Some(draft),
            newest_sent: newest,
            configuration_id: "c",
            assignments: listing,
        },
    ))
}

#[test]
fn the_set_is_said_with_what_add_sends_and_the_rules_it_breaks() {
    let listing = Listing::Loaded(set());
    let said = shown(
        &WholeSet::default(),
        &draft("exclusionGroupAssignmentTarget"),
        &listing,
        None,
    );
    assert!(
        said.starts_with("2 assignments: All devices; Included group: 5c3e4b2a"),
        "{said}"
    );
    assert!(said.contains("POST http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments"), "{said}");
    assert!(
        said.contains("is already in this set (assignment c_1)"),
        "{said}"
    );
    assert!(
        said.contains("AuthorizationBearer …Content-Typeapplication/jsonclient-request-id(a fresh GUID on each send)"),
        "the headers, the token masked: {said}"
    );
    assert!(said.contains("both included and excluded"), "{said}");
    assert!(
        !said.contains("Send as the whole set (/assign)"),
        "offered only after a PATCH found its route not served"
    );
    let elsewhere = Listing::Loaded(set());
    let said = shown(
        &WholeSet::default(),
        &draft("groupAssignmentTarget"),
        &elsewhere,
        None,
    );
    assert!(!said.contains("both included and excluded"), "{said}");
    let other_configuration = Listing::Loading;
    assert_eq!(
        shown(
            &WholeSet::default(),
            &draft("groupAssignmentTarget"),
            &other_configuration,
            None
        ),
        "Reading the assignment set…"
    );
}

#[test]
fn a_removal_and_an_assign_wait_for_confirmation_in_words() {
    let listing = Listing::Loaded(set());
    let removing = WholeSet {
        pending: Some(Pending::Remove(set().remove(1))),
        ..WholeSet::default()
    };
    let said = shown(&removing, &draft("groupAssignmentTarget"), &listing, None);
    assert!(
        said.contains("Remove “All devices” (assignment c_2) from this configuration?"),
        "{said}"
    );
    assert!(said.contains("DELETE http://127.0.0.1:8787/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/c/assignments/c_2"), "{said}");
    assert!(!said.contains("Add assignment"), "one change at a time");
    let target = form_target(&draft("exclusionGroupAssignmentTarget")).unwrap();
    let replaced = AssignmentId::parse("c_2").unwrap();
    let after = with_target_replaced(&set(), &replaced, &target).unwrap();
    let assigning = WholeSet {
        pending: Some(Pending::Assign {
            before: set(),
            after,
            replaced,
        }),
        ..WholeSet::default()
    };
    let said = shown(
        &assigning,
        &draft("exclusionGroupAssignmentTarget"),
        &listing,
        None,
    );
    assert!(said.contains("/assign replaces the whole set"), "{said}");
    assert!(
        said.contains("All devicesExcluded group: 5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a (changed)"),
        "{said}"
    );
    assert!(said.contains("(unchanged)"), "{said}");
}

#[test]
fn a_patch_answered_no_route_is_explained_beside_the_offer() {
    let entry: HistoryEntry = serde_json::from_value(serde_json::json!({
        "id": "h", "started": "", "method": "PATCH", "url": "", "requestHeaders": [],
        "requestBody": "", "status": 400, "summary": "400 Bad Request", "elapsedMs": 1, "size": 0,
        "requestId": null, "responseHeaders": [],
        "responseBody": r#"{"error":{"code":"No method match route template","message":"No OData route exists that match template ~/singleton/navigation/key/navigation/key with http verb PATCH"}}"#,
        "draft": {"assignmentId": "c_2"}
    }))
    .unwrap();
    assert!(patch_not_served(&entry, "c_2"));
    assert!(
        !patch_not_served(&entry, "c_1"),
        "another assignment's answer"
    );
    let said = shown(
        &WholeSet::default(),
        &draft("groupAssignmentTarget"),
        &Listing::Loaded(set()),
        Some(&entry),
    );
    assert!(
        said.contains(
            "The PATCH was answered 400 Bad Request. Intune does not serve this route here"
        ),
        "{said}"
    );
    assert!(said.contains("Send as the whole set (/assign)"), "{said}");
    let refused = HistoryEntry {
        response_body:
            r#"{"error":{"code":"BadRequest","message":"a valid AADGroupId is expected"}}"#.into(),
        ..entry
    };
    assert!(!patch_not_served(&refused, "c_2"));
}
