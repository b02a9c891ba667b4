use std::collections::{BTreeMap, BTreeSet};

use super::*;
use crate::target::AssignmentFilter;

const PILOTS: &str = "00000000-0000-4000-8000-000000000001";
const SALES: &str = "00000000-0000-4000-8000-000000000002";
const IPADS: &str = "00000000-0000-4000-8000-000000000003";
const EXECUTIVES: &str = "00000000-0000-4000-8000-000000000004";

/// A directory from plain lists: group → (users, devices).
#[derive(Default)]
struct Known {
    groups: BTreeMap<String, (Members, Members)>,
    users: Option<Members>,
    devices: Option<Members>,
}

fn ids(range: std::ops::Range<u32>, prefix: &str) -> BTreeSet<String> {
    range.map(|number| format!("{prefix}{number}")).collect()
}

fn listed(range: std::ops::Range<u32>, prefix: &str) -> Members {
    Members::Listed(ids(range, prefix))
}

fn none() -> Members {
    Members::Listed(BTreeSet::new())
}

impl Directory for Known {
    fn members(&self, group: &GroupId, audience: Audience) -> Members {
        let (users, devices) = self
            .groups
            .get(group.as_str())
            .cloned()
            .unwrap_or((none(), none()));
        match audience {
            Audience::Users => users,
            Audience::Devices => devices,
        }
    }

    fn everyone(&self, audience: Audience) -> Members {
        let known = match audience {
            Audience::Users => &self.users,
            Audience::Devices => &self.devices,
        };
        known
            .clone()
            .unwrap_or_else(|| Members::Unknown("not read".into()))
    }
}

fn group(id: &str) -> GroupId {
    GroupId::parse(id).unwrap()
}

fn include(id: &str) -> AssignmentTarget {
    AssignmentTarget::Group {
        group_id: group(id),
        filter: AssignmentFilter::default(),
    }
}

fn exclude(id: &str) -> AssignmentTarget {
    AssignmentTarget::ExclusionGroup {
        group_id: group(id),
        filter: AssignmentFilter::default(),
    }
}

fn all_users() -> AssignmentTarget {
    AssignmentTarget::AllLicensedUsers {
        filter: AssignmentFilter::default(),
    }
}

fn all_devices() -> AssignmentTarget {
    AssignmentTarget::AllDevices {
        filter: AssignmentFilter::default(),
    }
}

fn tenant() -> Known {
    let mut known = Known {
        users: Some(listed(0..100, "u")),
        devices: Some(Members::Counted(5_000)),
        ..Known::default()
    };
    known
        .groups
        .insert(PILOTS.into(), (listed(0..30, "u"), none()));
    known
        .groups
        .insert(SALES.into(), (listed(20..60, "u"), none()));
    known
        .groups
        .insert(IPADS.into(), (none(), listed(0..12, "d")));
    known
        .groups
        .insert(EXECUTIVES.into(), (listed(55..65, "u"), none()));
    known
}

fn exact(amount: &Amount) -> u64 {
    match amount {
        Amount::Exact(count, _) => *count,
        other => panic!("not exact: {other:?}"),
    }
}

#[test]
fn inclusions_add_exclusions_take_away_and_exclusion_wins() {
    let known = tenant();
    let reached = reach(&[include(PILOTS), include(SALES)], &known);
    assert_eq!(
        exact(&reached.users),
        60,
        "the overlap of 20..30 counts once"
    );
    assert_eq!(exact(&reached.devices), 0, "user groups reach no devices");
    let reached = reach(&[include(SALES), exclude(EXECUTIVES)], &known);
    assert_eq!(exact(&reached.users), 35, "20..55 are left");
    let reached = reach(&[include(EXECUTIVES), exclude(EXECUTIVES)], &known);
    assert_eq!(
        exact(&reached.users),
        0,
        "included and excluded: the exclusion wins"
    );
    assert_eq!(exact(&reach(&[], &known).users), 0);
}

