//! The page's end of the workbench worker (the contract is [`crate::contract::protocol`]): started on the first job,
//! in a task of its own after the one that asked, so that the first render is painted before
//! the worker is created; jobs sent before the worker says it is ready wait in a queue; each
//! reply goes to the callback of its job.

use std::cell::{Cell, OnceCell, RefCell};
use std::rc::Rc;
use std::time::Duration;

use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{MessageEvent, Worker};
use yew::Callback;
use yew::platform::spawn_local;
use yew::platform::time::sleep;

use crate::contract::protocol::{
    Job, PROTOCOL_VERSION, Reply, Request, Response, UPDATE_ID, version_mismatch,
};
use crate::page::services::worker_start;

/// A running worker and the jobs it owes an answer.
struct Connection {
    /// Set once the worker is created.
    worker: OnceCell<Worker>,
    ready: Cell<bool>,
    queued: RefCell<Vec<String>>,
    /// The jobs sent and not yet answered (a handful at most), by number.
    pending: RefCell<Vec<(u32, Callback<Reply>)>>,
    next_id: Cell<u32>,
    failed: RefCell<Option<String>>,
}

thread_local! {
    /// The worker, once started.
    static CONNECTION: RefCell<Option<Rc<Connection>>> = const { RefCell::new(None) };
    /// Who gets the updates the worker sends unasked.
    static LISTENER: RefCell<Option<Callback<Reply>>> = const { RefCell::new(None) };
}

/// Sends the worker's unasked updates (a renewed token, the insight's countdown) to `listener`.
pub fn listen(listener: Callback<Reply>) {
    LISTENER.with(|slot| *slot.borrow_mut() = Some(listener));
}

impl Connection {
    /// A connection whose worker is created in the next task.
    fn start() -> Rc<Connection> {
        let connection = Rc::new(Connection {
            worker: OnceCell::new(),
            ready: Cell::new(false),
            queued: RefCell::default(),
            pending: RefCell::default(),
            next_id: Cell::new(1),
            failed: RefCell::default(),
        });
        let starting = connection.clone();
        spawn_local(async move {
            sleep(Duration::ZERO).await;
            if let Err(reason) = starting.create_worker() {
                starting.fail_all(&reason);
            }
        });
        connection
    }

    fn create_worker(self: &Rc<Self>) -> Result<(), String> {
        let worker = worker_start::start_worker()
            .map_err(|_| "the browser refused to start the workbench worker".to_owned())?;
        let on_message = {
            let connection = Rc::downgrade(self);
            Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
                if let (Some(connection), Some(text)) =
                    (connection.upgrade(), event.data().as_string())
                {
                    connection.receive(&text);
                }
            })
        };
        let on_error = {
            let connection = Rc::downgrade(self);
            Closure::<dyn Fn(web_sys::Event)>::new(move |_: web_sys::Event| {
                if let Some(connection) = connection.upgrade() {
                    connection.fail_all("the workbench worker could not load");
                }
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        // The worker lives as long as the page.
        on_message.forget();
        on_error.forget();
        let _ = self.worker.set(worker);
        Ok(())
    }

    fn post(&self, message: &str) {
        if let Some(worker) = self.worker.get() {
            let _ = worker.post_message(&JsValue::from_str(message));
        }
    }

    fn receive(&self, text: &str) {
        let response = match Response::from_text(text) {
            Ok(response) => response,
            // A worker of another build, whose first message this page cannot read.
            Err(_) if !self.ready.get() => return self.fail_all(&version_mismatch(0)),
            Err(_) => return,
        };
        if let Reply::Ready { protocol } = response.reply {
            if protocol != PROTOCOL_VERSION {
                return self.fail_all(&version_mismatch(protocol));
            }
            self.ready.set(true);
            for message in self.queued.take() {
                self.post(&message);
            }
            return;
        }
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
            self.post(&message);
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
    connection.send(job, done);
}
