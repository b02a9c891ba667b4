//! The playground: a Yew single-page app for updating the target of an iOS LOB app provisioning
//! configuration assignment in Microsoft Graph.

pub mod app;

/// Mounts the app into the document body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
