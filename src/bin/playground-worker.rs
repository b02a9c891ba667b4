//! The workbench's web worker: answers each message (a
//! [`assignment_playground::contract::protocol::Request`] as JSON text) with
//! [`assignment_playground::contract::protocol::Response`]s, and says it is ready, with its
//! contract's version, once it can.

use std::rc::Rc;

use assignment_playground::contract::protocol::Post;
use assignment_playground::worker::workbench::{self, Workbench};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let post: Post = Rc::new(move |response: String| {
        let _ = reply_to.post_message(&JsValue::from_str(&response));
    });
    let workbench = Workbench::new(post);
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(request) = event.data().as_string() {
            workbench.handle(&request);
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(&workbench::ready()));
}
