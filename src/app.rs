//! The root component.

use graph_model::{ApiVersion, AssignmentPatch};
use yew::prelude::*;

/// The example body the page starts with.
const EXAMPLE_BODY: &str = r##"{
  "@odata.type": "#microsoft.graph.iosLobAppProvisioningConfigurationAssignment",
  "target": {
    "@odata.type": "#microsoft.graph.allDevicesAssignmentTarget",
    "deviceAndAppManagementAssignmentFilterType": "none"
  }
}"##;

/// The playground page.
#[function_component(App)]
pub fn app() -> Html {
    let body = use_state(|| EXAMPLE_BODY.to_owned());
    let check = AssignmentPatch::check(&body, ApiVersion::Beta);
    let oninput = {
        let body = body.clone();
        Callback::from(move |event: InputEvent| {
            let area: web_sys::HtmlTextAreaElement = event.target_unchecked_into();
            body.set(area.value());
        })
    };
    html! {
        <main>
            <h1>{ "iOS LOB app provisioning assignment playground" }</h1>
            <label for="body">{ "Request body (JSON)" }</label>
            <textarea id="body" rows="10" value={(*body).clone()} {oninput} />
            <ul aria-label="Problems">
                { for check.diagnostics.errors.iter().map(|p| html! { <li class="error">{ p.to_string() }</li> }) }
                { for check.diagnostics.warnings.iter().map(|p| html! { <li class="warning">{ p.to_string() }</li> }) }
            </ul>
        </main>
    }
}
