//! The benchmark's floor: the form of `bench/hand-written` as the least Yew page can offer it,
//! built like the playground (release, `opt-level = "z"`, LTO, talc, `wasm-opt -Oz`) and checked
//! by the model. What this page costs over the hand-written one is what Yew and WebAssembly cost
//! before the playground adds anything; `scripts/bench` prints it beside both.

use graph_model::{ApiVersion, GroupId, ServiceRoot, TargetKind, request::GraphUrls};
use js_sys::Reflect;
use serde_json::{Map, Value, json};
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// Talc, as in the playground.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// What the user typed and chose.
#[derive(Clone, Default, PartialEq)]
struct Form {
    kind: Option<TargetKind>,
    group_id: String,
    collection_id: String,
    filter_type: String,
    filter_id: String,
}

impl Form {
    /// The body's JSON and the Group ID's error, if any.
    fn body_and_error(&self) -> (String, Option<String>) {
        let kind = self.kind.unwrap_or(TargetKind::AllDevices);
        let mut target = Map::new();
        target.insert("@odata.type".into(), kind.odata_type().into());
        let filter_id = self.filter_id.trim();
        if !filter_id.is_empty() {
            target.insert(
                "deviceAndAppManagementAssignmentFilterId".into(),
                filter_id.into(),
            );
        }
        let filter_type = if self.filter_type.is_empty() {
            "none"
        } else {
            &self.filter_type
        };
        target.insert(
            "deviceAndAppManagementAssignmentFilterType".into(),
            filter_type.into(),
        );
        let mut error = None;
        if matches!(kind, TargetKind::Group | TargetKind::ExclusionGroup) {
            let id = self.group_id.trim();
            target.insert("groupId".into(), id.into());
            error = GroupId::parse(id)
                .err()
                .map(|problem| format!("Error: Group ID {problem}"));
        }
        if kind == TargetKind::ConfigurationManagerCollection {
            target.insert("collectionId".into(), self.collection_id.trim().into());
        }
        let body = json!({
            "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
            "target": Value::Object(target),
        });
        (
            serde_json::to_string_pretty(&body).unwrap_or_default(),
            error,
        )
    }
}

/// The value of the field or list an event came from (both have a `value` property).
fn value_of(event: &Event) -> String {
    event
        .target()
        .and_then(|target| Reflect::get(&target, &JsValue::from_str("value")).ok())
        .and_then(|value| value.as_string())
        .unwrap_or_default()
}

/// A callback that writes the value of the field or list an event came from into the form.
fn on_edit<E: AsRef<Event> + 'static>(
    form: &UseStateHandle<Form>,
    write: fn(&mut Form, String),
) -> Callback<E> {
    let form = form.clone();
    Callback::from(move |event: E| {
        let mut next = (*form).clone();
        write(&mut next, value_of(event.as_ref()));
        form.set(next);
    })
}

/// The page: the hand-written page's form, fields and preview.
#[function_component(Floor)]
fn floor() -> Html {
    let form = use_state(Form::default);
    let (body, error) = form.body_and_error();
    let kind = form.kind.unwrap_or(TargetKind::AllDevices);
    let root = ServiceRoot::emulator("http://127.0.0.1:8787").ok();
    let url = root
        .map(|root| GraphUrls::new(&root, ApiVersion::Beta).assignment_template(None, None))
        .unwrap_or_default();
    let options = TargetKind::ALL.iter().map(|option| {
        html! { <option value={option.type_name()} selected={*option == kind}>{ option.label() }</option> }
    });
    let group = matches!(kind, TargetKind::Group | TargetKind::ExclusionGroup);
    html! {
        <main>
            <h1>{ "Assignment target (Yew floor for the benchmark)" }</h1>
            <label for="target-type">{ "Target type" }</label>
            <select id="target-type" onchange={on_edit(&form, |form, name| {
                form.kind = TargetKind::ALL.into_iter().find(|kind| kind.type_name() == name);
            })}>{ for options }</select>
            if group {
                <label for="group-id">{ "Group ID" }</label>
                <input id="group-id" spellcheck="false" aria-describedby="group-id-messages"
                    value={form.group_id.clone()}
                    oninput={on_edit(&form, |form, text| form.group_id = text)} />
                <ul id="group-id-messages">
                    if let Some(error) = error.clone() { <li class="error">{ error }</li> }
                </ul>
            }
            if kind == TargetKind::ConfigurationManagerCollection {
                <label for="collection-id">{ "Collection ID" }</label>
                <input id="collection-id" spellcheck="false" value={form.collection_id.clone()}
                    oninput={on_edit(&form, |form, text| form.collection_id = text)} />
            }
            <label for="filter-type">{ "Filter type" }</label>
            <select id="filter-type" onchange={on_edit(&form, |form, name| form.filter_type = name)}>
                <option>{ "none" }</option><option>{ "include" }</option><option>{ "exclude" }</option>
            </select>
            <label for="filter-id">{ "Filter ID" }</label>
            <input id="filter-id" spellcheck="false" value={form.filter_id.clone()}
                oninput={on_edit(&form, |form, text| form.filter_id = text)} />
            <p class="request-line"><strong>{ "PATCH" }</strong>{ " " }<code class="url">{ url }</code></p>
            <label for="body">{ "Request body (JSON)" }</label>
            <textarea id="body" rows="12" spellcheck="false" readonly=true value={body} />
            <button type="button" class="primary" disabled={error.is_some()}>{ "Send" }</button>
        </main>
    }
}

fn main() {
    yew::Renderer::<Floor>::new().render();
}