#[test]
fn all_users_minus_a_group_and_all_devices_counted() {
    let known = tenant();
    let reached = reach(&[all_users(), exclude(EXECUTIVES)], &known);
    assert_eq!(exact(&reached.users), 90);
    let reached = reach(&[all_devices(), exclude(IPADS)], &known);
    assert_eq!(
        reached.devices,
        Amount::Exact(4_988, None),
        "a counted tenant minus a read group"
    );
    assert_eq!(reached.users, Amount::Exact(0, Some(BTreeSet::new())));
    let reached = reach(&[all_devices()], &known);
    assert_eq!(reached.devices, Amount::Exact(5_000, None));
}

#[test]
fn a_user_exclusion_against_a_device_target_is_unknown_with_the_reason() {
    let known = tenant();
    let reached = reach(&[include(IPADS), exclude(EXECUTIVES)], &known);
    let Amount::Unknown(why) = &reached.devices else {
        panic!("{reached:?}")
    };
    assert!(why.starts_with("at most 12:"), "{why}");
    assert!(why.contains("Intune weighs per user"), "{why}");
    assert_eq!(exact(&reached.users), 0);
}

#[test]
fn counts_alone_say_at_least_when_an_overlap_is_not_known() {
    let mut known = tenant();
    known
        .groups
        .insert(PILOTS.into(), (Members::Counted(30), none()));
    known
        .groups
        .insert(SALES.into(), (Members::Counted(40), none()));
    assert_eq!(
        reach(&[include(PILOTS)], &known).users,
        Amount::Exact(30, None)
    );
    let Amount::AtLeast(count, why) = reach(&[include(PILOTS), include(SALES)], &known).users
    else {
        panic!("at least")
    };
    assert_eq!(count, 40);
    assert!(why.contains("overlap is not known"), "{why}");
    let Amount::AtLeast(count, _) = reach(&[include(SALES), exclude(EXECUTIVES)], &known).users
    else {
        panic!("at least")
    };
    assert_eq!(count, 30, "40 less the 10 excluded at most");
}

#[test]
fn a_read_cut_short_or_refused_is_said_never_guessed() {
    let mut known = tenant();
    known.groups.insert(
        SALES.into(),
        (
            Members::Partial(ids(20..30, "u"), "stopped at the bound of 10".into()),
            none(),
        ),
    );
    let reached = reach(&[include(SALES), exclude(EXECUTIVES)], &known);
    assert_eq!(
        reached.users,
        Amount::AtLeast(10, "stopped at the bound of 10".into())
    );
    known.groups.insert(
        PILOTS.into(),
        (
            Members::Unknown("reading members needs GroupMember.Read.All".into()),
            none(),
        ),
    );
    let reached = reach(&[include(PILOTS)], &known);
    assert_eq!(
        reached.users,
        Amount::Unknown("reading members needs GroupMember.Read.All".into())
    );
    known
        .groups
        .insert(EXECUTIVES.into(), (Members::Counted(10), none()));
    let Amount::Unknown(why) = reach(&[include(PILOTS), exclude(EXECUTIVES)], &known).users else {
        panic!("unknown")
    };
    assert!(why.contains("GroupMember.Read.All"), "{why}");
    let mut listed_only = tenant();
    listed_only
        .groups
        .insert(EXECUTIVES.into(), (Members::Counted(10), none()));
    let Amount::Unknown(why) = reach(&[include(SALES), exclude(EXECUTIVES)], &listed_only).users
    else {
        panic!("unknown")
    };
    assert!(why.starts_with("at most 40:"), "{why}");
}

#[test]
fn a_change_adds_and_takes_away_exactly_when_members_were_read() {
    let known = tenant();
    let before = reach(&[include(PILOTS)], &known).users;
    let after = reach(&[include(SALES), exclude(EXECUTIVES)], &known).users;
    let Difference::Exact { added, removed } = difference(&before, &after) else {
        panic!("exact")
    };
    assert_eq!(added, ids(30..55, "u"));
    assert_eq!(removed, ids(0..20, "u"));
    assert_eq!(
        difference(&Amount::Exact(3, None), &after),
        Difference::Unknown("the groups were counted, not read member by member".into())
    );
    assert_eq!(thousands(1_840), "1,840");
    assert_eq!(thousands(50_000_000), "50,000,000");
    assert_eq!(thousands(12), "12");
}

