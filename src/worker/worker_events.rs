//! How the worker's features tell each other of a change without importing each other: the
//! lists and the Bulk view ask for names when they hold new targets ([`Event::NamesWanted`]),
//! the names tell the parts that show them when names came ([`Event::NamesCame`]), and sign-in
//! tells the Bulk view of each new access token at once ([`Event::TokenChanged`]), so that a
//! run's next write never waits for the page to pass the token on; the assignment set asks to
//! be written again ([`Event::SetShown`]) and, after a write, for the assignments to be read
//! again ([`Event::AssignmentsChanged`]); Bulk's preview asks who its run reaches
//! ([`Event::RunPreviewed`]). A feature is given
//! [`Events`] with its job; the workbench, which holds every feature's state, does what each
//! event asks.

use std::rc::Rc;

use graph_model::AssignmentTarget;

use crate::shared::draft::Draft;

/// A change one feature tells the others of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// New targets are shown: their names should be read, and the named parts written again.
    NamesWanted,
    /// Names came: the parts that show names may write themselves again.
    NamesCame,
    /// Sign-in has a new access token for the page (empty: none).
    TokenChanged(String),
    /// The set region has something new to show: it is written again.
    SetShown,
    /// A write changed the configuration's assignments: they are read again, for this draft and
    /// token.
    AssignmentsChanged(Box<(Draft, String)>),
    /// Bulk previewed a run that changes these sets (each configuration's now and after), for
    /// this draft's service: Reach sums who it adds and takes away.
    RunPreviewed(Box<(Draft, Vec<RunSet>)>),
    /// The history holds these acknowledged writes: Changes looks for their audit records.
    HistoryWrites(Vec<HistoryWrite>),
    /// Changes found what the audit trail says of a write of the history.
    AuditRecorded(Box<AuditNote>),
}

/// A write of the history that Graph acknowledged.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryWrite {
    /// The history entry's id.
    pub entry: String,
    /// The `client-request-id` it was sent with (the audit event's `correlationId`).
    pub correlation: String,
    /// The service root's base URL it was sent to.
    pub base: String,
    /// Its method.
    pub method: String,
    /// The draft it was sent from.
    pub draft: Draft,
}

/// What the history says of one of its writes, from the audit trail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditNote {
    /// The history entry's id.
    pub entry: String,
    /// What the trail says (or that it is being looked for, or what an undo did).
    pub words: String,
    /// The undo the entry offers, if any.
    pub undo: Option<UndoOffer>,
}

/// An entry's "Undo": which write (its place among those Changes follows), and whether it
/// is "Undo anyway" of a write somebody changed since.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UndoOffer {
    /// The write's place.
    pub row: u32,
    /// True for "Undo anyway".
    pub anyway: bool,
}

/// One configuration's set before and after a Bulk run.
pub type RunSet = (Vec<AssignmentTarget>, Vec<AssignmentTarget>);

/// Where a feature tells its events.
#[derive(Clone)]
pub struct Events(Rc<dyn Fn(Event)>);

impl Events {
    /// Events that `on` does.
    pub fn new(on: impl Fn(Event) + 'static) -> Events {
        Events(Rc::new(on))
    }

    /// Events that no one hears (for a feature tried alone, as in tests).
    pub fn unheard() -> Events {
        Events::new(|_| {})
    }

    /// Tells `event`.
    pub fn tell(&self, event: Event) {
        (self.0)(event);
    }
}
