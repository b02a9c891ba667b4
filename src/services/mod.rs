//! The thin edge that touches the browser: HTTP through fetch, and local storage.

pub mod graph;
pub mod storage;