#[test]
fn a_change_of_filter_only_adds_and_takes_away_no_one_even_counted() {
    let mut known = tenant();
    known
        .groups
        .insert(SALES.into(), (Members::Counted(40), none()));
    let filtered = AssignmentTarget::Group {
        group_id: group(SALES),
        filter: AssignmentFilter {
            id: Some(crate::ids::FilterId::parse(IPADS).unwrap()),
            filter_type: crate::target::FilterType::Include,
        },
    };
    let change = change(&[include(SALES)], &[filtered], &known);
    assert_eq!(
        change.users,
        Difference::Exact {
            added: BTreeSet::new(),
            removed: BTreeSet::new()
        }
    );
    assert_eq!(change.after.users, Amount::Exact(40, None));
    let moved = change_of(&known, &[include(SALES)], &[include(PILOTS)]);
    assert!(matches!(moved.users, Difference::Unknown(_)), "{moved:?}");
}

fn change_of(known: &Known, before: &[AssignmentTarget], after: &[AssignmentTarget]) -> Change {
    change(before, after, known)
}

#[test]
fn members_are_read_only_where_an_answer_needs_them_smallest_first_within_the_bound() {
    use plan::{MEMBER_READ_BOUND, Source, to_read};
    let counts: BTreeMap<Source, u64> = [
        (Source::Group(group(PILOTS)), 30),
        (Source::Group(group(SALES)), 40),
        (Source::Group(group(IPADS)), 0),
        (Source::Group(group(EXECUTIVES)), MEMBER_READ_BOUND + 1),
        (Source::Everyone, 100),
    ]
    .into();
    let count = |source: &Source| counts.get(source).copied();
    let users = Audience::Users;
    // One group, unchanged: its count is the answer.
    assert!(to_read(&[include(SALES)], &[include(SALES)], users, &count).is_empty());
    // A group with no users of this audience does not matter.
    assert!(
        to_read(
            &[include(SALES), exclude(IPADS)],
            &[include(SALES)],
            users,
            &count
        )
        .is_empty()
    );
    // Everyone minus one group: counts suffice.
    let everyone_but = [all_users(), exclude(SALES)];
    assert!(to_read(&everyone_but, &everyone_but, users, &count).is_empty());
    // An overlap: both read, the smaller first.
    assert_eq!(
        to_read(
            &[include(SALES), exclude(PILOTS)],
            &[include(SALES), exclude(PILOTS)],
            users,
            &count
        ),
        vec![Source::Group(group(PILOTS)), Source::Group(group(SALES))]
    );
    // A change: both sides read, to name who is added and removed.
    assert_eq!(
        to_read(&[include(SALES)], &[all_users()], users, &count),
        vec![Source::Group(group(SALES)), Source::Everyone]
    );
    // Beyond the bound, a group stays counted; a count not known is not read.
    assert_eq!(
        to_read(
            &[include(EXECUTIVES), exclude(PILOTS)],
            &[include(EXECUTIVES), exclude(PILOTS)],
            users,
            &count
        ),
        vec![Source::Group(group(PILOTS))]
    );
    let unknown = GroupId::parse("00000000-0000-4000-8000-0000000000ff").unwrap();
    let with_unknown = [
        include(SALES),
        AssignmentTarget::ExclusionGroup {
            group_id: unknown,
            filter: AssignmentFilter::default(),
        },
    ];
    assert_eq!(
        to_read(&with_unknown, &with_unknown, users, &count),
        vec![Source::Group(group(SALES))]
    );
    assert_eq!(
        plan::groups(&[
            &[include(SALES), exclude(PILOTS)],
            &[include(PILOTS), all_users()]
        ]),
        vec![group(SALES), group(PILOTS)]
    );
}

