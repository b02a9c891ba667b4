//! Names beside the ids of the target form, looked up in the worker: the group and the
//! assignment filter typed or loaded are read by id (`GET /beta/groups/{id}`,
//! `GET /beta/deviceManagement/assignmentFilters/{id}`), remembered for the session, and
//! written next to their fields, with "not found in this tenant" for an id the tenant does
//! not have and the permission a refused read needs. Only while "Look up names" is on.

use std::cell::RefCell;

use graph_model::directory::{ASSIGNMENT_FILTERS_PATH, AssignmentFilterEntity, GROUPS_PATH, Group};
use graph_model::request::{RequestOptions, get};
use graph_model::target_names::{Lookup, NameCache};
use graph_model::{ApiVersion, FilterId, GroupId, ServiceRoot};
use yew::platform::spawn_local;

use crate::draft::Draft;
use crate::html::escape;
use crate::services::flight::Flight;
use crate::workbench::{Post, Steps, UPDATE_ID, respond};

/// The id of the element beside the Group ID field.
pub const GROUP_NAME_ID: &str = "group-id-name";
/// The id of the element beside the Filter ID field.
pub const FILTER_NAME_ID: &str = "filter-id-name";

thread_local! {
    /// The names looked up, with the service root they came from (a new root starts over).
    static NAMES: RefCell<(String, NameCache)> = RefCell::default();
    /// The ids the page shows now, so that a late answer for an earlier id is not written.
    static SHOWN: RefCell<(String, String)> = RefCell::default();
}

/// Which kind of id.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Group,
    Filter,
}

impl Kind {
    fn element(self) -> &'static str {
        match self {
            Kind::Group => GROUP_NAME_ID,
            Kind::Filter => FILTER_NAME_ID,
        }
    }

    fn permission(self) -> &'static str {
        match self {
            Kind::Group => "Group.Read.All (or GroupMember.Read.All)",
            Kind::Filter => "DeviceManagementConfiguration.Read.All",
        }
    }
}

/// The HTML beside a field for what is known of its id.
fn words(lookup: &Lookup) -> String {
    match lookup {
        Lookup::Found(name) => format!("<span class=\"name\">{}</span>", escape(name)),
        Lookup::NotFound => {
            "<span class=\"warning\">Not found in this tenant: check the id.</span>".to_owned()
        }
        Lookup::Unavailable(reason) => format!("<span class=\"note\">{}</span>", escape(reason)),
        Lookup::Pending => String::new(),
    }
}

/// Looks up the names of the group and filter `ids` against the draft's environment with
/// `token` when `wanted` ("Look up names" is on), writing each next to its field now (when
/// known) or when its answer comes; clears them when not wanted.
pub fn look_up(draft: &Draft, token: &str, [group, filter]: [&str; 2], wanted: bool, post: &Post) {
    let root = draft
        .service_root()
        .ok()
        .filter(|_| wanted && !token.trim().is_empty());
    let Some(root) = root else {
        let cleared = Steps::default()
            .fill(GROUP_NAME_ID, "")
            .fill(FILTER_NAME_ID, "");
        post(respond(UPDATE_ID, cleared.reply()));
        return;
    };
    let group = GroupId::parse(group).map(String::from).unwrap_or_default();
    let filter = FilterId::parse(filter)
        .map(String::from)
        .unwrap_or_default();
    SHOWN.with(|shown| *shown.borrow_mut() = (group.clone(), filter.clone()));
    let base = root.base_url();
    NAMES.with(|names| {
        let mut names = names.borrow_mut();
        if names.0 != base {
            *names = (base.clone(), NameCache::default());
        }
    });
    let mut steps = Steps::default();
    for (id, kind) in [(group, Kind::Group), (filter, Kind::Filter)] {
        if id.is_empty() {
            steps = steps.fill(kind.element(), "");
            continue;
        }
        let known = NAMES.with(|names| names.borrow().1.get(&id).cloned());
        match known {
            Some(lookup) => steps = steps.fill(kind.element(), &words(&lookup)),
            None => {
                NAMES.with(|names| names.borrow_mut().1.record(&id, Lookup::Pending));
                spawn_local(read(
                    root.clone(),
                    token.trim().to_owned(),
                    id,
                    kind,
                    post.clone(),
                ));
            }
        }
    }
    post(respond(UPDATE_ID, steps.reply()));
}

/// Reads one id's name and writes it if the page still shows that id.
async fn read(root: ServiceRoot, token: String, id: String, kind: Kind, post: Post) {
    let path = match kind {
        Kind::Group => {
            format!("{GROUPS_PATH}/{id}?$select=id,displayName,groupTypes,membershipRule")
        }
        Kind::Filter => format!("{ASSIGNMENT_FILTERS_PATH}/{id}"),
    };
    let url = format!("{}/{}{path}", root.base_url(), ApiVersion::Beta);
    let request = get(url, &token, &RequestOptions::default());
    let lookup = match Flight::default().fetch(&request).await {
        Ok(answer) if answer.status == 404 => Lookup::NotFound,
        Ok(answer) if answer.status == 403 => Lookup::Unavailable(format!(
            "No name: reading it needs {}. The form works with the id alone.",
            kind.permission()
        )),
        Ok(answer) if answer.status == 200 => name_in(&answer.body, kind),
        Ok(answer) => Lookup::Unavailable(format!("No name: the read answered {}.", answer.status)),
        Err(_) => Lookup::Unavailable("No name: the read got no answer.".to_owned()),
    };
    NAMES.with(|names| names.borrow_mut().1.record(&id, lookup.clone()));
    let still_shown = SHOWN.with(|shown| {
        let shown = shown.borrow();
        match kind {
            Kind::Group => shown.0 == id,
            Kind::Filter => shown.1 == id,
        }
    });
    if still_shown {
        let steps = Steps::default().fill(kind.element(), &words(&lookup));
        post(respond(UPDATE_ID, steps.reply()));
    }
}

/// The name in a read's body; a filter of another platform says so.
fn name_in(body: &str, kind: Kind) -> Lookup {
    let unreadable = || Lookup::Unavailable("No name: the answer could not be read.".to_owned());
    match kind {
        Kind::Group => serde_json::from_str::<Group>(body)
            .map_or_else(|_| unreadable(), |group| Lookup::Found(group.display_name)),
        Kind::Filter => match serde_json::from_str::<AssignmentFilterEntity>(body) {
            Ok(filter) if filter.fits_ios_devices() => Lookup::Found(filter.display_name),
            Ok(filter) => Lookup::Found(format!(
                "{} (a filter for {} {}, not iOS/iPadOS devices: it cannot apply here)",
                filter.display_name, filter.platform, filter.assignment_filter_management_type
            )),
            Err(_) => unreadable(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_escaped_and_other_platforms_said() {
        assert_eq!(
            words(&Lookup::Found("<b>Sales</b>".into())),
            "<span class=\"name\">&lt;b&gt;Sales&lt;/b&gt;</span>"
        );
        assert!(words(&Lookup::NotFound).contains("Not found in this tenant"));
        let windows = r#"{"id":"3a5c7e9b-2d4f-4c6a-8e0b-9d1f3a5c7e24","displayName":"Windows laptops","platform":"windows10AndLater","assignmentFilterManagementType":"devices"}"#;
        let Lookup::Found(said) = name_in(windows, Kind::Filter) else {
            panic!("a name")
        };
        assert!(said.contains("not iOS/iPadOS"), "{said}");
        assert!(matches!(
            name_in("<html>", Kind::Group),
            Lookup::Unavailable(_)
        ));
    }
}
