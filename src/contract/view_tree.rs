//! The typed view the worker sends for the parts it shows (used by both sides): a closed set
//! of elements and attributes, none of which can carry script (no `on*`, no `href`, no
//! `style`, no `srcdoc`), where text can only ever become a text node. The worker builds it
//! with [`el`] and [`text`]; the page renders it with Yew ([`crate::page::components::part`]),
//! which diffs it against what it showed before, so a refresh that changes nothing leaves the
//! DOM alone and one that changes a row changes that row only.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One node of a view.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Node {
    /// Text, shown as a text node whatever it holds.
    Text(String),
    /// An element: its tag, its attributes (each at most once) and its children.
    El(Tag, Vec<(Attr, String)>, Vec<Node>),
    /// A place for another part, which the worker shows on its own.
    Part(Part),
    /// An element that is a control: as [`Node::El`], and using it (a button's click, a
    /// field's change) sends the worker its [`Control`], with what it acts on (a row's index;
    /// 0 for none) and the element's value.
    Live(Control, u32, Tag, Vec<(Attr, String)>, Vec<Node>),
}

/// Defines a closed set that crosses the contract as its place in [`ALL`](Tag::ALL) (a
/// small number: the page reads it with less code than a name), with each member's name
/// where it has one.
macro_rules! closed_set {
    ($(#[$meta:meta])* $set:ident { $($(#[$doc:meta])* $member:ident = $name:literal,)* }) => {
        closed_set!(@set $(#[$meta])* $set { $($(#[$doc])* $member,)* });
        impl $set {
            /// The name in HTML.
            pub const fn name(self) -> &'static str {
                match self {
                    $($set::$member => $name,)*
                }
            }
        }
    };
    (@set $(#[$meta:meta])* $set:ident { $($(#[$doc:meta])* $member:ident,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $set {
            $($(#[$doc])* $member,)*
        }
        impl $set {
            /// Every member, in the order that numbers them on the wire.
            pub const ALL: &[$set] = &[$($set::$member,)*];
        }
        impl Serialize for $set {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_u8(*self as u8)
            }
        }
        impl<'de> Deserialize<'de> for $set {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<$set, D::Error> {
                let at = u8::deserialize(deserializer)?;
                $set::ALL
                    .get(usize::from(at))
                    .copied()
                    .ok_or_else(|| D::Error::custom(concat!("no such ", stringify!($set))))
            }
        }
    };
}

closed_set! {
    /// The elements a view may hold.
    Tag {
        /// `b`
        B = "b",
        /// `br`
        Br = "br",
        /// `button`
        Button = "button",
        /// `caption`
        Caption = "caption",
        /// `code`
        Code = "code",
        /// `dd`
        Dd = "dd",
        /// `details`
        Details = "details",
        /// `div`
        Div = "div",
        /// `dl`
        Dl = "dl",
        /// `dt`
        Dt = "dt",
        /// `fieldset`
        Fieldset = "fieldset",
        /// `h3`
        H3 = "h3",
        /// `i`
        I = "i",
        /// `input`
        Input = "input",
        /// `label`
        Label = "label",
        /// `legend`
        Legend = "legend",
        /// `li`
        Li = "li",
        /// `ol`
        Ol = "ol",
        /// `option`
        Option = "option",
        /// `p`
        P = "p",
        /// `pre`
        Pre = "pre",
        /// `progress`
        Progress = "progress",
        /// `section`
        Section = "section",
        /// `select`
        Select = "select",
        /// `span`
        Span = "span",
        /// `summary`
        Summary = "summary",
        /// `table`
        Table = "table",
        /// `tbody`
        Tbody = "tbody",
        /// `td`
        Td = "td",
        /// `th`
        Th = "th",
        /// `thead`
        Thead = "thead",
        /// `tr`
        Tr = "tr",
        /// `ul`
        Ul = "ul",
    }
}

closed_set! {
    /// The attributes a view may set: none runs script, loads anything or styles the page.
    /// Those that are on or off ([`Attr::Checked`], [`Attr::Disabled`], [`Attr::Readonly`],
    /// [`Attr::Selected`]) are set with an empty value.
    Attr {
        /// `aria-activedescendant`
        AriaActivedescendant = "aria-activedescendant",
        /// `aria-autocomplete`
        AriaAutocomplete = "aria-autocomplete",
        /// `aria-busy`
        AriaBusy = "aria-busy",
        /// `aria-controls`
        AriaControls = "aria-controls",
        /// `aria-expanded`
        AriaExpanded = "aria-expanded",
        /// `aria-keyshortcuts`
        AriaKeyshortcuts = "aria-keyshortcuts",
        /// `aria-label`
        AriaLabel = "aria-label",
        /// `aria-live`
        AriaLive = "aria-live",
        /// `aria-selected`
        AriaSelected = "aria-selected",
        /// `autocomplete`
        Autocomplete = "autocomplete",
        /// `checked`
        Checked = "checked",
        /// `class`
        Class = "class",
        /// `disabled`
        Disabled = "disabled",
        /// `for`
        For = "for",
        /// `id`
        Id = "id",
        /// `inputmode`
        Inputmode = "inputmode",
        /// `max`
        Max = "max",
        /// `placeholder`
        Placeholder = "placeholder",
        /// `readonly`
        Readonly = "readonly",
        /// `role`
        Role = "role",
        /// `scope`
        Scope = "scope",
        /// `selected`
        Selected = "selected",
        /// `spellcheck`
        Spellcheck = "spellcheck",
        /// `tabindex`
        Tabindex = "tabindex",
        /// `type`
        Type = "type",
        /// `value`
        Value = "value",
        /// `accept` (of a file input)
        Accept = "accept",
    }
}

closed_set! {
    @set
    /// The parts of the page that the worker shows, each in a container the page renders.
    Part {
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
        /// "Find group by name": the combobox, with the page's state of it.
        GroupFinder,
        /// "Find group by name": its options.
        GroupResults,
        /// "Find group by name": its status line.
        GroupFinderStatus,
        /// "Find filter by name": the combobox, with the page's state of it.
        FilterFinder,
        /// "Find filter by name": its options.
        FilterResults,
        /// "Find filter by name": its status line.
        FilterFinderStatus,
        /// The name beside the Group ID.
        GroupName,
        /// The name beside the Filter ID.
        FilterName,
        /// The before/after comparison: the name beside the group before.
        GroupBefore,
        /// The before/after comparison: the name beside the group after.
        GroupAfter,
        /// The before/after comparison: the name beside the filter before.
        FilterBefore,
        /// The before/after comparison: the name beside the filter after.
        FilterAfter,
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
        /// The connection line's words for the token ("signed in as ...", "pasted token,
        /// expires in 42 min").
        ConnectionToken,
        /// Why the connection settings opened by themselves (a start read that failed).
        ConnectionProblem,
        /// The chosen configuration's whole assignment set, with Add and Remove.
        AssignmentSet,
        /// Who the set reaches now and after sending, and the configuration's statuses (inside
        /// [`Part::AssignmentSet`]).
        Reach,
        /// Who Bulk's previewed run adds and takes away (inside [`Part::BulkPlan`]).
        BulkReach,
        /// Who changed the chosen configuration, from Intune's audit trail (inside
        /// [`Part::AssignmentSet`]).
        Changes,
        /// Bulk: the snapshots taken, with their actions.
        Snapshots,
        /// Bulk: a compare of snapshots, with the differences to restore.
        SnapshotCompare,
        /// Bulk: the undo of the ended run.
        BulkUndo,
    }
}

closed_set! {
    @set
    /// What a control in a view asks for when the user uses it: the Code panel's are the
    /// page's to do; the Bulk view's go to the worker, which reads them, with what they act on
    /// and their value, into what to do.
    Control {
        /// "Snippet language".
        SnippetLanguage,
        /// "Copy snippet".
        CopySnippet,
        /// "Find assignments".
        Find,
        /// "Narrow by target".
        NarrowKind,
        /// "Group or filter to narrow by".
        NarrowId,
        /// "Configuration name contains".
        NarrowText,
        /// A row chosen or not (acting on the row's index among the rows found).
        Select,
        /// "Select all shown".
        SelectShown,
        /// "Change".
        ChangeRule,
        /// "Group A".
        ChangeFrom,
        /// "Group B".
        ChangeTo,
        /// "Include or exclude with the new filter".
        ChangeFilterType,
        /// "New filter".
        ChangeFilterId,
        /// "Writes per window".
        PaceWrites,
        /// "Window in seconds".
        PaceSeconds,
        /// "Preview".
        Preview,
        /// "Apply N changes".
        Apply,
        /// "Pause".
        Pause,
        /// "Resume".
        Resume,
        /// "Cancel".
        Cancel,
        /// "Retry failed".
        RetryFailed,
        /// "Resume the rest" of an interrupted run.
        ResumeJournal,
        /// "Discard it".
        DiscardJournal,
        /// "Export CSV".
        ExportCsv,
        /// "Export results as HAR".
        ExportHar,
        /// An option of "Find group by name" chosen (acting on its index among the options).
        ChooseGroup,
        /// An option of "Find filter by name" chosen (acting on its index among the options).
        ChooseFilter,
        /// A history entry's "Replay" (the entry's id is the button's value).
        ReplayEntry,
        /// A history entry's "Delete" (the entry's id is the button's value).
        DeleteEntry,
        /// "Add assignment": the form's target, added to the set.
        AddAssignment,
        /// An assignment's "Remove" (acting on its index in the set), which asks first.
        RemoveAssignment,
        /// "Remove it": the removal asked about, confirmed.
        ConfirmRemove,
        /// "Keep it": the removal asked about, called off.
        KeepAssignment,
        /// "Send as the whole set (/assign)": reads the set and shows it before and after.
        PrepareAssign,
        /// "Replace the whole set": the `/assign` shown, confirmed.
        ConfirmAssign,
        /// "Do not replace": the `/assign` shown, called off.
        CancelAssign,
        /// Reach's "Show more" of a list of those added or removed (acting on the list: users
        /// added, users removed, devices added, devices removed).
        ShowMoreReached,
        /// "Take snapshot".
        TakeSnapshot,
        /// A snapshot's "Download" (acting on its place among those kept).
        DownloadSnapshot,
        /// A snapshot's "Compare with the tenant now" (acting on its place).
        CompareWithTenant,
        /// A snapshot's "Compare with the next snapshot" (acting on its place).
        CompareWithNext,
        /// A difference of the compare chosen for "Restore" or not (acting on its place).
        ChooseDifference,
        /// "Restore N differences".
        Restore,
        /// "Undo this run" of an ended run: reads what its rows have now.
        UndoRun,
        /// A row changed since the run chosen to undo anyway or not (acting on its place).
        UndoAnyway,
        /// "Undo N changes".
        ConfirmUndo,
        /// A history entry's "Undo" of its write (acting on the write's place among those
        /// followed in the audit trail).
        UndoEntry,
        /// A history entry's "Undo anyway" of a write somebody changed since.
        UndoEntryAnyway,
        /// "Choose every difference" of the compare, or none.
        ChooseAllDifferences,
        /// "Load snapshot file": the page reads the file chosen and sends its text as the value.
        LoadSnapshot,
    }
}

impl Part {
    /// The names beside the ids of the before/after comparison, by slot (see
    /// [`crate::shared::comparison::name_slot`]).
    pub const COMPARED: [Part; 4] = [
        Part::GroupBefore,
        Part::GroupAfter,
        Part::FilterBefore,
        Part::FilterAfter,
    ];
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

impl FinderKind {
    /// The part that shows the combobox.
    pub fn finder(self) -> Part {
        match self {
            FinderKind::Group => Part::GroupFinder,
            FinderKind::Filter => Part::FilterFinder,
        }
    }

    /// The part that shows its options.
    pub fn results(self) -> Part {
        match self {
            FinderKind::Group => Part::GroupResults,
            FinderKind::Filter => Part::FilterResults,
        }
    }

    /// The part that shows its status line.
    pub fn status(self) -> Part {
        match self {
            FinderKind::Group => Part::GroupFinderStatus,
            FinderKind::Filter => Part::FilterFinderStatus,
        }
    }

    /// The control of its options.
    pub fn choose(self) -> Control {
        match self {
            FinderKind::Group => Control::ChooseGroup,
            FinderKind::Filter => Control::ChooseFilter,
        }
    }
}

/// A text node.
pub fn text(text: impl Into<String>) -> Node {
    Node::Text(text.into())
}

/// An element being built: [`el`]`(Tag::P).class("note").text("…")`, a control once it has
/// [`El::on`] (a button acts on clicks, any other control on changes).
#[derive(Debug, Clone, PartialEq)]
pub struct El(Tag, Vec<(Attr, String)>, Vec<Node>, Option<(Control, u32)>);

/// Starts an element.
pub fn el(tag: Tag) -> El {
    El(tag, Vec::new(), Vec::new(), None)
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

    /// Makes it a control that sends `control` when used.
    pub fn on(self, control: Control) -> El {
        self.on_row(control, 0)
    }

    /// Makes it a control that sends `control` for the row `row` when used.
    pub fn on_row(mut self, control: Control, row: u32) -> El {
        self.3 = Some((control, row));
        self
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
    fn from(El(tag, attrs, children, control): El) -> Node {
        match control {
            Some((control, row)) => Node::Live(control, row, tag, attrs, children),
            None => Node::El(tag, attrs, children),
        }
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
/// `<br>` as a space): for tests.
#[cfg(test)]
pub fn text_of(nodes: &[Node]) -> String {
    let mut said = String::new();
    for node in nodes {
        match node {
            Node::Text(text) => said.push_str(text),
            Node::El(Tag::Br, ..) => said.push(' '),
            Node::El(_, _, children) | Node::Live(_, _, _, _, children) => {
                said.push_str(&text_of(children))
            }
            Node::Part(_) => {}
        }
    }
    said
}

/// The elements of a view, depth first, with their attributes: for tests.
#[cfg(test)]
pub fn elements(nodes: &[Node]) -> Vec<(Tag, &[(Attr, String)])> {
    let mut found = Vec::new();
    for node in nodes {
        if let Node::El(tag, attrs, children) | Node::Live(_, _, tag, attrs, children) = node {
            found.push((*tag, attrs.as_slice()));
            found.extend(elements(children));
        }
    }
    found
}

/// The controls of a view, depth first, with their rows and tags: for tests.
#[cfg(test)]
pub fn controls(nodes: &[Node]) -> Vec<(Control, u32, Tag)> {
    let mut found = Vec::new();
    for node in nodes {
        match node {
            Node::Live(control, row, tag, _, children) => {
                found.push((*control, *row, *tag));
                found.extend(controls(children));
            }
            Node::El(_, _, children) => found.extend(controls(children)),
            Node::Text(_) | Node::Part(_) => {}
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
            .flag(Attr::Disabled, true)
            .into();
        let Node::El(_, attrs, _) = built else {
            panic!("an element");
        };
        assert_eq!(
            attrs,
            vec![(Attr::Id, "b".into()), (Attr::Disabled, String::new())]
        );
    }
}
