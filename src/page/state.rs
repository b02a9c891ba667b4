//! All UI state in one struct, changed only by [`Action`]s through the reducer. No DOM here, so
//! it is tested with plain `cargo test`.

use std::cell::RefCell;
use std::rc::Rc;

use graph_model::{ApiVersion, FilterType, TargetKind};
use yew::{Reducible, UseReducerHandle};

use crate::shared::comparison::Comparison;
use crate::shared::draft::{Draft, Environment};
use crate::shared::history::{HistoryEntry, MAX_ENTRIES, record};
use crate::shared::response::Outcome;
use crate::shared::target_form::TargetForm;

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaygroundState {
    /// What the user typed (saved across reloads).
    pub draft: Draft,
    /// True while a PATCH is in flight.
    pub sending: bool,
    /// How the last send ended.
    pub outcome: Option<Outcome>,
    /// A page-level message (such as the result of opening a share link).
    pub notice: Option<Notice>,
    /// A share link's draft that differs from the one the user was working on, kept until
    /// they choose which to keep.
    pub offered_draft: Option<Box<Draft>>,
    /// Automatic retry and the before/after comparison.
    pub settings: SendSettings,
    /// The attempts of the last send, first first.
    pub attempts: Vec<Attempt>,
    /// While an automatic retry waits: when it goes.
    pub waiting: Option<RetryPlan>,
    /// After a throttled or unavailable answer: when a retry would be welcome.
    pub retry_ready: Option<RetryPlan>,
    /// True once "Retry when ready" was pressed: the page sends as soon as the wait is over.
    pub retry_armed: bool,
    /// The target before and after the last successful send, when asked for.
    pub comparison: Option<Comparison>,
    /// True while the page's own reads at start run: against the emulator the page reads the
    /// lists on its own, quietly, and chooses the first configuration and its first assignment
    /// for a user who has chosen none yet.
    pub starting: bool,
    /// Sent requests, newest first (saved across reloads, never with the token). Shared, so
    /// that copying the state for each action does not copy it.
    pub history: Rc<Vec<HistoryEntry>>,
    /// True while the full connection settings are open (the page shows one line otherwise).
    pub connection_open: bool,
}

/// The page's latest state and token, for callbacks that read them when they run rather than
/// holding a copy made at every render: the picker's loads and share links that arrive later.
pub type Latest = Rc<RefCell<(UseReducerHandle<PlaygroundState>, String)>>;

/// Switches that change how Send works.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendSettings {
    /// Retry 429, 503 and 504 answers automatically (up to three times).
    pub auto_retry: bool,
    /// Read the assignment before the write and show before and after.
    pub compare: bool,
    /// Ask for the updated assignment in the answer (`Prefer: return=representation`).
    pub return_representation: bool,
}

/// One attempt of a send.
#[derive(Debug, Clone, PartialEq)]
pub struct Attempt {
    /// 1 for the first attempt.
    pub number: u32,
    /// How it ended.
    pub outcome: Outcome,
}

/// A retry's timing.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPlan {
    /// When it may go, in milliseconds since the epoch.
    pub ready_at_ms: f64,
    /// The wait, in whole seconds.
    pub seconds: u64,
    /// True when the wait comes from `Retry-After`, false for the app's own backoff.
    pub from_retry_after: bool,
    /// Which retry this is (1 for the first).
    pub retry: u32,
}

/// A page-level message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What to say.
    pub text: String,
    /// True when something was refused.
    pub is_error: bool,
}

