//! What crosses between the page and its worker, used by both sides: the messages each way
//! ([`protocol`]), the typed view the worker sends for the parts it shows ([`view_tree`]), the
//! element ids both sides name ([`ids`]), and the one view both sides draw of a shared value
//! ([`error_view`]).

pub mod error_view;
pub mod ids;
pub mod protocol;
pub mod view_tree;
