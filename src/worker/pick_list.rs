//! The picker's lists as the worker shows them: where a list stands ([`Listing`]), its status
//! line, and a labelled select of its items. Both the lists ([`crate::worker::list_work`]) and
//! the names ([`crate::worker::name_work`], which writes "Pick an assignment" with each target
//! in words) draw with these.

use crate::contract::view_tree::{Attr, Node, Tag, el};

/// Which list.
pub use crate::contract::protocol::ListKind as Kind;

impl Kind {
    /// The list's word, as in "Loading configurations…".
    pub fn word(self) -> &'static str {
        match self {
            Kind::Configurations => "configurations",
            Kind::Assignments => "assignments",
        }
    }
}

/// Where a list stands.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Listing<T> {
    /// Not asked for, or forgotten.
    #[default]
    None,
    /// On its way.
    Loading,
    /// Here.
    Loaded(Vec<T>),
    /// Failed: what to show.
    Failed(Vec<Node>),
}

/// A list's status, or `None` when it is loaded.
pub fn status<T>(listing: &Listing<T>, kind: Kind) -> Option<Vec<Node>> {
    match listing {
        Listing::None => Some(Vec::new()),
        Listing::Loading => Some(vec![status_line(&format!("Loading {}…", kind.word()))]),
        Listing::Failed(shown) => Some(shown.clone()),
        Listing::Loaded(_) => None,
    }
}

/// A status line: `<p class="note" role="status">`.
pub fn status_line(text: &str) -> Node {
    el(Tag::P)
        .class("note")
        .attr(Attr::Role, "status")
        .text(text)
        .into()
}

/// A labelled select of `options` (value, text) after a "choose one" option; the option whose
/// value is `chosen` (ignoring case) is selected.
pub fn select(
    id: &str,
    label: &str,
    what: &str,
    options: &[(String, String)],
    chosen: &str,
) -> Vec<Node> {
    let is_chosen = |value: &str| value.eq_ignore_ascii_case(chosen.trim());
    let option = |value: &str, text: String, chosen: bool| {
        el(Tag::Option)
            .attr(Attr::Value, value)
            .flag(Attr::Selected, chosen)
            .text(text)
    };
    let none_chosen = !options.iter().any(|(value, _)| is_chosen(value));
    let first = option(
        "",
        format!("{} {what}: choose one", options.len()),
        none_chosen,
    );
    let options = options
        .iter()
        .map(|(value, text)| option(value, text.clone(), is_chosen(value)));
    vec![
        el(Tag::Label).attr(Attr::For, id).text(label).into(),
        el(Tag::Select).id(id).child(first).children(options).into(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn selects_escape_and_mark_the_chosen_option() {
        let options = vec![
            ("a1".to_owned(), "<b>One</b>".to_owned()),
            ("A2".to_owned(), "Two".to_owned()),
        ];
        let option = |value: &str, text: &str| el(Tag::Option).attr(Attr::Value, value).text(text);
        assert_eq!(
            select("pick", "Pick", "things", &options, "a2"),
            [
                el(Tag::Label).attr(Attr::For, "pick").text("Pick").into(),
                el(Tag::Select)
                    .id("pick")
                    .child(option("", "2 things: choose one"))
                    .child(option("a1", "<b>One</b>"))
                    .child(option("A2", "Two").flag(Attr::Selected, true))
                    .into(),
            ] as [Node; 2]
        );
        let none = select("pick", "Pick", "things", &options, "");
        let Node::El(_, _, listed) = &none[1] else {
            panic!("{none:?}")
        };
        assert_eq!(
            listed[0],
            option("", "2 things: choose one")
                .flag(Attr::Selected, true)
                .into()
        );
        assert_eq!(
            status(&Listing::<()>::Loading, Kind::Configurations).unwrap(),
            [status_line("Loading configurations…")]
        );
    }
}
