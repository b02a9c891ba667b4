//! Edit the target, in the Intune admin center's words.

use graph_model::target_names::FILTER_WORKLOADS_URL;
use graph_model::{FilterType, OwnProperty, TargetKind};
use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::contract::ids::{FILTER_NAME_ID, GROUP_NAME_ID, HINTS_ID};
use crate::contract::protocol::FinderKind;
use crate::contract::view_tree::Part;
use crate::page::components::finder::finder;
use crate::page::components::messages::body_messages;
use crate::page::components::part::WorkerPart;
use crate::page::components::worker_parts;
use crate::page::components::{on_input_value, on_select_value};
use crate::page::state::TargetEdit;
use crate::shared::draft::Plan;
use crate::shared::target_form::{FormField, TargetForm};

/// What the panel shows and may change: the target form, and nothing else.
pub struct TargetEditorProps<'a> {
    /// The form as typed.
    pub form: &'a TargetForm,
    /// The checked draft.
    pub plan: &'a Plan,
    /// Changes the form.
    pub on_edit: Callback<TargetEdit>,
    /// Whether names are looked up (see [`worker_parts::look_up_names`]).
    pub look_up: bool,
    /// The "Look up names" switch changed.
    pub on_look_up: Callback<bool>,
}

/// The target fieldset.
pub fn target_editor(props: &TargetEditorProps<'_>) -> Html {
    let form = props.form;
    let at = |field: FormField, id: &'static str| {
        let pointer = field.pointer();
        body_messages(&props.plan.body, id, |p| p == pointer)
    };
    let on_edit = &props.on_edit;
    let on_kind = on_select_value(on_edit.reform(|value: String| {
        TargetEdit::SetKind(value.parse().unwrap_or(TargetKind::AllDevices))
    }));
    let on_group = on_input_value(on_edit.reform(TargetEdit::SetGroupId));
    let on_collection = on_input_value(on_edit.reform(TargetEdit::SetCollectionId));
    let on_filter_type = on_select_value(
        on_edit
            .reform(|value: String| TargetEdit::SetFilterType(value.parse().unwrap_or_default())),
    );
    let on_filter_id = on_input_value(on_edit.reform(TargetEdit::SetFilterId));
    let rewrite = on_edit.reform(|_: MouseEvent| TargetEdit::RewriteBodyFromForm);
    let carries_filter = form.filter_type != FilterType::None || !form.filter_id.trim().is_empty();
    let on_look_up = {
        let on_look_up = props.on_look_up.clone();
        Callback::from(move |event: Event| {
            if let Some(switch) = event.target_dyn_into::<HtmlInputElement>() {
                on_look_up.emit(switch.checked());
            }
        })
    };
    html! {
        <fieldset class="panel">
            <legend>{ "Assignment target" }</legend>
            if !props.plan.body_is_object {
                <p class="warning" role="status">
                    { "The JSON body has a syntax error, so form changes are not written into it (your text is kept). Fix the JSON, or " }
                    <button type="button" onclick={rewrite}>{ "Rewrite body from form" }</button>
                </p>
            }
            <label for="target-type">{ "Target type" }</label>
            <select id="target-type" onchange={on_kind} ~value={form.kind.type_name()} aria-describedby="target-type-messages">
                { for TargetKind::ALL.iter().map(|kind| html! {
                    <option value={kind.type_name()} selected={*kind == form.kind}>{ kind.label() }</option>
                }) }
            </select>
            { at(FormField::Kind, "target-type-messages") }
            if form.kind.own_property() == Some(OwnProperty::GroupId) {
                <label for="group-id">{ "Group ID" }</label>
                <input id="group-id" value={form.group_id.clone()} oninput={on_group} spellcheck="false"
                    placeholder="00000000-0000-0000-0000-000000000000" aria-describedby="group-id-messages group-id-name" />
                { at(FormField::GroupId, "group-id-messages") }
                <p id={GROUP_NAME_ID} class="note" aria-live="polite">
                    <WorkerPart part={Part::GroupName} />
                </p>
                { finder(FinderKind::Group, worker_parts::FINDER_ACTIONS) }
            }
            if form.kind.own_property() == Some(OwnProperty::CollectionId) {
                <label for="collection-id">{ "Collection ID" }</label>
                <input id="collection-id" value={form.collection_id.clone()} oninput={on_collection} spellcheck="false"
                    placeholder="SMS00001" aria-describedby="collection-id-messages" />
                { at(FormField::CollectionId, "collection-id-messages") }
            }
            <label for="filter-type">{ "Filter type" }</label>
            <select id="filter-type" onchange={on_filter_type} ~value={form.filter_type.as_str()} aria-describedby="filter-type-messages">
                { for FilterType::ALL.iter().map(|t| html! {
                    <option value={t.as_str()} selected={*t == form.filter_type}>{ t.label() }</option>
                }) }
            </select>
            { at(FormField::FilterType, "filter-type-messages") }
            <label for="filter-id">{ "Filter ID" }</label>
            <input id="filter-id" value={form.filter_id.clone()} oninput={on_filter_id} spellcheck="false"
                placeholder="Leave empty for no filter" aria-describedby="filter-id-messages filter-id-name" />
            { at(FormField::FilterId, "filter-id-messages") }
            <p id={FILTER_NAME_ID} class="note" aria-live="polite">
                <WorkerPart part={Part::FilterName} />
            </p>
            if carries_filter {
                <p class="warning" role="note">
                    { "Warning: Intune does not support assignment filters for iOS/iPadOS app provisioning profiles: the filter may be ignored or refused. " }
                    <a href={FILTER_WORKLOADS_URL} target="_blank" rel="noopener noreferrer">
                        { "Intune's list of the workloads that support filters" }
                    </a>
                </p>
            }
            { finder(FinderKind::Filter, worker_parts::FINDER_ACTIONS) }
            <div class="row options" onchange={on_look_up}>
                <input id={worker_parts::LOOK_UP_ID} type="checkbox" checked={props.look_up} />
                <label for={worker_parts::LOOK_UP_ID} class="inline">
                    { "Look up names and reach (needs Group.Read.All, User.Read.All, Device.Read.All and DeviceManagementConfiguration.Read.All)" }
                </label>
            </div>
            <div id={HINTS_ID} aria-live="polite">
                <WorkerPart part={Part::TargetHints} />
            </div>
        </fieldset>
    }
}
