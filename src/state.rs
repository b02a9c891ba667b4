//! All UI state in one struct, changed only by [`Action`]s through the reducer. No DOM here, so
//! it is tested with plain `cargo test`.

use std::rc::Rc;

use graph_model::{
    ApiVersion, FilterType, IosLobAppProvisioningConfiguration,
    IosLobAppProvisioningConfigurationAssignment, TargetKind,
};
use yew::Reducible;

use crate::draft::{Draft, Environment};
use crate::response::Outcome;
use crate::target_form::TargetForm;

/// Something loaded from the environment.
#[derive(Debug, Clone, PartialEq)]
pub enum Loadable<T> {
    /// Not asked for yet.
    Idle,
    /// On its way.
    Loading,
    /// Here.
    Loaded(T),
    /// Failed, with a message for the user.
    Failed(String),
}

/// The page's state.
#[derive(Debug, Clone, PartialEq)]
pub struct PlaygroundState {
    /// What the user typed (saved across reloads).
    pub draft: Draft,
    /// The configurations of the environment, for the picker.
    pub configurations: Loadable<Vec<IosLobAppProvisioningConfiguration>>,
    /// The assignments of the chosen configuration, for the picker.
    pub assignments: Loadable<Vec<IosLobAppProvisioningConfigurationAssignment>>,
    /// The state of "Load current" (and of re-reading after a send).
    pub current: Loadable<String>,
    /// True while a PATCH is in flight.
    pub sending: bool,
    /// How the last send ended.
    pub outcome: Option<Outcome>,
    /// A page-level message (such as the result of opening a share link).
    pub notice: Option<Notice>,
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
    /// A fresh page with this draft.
    pub fn new(draft: Draft) -> Self {
        PlaygroundState {
            draft,
            configurations: Loadable::Idle,
            assignments: Loadable::Idle,
            current: Loadable::Idle,
            sending: false,
            outcome: None,
            notice: None,
        }
    }

    /// True when the body text is not a JSON object, so form edits cannot be written into it.
    pub fn body_is_unreadable(&self) -> bool {
        self.draft.form.apply_to_body(&self.draft.body).is_none()
    }
}

/// Everything that can change the state.
#[derive(Debug, Clone, PartialEq)]
pub enum Action {
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
    /// Edit the body text.
    EditBody(String),
    /// Replace the body with the one the form describes.
    RewriteBodyFromForm,
    /// The configuration list is loading.
    ConfigurationsLoading,
    /// The configuration list arrived or failed.
    ConfigurationsLoaded(Result<Vec<IosLobAppProvisioningConfiguration>, String>),
    /// The assignment list is loading.
    AssignmentsLoading,
    /// The assignment list arrived or failed.
    AssignmentsLoaded(Result<Vec<IosLobAppProvisioningConfigurationAssignment>, String>),
    /// The current assignment is being read.
    CurrentLoading,
    /// The current assignment arrived (the form is filled with it) or reading it failed.
    CurrentLoaded(Result<IosLobAppProvisioningConfigurationAssignment, String>),
    /// A PATCH went out.
    SendStarted,
    /// The PATCH ended.
    SendFinished(Outcome),
    /// Replace the draft (from a share link or history).
    RestoreDraft(Box<Draft>),
    /// Show a page-level message.
    Notify(Notice),
    /// Hide the page-level message.
    DismissNotice,
}

impl PlaygroundState {
    fn edit_form(&mut self, edit: impl FnOnce(&mut TargetForm)) {
        edit(&mut self.draft.form);
        if let Some(body) = self.draft.form.apply_to_body(&self.draft.body) {
            self.draft.body = body;
        }
    }

    fn forget_lists(&mut self) {
        self.configurations = Loadable::Idle;
        self.assignments = Loadable::Idle;
    }

