//! The site's service worker (written into each build by `scripts/build/service-worker.mjs`),
//! registered once the page is usable, so that later visits start from its cache, also offline.
//! A newer build is never taken over by itself: once one is installed and waits (the service
//! worker says so to the page, and a later visit finds it waiting), the page says so and takes
//! it over only when the user chooses Reload, so an unsent draft is never lost to a reload
//! nobody asked for. Reached through `Reflect`, which the page links already, rather than
//! web-sys's service worker types, to keep the first load small.

use std::cell::RefCell;

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::MessageEvent;
use yew::Callback;
use yew::platform::spawn_local;

use crate::page::services::worker_start::{beside_page, trusted_script_url};

/// The service worker's file, beside the page; its scope is the page's folder.
const SCRIPT: &str = "service-worker.js";
/// The Trusted Types policy that makes its URL, as the page's Content-Security-Policy allows it.
const POLICY_NAME: &str = "playground-service-worker";
/// What a newly installed service worker says to the pages of an older build.
const NEW_VERSION: &str = "new-version";
/// What the page says to a waiting service worker to make it take over.
const TAKE_OVER: &str = "take-over";

thread_local! {
    /// The registration, once made.
    static REGISTRATION: RefCell<JsValue> = const { RefCell::new(JsValue::UNDEFINED) };
}

fn get(object: &JsValue, name: &str) -> JsValue {
    Reflect::get(object, &name.into()).unwrap_or(JsValue::UNDEFINED)
}

/// Calls the method `name` of `object` with `argument`.
fn call(object: &JsValue, name: &str, argument: &JsValue) -> Result<JsValue, JsValue> {
    get(object, name)
        .dyn_into::<Function>()?
        .call1(object, argument)
}

/// `navigator.serviceWorker`, where the browser has it (secure contexts only).
fn container() -> Option<JsValue> {
    let navigator = web_sys::window()?.navigator();
    Some(get(&navigator, "serviceWorker")).filter(|container| container.is_object())
}

/// Registers the service worker; `on_new_version` is called when a newer build is installed and
/// waits for the user.
pub fn register(on_new_version: Callback<()>) {
    let Some(container) = container() else {
        return;
    };
    let told = on_new_version.clone();
    let on_message = Closure::<dyn Fn(MessageEvent)>::new(move |event: MessageEvent| {
        if event.data().as_string().as_deref() == Some(NEW_VERSION) {
            told.emit(());
        }
    });
    let _ = Reflect::set(&container, &"onmessage".into(), on_message.as_ref());
    // Kept for the page's life, as the registration is.
    on_message.forget();
    spawn_local(async move {
        let Ok(registration) = registered(&container).await else {
            return;
        };
        // A build installed on an earlier visit, waiting still.
        if get(&registration, "waiting").is_object() && get(&container, "controller").is_object() {
            on_new_version.emit(());
        }
        REGISTRATION.with(|kept| *kept.borrow_mut() = registration);
    });
}

async fn registered(container: &JsValue) -> Result<JsValue, JsValue> {
    // `register` takes a TrustedScriptURL where the policy requires Trusted Types.
    let url = trusted_script_url(POLICY_NAME, &beside_page(SCRIPT)?)?;
    let promise: Promise = call(container, "register", &url)?.dyn_into()?;
    JsFuture::from(promise).await
}

/// "Reload": the waiting build takes over, and the page loads again once it has.
pub fn take_over() {
    let reload = || {
        if let Some(window) = web_sys::window() {
            let _ = window.location().reload();
        }
    };
    let registration = REGISTRATION.with(|kept| kept.borrow().clone());
    let waiting = Some(get(&registration, "waiting"))
        .filter(JsValue::is_object)
        .unwrap_or_else(|| get(&registration, "installing"));
    let Some(container) = container().filter(|_| waiting.is_object()) else {
        return reload();
    };
    let on_change = Closure::once_into_js(reload);
    let _ = Reflect::set(&container, &"oncontrollerchange".into(), &on_change);
    let _ = call(&waiting, "postMessage", &TAKE_OVER.into());
}
