//! The page's one Trusted Types policy: the page's Content-Security-Policy requires Trusted
//! Types for script (`require-trusted-types-for 'script'`), so the only script URL the page
//! may hand the browser is the worker's, made by this policy (named in the policy's
//! `trusted-types` list), which turns any other URL into nothing.

use js_sys::{Array, Function, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Worker;

/// The policy's name, as the page's Content-Security-Policy allows it.
pub const POLICY_NAME: &str = "playground-worker";

/// Starts the worker whose script is `script`, through the policy where the browser has
/// Trusted Types (elsewhere, with the plain URL).
pub fn start_worker(script: &'static str) -> Result<Worker, JsValue> {
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let factory = Reflect::get(&window, &"trustedTypes".into())?;
    if factory.is_undefined() {
        return Worker::new(script);
    }
    let only_the_worker =
        Closure::<dyn Fn(String) -> String>::new(
            move |url: String| {
                if url == script { url } else { String::new() }
            },
        );
    let rules = js_sys::Object::new();
    Reflect::set(&rules, &"createScriptURL".into(), only_the_worker.as_ref())?;
    // The policy lives as long as the page.
    only_the_worker.forget();
    let create_policy: Function = Reflect::get(&factory, &"createPolicy".into())?.dyn_into()?;
    let policy = create_policy.call2(&factory, &POLICY_NAME.into(), &rules)?;
    let create_url: Function = Reflect::get(&policy, &"createScriptURL".into())?.dyn_into()?;
    let url = create_url.call1(&policy, &script.into())?;
    let constructor: Function = Reflect::get(&window, &"Worker".into())?.dyn_into()?;
    Reflect::construct(&constructor, &Array::of1(&url))?.dyn_into()
}