    /// Applies one action.
    pub fn apply(&mut self, action: Action) {
        match action {
            Action::SetEnvironment(environment) => {
                self.draft.environment = environment;
                self.forget_lists();
            }
            Action::SetEmulatorUrl(url) => {
                self.draft.emulator_url = url;
                self.forget_lists();
            }
            Action::SetVersion(version) => {
                self.draft.version = version;
                self.forget_lists();
            }
            Action::SetConfigurationId(id) => {
                if id != self.draft.configuration_id {
                    self.assignments = Loadable::Idle;
                }
                self.draft.configuration_id = id;
            }
            Action::SetAssignmentId(id) => self.draft.assignment_id = id,
            Action::SetKind(kind) => self.edit_form(|form| form.kind = kind),
            Action::SetGroupId(text) => self.edit_form(|form| form.group_id = text),
            Action::SetCollectionId(text) => self.edit_form(|form| form.collection_id = text),
            Action::SetFilterType(filter_type) => {
                self.edit_form(|form| form.filter_type = filter_type)
            }
            Action::SetFilterId(text) => self.edit_form(|form| form.filter_id = text),
            Action::EditBody(text) => {
                if let Some(form) = self.draft.form.from_body(&text) {
                    self.draft.form = form;
                }
                self.draft.body = text;
            }
            Action::RewriteBodyFromForm => self.draft.body = self.draft.form.to_body(),
            Action::ConfigurationsLoading => self.configurations = Loadable::Loading,
            Action::ConfigurationsLoaded(result) => {
                self.configurations = match result {
                    Ok(list) => Loadable::Loaded(list),
                    Err(message) => Loadable::Failed(message),
                }
            }
            Action::AssignmentsLoading => self.assignments = Loadable::Loading,
            Action::AssignmentsLoaded(result) => {
                self.assignments = match result {
                    Ok(list) => Loadable::Loaded(list),
                    Err(message) => Loadable::Failed(message),
                }
            }
            Action::CurrentLoading => self.current = Loadable::Loading,
            Action::CurrentLoaded(Ok(assignment)) => {
                self.draft.assignment_id = assignment.id.to_string();
                self.draft.form = self.draft.form.with_target(&assignment.target);
                self.draft.body = self.draft.form.to_body();
                self.current = Loadable::Loaded(format!(
                    "Loaded the current target: {}.",
                    assignment.target.summary()
                ));
            }
            Action::CurrentLoaded(Err(message)) => self.current = Loadable::Failed(message),
            Action::SendStarted => {
                self.sending = true;
                self.outcome = None;
            }
            Action::SendFinished(outcome) => {
                self.sending = false;
                self.outcome = Some(outcome);
            }
            Action::RestoreDraft(draft) => {
                self.draft = *draft;
                self.forget_lists();
                self.current = Loadable::Idle;
            }
            Action::Notify(notice) => self.notice = Some(notice),
            Action::DismissNotice => self.notice = None,
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
    use crate::response::ResponseView;
    use graph_model::{AssignmentFilter, AssignmentId, AssignmentTarget, GroupId};

    const GROUP: &str = "0c5a1b2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d";

    fn state() -> PlaygroundState {
        PlaygroundState::new(Draft::default())
    }

    fn body(state: &PlaygroundState) -> serde_json::Value {
        serde_json::from_str(&state.draft.body).unwrap()
    }

    #[test]
    fn form_edits_write_the_body() {
        let mut state = state();
        state.apply(Action::SetKind(TargetKind::Group));
        state.apply(Action::SetGroupId(GROUP.to_owned()));
        state.apply(Action::SetFilterType(FilterType::Include));
        assert_eq!(body(&state)["target"]["groupId"], GROUP);
        assert_eq!(
            body(&state)["target"]["deviceAndAppManagementAssignmentFilterType"],
            "include"
        );
    }

    #[test]
    fn switching_kinds_keeps_what_still_applies() {
        let mut state = state();
        state.apply(Action::SetKind(TargetKind::Group));
        state.apply(Action::SetGroupId(GROUP.to_owned()));
        state.apply(Action::SetFilterId("f".to_owned()));
        state.apply(Action::SetKind(TargetKind::AllDevices));
        assert!(body(&state)["target"].get("groupId").is_none());
        assert_eq!(
            body(&state)["target"]["deviceAndAppManagementAssignmentFilterId"],
            "f"
        );
        state.apply(Action::SetKind(TargetKind::ExclusionGroup));
        assert_eq!(body(&state)["target"]["groupId"], GROUP);
    }

    #[test]
    fn body_edits_update_the_form_and_broken_json_is_kept() {
        let mut state = state();
        state.apply(Action::EditBody(format!(
            r#"{{"target": {{"@odata.type": "microsoft.graph.groupAssignmentTarget", "groupId": "{GROUP}"}}}}"#
        )));
        assert_eq!(state.draft.form.kind, TargetKind::Group);
        assert_eq!(state.draft.form.group_id, GROUP);

        let broken = "{\"target\": {\"@odata.type\": ".to_owned();
        state.apply(Action::EditBody(broken.clone()));
        assert!(state.body_is_unreadable());
        state.apply(Action::SetGroupId("other".to_owned()));
        assert_eq!(
            state.draft.body, broken,
            "a form edit never overwrites unreadable JSON"
        );
        assert_eq!(state.draft.form.group_id, "other");
        state.apply(Action::RewriteBodyFromForm);
        assert_eq!(body(&state)["target"]["groupId"], "other");
    }

    #[test]
    fn loading_current_fills_the_form() {
        let mut state = state();
        state.apply(Action::CurrentLoading);
        assert_eq!(state.current, Loadable::Loading);
        state.apply(Action::CurrentLoaded(Ok(
            IosLobAppProvisioningConfigurationAssignment {
                id: AssignmentId::parse("a_0_0").unwrap(),
                target: AssignmentTarget::ExclusionGroup {
                    group_id: GroupId::parse(GROUP).unwrap(),
                    filter: AssignmentFilter::default(),
                },
            },
        )));
        assert_eq!(state.draft.assignment_id, "a_0_0");
        assert_eq!(state.draft.form.kind, TargetKind::ExclusionGroup);
        assert_eq!(body(&state)["target"]["groupId"], GROUP);
        assert!(matches!(state.current, Loadable::Loaded(_)));
    }

    #[test]
    fn changing_where_requests_go_forgets_loaded_lists() {
        let mut state = state();
        state.apply(Action::ConfigurationsLoaded(Ok(vec![])));
        state.apply(Action::AssignmentsLoaded(Ok(vec![])));
        state.apply(Action::SetConfigurationId("other".into()));
        assert_eq!(state.assignments, Loadable::Idle);
        assert_eq!(state.configurations, Loadable::Loaded(vec![]));
        state.apply(Action::SetVersion(ApiVersion::V1_0));
        assert_eq!(state.configurations, Loadable::Idle);
        state.apply(Action::ConfigurationsLoaded(Err("401".into())));
        assert_eq!(state.configurations, Loadable::Failed("401".into()));
    }

    #[test]
    fn restoring_a_draft_replaces_it_and_forgets_lists() {
        let mut state = state();
        state.apply(Action::ConfigurationsLoaded(Ok(vec![])));
        let draft = Draft {
            configuration_id: "restored".into(),
            ..Draft::default()
        };
        state.apply(Action::RestoreDraft(Box::new(draft.clone())));
        assert_eq!(state.draft, draft);
        assert_eq!(state.configurations, Loadable::Idle);
        state.apply(Action::Notify(Notice {
            text: "hello".into(),
            is_error: false,
        }));
        assert!(state.notice.is_some());
        state.apply(Action::DismissNotice);
        assert!(state.notice.is_none());
    }

    #[test]
    fn sending_clears_the_old_outcome_until_the_new_one() {
        let mut state = state();
        state.apply(Action::SendFinished(Outcome::Cancelled));
        state.apply(Action::SendStarted);
        assert!(state.sending);
        assert_eq!(state.outcome, None);
        let view = ResponseView::new(204, vec![], "", 3.0);
        state.apply(Action::SendFinished(Outcome::Response(view)));
        assert!(!state.sending);
        assert!(matches!(state.outcome, Some(Outcome::Response(_))));
    }
}
