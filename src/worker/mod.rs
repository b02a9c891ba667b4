//! The web worker: [`workbench`] reads each message of the contract and hands its job to the
//! feature that does it (sign-in, names, finders, lists, Code, Bulk). It runs in a wasm module
//! of its own (`src/bin/playground-worker.rs`), which the page starts once the form is usable,
//! so none of this code is in the first load.

pub mod bulk_work;
pub mod changes_work;
pub mod code_work;
pub mod crypto;
pub mod finder_work;
pub mod list_work;
pub mod name_directory;
pub mod name_work;
pub mod pick_list;
pub mod reach_work;
pub mod recorded_send;
pub mod set_work;
pub mod sign_in_work;
pub mod workbench;
pub mod worker_events;
