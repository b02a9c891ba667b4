//! Pick what to change: the configuration and assignment ids, typed or picked from lists, and
//! "Load current".

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::contract::ids::{ASSIGNMENT_LIST_ID, CONFIGURATION_LIST_ID, CURRENT_ID};
use crate::contract::view_tree::Part;
use crate::page::components::messages::field_messages;
use crate::page::components::on_input_value;
use crate::page::components::part::WorkerPart;
use crate::page::state::ConnectionEdit;
use crate::shared::draft::{Draft, Field, Plan};

/// What the panel shows and may do.
pub struct PickerProps<'a> {
    /// What the user typed.
    pub draft: &'a Draft,
    /// The checked draft.
    pub plan: &'a Plan,
    /// Changes the ids.
    pub on_edit: Callback<ConnectionEdit>,
    /// Loads the configuration list.
    pub on_load_configurations: Callback<()>,
    /// Loads the assignments of a configuration.
    pub on_load_assignments: Callback<String>,
    /// Reads the chosen assignment into the form.
    pub on_load_current: Callback<()>,
}

/// The picker fieldset.
pub fn picker_panel(props: &PickerProps<'_>) -> Html {
    let draft = props.draft;
    let on_configuration = on_input_value(props.on_edit.reform(ConnectionEdit::SetConfigurationId));
    let on_assignment = on_input_value(props.on_edit.reform(ConnectionEdit::SetAssignmentId));
    let pick = {
        let (on_edit, load) = (props.on_edit.clone(), props.on_load_assignments.clone());
        Callback::from(move |event: Event| {
            let Some(select) = event.target_dyn_into::<HtmlSelectElement>() else {
                return;
            };
            let id = select.value();
            match select.id().as_str() {
                _ if id.is_empty() => {}
                "configuration-pick" => {
                    on_edit.emit(ConnectionEdit::SetConfigurationId(id.clone()));
                    load.emit(id);
                }
                _ => on_edit.emit(ConnectionEdit::SetAssignmentId(id)),
            }
        })
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
            // The worker shows the lists: "Pick a configuration" and "Pick an assignment".
            <div id={CONFIGURATION_LIST_ID} onchange={pick.clone()}>
                <WorkerPart part={Part::ConfigurationList} />
            </div>
            <label for="configuration-id">{ "Configuration ID" }</label>
            <input id="configuration-id" value={draft.configuration_id.clone()} oninput={on_configuration}
                spellcheck="false" aria-describedby="configuration-id-messages" />
            { field_messages(props.plan, Field::ConfigurationId, "configuration-id-messages") }
            <div id={ASSIGNMENT_LIST_ID} onchange={pick}>
                <WorkerPart part={Part::AssignmentList} />
            </div>
            <label for="assignment-id">{ "Assignment ID" }</label>
            <input id="assignment-id" value={draft.assignment_id.clone()} oninput={on_assignment}
                spellcheck="false" aria-describedby="assignment-id-messages" />
            { field_messages(props.plan, Field::AssignmentId, "assignment-id-messages") }
            <div class="row">
                <button type="button" onclick={load_current} disabled={!can_load_current}>{ "Load current" }</button>
            </div>
            <div id={CURRENT_ID}><WorkerPart part={Part::CurrentStatus} /></div>
        </fieldset>
    }
}
