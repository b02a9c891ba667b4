//! The page's one Trusted Types policy: the page's Content-Security-Policy requires Trusted
//! Types for script (`require-trusted-types-for 'script'`) and allows one policy by name
//! (`trusted-types playground-worker`), which this module creates once, uses for the worker's
//! script URL, and keeps nowhere: no other code can reach it, and no second policy of that name
//! can be made.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::Worker;

/// The policy's name, as the page's Content-Security-Policy allows it.
pub const POLICY_NAME: &str = "playground-worker";

/// Starts the worker whose script is `script`, through the policy where the browser has
/// Trusted Types (elsewhere, with the plain URL).
pub fn start_worker(script: &str) -> Result<Worker, JsValue> {
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let factory = Reflect::get(&window, &"trustedTypes".into())?;
    if factory.is_undefined() {
        return Worker::new(script);
    }
    // The policy passes its one URL through as it is (`String`), so no closure is needed.
    let rules = Object::new();
    let pass_through = Reflect::get(&window, &"String".into())?;
    Reflect::set(&rules, &"createScriptURL".into(), &pass_through)?;
    let create_policy: Function = Reflect::get(&factory, &"createPolicy".into())?.dyn_into()?;
    let policy = create_policy.call2(&factory, &POLICY_NAME.into(), &rules)?;
    let create_url: Function = Reflect::get(&policy, &"createScriptURL".into())?.dyn_into()?;
    let url = create_url.call1(&policy, &script.into())?;
    let constructor: Function = Reflect::get(&window, &"Worker".into())?.dyn_into()?;
    Reflect::construct(&constructor, &Array::of1(&url))?.dyn_into()
}
