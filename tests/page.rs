//! Component tests in a real browser: the page validates with the model crate compiled to wasm.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use std::ops::Deref;

use assignment_playground::page::app::App;
use assignment_playground::shared::draft::DEFAULT_EMULATOR_URL;
use graph_model::{ApiVersion, AssignmentId, ConfigurationId, GraphUrls, ServiceRoot};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Element, HtmlTextAreaElement};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

/// The app mounted into an element of its own; unmounted and removed when dropped.
struct Mounted {
    root: Element,
    app: Option<AppHandle<App>>,
}

impl Deref for Mounted {
    type Target = Element;

    fn deref(&self) -> &Element {
        &self.root
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Mounts the app into a fresh element, on empty storage, so no test sees another's draft.
fn mount() -> Mounted {
    let window = web_sys::window().unwrap();
    window.local_storage().unwrap().unwrap().clear().unwrap();
    let document = window.document().unwrap();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    Mounted {
        root,
        app: Some(app),
    }
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

/// Types `value` into the input with this selector, as a person would.
fn type_into(root: &Element, selector: &str, value: &str) {
    let input: web_sys::HtmlInputElement = element(root, selector).unwrap();
    input.set_value(value);
    fire(&input, "input");
}

fn previewed_url(root: &Element) -> String {
    element::<Element>(root, ".request-line .url")
        .and_then(|url| url.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn the_browser_fetches_exactly_the_previewed_url_for_hostile_ids() {
    let root = mount();
    wait_until("the id fields", || {
        element::<Element>(&root, "#assignment-id").is_some()
    })
    .await;
    for hostile in [
        "a b",
        "a/b",
        "?q=1",
        "#top",
        "100%",
        "é ✓",
        "...",
        "%2e%2e",
        "back\\slash",
        "a;b,c",
    ] {
        type_into(&root, "#configuration-id", hostile);
        type_into(&root, "#assignment-id", &format!("{hostile}_0_0"));
        let root_url = ServiceRoot::emulator(DEFAULT_EMULATOR_URL).unwrap();
        let expected = GraphUrls::new(&root_url, ApiVersion::Beta).assignment(
            &ConfigurationId::parse(hostile).unwrap(),
            &AssignmentId::parse(&format!("{hostile}_0_0")).unwrap(),
        );
        wait_until("the preview to show the ids", || {
            previewed_url(&root) == expected
        })
        .await;
        let fetched = web_sys::Url::new(&expected).unwrap().href();
        assert_eq!(fetched, expected, "{hostile:?}");
    }
}

#[wasm_bindgen_test]
async fn dot_ids_are_refused_before_the_browser_can_resolve_them() {
    let root = mount();
    wait_until("the id fields", || {
        element::<Element>(&root, "#assignment-id").is_some()
    })
    .await;
    type_into(&root, "#configuration-id", "..");
    type_into(&root, "#assignment-id", ".");
    wait_until("both ids refused and Send disabled", || {
        let messages = |id: &str| {
            element::<Element>(&root, id)
                .and_then(|m| m.text_content())
                .unwrap_or_default()
        };
        let send = element::<web_sys::HtmlButtonElement>(&root, "button.primary");
        messages("#configuration-id-messages").contains("different URL")
            && messages("#assignment-id-messages").contains("different URL")
            && send.is_some_and(|button| button.disabled())
    })
    .await;
}

/// Work of one kind scheduled twice during a burst of edits is done once, with the last
/// scheduled work, after the pause.
#[wasm_bindgen_test]
async fn work_after_edits_is_done_once_when_editing_pauses() {
    use std::cell::RefCell;
    use std::rc::Rc;

    use assignment_playground::page::services::later::after_pause;

    let done: Rc<RefCell<Vec<&str>>> = Rc::default();
    for label in ["first", "second"] {
        let done = done.clone();
        after_pause("test", Box::new(move || done.borrow_mut().push(label)));
    }
    assert!(done.borrow().is_empty(), "nothing is done during the burst");
    wait_until("the work after the pause", || !done.borrow().is_empty()).await;
    assert_eq!(*done.borrow(), ["second"]);
}

/// A part shown again unchanged is left alone, and one whose row changes keeps its list: the
/// page once wrote the worker's HTML with `innerHTML` and compared it with what the browser
/// read back (`&#39;` comes back as `'`), so a list holding a quote was replaced (and took
/// focus and selection from a `<select>`) on every refresh; and any change replaced the list.
#[wasm_bindgen_test]
async fn a_part_shown_again_keeps_its_list_and_a_changed_row_changes_only_that_row() {
    use assignment_playground::contract::view_tree::{Attr, Node, Part, Tag, el};
    use assignment_playground::page::components::part::{PartProps, WorkerPart, show};

    let document = web_sys::window().unwrap().document().unwrap();
    let host = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&host).unwrap();
    let props = PartProps {
        part: Part::BulkPlan,
    };
    let app = yew::Renderer::<WorkerPart>::with_root_and_props(host.clone(), props).render();
    let list = |rows: &[&str]| -> Vec<Node> {
        let options = rows.iter().map(|row| el(Tag::Option).text(*row));
        vec![
            el(Tag::Select)
                .id("part-test-list")
                .children(options)
                .into(),
        ]
    };
    show(
        Part::BulkPlan,
        list(&["Contoso's \"iPads\"", "<img src=x onerror=alert(1)>"]),
    );
    let find = || document.get_element_by_id("part-test-list");
    wait_until("the list", || find().is_some()).await;
    let shown = find().unwrap();
    assert_eq!(
        shown.text_content().unwrap(),
        "Contoso's \"iPads\"<img src=x onerror=alert(1)>"
    );
    assert!(
        host.query_selector("img").unwrap().is_none(),
        "text stays text"
    );
    let first = shown.first_element_child().unwrap();
    show(
        Part::BulkPlan,
        list(&["Contoso's \"iPads\"", "<img src=x onerror=alert(1)>"]),
    );
    show(
        Part::BulkPlan,
        list(&["Contoso's \"iPads\"", "Kiosk iPhones"]),
    );
    let said = || {
        find()
            .and_then(|list| list.text_content())
            .unwrap_or_default()
    };
    wait_until("the changed row", || said().ends_with("Kiosk iPhones")).await;
    let again = find().unwrap();
    assert!(
        shown.is_same_node(Some(&again)),
        "the same list, not a new one"
    );
    assert!(
        first.is_same_node(again.first_child().as_ref()),
        "the unchanged row is the same node"
    );
    let selected = |on: bool| {
        vec![Node::from(
            el(Tag::Input)
                .attr(Attr::Type, "checkbox")
                .flag(Attr::Checked, on),
        )]
    };
    show(Part::BulkPlan, selected(true));
    let checkbox = || {
        host.query_selector("input")
            .unwrap()
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok())
    };
    wait_until("the checkbox, checked", || {
        checkbox().is_some_and(|input| input.checked())
    })
    .await;
    show(Part::BulkPlan, selected(false));
    wait_until("the checkbox, cleared", || {
        checkbox().is_some_and(|input| !input.checked())
    })
    .await;
    app.destroy();
    host.remove();
}
