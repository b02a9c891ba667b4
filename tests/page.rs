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
