//! The domain both the page and the worker compute with, on either side: the draft and its
//! target form, errors and their words, responses, the retry rule, the history and its HAR,
//! share links, the sign-in's records, and the clock and fetch both sides send with. Nothing
//! here knows the page, the worker or the contract.

pub mod batch_reads;
pub mod clock;
pub mod comparison;
pub mod draft;
pub mod error;
pub mod flight;
pub mod graph;
pub mod history;
pub mod response;
pub mod retry;
pub mod share;
pub mod signin;
pub mod target_form;
pub mod wording;