impl PlaygroundState {
    /// A fresh page with this draft and history.
    pub fn new(draft: Draft, history: Vec<HistoryEntry>) -> Self {
        let starting = draft.environment == Environment::Emulator;
        PlaygroundState {
            draft,
            sending: false,
            outcome: None,
            notice: None,
            offered_draft: None,
            settings: SendSettings::default(),
            attempts: Vec::new(),
            waiting: None,
            retry_ready: None,
            retry_armed: false,
            comparison: None,
            starting,
            history: Rc::new(history),
            connection_open: false,
        }
    }
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Where requests go and what they change.
    Connection(ConnectionEdit),
    /// An edit of the target form.
    Target(TargetEdit),
    /// An edit of the request body or the send switches.
    Request(RequestEdit),
    /// A change to the history.
    History(HistoryEdit),
    /// The configuration and assignment ids the page chose at start for a user who has chosen
    /// none: applied together, and only while [`PlaygroundState::starting`] (the user has
    /// touched neither id since the page loaded), so a typed or pasted id is never overwritten
    /// and the pair never split.
    ChosenAtStart(Box<(String, String)>),
    /// "Load current" read this assignment: its id, and the target form filled from it.
    CurrentLoaded(Box<(String, TargetForm)>),
    /// A send began.
    SendStarted,
    /// The send ended.
    SendFinished(Outcome),
    /// One attempt ended.
    AttemptFinished(Attempt),
    /// "Retry when ready" was pressed.
    ArmRetry,
    /// An automatic retry waits (or stopped waiting).
    RetryWaiting(Option<RetryPlan>),
    /// A retry would be welcome after this wait.
    RetryReady(Option<RetryPlan>),
    /// The before/after comparison, or why there is none.
    ComparisonReady(Comparison),
    /// A request was sent and ended.
    HistoryRecorded(Box<HistoryEntry>),
    /// Entries read from a HAR file, added in front.
    HistoryImported(Vec<HistoryEntry>),
    /// Replace the draft (from a share link).
    RestoreDraft(Box<Draft>),
    /// A share link offers a draft other than the user's own: ask before replacing it.
    DraftOffered(Box<Draft>),
    /// The user chose: `true` opens the offered draft, `false` keeps their own.
    OfferDecided(bool),
    /// Show a page-level message.
    Notify(Notice),
    /// Hide the page-level message.
    DismissNotice,
    /// Open (`true`) or close the full connection settings.
    ConnectionSettings(bool),
}

/// Edits of where requests go and which assignment they change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConnectionEdit {
    /// Choose the environment.
    SetEnvironment(Environment),
    /// Edit the emulator URL.
    SetEmulatorUrl(String),
    /// Choose the API version.
    SetVersion(ApiVersion),
    /// Edit the configuration id.
    SetConfigurationId(String),
    /// Edit the assignment id.
    SetAssignmentId(String),
}

/// Edits of the target form; each is written into the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TargetEdit {
    /// Choose the target kind.
    SetKind(TargetKind),
    /// Edit the group id.
    SetGroupId(String),
    /// Edit the collection id.
    SetCollectionId(String),
    /// Choose the filter type.
    SetFilterType(FilterType),
    /// Edit the filter id.
    SetFilterId(String),
    /// Replace the body with the one the form describes.
    RewriteBodyFromForm,
}

/// Edits of the request body and of how Send works.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RequestEdit {
    /// Edit the body text.
    EditBody(String),
    /// Switch automatic retry.
    SetAutoRetry(bool),
    /// Switch the before/after comparison.
    SetCompare(bool),
    /// Switch `Prefer: return=representation`.
    SetReturnRepresentation(bool),
}

/// Changes the history panel may make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryEdit {
    /// Put an entry's draft back into the form.
    Replay(String),
    /// Remove one entry.
    Delete(String),
    /// Remove every entry.
    Clear,
}

impl PlaygroundState {
    fn edit_form(&mut self, edit: impl FnOnce(&mut TargetForm)) {
        edit(&mut self.draft.form);
        if let Some(body) = self.draft.form.apply_to_body(&self.draft.body) {
            self.draft.body = body;
        }
    }

    fn apply_connection(&mut self, edit: ConnectionEdit) {
        match edit {
            ConnectionEdit::SetEnvironment(environment) => self.draft.environment = environment,
            ConnectionEdit::SetEmulatorUrl(url) => self.draft.emulator_url = url,
            ConnectionEdit::SetVersion(version) => self.draft.version = version,
            ConnectionEdit::SetConfigurationId(id) => {
                self.starting = false;
                self.draft.configuration_id = id;
            }
            ConnectionEdit::SetAssignmentId(id) => {
                self.starting = false;
                self.draft.assignment_id = id;
            }
        }
    }

    fn apply_target(&mut self, edit: TargetEdit) {
        match edit {
            TargetEdit::SetKind(kind) => self.edit_form(|form| form.kind = kind),
            TargetEdit::SetGroupId(text) => self.edit_form(|form| form.group_id = text),
            TargetEdit::SetCollectionId(text) => self.edit_form(|form| form.collection_id = text),
            TargetEdit::SetFilterType(filter_type) => {
                self.edit_form(|form| form.filter_type = filter_type)
            }
            TargetEdit::SetFilterId(text) => self.edit_form(|form| form.filter_id = text),
            TargetEdit::RewriteBodyFromForm => self.draft.body = self.draft.form.to_body(),
        }
    }

