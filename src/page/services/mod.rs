//! The thin edge that touches the browser: HTTP through fetch, local storage, the clipboard and
//! the address bar.

pub mod clipboard;
pub mod dom;
pub mod files;
pub mod later;
pub mod location;
pub mod offline;
pub mod signin;
pub mod storage;
pub mod theme;
pub mod workbench;
pub mod worker_start;
