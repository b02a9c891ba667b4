//! Who a configuration's whole assignment set reaches, from what is known of its groups'
//! members: Intune's targeting rules as functions. Included groups, All users and All devices
//! add; exclusion groups take away, and exclusion wins. Users and devices are kept apart: a group's
//! user members are reached as users and its device members as devices. Where the answer depends
//! on what a tool cannot see (a user excluded from a device target or the reverse, which Intune
//! decides per user of each device; members not read; a read cut short or refused), the answer is
//! "at least N" or "unknown", with the reason, never a guess.

use std::collections::BTreeSet;

use crate::ids::GroupId;
use plan::{Source, may_have_members, members_of, unchanged};

pub mod plan;
pub mod status;
use crate::target::AssignmentTarget;

/// Users or devices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Audience {
    /// Users (All users; a group's user members).
    Users,
    /// Devices (All devices; a group's device members).
    Devices,
}

impl Audience {
    /// The word for them.
    pub fn word(self) -> &'static str {
        match self {
            Audience::Users => "users",
            Audience::Devices => "devices",
        }
    }
}

/// What is known of one group's members of one audience (or of the whole tenant's, for All users
/// and All devices).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Members {
    /// Every member read, by object id.
    Listed(BTreeSet<String>),
    /// Only how many there are (`$count`).
    Counted(u64),
    /// Some read: at least these, the rest not (a bound reached, a page that failed).
    Partial(BTreeSet<String>, String),
    /// Not known, and why (a permission missing, a failed read).
    Unknown(String),
}

impl Members {
    fn lower_bound(&self) -> u64 {
        match self {
            Members::Listed(ids) | Members::Partial(ids, _) => ids.len() as u64,
            Members::Counted(count) => *count,
            Members::Unknown(_) => 0,
        }
    }

    fn is_empty(&self) -> bool {
        matches!(self, Members::Listed(ids) if ids.is_empty()) || *self == Members::Counted(0)
    }
}

/// How many are reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Amount {
    /// Exactly these, by object id when the members were read.
    Exact(u64, Option<BTreeSet<String>>),
    /// At least this many, and why no more is known.
    AtLeast(u64, String),
    /// Not known, and why.
    Unknown(String),
}

impl Amount {
    /// In words: "312", "at least 1,840 (…)", "unknown (…)".
    pub fn words(&self) -> String {
        match self {
            Amount::Exact(count, _) => thousands(*count),
            Amount::AtLeast(count, why) => format!("at least {} ({why})", thousands(*count)),
            Amount::Unknown(why) => format!("unknown ({why})"),
        }
    }
}

/// `1840` as `1,840`.
pub fn thousands(count: u64) -> String {
    let digits = count.to_string();
    let mut text = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            text.push(',');
        }
        text.push(digit);
    }
    text
}

/// What the rules are given: each group's members of an audience, and the tenant's whole audience
/// (for All users and All devices).
pub trait Directory {
    /// The members of `group` of `audience`.
    fn members(&self, group: &GroupId, audience: Audience) -> Members;
    /// Every user or every device of the tenant.
    fn everyone(&self, audience: Audience) -> Members;
    /// Which of some ids were checked for membership in `group` (of `audience`), and which of
    /// them are members: how an exclusion's overlap with a group too large to read is known.
    fn checked(&self, _group: &GroupId, _audience: Audience) -> Option<Checked> {
        None
    }
}

/// Ids checked for membership in a group, and those found in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Checked {
    /// The ids asked about.
    pub asked: BTreeSet<String>,
    /// Those of them that are members.
    pub found: BTreeSet<String>,
}

/// The users and the devices a set of targets reaches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reach {
    /// Users reached.
    pub users: Amount,
    /// Devices reached.
    pub devices: Amount,
}

/// Who `set` reaches, with what `directory` knows.
pub fn reach(set: &[AssignmentTarget], directory: &dyn Directory) -> Reach {
    Reach {
        users: reach_of(set, directory, Audience::Users),
        devices: reach_of(set, directory, Audience::Devices),
    }
}

/// The other audience.
fn other(audience: Audience) -> Audience {
    match audience {
        Audience::Users => Audience::Devices,
        Audience::Devices => Audience::Users,
    }
}

