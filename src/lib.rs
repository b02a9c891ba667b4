//! The playground: a Yew single-page app for updating the target of an iOS LOB app provisioning
//! configuration assignment in Microsoft Graph.
//!
//! Data flows one way: input -> [`state::Action`] -> reducer -> [`draft::Draft`] -> the model
//! checks it ([`draft::Draft::plan`]) -> the view renders fields, messages and the request ->
//! Send runs the pure [`send_machine::SendMachine`], whose steps [`sender`] carries out -> the
//! response becomes a [`response::ResponseView`], failures an [`error::AppError`], and
//! [`wording`] says what they mean.

#![warn(missing_docs)]

pub mod app;
pub mod bulk_work;
pub mod code_work;
pub mod comparison;
pub mod components;
pub mod draft;
pub mod error;
pub mod error_view;
pub mod finder_work;
pub mod history;
pub mod hooks;
pub mod list_work;
pub mod name_directory;
pub mod name_work;
pub mod protocol;
pub mod response;
pub mod retry;
pub mod send_machine;
pub mod sender;
pub mod services;
pub mod share;
pub mod shortcuts;
pub mod sign_in_work;
pub mod signin;
pub mod state;
pub mod target_form;
pub mod theme;
pub mod view_tree;
pub mod wording;
pub mod workbench;
pub mod worker_events;

/// Mounts the app into the document body, after taking any sign-in answer off the address.
pub fn start() {
    services::signin::capture_return();
    yew::Renderer::<app::App>::new().render();
}