#[test]
fn a_large_inclusion_less_read_exclusions_is_exact_once_their_overlap_is_checked() {
    use plan::{MEMBER_READ_BOUND, Source, to_check};
    struct Large {
        checked: Option<Checked>,
    }
    impl Directory for Large {
        fn members(&self, group: &GroupId, audience: Audience) -> Members {
            match (group.as_str(), audience) {
                (_, Audience::Devices) => none(),
                (PILOTS, _) => Members::Counted(50_000),
                _ => listed(0..5_000, "u"),
            }
        }
        fn everyone(&self, _: Audience) -> Members {
            Members::Counted(60_000)
        }
        fn checked(&self, _: &GroupId, _: Audience) -> Option<Checked> {
            self.checked.clone()
        }
    }
    let set = [include(PILOTS), exclude(SALES)];
    let unchecked = reach(&set, &Large { checked: None }).users;
    assert!(
        matches!(unchecked, Amount::AtLeast(45_000, _)),
        "{unchecked:?}"
    );
    let found = ids(0..4_000, "u");
    let checked = Large {
        checked: Some(Checked {
            asked: ids(0..5_000, "u"),
            found,
        }),
    };
    assert_eq!(reach(&set, &checked).users, Amount::Exact(46_000, None));
    // A check that did not ask about every excluded member says nothing.
    let short = Large {
        checked: Some(Checked {
            asked: ids(0..10, "u"),
            found: ids(0..10, "u"),
        }),
    };
    assert!(matches!(reach(&set, &short).users, Amount::AtLeast(..)));
    // Everyone less read exclusions needs no check.
    let everyone = reach(
        &[all_users(), exclude(SALES), exclude(IPADS)],
        &Large { checked: None },
    );
    assert_eq!(everyone.users, Amount::Exact(55_000, None));
    // What to check: the large inclusion, against exclusions that were read.
    let count = |source: &Source| match source {
        Source::Group(group) if group.as_str() == PILOTS => Some(MEMBER_READ_BOUND * 2),
        _ => Some(5_000),
    };
    assert_eq!(
        to_check(&set, &set, Audience::Users, &count, &|_| true),
        vec![(group(PILOTS), vec![Source::Group(group(SALES))])]
    );
    assert!(to_check(&set, &set, Audience::Users, &count, &|_| false).is_empty());
    assert!(
        to_check(
            &[include(SALES), exclude(PILOTS)],
            &[include(SALES)],
            Audience::Users,
            &count,
            &|_| true
        )
        .is_empty()
    );
}

#[test]
fn statuses_are_summed_in_the_admin_centers_words_and_matched_by_device_name() {
    use status::{DeviceStatus, of_removed, tally, tally_words};
    let device = |name: &str, status: Option<&str>| DeviceStatus {
        device_display_name: Some(name.into()),
        user_principal_name: None,
        status: status.map(str::to_owned),
    };
    let statuses = vec![
        device("IPAD-1", Some("error")),
        device("ipad-2", Some("compliant")),
        device("IPAD-3", Some("error")),
        device("IPAD-4", None),
        device("IPAD-5", Some("pendingInstall")),
    ];
    let summed = tally(statuses.iter().map(|status| status.status.as_deref()));
    assert_eq!(
        tally_words(&summed),
        "1 Succeeded, 2 Error, 1 Unknown, 1 pendingInstall"
    );
    assert_eq!(tally_words(&[]), "none reported");
    let removed: BTreeSet<String> = ["ipad-1".into(), "IPAD-2".into(), "IPAD-9".into()].into();
    let matched = of_removed(&statuses, &removed);
    assert_eq!(
        tally_words(&tally(
            matched.iter().map(|status| status.status.as_deref())
        )),
        "1 Succeeded, 1 Error"
    );
}

/// Property tests run natively (proptest is not built for wasm32).
#[cfg(not(target_arch = "wasm32"))]
mod properties {

    use proptest::prelude::*;

    use super::super::{Amount, apply, difference};

    proptest! {
        #[test]
        fn the_difference_added_to_the_first_gives_the_second(
            before in proptest::collection::btree_set("[a-f]{1,2}", 0..20),
            after in proptest::collection::btree_set("[a-f]{1,2}", 0..20),
        ) {
            let one = Amount::Exact(before.len() as u64, Some(before.clone()));
            let two = Amount::Exact(after.len() as u64, Some(after.clone()));
            let changed = difference(&one, &two);
            prop_assert_eq!(apply(&before, &changed), Some(after));
        }
    }
}
