//! The page: the Yew app of the first load. Data flows one way: input -> [`state::Action`] ->
//! reducer -> [`crate::shared::draft::Draft`] -> the model checks it -> the view renders
//! fields, messages and the request -> Send runs the pure [`send_machine::SendMachine`], whose
//! steps [`sender`] carries out -> the response becomes a
//! [`crate::shared::response::ResponseView`], failures a [`crate::shared::error::AppError`].
//! The parts the worker shows come as typed views ([`crate::contract::view_tree`]) that
//! [`components::part`] renders with Yew.

pub mod app;
pub mod components;
pub mod hooks;
pub mod send_machine;
pub mod sender;
pub mod services;
pub mod shortcuts;
pub mod state;
pub mod theme;
pub mod views;
