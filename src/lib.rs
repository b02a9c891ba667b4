//! The playground: a Yew single-page app for updating the target of an iOS LOB app provisioning
//! configuration assignment in Microsoft Graph, and the web worker that does its slower work.
//!
//! The code is laid out by where it runs, and depends one way (checked by
//! `tests/module_graph.rs`):
//!
//! - [`page`]: the Yew app in the first load (the form, Send and the parts it renders).
//! - [`worker`]: the web worker's features (sign-in, names, finders, lists, Code, Bulk),
//!   in a wasm module of its own that the page starts once the form is usable.
//! - [`contract`]: what crosses between them: the messages and the typed view.
//! - [`shared`]: the domain both sides compute with (the draft, errors, responses, history,
//!   the words), and the fetch both sides send with.
//!
//! `page` and `worker` each use `contract` and `shared` and never each other; `contract` uses
//! `shared`; `shared` uses neither.

#![warn(missing_docs)]

pub mod contract;
pub mod page;
pub mod shared;
pub mod worker;

/// Mounts the app into the document body, after taking any sign-in answer off the address.
pub fn start() {
    page::services::signin::capture_return();
    yew::Renderer::<page::app::App>::new().render();
}
