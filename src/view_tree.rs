//! The typed view the worker sends for the parts it shows (used by both sides): a closed set
//! of elements and attributes, none of which can carry script (no `on*`, no `href`, no
//! `style`, no `srcdoc`), where text can only ever become a text node. The worker builds it
//! with [`el`] and [`text`]; the page renders it with Yew ([`crate::components::part`]),
//! which diffs it against what it showed before, so a refresh that changes nothing leaves the
//! DOM alone and one that changes a row changes that row only.

use serde::{Deserialize, Serialize};

/// One node of a view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Text, shown as a text node whatever it holds.
    Text(String),
    /// An element: its tag, its attributes (each at most once) and its children.
    El(Tag, Vec<(Attr, String)>, Vec<Node>),
    /// A place for another part, which the worker shows on its own.
    Part(Part),
}

/// The elements a view may hold.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tag {
    B,
    Br,
    Button,
    Caption,
    Code,
    Dd,
    Details,
    Div,
    Dl,
    Dt,
    Fieldset,
    H3,
    I,
    Input,
    Label,
    Legend,
    Li,
    Ol,
    Option,
    P,
    Pre,
    Progress,
    Section,
    Select,
    Span,
    Summary,
    Table,
    Tbody,
    Td,
    Th,
    Thead,
    Tr,
    Ul,
}

impl Tag {
    /// The element's name.
    pub fn name(self) -> &'static str {
        match self {
            Tag::B => "b",
            Tag::Br => "br",
            Tag::Button => "button",
            Tag::Caption => "caption",
            Tag::Code => "code",
            Tag::Dd => "dd",
            Tag::Details => "details",
            Tag::Div => "div",
            Tag::Dl => "dl",
            Tag::Dt => "dt",
            Tag::Fieldset => "fieldset",
            Tag::H3 => "h3",
            Tag::I => "i",
            Tag::Input => "input",
            Tag::Label => "label",
            Tag::Legend => "legend",
            Tag::Li => "li",
            Tag::Ol => "ol",
            Tag::Option => "option",
            Tag::P => "p",
            Tag::Pre => "pre",
            Tag::Progress => "progress",
            Tag::Section => "section",
            Tag::Select => "select",
            Tag::Span => "span",
            Tag::Summary => "summary",
            Tag::Table => "table",
            Tag::Tbody => "tbody",
            Tag::Td => "td",
            Tag::Th => "th",
            Tag::Thead => "thead",
            Tag::Tr => "tr",
            Tag::Ul => "ul",
        }
    }
}

/// The attributes a view may set: none runs script, loads anything or styles the page.
/// Those that are on or off ([`Attr::Checked`], [`Attr::Disabled`], [`Attr::Hidden`],
/// [`Attr::Open`], [`Attr::Readonly`], [`Attr::Selected`]) are set with an empty value.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Attr {
    AriaBusy,
    AriaKeyshortcuts,
    AriaLabel,
    AriaLive,
    AriaSelected,
    Autocomplete,
    Checked,
    Class,
    /// `data-bulk`: the Bulk control's action, which the worker reads back.
    DataBulk,
    /// `data-choose`: the id a finder's option chooses.
    DataChoose,
    /// `data-code`: the history entry whose snippet a button copies.
    DataCode,
    /// `data-delete`: the history entry a button deletes.
    DataDelete,
    /// `data-replay`: the history entry a button replays.
    DataReplay,
    Disabled,
    For,
    Hidden,
    Id,
    Inputmode,
    Max,
    Open,
    Placeholder,
    Readonly,
    Role,
    Scope,
    Selected,
    Spellcheck,
    Tabindex,
    Type,
    Value,
}

impl Attr {
    /// The attribute's name.
    pub fn name(self) -> &'static str {
        match self {
            Attr::AriaBusy => "aria-busy",
            Attr::AriaKeyshortcuts => "aria-keyshortcuts",
            Attr::AriaLabel => "aria-label",
            Attr::AriaLive => "aria-live",
            Attr::AriaSelected => "aria-selected",
            Attr::Autocomplete => "autocomplete",
            Attr::Checked => "checked",
            Attr::Class => "class",
            Attr::DataBulk => "data-bulk",
            Attr::DataChoose => "data-choose",
            Attr::DataCode => "data-code",
            Attr::DataDelete => "data-delete",
            Attr::DataReplay => "data-replay",
            Attr::Disabled => "disabled",
            Attr::For => "for",
            Attr::Hidden => "hidden",
            Attr::Id => "id",
            Attr::Inputmode => "inputmode",
            Attr::Max => "max",
            Attr::Open => "open",
            Attr::Placeholder => "placeholder",
            Attr::Readonly => "readonly",
            Attr::Role => "role",
            Attr::Scope => "scope",
            Attr::Selected => "selected",
            Attr::Spellcheck => "spellcheck",
            Attr::Tabindex => "tabindex",
            Attr::Type => "type",
            Attr::Value => "value",
        }
    }
}

