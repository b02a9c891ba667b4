//! Edit the target, in the Intune admin center's words.

use std::rc::Rc;

use graph_model::{FilterType, OwnProperty, TargetKind};
use yew::prelude::*;

use crate::components::{PlaygroundHandle, dispatch_of};

use crate::components::messages::messages_at;
use crate::components::{on_input_value, on_select_value};
use crate::draft::Plan;
use crate::state::Action;
use crate::target_form::FormField;

/// What the panel shows and does, besides the page state.
pub struct TargetEditorProps {
    /// The checked draft.
    pub plan: Rc<Plan>,
}

/// The target fieldset.
pub fn target_editor(state: &PlaygroundHandle, props: &TargetEditorProps) -> Html {
    let dispatch = dispatch_of(state);
    let form = &state.draft.form;
    let diagnostics = &props.plan.diagnostics;
    let at = |field: FormField, id: &'static str| messages_at(diagnostics, &field.pointer(), id);
    let on_kind = on_select_value(dispatch.reform(|value: String| {
        let kind = TargetKind::ALL
            .into_iter()
            .find(|kind| kind.type_name() == value)
            .unwrap_or(TargetKind::AllDevices);
        Action::SetKind(kind)
    }));
    let on_group = on_input_value(dispatch.reform(Action::SetGroupId));
    let on_collection = on_input_value(dispatch.reform(Action::SetCollectionId));
    let on_filter_type = on_select_value(dispatch.reform(|value: String| {
        Action::SetFilterType(FilterType::from_json_value(&value).unwrap_or_default())
    }));
    let on_filter_id = on_input_value(dispatch.reform(Action::SetFilterId));
    let rewrite = dispatch.reform(|_: MouseEvent| Action::RewriteBodyFromForm);
    html! {
        <fieldset class="panel">
            <legend>{ "Assignment target" }</legend>
            if state.body_is_unreadable() {
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
                    placeholder="00000000-0000-0000-0000-000000000000" aria-describedby="group-id-messages" />
                { at(FormField::GroupId, "group-id-messages") }
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
                placeholder="Leave empty for no filter" aria-describedby="filter-id-messages" />
            { at(FormField::FilterId, "filter-id-messages") }
        </fieldset>
    }
}
