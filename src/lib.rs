//! The playground: a Yew single-page app for updating the target of an iOS LOB app provisioning
//! configuration assignment in Microsoft Graph.
//!
//! Data flows one way: input -> [`state::Action`] -> reducer -> [`draft::Draft`] -> the model
//! checks it ([`draft::Draft::plan`]) -> the view renders fields, messages and the request ->
//! Send builds the request from the validated value -> the response becomes a
//! [`response::ResponseView`].

#![warn(missing_docs)]

pub mod app;
pub mod comparison;
pub mod components;
pub mod draft;
pub mod history;
pub mod response;
pub mod retry;
pub mod sender;
pub mod services;
pub mod share;
pub mod shortcuts;
pub mod state;
pub mod target_form;
pub mod theme;

/// Mounts the app into the document body.
pub fn start() {
    yew::Renderer::<app::App>::new().render();
}
