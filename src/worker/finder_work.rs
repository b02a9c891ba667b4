//! "Find group by name" and "Find filter by name", done in the worker: the comboboxes' text
//! is searched (debounced; newer text aborts the search for older text, so at most one is in
//! flight and a stale answer never lands), the results are written as
//! the listbox's options, and the arrow keys, Enter and Escape move, choose and close, as the
//! ARIA combobox pattern says. Groups are searched with `$search` on the display name; filters
//! are the iOS/iPadOS device filters whose name holds the text. Only while "Look up names" is
//! on.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use graph_model::directory::{
    ASSIGNMENT_FILTERS_PATH, AssignmentFilterEntity, CONSISTENCY_LEVEL, GROUPS_PATH, Group,
    search_groups_query,
};
use graph_model::request::{RequestOptions, get};
use graph_model::{ApiVersion, Collection, ServiceRoot};
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::contract::protocol::{Post, Reply, Steps, UPDATE_ID, respond};
use crate::contract::view_tree::{Attr, Node, Tag, el};
use crate::shared::draft::Draft;
use crate::shared::flight::Flight;

/// How long typing must pause before a search goes out.
const PAUSE: Duration = Duration::from_millis(250);
/// The most options shown.
const MOST: u8 = 8;

/// One combobox: its results (id, name, detail), the active option, and the search in flight.
#[derive(Default)]
struct Finder {
    generation: u32,
    results: Vec<(String, String, String)>,
    active: Option<usize>,
    flight: Option<Rc<Flight>>,
}

/// The two comboboxes, as the worker's state holds them (see
/// [`crate::worker::workbench::Workbench`]).
#[derive(Default)]
pub struct Finders(RefCell<[Finder; 2]>);

impl Finders {
    fn with<T>(&self, kind: Kind, change: impl FnOnce(&mut Finder) -> T) -> T {
        change(&mut self.0.borrow_mut()[kind.index()])
    }
}

/// Which combobox.
pub use crate::contract::protocol::FinderKind as Kind;

impl Kind {
    fn index(self) -> usize {
        self as usize
    }
}

/// The steps that show a finder's options (or close it when there are none) and a status.
fn show(finders: &Finders, kind: Kind, status: &str) -> Steps {
    let word = kind.word();
    let (options, active) = finders.with(kind, |finder| {
        let options: Vec<Node> = finder
            .results
            .iter()
            .enumerate()
            .map(|(index, (_, name, detail))| {
                el(Tag::Li)
                    .attr(Attr::Role, "option")
                    .id(format!("{word}-option-{index}"))
                    .on_row(kind.choose(), index as u32)
                    .attr(
                        Attr::AriaSelected,
                        (finder.active == Some(index)).to_string(),
                    )
                    .text(name)
                    .child(el(Tag::Span).class("note").text(format!(" {detail}")))
                    .into()
            })
            .collect();
        let active = finder
            .active
            .map(|index| format!("{word}-option-{index}"))
            .unwrap_or_default();
        (options, active)
    });
    let expanded = !options.is_empty();
    Steps::default()
        .show(kind.results(), options)
        .combobox(kind, expanded, &active)
        .show(kind.status(), Some(status).filter(|s| !s.is_empty()))
}

/// Searches for `text` after a pause, unless newer text comes; the options arrive as an update.
/// Nothing is searched unless `wanted` ("Look up names" is on).
pub fn find(
    finders: &Rc<Finders>,
    kind: Kind,
    draft: &Draft,
    token: &str,
    text: &str,
    wanted: bool,
    post: Post,
) -> Reply {
    let generation = finders.with(kind, |finder| {
        finder.generation += 1;
        finder.results.clear();
        finder.active = None;
        if let Some(flight) = finder.flight.take() {
            flight.cancel();
        }
        finder.generation
    });
    let root = draft.service_root().ok();
    let text = text.trim().to_owned();
    if !wanted {
        return show(finders, kind, "Turn on “Look up names” to find by name.").reply();
    }
    match root {
        Some(root) if !text.is_empty() && !token.trim().is_empty() => {
            let token = token.trim().to_owned();
            let searching = finders.clone();
            spawn_local(async move {
                sleep(PAUSE).await;
                let flight = Rc::new(Flight::default());
                let current = searching.with(kind, |finder| {
                    let current = finder.generation == generation;
                    if current {
                        finder.flight = Some(flight.clone());
                    }
                    current
                });
                if !current {
                    return;
                }
                let (results, status) = search(kind, &root, &token, &text, &flight).await;
                let current = searching.with(kind, |finder| {
                    let current = finder.generation == generation;
                    if current {
                        finder.results = results;
                    }
                    current
                });
                if current {
                    post(respond(UPDATE_ID, show(&searching, kind, &status).reply()));
                }
            });
            show(finders, kind, "").reply()
        }
        _ => show(finders, kind, "").reply(),
    }
}