/// The parts of the page that the worker shows, each in a container the page renders.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Part {
    /// The sign-in group: the app registration's fields and the button.
    SignIn,
    /// Where sign-in stands (inside [`Part::SignIn`]).
    SignInStatus,
    /// The sign-in button's words (inside [`Part::SignIn`]).
    SignInButton,
    /// The page's own note on sign-in (inside [`Part::SignIn`]).
    SignInNote,
    /// What the page makes of the access token.
    TokenInsight,
    /// A finder's options.
    FinderResults(FinderKind),
    /// A finder's status line.
    FinderStatus(FinderKind),
    /// The name beside the Group ID.
    GroupName,
    /// The name beside the Filter ID.
    FilterName,
    /// A name beside an id of the before/after comparison, by slot (see
    /// [`crate::comparison::name_slot`]).
    ComparedName(u8),
    /// The configuration's assignments, as a list to pick from.
    AssignmentList,
    /// The change in words.
    ChangeInWords,
    /// The admin center's rules for the target.
    TargetHints,
    /// The configurations, as a list to pick from.
    ConfigurationList,
    /// What "Load current" found.
    CurrentStatus,
    /// The history list.
    HistoryList,
    /// The Code panel's language list, copy button and snippet.
    CodeBody,
    /// The Code panel's snippet (inside [`Part::CodeBody`]).
    Snippet,
    /// How the Code panel's last copy went.
    CodeCopyStatus,
    /// The Bulk view.
    Bulk,
    /// Bulk: finding the rows.
    BulkFind,
    /// Bulk: the rows found.
    BulkTable,
    /// Bulk: how many rows are chosen.
    BulkCount,
    /// Bulk: the change's preview.
    BulkPlan,
    /// Bulk: the run.
    BulkRun,
    /// Bulk: that the browser would not keep the run's journal.
    BulkJournalNote,
}

/// Which "Find … by name" combobox.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FinderKind {
    /// "Find group by name".
    Group,
    /// "Find filter by name".
    Filter,
}

impl FinderKind {
    /// The word its elements' ids start with (`group-search`, `filter-results`).
    pub fn word(self) -> &'static str {
        match self {
            FinderKind::Group => "group",
            FinderKind::Filter => "filter",
        }
    }
}

/// A text node.
pub fn text(text: impl Into<String>) -> Node {
    Node::Text(text.into())
}

/// An element being built: [`el`]`(Tag::P).class("note").text("…")`.
#[derive(Debug, Clone, PartialEq)]
pub struct El(Tag, Vec<(Attr, String)>, Vec<Node>);

/// Starts an element.
pub fn el(tag: Tag) -> El {
    El(tag, Vec::new(), Vec::new())
}

impl El {
    /// Sets an attribute (a second value for the same attribute replaces the first).
    pub fn attr(mut self, attr: Attr, value: impl Into<String>) -> El {
        let value = value.into();
        match self.1.iter_mut().find(|(set, _)| *set == attr) {
            Some((_, old)) => *old = value,
            None => self.1.push((attr, value)),
        }
        self
    }

    /// Sets an attribute that is on or off (off: leaves it out).
    pub fn flag(self, attr: Attr, on: bool) -> El {
        if on { self.attr(attr, "") } else { self }
    }

    /// Sets the id.
    pub fn id(self, id: impl Into<String>) -> El {
        self.attr(Attr::Id, id)
    }

    /// Sets the class.
    pub fn class(self, class: impl Into<String>) -> El {
        self.attr(Attr::Class, class)
    }

    /// Adds a text child.
    pub fn text(self, text: impl Into<String>) -> El {
        self.child(Node::Text(text.into()))
    }

    /// Adds a child.
    pub fn child(mut self, child: impl Into<Node>) -> El {
        self.2.push(child.into());
        self
    }

    /// Adds children.
    pub fn children<N: Into<Node>>(mut self, children: impl IntoIterator<Item = N>) -> El {
        self.2.extend(children.into_iter().map(Into::into));
        self
    }
}

impl From<El> for Node {
    fn from(El(tag, attrs, children): El) -> Node {
        Node::El(tag, attrs, children)
    }
}

impl From<&str> for Node {
    fn from(value: &str) -> Node {
        text(value)
    }
}

impl From<String> for Node {
    fn from(value: String) -> Node {
        Node::Text(value)
    }
}

/// A view's text as a reader gets it (the text nodes in order, elements' boundaries ignored;
/// `<br>` as a space): for tests and for what a part says in words.
pub fn text_of(nodes: &[Node]) -> String {
    let mut said = String::new();
    for node in nodes {
        match node {
            Node::Text(text) => said.push_str(text),
            Node::El(Tag::Br, ..) => said.push(' '),
            Node::El(_, _, children) => said.push_str(&text_of(children)),
            Node::Part(_) => {}
        }
    }
    said
}

/// The elements of a view, depth first, with their attributes: for tests.
pub fn elements(nodes: &[Node]) -> Vec<(Tag, &[(Attr, String)])> {
    let mut found = Vec::new();
    for node in nodes {
        if let Node::El(tag, attrs, children) = node {
            found.push((*tag, attrs.as_slice()));
            found.extend(elements(children));
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_stays_text() {
        let view: Node = el(Tag::P)
            .class("note")
            .text("<img src=x onerror=alert(1)>")
            .into();
        assert_eq!(
            view,
            Node::El(
                Tag::P,
                vec![(Attr::Class, "note".into())],
                vec![text("<img src=x onerror=alert(1)>")]
            )
        );
        assert_eq!(elements(std::slice::from_ref(&view)).len(), 1);
        assert_eq!(text_of(&[view]), "<img src=x onerror=alert(1)>");
    }

    #[test]
    fn an_attribute_is_set_once_and_flags_only_when_on() {
        let built: Node = el(Tag::Button)
            .id("a")
            .id("b")
            .flag(Attr::Disabled, false)
            .flag(Attr::Hidden, true)
            .into();
        let Node::El(_, attrs, _) = built else {
            panic!("an element");
        };
        assert_eq!(
            attrs,
            vec![(Attr::Id, "b".into()), (Attr::Hidden, String::new())]
        );
    }
}
