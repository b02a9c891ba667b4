use std::collections::BTreeMap;

use proptest::prelude::*;

use super::compare::{Difference, NotCompared, Presence, apply, compare, differences};
use super::restore::{RestoreWrite, SinceRun, restore_plan, set_for_assign, since_run};
use super::*;
use crate::ids::GroupId;
use crate::target::AssignmentFilter;

const ROOT: &str = "http://127.0.0.1:8080";

fn group(n: u8) -> AssignmentTarget {
    AssignmentTarget::Group {
        group_id: GroupId::parse(&format!("aaaa0000-0000-4000-8000-0000000000{n:02x}")).unwrap(),
        filter: AssignmentFilter::default(),
    }
}

fn configuration(id: &str, assignments: &[(&str, AssignmentTarget)]) -> ConfigurationSet {
    ConfigurationSet {
        id: ConfigurationId::parse(id).unwrap(),
        display_name: format!("Profile {id}"),
        assignments: assignments
            .iter()
            .map(|(id, target)| SnapshotAssignment {
                id: AssignmentId::parse(id).unwrap(),
                target: target.clone(),
            })
            .collect(),
    }
}

fn snapshot(configurations: Vec<ConfigurationSet>) -> Snapshot {
    let names = BTreeMap::from([
        (
            "AAAA0000-0000-4000-8000-000000000001".to_owned(),
            "Sales".to_owned(),
        ),
        (
            "bbbb0000-0000-4000-8000-000000000009".to_owned(),
            "Not targeted".to_owned(),
        ),
    ]);
    Snapshot::new(
        "2026-12-04T10:00:00Z",
        ROOT,
        configurations,
        Vec::new(),
        names,
    )
}

fn tenant() -> Snapshot {
    snapshot(vec![
        configuration("c2", &[("c2_b", group(2)), ("c2_a", group(1))]),
        configuration("c1", &[("c1_a", group(1))]),
    ])
}

#[test]
fn the_same_tenant_in_any_order_gives_the_same_file() {
    let reordered = snapshot(vec![
        configuration("c1", &[("c1_a", group(1))]),
        configuration("c2", &[("c2_a", group(1)), ("c2_b", group(2))]),
    ]);
    assert_eq!(tenant().to_text(), reordered.to_text());
    assert!(tenant().to_text().ends_with("}\n"));
}

#[test]
fn a_snapshot_reads_back_as_it_was_written() {
    let written = tenant();
    assert_eq!(Snapshot::parse(&written.to_text()), Ok(written.clone()));
    assert_eq!(written.assignment_count(), 3);
    // Only the names of ids its targets name are kept, in lower case.
    assert_eq!(
        written.names.keys().collect::<Vec<_>>(),
        ["aaaa0000-0000-4000-8000-000000000001"]
    );
}

fn refusal(text: &str) -> Refused {
    Snapshot::parse(text).expect_err("a hostile file must be refused")
}

#[test]
fn a_hostile_file_is_refused_whole_with_where_it_is_wrong() {
    let good: serde_json::Value = serde_json::from_str(&tenant().to_text()).unwrap();
    let with = |pointer: &str, value: serde_json::Value| {
        let mut changed = good.clone();
        *changed.pointer_mut(pointer).unwrap() = value;
        changed.to_string()
    };
    assert_eq!(refusal("{").place, "line 1, column 1");
    assert_eq!(refusal("[]").place, "/kind");
    assert_eq!(refusal(&with("/kind", "journal".into())).place, "/kind");
    let newer = refusal(&with("/schema", 2.into()));
    assert_eq!(newer.place, "/schema");
    assert!(newer.reason.contains("schema 2 is not 1"), "{newer}");
    let unknown = {
        let mut changed = good.clone();
        changed["token"] = "eyJ0eXAi".into();
        refusal(&changed.to_string())
    };
    assert!(
        unknown.reason.contains("unknown field `token`"),
        "{unknown}"
    );
    let target = with(
        "/configurations/0/assignments/0/target",
        serde_json::json!({"@odata.type": "#microsoft.graph.groupAssignmentTarget"}),
    );
    assert!(Snapshot::parse(&target).is_err());
    let twice = with("/configurations/1/assignments/1/id", "c2_a".into());
    assert_eq!(refusal(&twice).place, "/configurations/1/assignments/1/id");
    let out_of_order = with("/configurations/1/id", "c0".into());
    assert_eq!(refusal(&out_of_order).place, "/configurations/1/id");
    let claims_complete = {
        let mut changed = good.clone();
        changed["unfinished"] = serde_json::json!(["c9: answered 403."]);
        refusal(&changed.to_string())
    };
    assert_eq!(claims_complete.place, "/complete");
    let long_name = with(
        "/configurations/0/displayName",
        "x".repeat(MAX_WORDS + 1).into(),
    );
    assert_eq!(refusal(&long_name).place, "/configurations/0/displayName");
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    assert!(refusal(&deep).place.starts_with("line 1"));
    let huge = " ".repeat(MAX_SNAPSHOT_TEXT + 1);
    assert_eq!(refusal(&huge).place, "the file");
}

