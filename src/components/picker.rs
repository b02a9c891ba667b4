//! Pick what to change: the configuration and assignment ids, typed or picked from lists, and
//! "Load current".

use graph_model::{
    AssignmentTarget, IosLobAppProvisioningConfiguration,
    IosLobAppProvisioningConfigurationAssignment,
};
use yew::prelude::*;

use crate::components::error_view::request_ids;
use crate::components::messages::field_messages;
use crate::components::{on_input_value, on_select_value};
use crate::draft::{Draft, Field, Plan};
use crate::html::escape;
use crate::state::{ConnectionEdit, Loadable};
use crate::wording;

/// What the panel shows and may do.
pub struct PickerProps<'a> {
    /// What the user typed.
    pub draft: &'a Draft,
    /// The checked draft.
    pub plan: &'a Plan,
    /// The configuration list.
    pub configurations: &'a Loadable<Vec<IosLobAppProvisioningConfiguration>>,
    /// The assignments of the chosen configuration.
    pub assignments: &'a Loadable<Vec<IosLobAppProvisioningConfigurationAssignment>>,
    /// "Load current": the target that was read.
    pub current: &'a Loadable<AssignmentTarget>,
    /// Changes the ids.
    pub on_edit: Callback<ConnectionEdit>,
    /// Loads the configuration list.
    pub on_load_configurations: Callback<()>,
    /// Loads the assignments of a configuration.
    pub on_load_assignments: Callback<String>,
    /// Reads the chosen assignment into the form.
    pub on_load_current: Callback<()>,
}

fn status<T>(loadable: &Loadable<T>, what: &str) -> Html {
    match loadable {
        Loadable::Loading => {
            html! { <p class="note" role="status">{ format!("Loading {what}…") }</p> }
        }
        Loadable::Failed(error) => {
            let html = format!(
                "<p class=\"error\" role=\"alert\">{}{}</p>",
                escape(&wording::error(error)),
                request_ids(error)
            );
            Html::from_html_unchecked(html.into())
        }
        _ => html! {},
    }
}

/// The picker fieldset.
pub fn picker_panel(props: &PickerProps<'_>) -> Html {
    let draft = props.draft;
    let on_configuration = on_input_value(props.on_edit.reform(ConnectionEdit::SetConfigurationId));
    let on_assignment = on_input_value(props.on_edit.reform(ConnectionEdit::SetAssignmentId));
    let pick_configuration = {
        let (on_edit, load) = (props.on_edit.clone(), props.on_load_assignments.clone());
        on_select_value(Callback::from(move |id: String| {
            if !id.is_empty() {
                on_edit.emit(ConnectionEdit::SetConfigurationId(id.clone()));
                load.emit(id);
            }
        }))
    };
    let pick_assignment = {
        let on_edit = props.on_edit.clone();
        on_select_value(Callback::from(move |id: String| {
            if !id.is_empty() {
                on_edit.emit(ConnectionEdit::SetAssignmentId(id));
            }
        }))
    };
    let load_configurations = props.on_load_configurations.reform(|_: MouseEvent| ());
    let load_current = props.on_load_current.reform(|_: MouseEvent| ());
    let can_load_current =
        !draft.configuration_id.trim().is_empty() && !draft.assignment_id.trim().is_empty();
    html! {
        <fieldset class="panel">
            <legend>{ "Pick what to change" }</legend>
            <div class="row">
                <button type="button" onclick={load_configurations}>{ "Load configurations" }</button>
            </div>
            { status(props.configurations, "configurations") }
            if let Loadable::Loaded(list) = props.configurations {
                <label for="configuration-pick">{ "Pick a configuration" }</label>
                <select id="configuration-pick" onchange={pick_configuration}>
                    <option value="" selected=true>{ format!("{} configurations: choose one", list.len()) }</option>
                    { for list.iter().map(|c| html! {
                        <option value={c.id.to_string()}>
                            { format!("{} ({})", c.display_name.as_deref().unwrap_or("(no name)"), c.id) }
                        </option>
                    }) }
                </select>
            }
            <label for="configuration-id">{ "Configuration ID" }</label>
            <input id="configuration-id" value={draft.configuration_id.clone()} oninput={on_configuration}
                spellcheck="false" aria-describedby="configuration-id-messages" />
            { field_messages(props.plan, Field::ConfigurationId, "configuration-id-messages") }
            { status(props.assignments, "assignments") }
            if let Loadable::Loaded(list) = props.assignments {
                <label for="assignment-pick">{ "Pick an assignment" }</label>
                <select id="assignment-pick" onchange={pick_assignment}>
                    <option value="" selected=true>{ format!("{} assignments: choose one", list.len()) }</option>
                    { for list.iter().map(|a| html! {
                        <option value={a.id.to_string()}>{ a.target.summary() }</option>
                    }) }
                </select>
            }
            <label for="assignment-id">{ "Assignment ID" }</label>
            <input id="assignment-id" value={draft.assignment_id.clone()} oninput={on_assignment}
                spellcheck="false" aria-describedby="assignment-id-messages" />
            { field_messages(props.plan, Field::AssignmentId, "assignment-id-messages") }
            <div class="row">
                <button type="button" onclick={load_current} disabled={!can_load_current}>{ "Load current" }</button>
            </div>
            { status(props.current, "the current assignment") }
            if let Loadable::Loaded(target) = props.current {
                <p class="note" role="status">{ format!("Loaded the current target: {}.", target.summary()) }</p>
            }
        </fieldset>
    }
}
