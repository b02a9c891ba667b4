//! Reach's question and words, from what is known alone (no network).

use std::collections::BTreeSet;

use graph_model::reach::Difference;

use super::read::{MemberList, count_of};
use super::view::{render, render_run, run_total};
use super::*;
use crate::contract::view_tree::text_of;
use crate::shared::batch_reads::Answered;

const SALES: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
const PILOTS: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";

fn assignment(id: &str, target: &str) -> Assignment {
    serde_json::from_str(&format!(r#"{{"id":"{id}","target":{target}}}"#)).unwrap()
}

fn group_target(kind: &str, group: &str) -> String {
    format!(r##"{{"@odata.type":"#microsoft.graph.{kind}","groupId":"{group}"}}"##)
}

/// The set: All devices, less the pilots.
fn listing() -> Listing<Assignment> {
    Listing::Loaded(vec![
        assignment(
            "c_1",
            r##"{"@odata.type":"#microsoft.graph.allDevicesAssignmentTarget"}"##,
        ),
        assignment(
            "c_2",
            &group_target("exclusionGroupAssignmentTarget", PILOTS),
        ),
    ])
}

/// A draft that retargets `assignment` to include Sales.
fn draft(assignment: &str) -> Draft {
    Draft {
        configuration_id: "c".into(),
        assignment_id: assignment.into(),
        body: format!(
            r#"{{"target":{}}}"#,
            group_target("groupAssignmentTarget", SALES)
        ),
        ..Draft::default()
    }
}

fn asked(
    wanted: bool,
    draft: &Draft,
    listing: &Listing<Assignment>,
) -> Result<Question, &'static str> {
    let reach = Reach {
        wanted,
        token: "t".into(),
        ..Reach::default()
    };
    question(
        &reach,
        &Shown {
            draft: Some(draft),
            configuration_id: "c",
            assignments: listing,
        },
    )
}

#[test]
fn the_question_is_the_set_now_and_with_the_forms_target_in_place_of_the_chosen_one() {
    let listing = listing();
    assert_eq!(asked(false, &draft("c_2"), &listing), Err(view::OFF));
    assert_eq!(
        asked(true, &draft("c_2"), &Listing::Loading),
        Err(view::PICK)
    );
    let no_token = Reach {
        wanted: true,
        ..Reach::default()
    };
    let drafted = draft("c_2");
    let shown = Shown {
        draft: Some(&drafted),
        configuration_id: "c",
        assignments: &listing,
    };
    assert_eq!(question(&no_token, &shown), Err(view::NO_TOKEN));
    let question = asked(true, &draft("c_2"), &listing).unwrap();
    assert!(question.changing);
    assert_eq!(question.statuses_of.as_deref(), Some("c"));
    let (before, after) = &question.sets[0];
    assert_eq!(before.len(), 2);
    assert_eq!(after[0], before[0]);
    assert_eq!(after[1].group_id().map(|id| id.as_str()), Some(SALES));
    // No assignment chosen: the set as it is, and no change.
    let unchanged = asked(true, &draft(""), &listing).unwrap();
    assert!(!unchanged.changing);
    assert_eq!(unchanged.sets[0].0, unchanged.sets[0].1);
}

fn source(group: &str) -> Source {
    Source::Group(graph_model::GroupId::parse(group).unwrap())
}

fn users(range: std::ops::Range<u32>) -> MemberList {
    MemberList {
        members: range
            .map(|n| (format!("u{n:02}"), format!("User {n:02}")))
            .collect(),
        cut_short: None,
    }
}

/// Sales holds users 0..30, the pilots 20..40, no devices; the tenant 50 devices, counted.
fn known() -> Known {
    Known {
        counts: vec![
            ((source(SALES), Audience::Users), Ok(30)),
            ((source(SALES), Audience::Devices), Ok(0)),
            ((source(PILOTS), Audience::Users), Ok(20)),
            ((source(PILOTS), Audience::Devices), Ok(0)),
            ((Source::Everyone, Audience::Devices), Ok(50)),
        ],
        members: vec![
            ((source(SALES), Audience::Users), users(0..30)),
            ((source(PILOTS), Audience::Users), users(20..40)),
        ],
        ..Known::default()
    }
}

#[test]
fn the_region_says_now_after_the_change_and_the_first_names_added() {
    let question = asked(true, &draft("c_1"), &listing()).unwrap();
    let answering = Answering {
        progress: Progress::Done,
        known: known(),
        ..Answering::default()
    };
    let said = text_of(&render(&answering, &question, [NAMES_SHOWN; 4]));
    // All devices less the pilots becomes Sales less the pilots: 20 users, and no device.
    assert!(said.contains("Users020+20 / \u{2212}0"), "{said}");
    // Devices less a user group: Intune weighs each device's user, which a tool cannot see.
    assert!(
        said.contains("Devicesunknown (at most 50: an excluded group has users"),
        "{said}"
    );
    assert!(said.contains(")0not known (at most 50"), "{said}");
    assert!(said.contains("Users added (20)User 00User 01"), "{said}");
    assert!(!said.contains("Show"), "20 names fit: {said}");
    assert!(said.contains("Device statuses: reading…"), "{said}");
    // While counting, nothing is said of who is reached yet.
    let counting = Answering {
        progress: Progress::Counting,
        ..Answering::default()
    };
    let said = text_of(&render(&counting, &question, [NAMES_SHOWN; 4]));
    assert_eq!(said, "ReachCounting members…");
}

#[test]
fn a_run_sums_exact_changes_and_says_when_one_is_not_known() {
    let exact = |added: u32, removed: u32| Change {
        before: graph_model::reach::reach(&[], &read::KnownDirectory(&Known::default())),
        after: graph_model::reach::reach(&[], &read::KnownDirectory(&Known::default())),
        users: Difference::Exact {
            added: (0..added).map(|n| n.to_string()).collect(),
            removed: (0..removed)
                .map(|n| format!("r{n}"))
                .collect::<BTreeSet<_>>(),
        },
        devices: Difference::Unknown("counted".into()),
    };
    let changes = [exact(1_200, 3), exact(800, 0)];
    assert_eq!(
        run_total(&changes, Audience::Users),
        ("+2,000 / \u{2212}3".to_owned(), "exact".to_owned())
    );
    assert_eq!(
        run_total(&changes, Audience::Devices),
        (
            "at least +0 / \u{2212}0".to_owned(),
            "2 configurations not known, the first because counted".to_owned()
        )
    );
    let question = Question {
        sets: vec![(vec![], vec![])],
        ..asked(true, &draft("c_1"), &listing()).unwrap()
    };
    let answering = Answering {
        progress: Progress::Done,
        ..Answering::default()
    };
    let said = text_of(&render_run(&answering, &question));
    assert!(said.starts_with("Reach of the run"), "{said}");
    assert!(said.contains("touch 1 configurations"), "{said}");
}

#[test]
fn a_count_in_a_batch_answer_is_a_number_or_a_number_as_text() {
    let answered = |body: serde_json::Value| Answered {
        status: 200,
        body: Some(body),
    };
    assert_eq!(count_of(&answered(serde_json::json!(42))), Some(42));
    assert_eq!(count_of(&answered(serde_json::json!("42"))), Some(42));
    assert_eq!(count_of(&answered(serde_json::json!({"value": 1}))), None);
}

#[test]
fn reads_are_used_again_for_the_same_service_and_token_for_a_while_only() {
    let question = asked(true, &draft("c_1"), &listing()).unwrap();
    let mut remembered = Remembered::default();
    assert_eq!(remembered.for_question(&question, 0.0).remembered, 0);
    let mut read = known();
    read.counts
        .push(((source(GROUP_GONE), Audience::Users), Err("refused".into())));
    read.members.push((
        (source(GROUP_GONE), Audience::Users),
        MemberList {
            members: Vec::new(),
            cut_short: Some("a page failed".into()),
        },
    ));
    remembered.learn(&read);
    let again = remembered.for_question(&question, 1_000.0);
    // Five counts and two complete lists; the refused count and the cut list are read again.
    assert_eq!(again.remembered, 7);
    assert_eq!(again.counts.len(), 5);
    let other_token = Question {
        token: "another".into(),
        ..question.clone()
    };
    assert_eq!(remembered.for_question(&other_token, 2_000.0).remembered, 0);
    remembered.learn(&read);
    assert_eq!(remembered.for_question(&other_token, 3_000.0).remembered, 7);
    let later = 3_000.0 + REMEMBERED_FOR_MS + 1.0;
    assert_eq!(remembered.for_question(&other_token, later).remembered, 0);
}

const GROUP_GONE: &str = "00000000-0000-4000-8000-0000000000ee";
