//! What Reach reads, and what it can say without reading more: a group's members are counted
//! first (`$count`, one request a group and audience); they are read member by member only where
//! an answer needs them (an overlap between groups of the set, or a change whose additions and
//! removals are to be named), and only up to [`MEMBER_READ_BOUND`] members a group, beyond which
//! the group stays counted and the answer says "at least".

use std::collections::BTreeSet;

use super::{Audience, Directory, Members};
use crate::ids::GroupId;
use crate::target::AssignmentTarget;

/// The most members of one group (or of the whole tenant, for All users and All devices) that
/// Reach reads one by one: 20,000, which is 21 pages of 999.
pub const MEMBER_READ_BOUND: u64 = 20_000;

/// Where members come from: a group, or the whole tenant (All users, All devices).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Source {
    /// A group's transitive members.
    Group(GroupId),
    /// Every user or every device of the tenant.
    Everyone,
}

/// One side of a change, as it matters for one audience: the sources included and excluded that
/// have members of that audience (or whose members are not known).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Side {
    /// Included sources (only [`Source::Everyone`] when the set includes everyone).
    pub included: BTreeSet<Source>,
    /// Excluded groups.
    pub excluded: BTreeSet<Source>,
}

impl Side {
    /// The side of `set` for `audience`, keeping the sources for which `matters` is true (those
    /// that may have members of the audience).
    pub fn of(
        set: &[AssignmentTarget],
        audience: Audience,
        matters: &dyn Fn(&Source) -> bool,
    ) -> Side {
        let mut side = Side::default();
        for target in set {
            match (target, audience) {
                (AssignmentTarget::AllLicensedUsers { .. }, Audience::Users)
                | (AssignmentTarget::AllDevices { .. }, Audience::Devices) => {
                    side.included.insert(Source::Everyone);
                }
                (AssignmentTarget::Group { group_id, .. }, _) => {
                    side.included.insert(Source::Group(group_id.clone()));
                }
                (AssignmentTarget::ExclusionGroup { group_id, .. }, _) => {
                    side.excluded.insert(Source::Group(group_id.clone()));
                }
                _ => {}
            }
        }
        if side.included.contains(&Source::Everyone) {
            side.included = BTreeSet::from([Source::Everyone]);
        }
        side.included.retain(|source| matters(source));
        side.excluded.retain(|source| matters(source));
        if side.included.is_empty() {
            side.excluded.clear();
        }
        side
    }

    /// Whether counts alone cannot give this side's reach: two included sources (their overlap),
    /// or an exclusion against an inclusion (theirs), except one exclusion from everyone.
    fn needs_members(&self) -> bool {
        let everyone_minus_one =
            self.included.contains(&Source::Everyone) && self.excluded.len() == 1;
        self.included.len() > 1 || (!self.excluded.is_empty() && !everyone_minus_one)
    }

    fn sources(&self) -> impl Iterator<Item = &Source> {
        self.included.iter().chain(&self.excluded)
    }
}

/// Whether the set before and the set after reach the same members of `audience` whatever the
/// groups hold: then the change adds and takes away no one, with no member read.
pub fn unchanged(
    before: &[AssignmentTarget],
    after: &[AssignmentTarget],
    audience: Audience,
    matters: &dyn Fn(&Source) -> bool,
) -> bool {
    Side::of(before, audience, matters) == Side::of(after, audience, matters)
}

/// The sources whose members of `audience` must be read for exact answers before and after and
/// for naming who a change adds and takes away, smallest first, given each source's count
/// (`None`: not known, so not worth reading). Sources above [`MEMBER_READ_BOUND`] are left out:
/// they stay counted.
pub fn to_read(
    before: &[AssignmentTarget],
    after: &[AssignmentTarget],
    audience: Audience,
    count: &dyn Fn(&Source) -> Option<u64>,
) -> Vec<Source> {
    let matters = |source: &Source| count(source) != Some(0);
    let (was, will) = (
        Side::of(before, audience, &matters),
        Side::of(after, audience, &matters),
    );
    let mut wanted: BTreeSet<&Source> = BTreeSet::new();
    if was != will {
        wanted.extend(was.sources().chain(will.sources()));
    } else if was.needs_members() {
        wanted.extend(was.sources());
    }
    let mut read: Vec<(u64, Source)> = wanted
        .into_iter()
        .filter_map(|source| Some((count(source)?, source.clone())))
        .filter(|(members, _)| *members <= MEMBER_READ_BOUND)
        .collect();
    read.sort();
    read.into_iter().map(|(_, source)| source).collect()
}

/// How many ids one membership check asks about (`$filter=id in (...)` holds at most 15 values).
pub const IDS_PER_CHECK: usize = 15;

/// The groups too large to read whose overlap with the exclusions of the same side must be
/// checked instead (each with those exclusions): a side that includes one group above
/// [`MEMBER_READ_BOUND`] and excludes groups that were all read (`read` is true for them).
pub fn to_check(
    before: &[AssignmentTarget],
    after: &[AssignmentTarget],
    audience: Audience,
    count: &dyn Fn(&Source) -> Option<u64>,
    read: &dyn Fn(&Source) -> bool,
) -> Vec<(GroupId, Vec<Source>)> {
    let matters = |source: &Source| count(source) != Some(0);
    let mut checks: Vec<(GroupId, Vec<Source>)> = Vec::new();
    for set in [before, after] {
        let side = Side::of(set, audience, &matters);
        let Some(Source::Group(group)) = side.included.first() else {
            continue;
        };
        let large = count(&Source::Group(group.clone())).is_some_and(|n| n > MEMBER_READ_BOUND);
        if side.included.len() != 1 || !large || side.excluded.is_empty() {
            continue;
        }
        if !side.excluded.iter().all(read) {
            continue;
        }
        let excluded: Vec<Source> = side.excluded.iter().cloned().collect();
        match checks.iter_mut().find(|(checked, _)| checked == group) {
            Some((_, known)) => {
                for source in excluded {
                    if !known.contains(&source) {
                        known.push(source);
                    }
                }
            }
            None => checks.push((group.clone(), excluded)),
        }
    }
    checks
}

/// The groups of `sets`, each once, in order of first appearance.
pub fn groups(sets: &[&[AssignmentTarget]]) -> Vec<GroupId> {
    let mut found: Vec<GroupId> = Vec::new();
    for target in sets.iter().flat_map(|set| set.iter()) {
        if let AssignmentTarget::Group { group_id, .. }
        | AssignmentTarget::ExclusionGroup { group_id, .. } = target
            && !found.contains(group_id)
        {
            found.push(group_id.clone());
        }
    }
    found
}

/// Whether `members` may hold someone: anything but none read or counted.
pub fn may_have_members(members: &Members) -> bool {
    !members.is_empty()
}

/// `directory`'s answer for `source`.
pub fn members_of(directory: &dyn Directory, source: &Source, audience: Audience) -> Members {
    match source {
        Source::Group(group) => directory.members(group, audience),
        Source::Everyone => directory.everyone(audience),
    }
}