    fn apply_request(&mut self, edit: RequestEdit) {
        match edit {
            RequestEdit::EditBody(text) => {
                if let Some(form) = self.draft.form.from_body(&text) {
                    self.draft.form = form;
                }
                self.draft.body = text;
            }
            RequestEdit::SetAutoRetry(on) => self.settings.auto_retry = on,
            RequestEdit::SetCompare(on) => self.settings.compare = on,
            RequestEdit::SetReturnRepresentation(on) => self.settings.return_representation = on,
        }
    }

    fn apply_history(&mut self, edit: HistoryEdit) {
        match edit {
            HistoryEdit::Replay(id) => {
                if let Some(entry) = self.history.iter().find(|entry| entry.id == id) {
                    self.starting = false;
                    self.draft = entry.draft.clone();
                }
            }
            HistoryEdit::Delete(id) => {
                Rc::make_mut(&mut self.history).retain(|entry| entry.id != id)
            }
            HistoryEdit::Clear => self.history = Rc::default(),
        }
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::Connection(edit) => self.apply_connection(edit),
            Action::Target(edit) => self.apply_target(edit),
            Action::Request(edit) => self.apply_request(edit),
            Action::History(edit) => self.apply_history(edit),
            Action::ChosenAtStart(pair) => {
                if self.starting {
                    self.starting = false;
                    (self.draft.configuration_id, self.draft.assignment_id) = *pair;
                }
            }
            Action::CurrentLoaded(loaded) => {
                let (assignment_id, form) = *loaded;
                self.draft.assignment_id = assignment_id;
                self.draft.body = form.to_body();
                self.draft.form = form;
            }
            Action::SendStarted => {
                self.sending = true;
                self.outcome = None;
                self.attempts.clear();
                self.waiting = None;
                self.retry_ready = None;
                self.retry_armed = false;
                self.comparison = None;
            }
            Action::AttemptFinished(attempt) => self.attempts.push(attempt),
            Action::RetryWaiting(plan) => self.waiting = plan,
            Action::RetryReady(plan) => self.retry_ready = plan,
            Action::ArmRetry => self.retry_armed = true,
            Action::ComparisonReady(comparison) => self.comparison = Some(comparison),
            Action::SendFinished(outcome) => {
                self.sending = false;
                self.outcome = Some(outcome);
            }
            Action::RestoreDraft(draft) => {
                self.draft = *draft;
            }
            Action::DraftOffered(draft) => self.offered_draft = Some(draft),
            Action::OfferDecided(open) => {
                if let Some(draft) = self.offered_draft.take().filter(|_| open) {
                    self.starting = false;
                    self.draft = *draft;
                }
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
            Action::ConnectionSettings(open) => self.connection_open = open,
            Action::HistoryRecorded(entry) => record(Rc::make_mut(&mut self.history), *entry),
            Action::HistoryImported(mut entries) => {
                for old in self.history.iter().cloned() {
                    if !entries.iter().any(|entry| entry.id == old.id) {
                        entries.push(old);
                    }
                }
                entries.truncate(MAX_ENTRIES);
                self.history = Rc::new(entries);
            }
        }
    }
}