#[test]
fn an_incomplete_side_is_refused_never_shown_as_removals() {
    let mut scan = snapshot(vec![configuration("c2", &[])]);
    scan = Snapshot::new(
        &scan.taken_at,
        ROOT,
        scan.configurations,
        vec!["c1: reading its assignments answered 403.".to_owned()],
        BTreeMap::new(),
    );
    assert!(!scan.complete);
    let refused = compare(&tenant(), &scan).unwrap_err();
    assert!(matches!(
        refused,
        NotCompared::Incomplete("the newer side", _)
    ));
    assert!(refused.to_string().contains("answered 403"));
    let elsewhere = Snapshot::new(
        "now",
        "https://graph.microsoft.com",
        vec![],
        vec![],
        BTreeMap::new(),
    );
    assert!(matches!(
        compare(&tenant(), &elsewhere),
        Err(NotCompared::ElsewhereRead(..))
    ));
}

#[test]
fn compare_finds_each_kind_of_difference_per_configuration() {
    let now = snapshot(vec![
        configuration("c1", &[("c1_a", group(3)), ("c1_n", group(4))]),
        configuration("c2", &[("c2_a", group(1))]),
        configuration("c3", &[("c3_a", group(1))]),
    ]);
    let found = compare(&tenant(), &now).unwrap();
    let c1 = &found[0];
    assert_eq!(c1.display_name, "Profile c1");
    assert_eq!(
        c1.differences,
        [
            Difference::Changed {
                assignment: AssignmentId::parse("c1_a").unwrap(),
                before: group(1),
                after: group(3),
            },
            Difference::Added {
                assignment: AssignmentId::parse("c1_n").unwrap(),
                target: group(4),
            },
        ]
    );
    assert!(matches!(
        &found[1].differences[..],
        [Difference::Removed { .. }]
    ));
    assert_eq!(found[2].presence, Presence::NewerOnly);
    assert_eq!(found.len(), 3);
    assert_eq!(compare(&now, &now), Ok(vec![]));
    // Removed and made again with the same target (a new id): not a difference of who it
    // targets, and counted apart.
    let remade = snapshot(vec![
        configuration("c1", &[("c1_z", group(1))]),
        configuration("c2", &[("c2_a", group(1)), ("c2_b", group(2))]),
    ]);
    let found = compare(&tenant(), &remade).unwrap();
    assert_eq!(found.len(), 1);
    assert!(found[0].differences.is_empty());
    assert_eq!(found[0].remade, 1);
    let sets = differences(&tenant().sets(), &remade.sets());
    assert!(matches!(
        &sets.values().next().unwrap().1[..],
        [Difference::Remade { .. }]
    ));
}

