//! How the worker's features tell each other of a change without importing each other: the
//! lists and the Bulk view ask for names when they hold new targets ([`names_wanted`]), the
//! names tell the Bulk view when names came ([`names_came`]), and sign-in tells it of each new
//! access token at once ([`token_changed`]), so that a run's next write never waits for the
//! page to pass the token on. The worker connects them once at
//! start ([`crate::worker::workbench::start`]); before that (as in native tests) nothing is told.

use std::cell::Cell;

use crate::contract::protocol::Post;

/// What is done on each event.
#[derive(Clone, Copy)]
struct Handlers {
    names_wanted: fn(&Post),
    names_came: fn(&Post),
    token_changed: fn(&str),
}

thread_local! {
    static HANDLERS: Cell<Option<Handlers>> = const { Cell::new(None) };
}

/// Connects the events to what is done on them.
pub fn connect(names_wanted: fn(&Post), names_came: fn(&Post), token_changed: fn(&str)) {
    HANDLERS.with(|handlers| {
        handlers.set(Some(Handlers {
            names_wanted,
            names_came,
            token_changed,
        }))
    });
}

/// Sign-in has a new access token for the page (empty: none).
pub fn token_changed(token: &str) {
    if let Some(handlers) = HANDLERS.with(Cell::get) {
        (handlers.token_changed)(token);
    }
}

/// New targets are shown: their names should be read, and the named parts written again.
pub fn names_wanted(post: &Post) {
    if let Some(handlers) = HANDLERS.with(Cell::get) {
        (handlers.names_wanted)(post);
    }
}

/// Names came: the parts that show names elsewhere may write themselves again.
pub fn names_came(post: &Post) {
    if let Some(handlers) = HANDLERS.with(Cell::get) {
        (handlers.names_came)(post);
    }
}
