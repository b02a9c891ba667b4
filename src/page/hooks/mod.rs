//! The page's async parts as hooks: each returns a `Use…Handle` with the callbacks the view
//! needs, and keeps its fetches, aborts and timers to itself.

pub mod use_copy_status;
pub mod use_history_files;
pub mod use_saved_work;
pub mod use_send;
pub mod use_share_link;
pub mod use_view;