#[test]
fn the_restore_plan_puts_each_kind_of_difference_back() {
    let now = snapshot(vec![
        configuration("c1", &[("c1_a", group(3)), ("c1_n", group(1))]),
        configuration("c2", &[("c2_a", group(1))]),
    ]);
    let found = compare(&tenant(), &now).unwrap();
    let (writes, left_out) = restore_plan(&found, |_, _| true);
    assert!(left_out.is_empty());
    let c1 = ConfigurationId::parse("c1").unwrap();
    assert_eq!(
        writes,
        [
            RestoreWrite::Delete {
                configuration: c1.clone(),
                assignment: AssignmentId::parse("c1_n").unwrap(),
                target: group(1),
            },
            RestoreWrite::Patch {
                configuration: c1,
                assignment: AssignmentId::parse("c1_a").unwrap(),
                target: group(1),
            },
            RestoreWrite::Create {
                configuration: ConfigurationId::parse("c2").unwrap(),
                was: AssignmentId::parse("c2_b").unwrap(),
                target: group(2),
            },
        ]
    );
    let only_changed = restore_plan(&found, |_, assignment| assignment.as_str() == "c1_a").0;
    assert!(matches!(&only_changed[..], [RestoreWrite::Patch { .. }]));
    let deleted = compare(
        &tenant(),
        &snapshot(vec![configuration(
            "c2",
            &[("c2_a", group(1)), ("c2_b", group(2))],
        )]),
    )
    .unwrap();
    let (writes, left_out) = restore_plan(&deleted, |_, _| true);
    assert!(writes.is_empty());
    assert!(left_out[0].contains("deleted since"), "{left_out:?}");
}

#[test]
fn undo_leaves_alone_what_was_changed_since() {
    let (before, written) = (group(1), group(2));
    assert_eq!(
        since_run(&before, &written, Some(&written)),
        SinceRun::Undoable
    );
    assert_eq!(
        since_run(&before, &written, Some(&before)),
        SinceRun::AlreadyBack
    );
    assert_eq!(
        since_run(&before, &written, Some(&group(3))),
        SinceRun::ChangedSince(Some(group(3)))
    );
    assert_eq!(
        since_run(&before, &written, None),
        SinceRun::ChangedSince(None)
    );
}

fn sets() -> impl Strategy<Value = Sets> {
    let target = (0u8..6).prop_map(group);
    let set = proptest::collection::btree_map(
        (0u8..6).prop_map(|n| AssignmentId::parse(&format!("a{n}")).unwrap()),
        target,
        0..5,
    );
    proptest::collection::btree_map(
        (0u8..4).prop_map(|n| ConfigurationId::parse(&format!("c{n}")).unwrap()),
        set,
        0..4,
    )
}

proptest! {
    #[test]
    fn applying_the_differences_to_the_older_gives_the_newer(older in sets(), newer in sets()) {
        let found = differences(&older, &newer);
        prop_assert_eq!(apply(&older, &found), newer.clone());
        prop_assert!(differences(&newer, &newer).is_empty());
    }

    #[test]
    fn restoring_every_difference_gives_the_older_back(older in sets(), newer in sets()) {
        let found: Vec<_> = differences(&older, &newer)
            .into_iter()
            .map(|(configuration, (presence, differences))| compare::ConfigurationDifferences {
                display_name: configuration.to_string(),
                configuration,
                presence,
                differences,
                remade: 0,
            })
            .collect();
        let (writes, _) = restore_plan(&found, |_, _| true);
        // The same writes as one `/assign` per configuration, where routes are not served.
        let through_assign: BTreeMap<_, _> = newer
            .iter()
            .map(|(id, set)| {
                let now: Vec<_> = set.iter().map(|(id, target)| (id.clone(), target.clone())).collect();
                let mine: Vec<_> = writes.iter().filter(|write| write.configuration() == id).cloned().collect();
                (id.clone(), set_for_assign(&now, &mine))
            })
            .collect();
        let mut tenant = newer.clone();
        for write in writes {
            let set = tenant.entry(write.configuration().clone()).or_default();
            match write {
                RestoreWrite::Delete { assignment, .. } => { set.remove(&assignment); }
                RestoreWrite::Patch { assignment, target, .. } => { set.insert(assignment, target); }
                RestoreWrite::Create { was, target, .. } => { set.insert(was, target); }
            }
        }
        // Every configuration on both sides is as it was; one made since is left empty; one
        // deleted since cannot come back.
        // Made-again assignments have new ids, so sets are compared by their targets.
        let targets = |set: &BTreeMap<AssignmentId, AssignmentTarget>| {
            let mut targets: Vec<String> = set.values().map(AssignmentTarget::summary).collect();
            targets.sort();
            targets
        };
        for (id, set) in &tenant {
            match older.get(id) {
                Some(was) => prop_assert_eq!(targets(set), targets(was)),
                None => prop_assert!(set.is_empty()),
            }
            let mut assigned: Vec<String> = through_assign[id].iter().map(AssignmentTarget::summary).collect();
            assigned.sort();
            prop_assert_eq!(assigned, targets(set));
        }
    }
}
