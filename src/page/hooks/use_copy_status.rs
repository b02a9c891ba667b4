//! Copying text to the clipboard, with what the last copy did for a status line.

use std::ops::Deref;

use yew::prelude::*;

use crate::page::services::clipboard;

/// A copy button's state.
#[derive(Clone)]
pub struct UseCopyStatusHandle {
    status: UseStateHandle<&'static str>,
}

impl UseCopyStatusHandle {
    /// Copies `text`; the status says how it went.
    pub fn copy(&self, text: String) {
        let status = self.status.clone();
        clipboard::copy(text, Callback::from(move |message| status.set(message)));
    }
}

impl Deref for UseCopyStatusHandle {
    type Target = &'static str;

    fn deref(&self) -> &Self::Target {
        &self.status
    }
}

/// A copy status, empty until the first copy.
#[hook]
pub fn use_copy_status() -> UseCopyStatusHandle {
    UseCopyStatusHandle {
        status: use_state(|| ""),
    }
}
