//! The directory behind the groups, for Reach: users, devices and each group's direct members
//! (users, devices and other groups, so memberships nest). The sample's is made here, consistent
//! with the sample's groups: an assigned user group that holds a nested one, dynamic user and
//! device groups, shared devices.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

/// A user of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The object id.
    pub id: String,
    /// The name.
    pub display_name: String,
    /// The sign-in name.
    pub user_principal_name: String,
}

/// A device of the directory.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Device {
    /// The object id.
    pub id: String,
    /// The name.
    pub display_name: String,
    /// The device id (what an Intune managed device's `azureADDeviceId` holds).
    pub device_id: String,
    /// `iOS` or `iPadOS`.
    pub operating_system: String,
}

/// Users, devices and memberships.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Members {
    /// The users.
    #[serde(default)]
    pub users: Vec<User>,
    /// The devices.
    #[serde(default)]
    pub devices: Vec<Device>,
    /// Each group's direct members, by object id (users, devices or groups).
    #[serde(default)]
    pub memberships: BTreeMap<String, Vec<String>>,
    /// Users and devices by lower-case id, made on first use (the directory does not change
    /// once loaded).
    #[serde(skip)]
    index: OnceLock<Index>,
}

/// Where each user and device is in [`Members`]' lists, by lower-case id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Index {
    users: HashMap<String, usize>,
    devices: HashMap<String, usize>,
    /// The groups each object is a direct member of.
    parents: HashMap<String, Vec<String>>,
}

/// `id` in lower case, copied only when it is not already.
fn lower(id: &str) -> Cow<'_, str> {
    if id.bytes().any(|byte| byte.is_ascii_uppercase()) {
        Cow::Owned(id.to_ascii_lowercase())
    } else {
        Cow::Borrowed(id)
    }
}

/// A directory object as a member list shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Member<'a> {
    /// A user.
    User(&'a User),
    /// A device.
    Device(&'a Device),
    /// A group (only among direct members; transitive lists flatten them).
    Group(&'a str),
}

impl Member<'_> {
    /// The member's object id.
    pub fn id(&self) -> &str {
        match self {
            Member::User(user) => &user.id,
            Member::Device(device) => &device.id,
            Member::Group(id) => id,
        }
    }
}

impl Members {
    /// The direct members of `group`, or with `transitive` every member reached through nested
    /// groups (each once, groups themselves included as Graph lists them).
    pub fn of(&self, group: &str, transitive: bool) -> Vec<Member<'_>> {
        let index = self.index();
        let mut seen: HashSet<Cow<'_, str>> = HashSet::new();
        let mut found = Vec::new();
        let mut waiting = vec![lower(group).into_owned()];
        while let Some(next) = waiting.pop() {
            for id in self.memberships.get(&next).into_iter().flatten() {
                let id = lower(id);
                if seen.contains(&id) {
                    continue;
                }
                if let Some(&at) = index.users.get(id.as_ref()) {
                    found.push(Member::User(&self.users[at]));
                } else if let Some(&at) = index.devices.get(id.as_ref()) {
                    found.push(Member::Device(&self.devices[at]));
                } else if let Some((group, _)) = self.memberships.get_key_value(id.as_ref()) {
                    found.push(Member::Group(group));
                    if transitive {
                        waiting.push(id.clone().into_owned());
                    }
                }
                seen.insert(id);
            }
        }
        found
    }

    /// The user with this object id.
    pub fn user(&self, id: &str) -> Option<&User> {
        let at = *self.index().users.get(lower(id).as_ref())?;
        self.users.get(at)
    }

    /// The device with this object id, and where it is in the list.
    pub fn device(&self, id: &str) -> Option<(usize, &Device)> {
        let at = *self.index().devices.get(lower(id).as_ref())?;
        Some((at, self.devices.get(at)?))
    }

    /// Those of `ids` that are members of `group` (with `transitive`, through nested groups
    /// too), found by walking up from each id rather than listing the group.
    pub fn among(&self, group: &str, ids: &[String], transitive: bool) -> Vec<Member<'_>> {
        let index = self.index();
        let group = lower(group);
        let inside = |id: &str| {
            let mut seen: HashSet<&str> = HashSet::new();
            let mut waiting: Vec<&str> = vec![id];
            while let Some(next) = waiting.pop() {
                for parent in index.parents.get(next).into_iter().flatten() {
                    if *parent == group {
                        return true;
                    }
                    if transitive && seen.insert(parent) {
                        waiting.push(parent);
                    }
                }
            }
            false
        };
        ids.iter()
            .map(|id| lower(id))
            .filter(|id| inside(id))
            .filter_map(|id| {
                if let Some(&at) = index.users.get(id.as_ref()) {
                    Some(Member::User(&self.users[at]))
                } else if let Some(&at) = index.devices.get(id.as_ref()) {
                    Some(Member::Device(&self.devices[at]))
                } else {
                    let (group, _) = self.memberships.get_key_value(id.as_ref())?;
                    Some(Member::Group(group))
                }
            })
            .collect()
    }

    fn index(&self) -> &Index {
        self.index.get_or_init(|| Index {
            users: self
                .users
                .iter()
                .enumerate()
                .map(|(at, user)| (user.id.to_ascii_lowercase(), at))
                .collect(),
            devices: self
                .devices
                .iter()
                .enumerate()
                .map(|(at, device)| (device.id.to_ascii_lowercase(), at))
                .collect(),
            parents: {
                let mut parents: HashMap<String, Vec<String>> = HashMap::new();
                for (group, members) in &self.memberships {
                    for member in members {
                        parents
                            .entry(member.to_ascii_lowercase())
                            .or_default()
                            .push(group.to_ascii_lowercase());
                    }
                }
                parents
            },
        })
    }

    /// A generated directory of `users` users and half as many devices, with members for
    /// `groups` (as [`crate::generate`] makes them: by number, user groups at 0 and 2 mod 4,
    /// device groups at 1 and 3): group 0 holds every user and group 2 the first tenth of them, so
    /// that an inclusion and an exclusion overlap; the other groups hold a tenth each, spread.
    pub fn generated(groups: &[String], users: usize) -> Members {
        let device_count = users / 2;
        let people: Vec<User> = (0..users)
            .map(|number| User {
                id: id(0x1, number),
                display_name: format!("User {number:05}"),
                user_principal_name: format!("user{number:05}@contoso.example"),
            })
            .collect();
        let devices: Vec<Device> = (0..device_count)
            .map(|number| Device {
                id: id(0xd, number),
                display_name: format!("iPad-{number:05}"),
                device_id: id(0xe, number),
                operating_system: if number % 3 == 0 { "iOS" } else { "iPadOS" }.to_owned(),
            })
            .collect();
        let slice = |kind: u8, total: usize, start: usize, size: usize| -> Vec<String> {
            (0..size.min(total))
                .map(|offset| id(kind, (start + offset) % total.max(1)))
                .collect()
        };
        let memberships = groups
            .iter()
            .enumerate()
            .map(|(number, group)| {
                let members = match number % 4 {
                    _ if number == 0 => slice(0x1, users, 0, users),
                    _ if number == 2 => slice(0x1, users, 0, users / 10),
                    0 | 2 => slice(0x1, users, number * 97, users / 10),
                    _ => slice(0xd, device_count, number * 89, device_count / 10),
                };
                (group.to_ascii_lowercase(), members)
            })
            .collect();
        Members {
            users: people,
            devices,
            memberships,
            index: OnceLock::new(),
        }
    }

    /// The sample's directory: 100 users, 50 devices, and members for the sample's groups.
    pub fn sample() -> Members {
        let users = (0..100)
            .map(|number| User {
                id: id(0x1, number),
                display_name: format!("User {number:02}"),
                user_principal_name: format!("user{number:02}@contoso.example"),
            })
            .collect();
        let devices = (0..50)
            .map(|number| Device {
                id: id(0xd, number),
                display_name: format!("iPad-{number:03}"),
                device_id: id(0xe, number),
                operating_system: if number % 3 == 0 { "iOS" } else { "iPadOS" }.to_owned(),
            })
            .collect();
        let range = |kind: u8, numbers: std::ops::Range<usize>| -> Vec<String> {
            numbers.map(|number| id(kind, number)).collect()
        };
        let mut memberships = BTreeMap::new();
        let mut pilots = range(0x1, 0..30);
        pilots.push(SALES_LEADERSHIP.to_owned());
        memberships.insert(IOS_PILOT_USERS.to_owned(), pilots);
        memberships.insert(SALES_TEAM.to_owned(), range(0x1, 20..60));
        memberships.insert(SALES_LEADERSHIP.to_owned(), range(0x1, 55..65));
        memberships.insert(FIELD_SALES_IPADS.to_owned(), range(0xd, 0..12));
        memberships.insert(WAREHOUSE_SCANNERS.to_owned(), range(0xd, 12..30));
        memberships.insert(KIOSK_IPHONES.to_owned(), range(0xd, 30..40));
        Members {
            users,
            devices,
            memberships,
            index: OnceLock::new(),
        }
    }
}