fn reach_of(set: &[AssignmentTarget], directory: &dyn Directory, audience: Audience) -> Amount {
    let everyone = set.iter().any(|target| {
        matches!(
            (target, audience),
            (AssignmentTarget::AllLicensedUsers { .. }, Audience::Users)
                | (AssignmentTarget::AllDevices { .. }, Audience::Devices)
        )
    });
    let mut included: Vec<(Option<&GroupId>, Members)> = set
        .iter()
        .filter_map(|target| match target {
            AssignmentTarget::Group { group_id, .. } => {
                Some((Some(group_id), directory.members(group_id, audience)))
            }
            _ => None,
        })
        .collect();
    if everyone {
        // Everyone holds every group's members: the others add nothing.
        included = vec![(None, directory.everyone(audience))];
    }
    included.retain(|(_, members)| !members.is_empty());
    let excluded: Vec<Members> = set
        .iter()
        .filter_map(|target| match target {
            AssignmentTarget::ExclusionGroup { group_id, .. } => {
                Some(directory.members(group_id, audience))
            }
            _ => None,
        })
        .filter(|members| !members.is_empty())
        .collect();
    if included.is_empty() {
        return Amount::Exact(0, Some(BTreeSet::new()));
    }
    // An exclusion of the other audience against this one is Intune's to decide per user of
    // each device (or per device of each user): a tool cannot see it.
    let crossed = set.iter().any(|target| match target {
        AssignmentTarget::ExclusionGroup { group_id, .. } => {
            !directory.members(group_id, other(audience)).is_empty()
        }
        _ => false,
    });
    let amount = match overlap_known(&included, &excluded, directory, audience) {
        Some(amount) => amount,
        None => {
            let included: Vec<Members> = included.into_iter().map(|(_, members)| members).collect();
            combine(&included, &excluded, everyone, audience)
        }
    };
    if crossed {
        let why = format!(
            "an excluded group has {} as members, which Intune weighs per {} of each of these {}",
            other(audience).word(),
            match audience {
                Audience::Users => "device",
                Audience::Devices => "user",
            },
            audience.word()
        );
        return match amount {
            Amount::Exact(count, _) | Amount::AtLeast(count, _) if count > 0 => {
                Amount::Unknown(format!("at most {}: {why}", thousands(count)))
            }
            other => other,
        };
    }
    amount
}

/// One counted inclusion less exclusions read in full, where their overlap with it is known
/// without reading it: everyone holds every excluded member; a group holds those a check found.
fn overlap_known(
    included: &[(Option<&GroupId>, Members)],
    excluded: &[Members],
    directory: &dyn Directory,
    audience: Audience,
) -> Option<Amount> {
    let [(group, Members::Counted(count))] = included else {
        return None;
    };
    let mut union = BTreeSet::new();
    for members in excluded {
        let Members::Listed(ids) = members else {
            return None;
        };
        union.extend(ids.iter().cloned());
    }
    let inside = match group {
        None => union.len() as u64,
        Some(group) => {
            let checked = directory.checked(group, audience)?;
            if !union.is_subset(&checked.asked) {
                return None;
            }
            checked.found.intersection(&union).count() as u64
        }
    };
    Some(Amount::Exact(count.saturating_sub(inside), None))
}

/// The included members minus the excluded ones.
fn combine(
    included: &[Members],
    excluded: &[Members],
    everyone: bool,
    audience: Audience,
) -> Amount {
    if let Some(why) = included.iter().find_map(|members| match members {
        Members::Unknown(why) => Some(why.clone()),
        _ => None,
    }) {
        return Amount::Unknown(why);
    }
    let listed = |all: &[Members]| -> Option<BTreeSet<String>> {
        let mut union = BTreeSet::new();
        for members in all {
            match members {
                Members::Listed(ids) => union.extend(ids.iter().cloned()),
                _ => return None,
            }
        }
        Some(union)
    };
    let read = |members: &Members| match members {
        Members::Listed(ids) | Members::Partial(ids, _) => Some(ids.clone()),
        _ => None,
    };
    let partial = included.iter().find_map(|members| match members {
        Members::Partial(_, why) => Some(why.clone()),
        _ => None,
    });
    let included_read: Option<Vec<BTreeSet<String>>> = included.iter().map(read).collect();
    match (included_read, listed(excluded)) {
        (Some(included), Some(excluded)) => {
            let union: BTreeSet<String> = included.into_iter().flatten().collect();
            let reached: BTreeSet<String> = union.difference(&excluded).cloned().collect();
            match partial {
                None => Amount::Exact(reached.len() as u64, Some(reached)),
                Some(why) => Amount::AtLeast(reached.len() as u64, why),
            }
        }
        (Some(included), None) => {
            // Partial or counted exclusions: those read are taken away; the rest may be too.
            let union: BTreeSet<String> = included.into_iter().flatten().collect();
            let taken: BTreeSet<String> = excluded.iter().filter_map(read).flatten().collect();
            let left = union.difference(&taken).count() as u64;
            Amount::Unknown(format!(
                "at most {}: not every member of the excluded groups was read",
                thousands(left)
            ))
        }
        (None, _) => counted(included, excluded, everyone, audience),
    }
}