impl Reducible for PlaygroundState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shared::error::AppError;
    use crate::shared::response::ResponseView;
    use graph_model::{AssignmentFilter, AssignmentTarget, GroupId};

    const GROUP: &str = "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

    fn state() -> PlaygroundState {
        PlaygroundState::new(Draft::default(), Vec::new())
    }

    fn body(state: &PlaygroundState) -> serde_json::Value {
        serde_json::from_str(&state.draft.body).unwrap()
    }

    #[test]
    fn the_page_starts_by_reading_only_against_the_emulator_and_until_a_choice() {
        let mut fresh = state();
        assert!(fresh.starting, "against the emulator");
        fresh.apply(Action::Connection(ConnectionEdit::SetConfigurationId(
            "c1".into(),
        )));
        assert!(!fresh.starting, "a configuration was chosen");
        let cloud = Draft {
            environment: Environment::Cloud(graph_model::NationalCloud::Global),
            ..Draft::default()
        };
        assert!(!PlaygroundState::new(cloud, Vec::new()).starting);
    }

    #[test]
    fn the_pair_chosen_at_start_never_overwrites_an_id_the_user_touched() {
        let chosen = || Action::ChosenAtStart(Box::new(("c1".into(), "c1_0_0".into())));
        let mut untouched = state();
        untouched.apply(chosen());
        assert_eq!(untouched.draft.configuration_id, "c1");
        assert_eq!(untouched.draft.assignment_id, "c1_0_0");
        assert!(!untouched.starting, "chosen once");

        // Pasting both ids before the lists arrive: neither is replaced, not even one of them.
        let mut pasted = state();
        pasted.apply(Action::Connection(ConnectionEdit::SetConfigurationId(
            "typed".into(),
        )));
        pasted.apply(Action::Connection(ConnectionEdit::SetAssignmentId(
            "typed_1".into(),
        )));
        pasted.apply(chosen());
        assert_eq!(pasted.draft.configuration_id, "typed");
        assert_eq!(pasted.draft.assignment_id, "typed_1");

        // The assignment id alone typed: the configuration is not chosen under it either.
        let mut one = state();
        one.apply(Action::Connection(ConnectionEdit::SetAssignmentId(
            "typed_1".into(),
        )));
        one.apply(chosen());
        assert_eq!(one.draft.configuration_id, "");
        assert_eq!(one.draft.assignment_id, "typed_1");
    }

    #[test]
    fn form_edits_write_the_body() {
        let mut state = state();
        state.apply(Action::Target(TargetEdit::SetKind(TargetKind::Group)));
        state.apply(Action::Target(TargetEdit::SetGroupId(GROUP.to_owned())));
        state.apply(Action::Target(TargetEdit::SetFilterType(
            FilterType::Include,
        )));
        assert_eq!(body(&state)["target"]["groupId"], GROUP);
        assert_eq!(
            body(&state)["target"]["deviceAndAppManagementAssignmentFilterType"],
            "include"
        );
    }

    #[test]
    fn switching_kinds_keeps_what_still_applies() {
        let mut state = state();
        state.apply(Action::Target(TargetEdit::SetKind(TargetKind::Group)));
        state.apply(Action::Target(TargetEdit::SetGroupId(GROUP.to_owned())));
        state.apply(Action::Target(TargetEdit::SetFilterId("f".to_owned())));
        state.apply(Action::Target(TargetEdit::SetKind(TargetKind::AllDevices)));
        assert!(body(&state)["target"].get("groupId").is_none());
        assert_eq!(
            body(&state)["target"]["deviceAndAppManagementAssignmentFilterId"],
            "f"
        );
        state.apply(Action::Target(TargetEdit::SetKind(
            TargetKind::ExclusionGroup,
        )));
        assert_eq!(body(&state)["target"]["groupId"], GROUP);
    }

    #[test]
    fn body_edits_update_the_form_and_broken_json_is_kept() {
        let mut state = state();
        state.apply(Action::Request(RequestEdit::EditBody(format!(
            r#"{{"target": {{"@odata.type": "microsoft.graph.groupAssignmentTarget", "groupId": "{GROUP}"}}}}"#
        ))));
        assert_eq!(state.draft.form.kind, TargetKind::Group);
        assert_eq!(state.draft.form.group_id, GROUP);

        let broken = "{\"target\": {\"@odata.type\": ".to_owned();
        state.apply(Action::Request(RequestEdit::EditBody(broken.clone())));
        assert!(serde_json::from_str::<serde_json::Value>(&state.draft.body).is_err());
        state.apply(Action::Target(TargetEdit::SetGroupId("other".to_owned())));
        assert_eq!(
            state.draft.body, broken,
            "a form edit never overwrites unreadable JSON"
        );
        assert_eq!(state.draft.form.group_id, "other");
        state.apply(Action::Target(TargetEdit::RewriteBodyFromForm));
        assert_eq!(body(&state)["target"]["groupId"], "other");
    }

    #[test]
    fn loading_current_fills_the_form() {
        let mut state = state();
        let form = state
            .draft
            .form
            .with_target(&AssignmentTarget::ExclusionGroup {
                group_id: GroupId::parse(GROUP).unwrap(),
                filter: AssignmentFilter::default(),
            });
        state.apply(Action::CurrentLoaded(Box::new(("a_0_0".into(), form))));
        assert_eq!(state.draft.assignment_id, "a_0_0");
        assert_eq!(state.draft.form.kind, TargetKind::ExclusionGroup);
        assert_eq!(body(&state)["target"]["groupId"], GROUP);
    }

    #[test]
    fn restoring_a_draft_replaces_it() {
        let mut state = state();
        let draft = Draft {
            configuration_id: "restored".into(),
            ..Draft::default()
        };
        state.apply(Action::RestoreDraft(Box::new(draft.clone())));
        assert_eq!(state.draft, draft);
        state.apply(Action::Notify(Notice {
            text: "hello".into(),
            is_error: false,
        }));
        assert!(state.notice.is_some());
        state.apply(Action::DismissNotice);
        assert!(state.notice.is_none());
    }

    fn entry(id: &str, configuration: &str) -> HistoryEntry {
        let draft = Draft {
            configuration_id: configuration.to_owned(),
            ..Draft::default()
        };
        HistoryEntry {
            id: id.to_owned(),
            started: String::new(),
            method: "PATCH".into(),
            url: String::new(),
            request_headers: vec![],
            request_body: String::new(),
            status: Some(204),
            summary: "204 No Content".into(),
            elapsed_ms: 1,
            size: 0,
            request_id: None,
            response_headers: vec![],
            response_body: String::new(),
            draft,
        }
    }

    #[test]
    fn an_offered_draft_waits_for_the_users_choice() {
        let mut state = state();
        state.apply(Action::Connection(ConnectionEdit::SetConfigurationId(
            "mine".into(),
        )));
        let theirs = Draft {
            configuration_id: "theirs".into(),
            ..Draft::default()
        };
        state.apply(Action::DraftOffered(Box::new(theirs.clone())));
        assert_eq!(state.draft.configuration_id, "mine", "nothing replaced yet");
        state.apply(Action::OfferDecided(false));
        assert_eq!(state.draft.configuration_id, "mine");
        assert_eq!(state.offered_draft, None);
        state.apply(Action::DraftOffered(Box::new(theirs.clone())));
        state.apply(Action::OfferDecided(true));
        assert_eq!(state.draft, theirs);
        assert_eq!(state.offered_draft, None);
    }

    #[test]
    fn history_records_replays_deletes_and_imports() {
        let mut state = state();
        state.apply(Action::HistoryRecorded(Box::new(entry("a", "first"))));
        state.apply(Action::HistoryRecorded(Box::new(entry("b", "second"))));
        assert_eq!(state.history[0].id, "b");
        state.apply(Action::History(HistoryEdit::Replay("a".into())));
        assert_eq!(state.draft.configuration_id, "first");
        state.apply(Action::History(HistoryEdit::Delete("b".into())));
        assert_eq!(state.history.len(), 1);
        state.apply(Action::HistoryImported(vec![
            entry("a", "again"),
            entry("c", "third"),
        ]));
        let ids: Vec<&str> = state.history.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["a", "c"]);
        state.apply(Action::History(HistoryEdit::Clear));
        assert!(state.history.is_empty());
    }

    #[test]
    fn sending_clears_the_old_outcome_until_the_new_one() {
        let mut state = state();
        state.apply(Action::SendFinished(Outcome::NoResponse(
            AppError::Cancelled,
        )));
        state.apply(Action::AttemptFinished(Attempt {
            number: 1,
            outcome: Outcome::Response(ResponseView::new(429, vec![], "", 1.0)),
        }));
        state.apply(Action::RetryReady(Some(RetryPlan {
            ready_at_ms: 0.0,
            seconds: 3,
            from_retry_after: false,
            retry: 1,
        })));
        state.apply(Action::ComparisonReady(Err(
            crate::shared::comparison::ComparisonFailure {
                moment: crate::shared::comparison::Moment::Before,
                error: AppError::Cancelled,
            },
        )));
        state.apply(Action::SendStarted);
        assert!(state.attempts.is_empty());
        assert!(state.retry_ready.is_none());
        assert!(state.comparison.is_none());
        assert!(state.sending);
        assert_eq!(state.outcome, None);
        let view = ResponseView::new(204, vec![], "", 3.0);
        state.apply(Action::SendFinished(Outcome::Response(view)));
        assert!(!state.sending);
        assert!(matches!(state.outcome, Some(Outcome::Response(_))));
    }
}