/// Reads the matches of `text` and says how it went.
async fn search(
    kind: Kind,
    root: &ServiceRoot,
    token: &str,
    text: &str,
    flight: &Flight,
) -> (Vec<(String, String, String)>, String) {
    let base = format!("{}/{}", root.base_url(), ApiVersion::Beta);
    let mut request = match kind {
        Kind::Group => get(
            format!("{base}{GROUPS_PATH}?{}", search_groups_query(text, MOST)),
            token,
            &RequestOptions::default(),
        ),
        Kind::Filter => get(
            format!("{base}{ASSIGNMENT_FILTERS_PATH}"),
            token,
            &RequestOptions::default(),
        ),
    };
    if kind == Kind::Group {
        let (name, value) = CONSISTENCY_LEVEL;
        request.headers.push((name.to_owned(), value.to_owned()));
    }
    let answer = match flight.fetch(&request).await {
        Ok(answer) => answer,
        Err(_) => return (Vec::new(), "The search got no answer.".to_owned()),
    };
    if answer.status == 403 {
        let permission = match kind {
            Kind::Group => "Group.Read.All (or GroupMember.Read.All)",
            Kind::Filter => "DeviceManagementConfiguration.Read.All",
        };
        return (
            Vec::new(),
            format!("Searching needs {permission}: type or paste the id instead."),
        );
    }
    if answer.status != 200 {
        return (
            Vec::new(),
            format!("The search answered {}.", answer.status),
        );
    }
    let results = match kind {
        Kind::Group => serde_json::from_str::<Collection<Group>>(&answer.body)
            .map(|page| group_options(page.value))
            .unwrap_or_default(),
        Kind::Filter => serde_json::from_str::<Collection<AssignmentFilterEntity>>(&answer.body)
            .map(|page| filter_options(page.value, text))
            .unwrap_or_default(),
    };
    let status = match results.len() {
        0 => format!("Nothing matches “{text}”."),
        1 => "1 match: use the arrow keys and Enter, or click it.".to_owned(),
        count => format!("{count} matches: use the arrow keys and Enter, or click one."),
    };
    (results, status)
}

fn group_options(groups: Vec<Group>) -> Vec<(String, String, String)> {
    groups
        .into_iter()
        .map(|group| {
            let detail = match (&group.membership_rule, group.is_dynamic()) {
                (Some(rule), true) => format!("dynamic: {rule}"),
                _ => group.description.clone().unwrap_or_default(),
            };
            (group.id.to_string(), group.display_name, detail)
        })
        .collect()
}

/// The iOS/iPadOS device filters whose name holds `text`, ignoring case.
fn filter_options(
    filters: Vec<AssignmentFilterEntity>,
    text: &str,
) -> Vec<(String, String, String)> {
    let text = text.to_lowercase();
    filters
        .into_iter()
        .filter(|filter| filter.fits_ios_devices())
        .filter(|filter| filter.display_name.to_lowercase().contains(&text))
        .take(usize::from(MOST))
        .map(|filter| (filter.id.to_string(), filter.display_name, filter.rule))
        .collect()
}

/// A key in a combobox: the arrows move the active option, Enter chooses it, Escape closes.
pub fn key(finders: &Finders, kind: Kind, key: &str) -> Reply {
    let count = finders.with(kind, |finder| finder.results.len());
    match key {
        "ArrowDown" | "ArrowUp" if count > 0 => {
            finders.with(kind, |finder| {
                let last = count - 1;
                finder.active = Some(match (finder.active, key) {
                    (None, "ArrowDown") => 0,
                    (None, _) => last,
                    (Some(index), "ArrowDown") => {
                        if index == last {
                            0
                        } else {
                            index + 1
                        }
                    }
                    (Some(index), _) => {
                        if index == 0 {
                            last
                        } else {
                            index - 1
                        }
                    }
                });
            });
            show(finders, kind, "").reply()
        }
        "Enter" => {
            let chosen = finders.with(kind, |finder| {
                finder
                    .active
                    .and_then(|index| finder.results.get(index))
                    .map(|(id, _, _)| id.clone())
            });
            match chosen {
                Some(id) => close(finders, kind).choose(kind, &id).reply(),
                None => show(finders, kind, "").reply(),
            }
        }
        "Escape" => close(finders, kind).reply(),
        _ => show(finders, kind, "").reply(),
    }
}

