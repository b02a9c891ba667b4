//! Pick what to change: the configuration and assignment ids, typed or picked from lists, and
//! "Load current".

use std::rc::Rc;

use yew::prelude::*;

use crate::components::{PlaygroundHandle, dispatch_of};

use crate::components::messages::messages_at;
use crate::components::{on_input_value, on_select_value};
use crate::draft::{Plan, field};
use crate::state::{Action, Loadable};

/// What the panel shows and does, besides the page state.
pub struct PickerProps {
    /// The checked draft.
    pub plan: Rc<Plan>,
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
        Loadable::Failed(message) => html! { <p class="error" role="alert">{ message }</p> },
        _ => html! {},
    }
}

/// The picker fieldset.
pub fn picker_panel(state: &PlaygroundHandle, props: &PickerProps) -> Html {
    let dispatch = dispatch_of(state);
    let draft = &state.draft;
    let diagnostics = &props.plan.diagnostics;
    let on_configuration = on_input_value(dispatch.reform(Action::SetConfigurationId));
    let on_assignment = on_input_value(dispatch.reform(Action::SetAssignmentId));
    let pick_configuration = {
        let dispatch = dispatch.clone();
        let load = props.on_load_assignments.clone();
        on_select_value(Callback::from(move |id: String| {
            if !id.is_empty() {
                dispatch.emit(Action::SetConfigurationId(id.clone()));
                load.emit(id);
            }
        }))
    };
    let pick_assignment = {
        let dispatch = dispatch.clone();
        on_select_value(Callback::from(move |id: String| {
            if !id.is_empty() {
                dispatch.emit(Action::SetAssignmentId(id));
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
            { status(&state.configurations, "configurations") }
            if let Loadable::Loaded(list) = &state.configurations {
                <label for="configuration-pick">{ "Pick a configuration" }</label>
                <select id="configuration-pick" onchange={pick_configuration}>
                    <option value="" selected=true>{ format!("{} configurations: choose one", list.len()) }</option>
                    { for list.iter().map(|c| html! {
                        <option value={c.id.to_string()}>
                            { format!("{} ({})", c.display_name.clone().unwrap_or_else(|| "(no name)".into()), c.id) }
                        </option>
                    }) }
                </select>
            }
            <label for="configuration-id">{ "Configuration ID" }</label>
            <input id="configuration-id" value={draft.configuration_id.clone()} oninput={on_configuration}
                spellcheck="false" aria-describedby="configuration-id-messages" />
            { messages_at(diagnostics, field::CONFIGURATION_ID, "configuration-id-messages") }
            { status(&state.assignments, "assignments") }
            if let Loadable::Loaded(list) = &state.assignments {
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
            { messages_at(diagnostics, field::ASSIGNMENT_ID, "assignment-id-messages") }
            <div class="row">
                <button type="button" onclick={load_current} disabled={!can_load_current}>{ "Load current" }</button>
            </div>
            { status(&state.current, "the current assignment") }
            if let Loadable::Loaded(message) = &state.current {
                <p class="note" role="status">{ message }</p>
            }
        </fieldset>
    }
}