/// A stable id of a kind (one hex digit) and a number.
fn id(kind: u8, number: usize) -> String {
    format!(
        "{kind:x}{kind:x}{kind:x}{kind:x}{kind:x}{kind:x}{kind:x}{kind:x}-0000-4000-8000-{number:012x}"
    )
}

/// The sample's groups, by id.
const FIELD_SALES_IPADS: &str = "1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34";
const IOS_PILOT_USERS: &str = "9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15";
const SALES_TEAM: &str = "5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a";
const WAREHOUSE_SCANNERS: &str = "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";
const KIOSK_IPHONES: &str = "7a1f3c5e-9b2d-4e6f-8a0c-1d3e5f7a9b2c";
const SALES_LEADERSHIP: &str = "2e4a6c8e-0b1d-4f3a-9c5e-7a9b1d3f5e8a";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_groups_are_flattened_once_and_kinds_kept_apart() {
        let members = Members::sample();
        let direct = members.of(IOS_PILOT_USERS, false);
        assert_eq!(direct.len(), 31, "30 users and the nested group");
        assert!(direct.contains(&Member::Group(SALES_LEADERSHIP)));
        let transitive = members.of(IOS_PILOT_USERS, true);
        let users = transitive
            .iter()
            .filter(|member| matches!(member, Member::User(_)))
            .count();
        assert_eq!(users, 40, "0..30 and 55..65");
        assert_eq!(transitive.len(), 41, "the nested group is listed too");
        let devices = members.of(FIELD_SALES_IPADS, true);
        assert!(
            devices
                .iter()
                .all(|member| matches!(member, Member::Device(_)))
        );
        assert_eq!(devices.len(), 12);
        assert!(
            members
                .of("00000000-0000-4000-8000-000000000000", true)
                .is_empty()
        );
    }
}