/// An option chosen by a click: the one at `index` among those shown, as Enter chooses the
/// active one.
pub fn pick(finders: &Finders, kind: Kind, index: u32) -> Reply {
    let chosen = finders.with(kind, |finder| {
        let index = usize::try_from(index).ok()?;
        finder.results.get(index).map(|(id, _, _)| id.clone())
    });
    match chosen {
        Some(id) => close(finders, kind).choose(kind, &id).reply(),
        None => show(finders, kind, "").reply(),
    }
}

/// Closes a combobox's options.
pub fn close(finders: &Finders, kind: Kind) -> Steps {
    finders.with(kind, |finder| {
        finder.generation += 1;
        finder.results.clear();
        finder.active = None;
    });
    show(finders, kind, "")
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::contract::protocol::Step;
    use crate::contract::view_tree::{Part, text_of};

    fn steps(reply: &Reply) -> Vec<Step> {
        match reply {
            Reply::Steps(steps) => steps.clone(),
            other => panic!("{other:?}"),
        }
    }

    fn options(steps: &[Step]) -> &[Node] {
        match &steps[0] {
            Step::Show(Part::GroupResults, options) => options,
            other => panic!("{other:?}"),
        }
    }

    fn option(index: usize, active: bool, name: &str, detail: &str) -> Node {
        el(Tag::Li)
            .attr(Attr::Role, "option")
            .id(format!("group-option-{index}"))
            .on_row(Kind::Group.choose(), index as u32)
            .attr(Attr::AriaSelected, active.to_string())
            .text(name)
            .child(el(Tag::Span).class("note").text(format!(" {detail}")))
            .into()
    }

    #[test]
    fn the_keys_move_choose_and_close() {
        let finders = Finders::default();
        finders.with(Kind::Group, |finder| {
            finder.results = vec![
                ("g1".into(), "iOS pilot users".into(), String::new()),
                ("g2".into(), "Kiosk <iPhones>".into(), "dynamic".into()),
            ];
        });
        let down = steps(&key(&finders, Kind::Group, "ArrowDown"));
        let shown = options(&down);
        assert_eq!(
            shown,
            [
                option(0, true, "iOS pilot users", ""),
                option(1, false, "Kiosk <iPhones>", "dynamic")
            ]
        );
        assert!(text_of(shown).contains("Kiosk <iPhones> dynamic"));
        assert_eq!(
            down[1],
            Step::Combobox(Kind::Group, true, "group-option-0".into())
        );
        let up = steps(&key(&finders, Kind::Group, "ArrowUp"));
        assert_eq!(
            options(&up)[1],
            option(1, true, "Kiosk <iPhones>", "dynamic")
        );
        let enter = steps(&key(&finders, Kind::Group, "Enter"));
        assert_eq!(enter.last(), Some(&Step::Choose(Kind::Group, "g2".into())));
        assert_eq!(
            finders.with(Kind::Group, |finder| finder.results.len()),
            0,
            "closed"
        );
        let escape = steps(&key(&finders, Kind::Group, "Escape"));
        assert!(escape.contains(&Step::Combobox(Kind::Group, false, String::new())));
    }

    #[test]
    fn only_ios_device_filters_are_offered() {
        let filter = |id: &str, name: &str, platform: &str, kind: &str| AssignmentFilterEntity {
            id: graph_model::FilterId::parse(id).unwrap(),
            display_name: name.into(),
            description: None,
            platform: platform.into(),
            rule: "(device.model -startsWith \"iPad\")".into(),
            assignment_filter_management_type: kind.into(),
        };
        let offered = filter_options(
            vec![
                filter(
                    "f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41",
                    "Corporate iPads",
                    "iOS",
                    "devices",
                ),
                filter(
                    "4b8d2f6a-3c5e-4a7b-9d1f-6e8a0c2b4d97",
                    "Managed iOS apps",
                    "iOSMobileApplicationManagement",
                    "apps",
                ),
                filter(
                    "3a5c7e9b-2d4f-4c6a-8e0b-9d1f3a5c7e24",
                    "Windows iPads?",
                    "windows10AndLater",
                    "devices",
                ),
            ],
            "IPAD",
        );
        assert_eq!(offered.len(), 1);
        assert_eq!(offered[0].1, "Corporate iPads");
    }
}
