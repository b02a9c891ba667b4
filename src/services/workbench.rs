//! The page's end of the workbench worker (see [`crate::workbench`]): started on the first job,
//! which comes after the form is usable; jobs sent before the worker says it is ready wait in a
//! queue; each reply goes to the callback of its job.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};
use yew::Callback;

use crate::workbench::{Job, READY, Reply, Request, Response, UPDATE_ID, WORKER_SCRIPT};

/// A running worker and the jobs it owes an answer.
struct Connection {
    worker: Worker,
    ready: Cell<bool>,
    queued: RefCell<Vec<String>>,
    /// The jobs sent and not yet answered (a handful at most), by number.
    pending: RefCell<Vec<(u32, Callback<Reply>)>>,
    next_id: Cell<u32>,
    failed: RefCell<Option<String>>,
}

thread_local! {
    /// The worker, once started; `Err` with the reason when it could not start.
    static CONNECTION: RefCell<Option<Result<Rc<Connection>, String>>> = const { RefCell::new(None) };
    /// Who gets the updates the worker sends unasked.
    static LISTENER: RefCell<Option<Callback<Reply>>> = const { RefCell::new(None) };
}

/// Sends the worker's unasked updates (a renewed token, the insight's countdown) to `listener`.
pub fn listen(listener: Callback<Reply>) {
    LISTENER.with(|slot| *slot.borrow_mut() = Some(listener));
}

impl Connection {
    fn start() -> Result<Rc<Connection>, String> {
        let worker = Worker::new(WORKER_SCRIPT)
            .map_err(|_| "the browser refused to start the workbench worker".to_owned())?;
        let connection = Rc::new(Connection {
            worker,
            ready: Cell::new(false),
            queued: RefCell::default(),
            pending: RefCell::default(),
            next_id: Cell::new(1),
            failed: RefCell::default(),
        });
        let on_message = {
            let connection = Rc::downgrade(&connection);
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                if let (Some(connection), Some(text)) =
                    (connection.upgrade(), event.data().as_string())
                {
                    connection.receive(&text);
                }
            })
        };
        let on_error = {
            let connection = Rc::downgrade(&connection);
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
                if let Some(connection) = connection.upgrade() {
                    connection.fail_all("the workbench worker could not load");
                }
            })
        };
        connection
            .worker
            .set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        connection
            .worker
            .set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page.
        on_message.forget();
        on_error.forget();
        Ok(connection)
    }

    fn receive(&self, text: &str) {
        if text == READY {
            self.ready.set(true);
            for message in self.queued.take() {
                let _ = self.worker.post_message(&JsValue::from_str(&message));
            }
            return;
        }
        let Ok(response) = Response::from_text(text) else {
            return;
        };
        if response.id == UPDATE_ID {
            if let Some(listener) = LISTENER.with(|slot| slot.borrow().clone()) {
                listener.emit(response.reply);
            }
            return;
        }
        let done = {
            let mut pending = self.pending.borrow_mut();
            let index = pending.iter().position(|(id, _)| *id == response.id);
            index.map(|index| pending.remove(index).1)
        };
        if let Some(done) = done {
            done.emit(response.reply);
        }
    }

    fn fail_all(&self, reason: &str) {
        self.failed.replace(Some(reason.to_owned()));
        self.queued.take();
        for (_, done) in self.pending.take() {
            done.emit(Reply::Unreadable(reason.to_owned()));
        }
    }

    fn send(&self, job: Job, done: Callback<Reply>) {
        if let Some(reason) = self.failed.borrow().clone() {
            done.emit(Reply::Unreadable(reason));
            return;
        }
        let id = self.next_id.get();
        self.next_id.set(id.wrapping_add(1));
        let message = Request { id, job }.to_text();
        self.pending.borrow_mut().push((id, done));
        if self.ready.get() {
            let _ = self.worker.post_message(&JsValue::from_str(&message));
        } else {
            self.queued.borrow_mut().push(message);
        }
    }
}

/// Hands `job` to the worker (starting it the first time); `done` gets the reply.
pub fn ask(job: Job, done: Callback<Reply>) {
    let connection = CONNECTION.with(|slot| {
        slot.borrow_mut()
            .get_or_insert_with(Connection::start)
            .clone()
    });
    match connection {
        Ok(connection) => connection.send(job, done),
        Err(reason) => done.emit(Reply::Unreadable(reason)),
    }
}