/// The answer from counts, where members were not all read.
fn counted(
    included: &[Members],
    excluded: &[Members],
    everyone: bool,
    audience: Audience,
) -> Amount {
    let largest = included.iter().map(Members::lower_bound).max().unwrap_or(0);
    let partial = included.iter().find_map(|members| match members {
        Members::Partial(_, why) => Some(why.clone()),
        _ => None,
    });
    if let Some(why) = partial {
        return Amount::AtLeast(largest, why);
    }
    let excluded_count: u64 = excluded.iter().map(Members::lower_bound).sum();
    match (included, excluded.is_empty()) {
        ([Members::Counted(count)], true) => Amount::Exact(*count, None),
        ([Members::Counted(count)], false) if everyone && excluded.len() == 1 => {
            // Every excluded member is among everyone.
            let taken = excluded[0].lower_bound();
            match &excluded[0] {
                Members::Listed(_) | Members::Counted(_) => {
                    Amount::Exact(count.saturating_sub(taken), None)
                }
                _ => Amount::Unknown(format!(
                    "at most {}: not every member of the excluded group was read",
                    thousands(count.saturating_sub(taken))
                )),
            }
        }
        (_, true) => Amount::AtLeast(
            largest,
            format!(
                "the included groups were counted, not read, so their overlap is not known ({} {})",
                thousands(included.iter().map(Members::lower_bound).sum()),
                audience.word()
            ),
        ),
        (_, false) => Amount::AtLeast(
            largest.saturating_sub(excluded_count),
            "the members of the included and excluded groups are needed to know their overlap"
                .to_owned(),
        ),
    }
}

/// What a change adds and takes away: the members reached after and not before, and the other way
/// round. Exact only when both sides were read member by member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// The ids added and removed.
    Exact {
        /// Reached after, not before.
        added: BTreeSet<String>,
        /// Reached before, not after.
        removed: BTreeSet<String>,
    },
    /// Not known member by member, and why.
    Unknown(String),
}

/// The difference between who is reached `before` and `after`.
pub fn difference(before: &Amount, after: &Amount) -> Difference {
    match (before, after) {
        (Amount::Exact(_, Some(before)), Amount::Exact(_, Some(after))) => Difference::Exact {
            added: after.difference(before).cloned().collect(),
            removed: before.difference(after).cloned().collect(),
        },
        (Amount::Exact(_, None), _) | (_, Amount::Exact(_, None)) => {
            Difference::Unknown("the groups were counted, not read member by member".to_owned())
        }
        (Amount::AtLeast(_, why) | Amount::Unknown(why), _)
        | (_, Amount::AtLeast(_, why) | Amount::Unknown(why)) => Difference::Unknown(why.clone()),
    }
}

/// Who a change reaches before and after, and whom it adds and takes away.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Reached now.
    pub before: Reach,
    /// Reached after the change.
    pub after: Reach,
    /// Users added and removed.
    pub users: Difference,
    /// Devices added and removed.
    pub devices: Difference,
}

/// The change from the set `before` to the set `after`: where both sides reach the same groups
/// of an audience (say, only a filter changed), it adds and takes away no one, read or not.
pub fn change(
    before: &[AssignmentTarget],
    after: &[AssignmentTarget],
    directory: &dyn Directory,
) -> Change {
    let (was, will) = (reach(before, directory), reach(after, directory));
    let of = |audience: Audience, was: &Amount, will: &Amount| {
        let matters = |source: &Source| may_have_members(&members_of(directory, source, audience));
        if unchanged(before, after, audience, &matters) {
            Difference::Exact {
                added: BTreeSet::new(),
                removed: BTreeSet::new(),
            }
        } else {
            difference(was, will)
        }
    };
    Change {
        users: of(Audience::Users, &was.users, &will.users),
        devices: of(Audience::Devices, &was.devices, &will.devices),
        before: was,
        after: will,
    }
}

/// `before` with `difference` applied: the set after (for a check that nothing is lost).
pub fn apply(before: &BTreeSet<String>, difference: &Difference) -> Option<BTreeSet<String>> {
    match difference {
        Difference::Exact { added, removed } => Some(
            before
                .difference(removed)
                .chain(added.iter())
                .cloned()
                .collect(),
        ),
        Difference::Unknown(_) => None,
    }
}

#[cfg(test)]
mod tests;
