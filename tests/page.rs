//! Component tests in a real browser: the page validates with the model crate compiled to wasm.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use assignment_playground::app::App;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlTextAreaElement};

wasm_bindgen_test_configure!(run_in_browser);

/// Mounts the app into a fresh element and returns it.
fn mount() -> Element {
    let document = web_sys::window().unwrap().document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    root
}

/// Waits until `condition` holds, failing after a deadline.
async fn wait_until(what: &str, condition: impl Fn() -> bool) {
    let deadline = js_sys::Date::now() + 5_000.0;
    while !condition() {
        assert!(
            js_sys::Date::now() < deadline,
            "timed out waiting for {what}"
        );
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Dispatches a bubbling event, as the browser does for `input` and `change`.
fn fire(target: &web_sys::EventTarget, kind: &str) {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    let event = web_sys::Event::new_with_event_init_dict(kind, &init).unwrap();
    target.dispatch_event(&event).unwrap();
}

fn body_area(root: &Element) -> Option<HtmlTextAreaElement> {
    root.query_selector("textarea")
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

#[wasm_bindgen_test]
async fn typing_the_seed_example_shows_why_it_is_refused() {
    let root = mount();
    wait_until("the body editor", || body_area(&root).is_some()).await;
    let area = body_area(&root).unwrap();
    assert!(
        root.text_content()
            .unwrap_or_default()
            .contains("Request body (JSON)")
    );
    assert!(
        !root
            .text_content()
            .unwrap_or_default()
            .contains("concrete target kind")
    );

    area.set_value(
        r#"{"target": {"@odata.type": "microsoft.graph.deviceAndAppManagementAssignmentTarget"}}"#,
    );
    fire(&area, "input");

    wait_until("the error", || {
        root.text_content()
            .unwrap_or_default()
            .contains("a concrete target kind must be chosen")
    })
    .await;
}

#[wasm_bindgen_test]
async fn choosing_included_group_asks_for_a_group_id() {
    let root = mount();
    wait_until("the target type", || {
        root.query_selector("#target-type").ok().flatten().is_some()
    })
    .await;
    let select: web_sys::HtmlSelectElement = root
        .query_selector("#target-type")
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    select.set_value("groupAssignmentTarget");
    fire(&select, "change");
    wait_until("the group id field and its error", || {
        root.query_selector("#group-id").ok().flatten().is_some()
            && root
                .text_content()
                .unwrap_or_default()
                .contains("Included group needs groupId")
    })
    .await;
    let area = body_area(&root).unwrap();
    assert!(
        area.value()
            .contains("#microsoft.graph.groupAssignmentTarget")
    );
}

fn element<T: JsCast>(root: &Element, selector: &str) -> Option<T> {
    root.query_selector(selector)
        .ok()
        .flatten()?
        .dyn_into()
        .ok()
}

/// Replaces the body text as a person typing would.
async fn type_body(root: &Element, text: &str) {
    wait_until("the body editor", || body_area(root).is_some()).await;
    let area = body_area(root).unwrap();
    area.set_value(text);
    fire(&area, "input");
}

#[wasm_bindgen_test]
async fn editing_the_json_updates_the_form() {
    let root = mount();
    type_body(
        &root,
        r#"{"target": {"@odata.type": "microsoft.graph.configurationManagerCollectionAssignmentTarget", "collectionId": "SMS00042"}}"#,
    )
    .await;
    wait_until("the form to follow the JSON", || {
        let kind = element::<web_sys::HtmlSelectElement>(&root, "#target-type").map(|s| s.value());
        let collection =
            element::<web_sys::HtmlInputElement>(&root, "#collection-id").map(|i| i.value());
        kind.as_deref() == Some("configurationManagerCollectionAssignmentTarget")
            && collection.as_deref() == Some("SMS00042")
    })
    .await;
}

#[wasm_bindgen_test]
async fn a_bad_group_id_is_named_and_send_is_disabled() {
    let root = mount();
    type_body(
        &root,
        r#"{"target": {"@odata.type": "microsoft.graph.groupAssignmentTarget", "groupId": "Sales"}}"#,
    )
    .await;
    wait_until("the group id error and a disabled Send", || {
        let messages = element::<Element>(&root, "#group-id-messages")
            .and_then(|m| m.text_content())
            .unwrap_or_default();
        let send = element::<web_sys::HtmlButtonElement>(&root, "button.primary");
        messages.contains("AADGroupId") && send.is_some_and(|button| button.disabled())
    })
    .await;
}

#[wasm_bindgen_test]
async fn the_token_stays_out_of_local_storage() {
    const TOKEN: &str = "wasm-test-secret-token-0042";
    let root = mount();
    wait_until("the token field", || {
        element::<web_sys::HtmlInputElement>(&root, "#token").is_some()
    })
    .await;
    let input: web_sys::HtmlInputElement = element(&root, "#token").unwrap();
    input.set_value(TOKEN);
    fire(&input, "input");
    // The configuration id is saved with the draft, so once it shows up the save has happened.
    let configuration: web_sys::HtmlInputElement = element(&root, "#configuration-id").unwrap();
    configuration.set_value("saved-after-the-token");
    fire(&configuration, "input");
    let storage = web_sys::window().unwrap().local_storage().unwrap().unwrap();
    let everything = || {
        (0..storage.length().unwrap_or(0))
            .filter_map(|index| storage.key(index).ok().flatten())
            .filter_map(|key| storage.get_item(&key).ok().flatten())
            .collect::<Vec<_>>()
            .join("\n")
    };
    wait_until("the draft to be saved", || {
        everything().contains("saved-after-the-token")
    })
    .await;
    assert!(!everything().contains(TOKEN));
}
