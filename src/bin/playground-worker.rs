//! The workbench's web worker: answers each message (a [`workbench::Request`] as JSON text)
//! with a [`workbench::Response`], and says `ready` once it can.

use assignment_playground::workbench;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{DedicatedWorkerGlobalScope, MessageEvent};

fn main() {
    let scope: DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply_to = scope.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if let Some(request) = event.data().as_string() {
            let response = workbench::answer(&request);
            let _ = reply_to.post_message(&JsValue::from_str(&response));
        }
    });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(workbench::READY));
}
