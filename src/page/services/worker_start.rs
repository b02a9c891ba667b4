//! Starting the workbench worker so that it runs under the page's own Content-Security-Policy
//! wherever the page is served. A worker started from a file runs under the policy of that
//! file's answer, which a host that sends no headers (`trunk serve`, a plain static host)
//! leaves it without, though it holds the refresh token and makes every tenant call. A worker
//! started from a `blob:` URL inherits the policy of the page that made it, which the page
//! carries in its `<meta>` on every host. So the page makes the worker's start as a blob: a
//! fixed script that loads the worker's wasm-bindgen glue and its wasm from the page's own
//! address.
//!
//! The policy requires Trusted Types for script URLs and allows one policy by name
//! ([`POLICY_NAME`]): the page creates it once here, for the blob's URL, and keeps it nowhere;
//! the worker creates its own of the same name for the glue's URL alone.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use web_sys::{Blob, BlobPropertyBag, Url, Worker};

/// The policy's name, as the page's Content-Security-Policy allows it.
pub const POLICY_NAME: &str = "playground-worker";

/// The worker's wasm-bindgen glue and its wasm, beside the page (Trunk names worker files after
/// their binary).
const GLUE: &str = "playground-worker.js";
const WASM: &str = "playground-worker_bg.wasm";

/// The worker's start, for the glue and wasm at these absolute URLs (as JSON strings, which
/// are JavaScript string literals). Where the policy requires Trusted Types, the glue's URL
/// comes from the worker's one policy, which makes no other script URL.
fn start_script(glue: &str, wasm: &str) -> String {
    let quoted = |text: &str| serde_json::to_string(text).unwrap_or_default();
    let (glue, wasm) = (quoted(glue), quoted(wasm));
    format!(
        "const glue = {glue};\n\
         const policy = self.trustedTypes?.createPolicy({policy}, {{\n  \
         createScriptURL: (url) => (url === glue ? url : ''),\n}});\n\
         importScripts(policy ? policy.createScriptURL(glue) : glue);\n\
         wasm_bindgen({{ module_or_path: {wasm} }});\n",
        policy = quoted(POLICY_NAME),
    )
}

/// The URL of `file` beside the page.
pub fn beside_page(file: &str) -> Result<String, JsValue> {
    let page = web_sys::window().ok_or(JsValue::NULL)?.location().href()?;
    Ok(Url::new_with_base(file, &page)?.href())
}

/// Starts the worker from a `blob:` URL of its start script, through the page's policy where
/// the browser has Trusted Types (elsewhere, with the plain URL).
pub fn start_worker() -> Result<Worker, JsValue> {
    let script = start_script(&beside_page(GLUE)?, &beside_page(WASM)?);
    let options = BlobPropertyBag::new();
    options.set_type("text/javascript");
    let blob = Blob::new_with_str_sequence_and_options(&Array::of1(&script.into()), &options)?;
    // Kept for the page's life: the page starts one worker.
    let script_url = Url::create_object_url_with_blob(&blob)?;
    let url = trusted_script_url(POLICY_NAME, &script_url)?;
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let constructor: Function = Reflect::get(&window, &"Worker".into())?.dyn_into()?;
    Reflect::construct(&constructor, &Array::of1(&url))?.dyn_into()
}

/// `url` as the Trusted Types policy named `policy` makes it (the policy is made here, for this
/// one URL, and kept nowhere; each name is allowed once by the page's Content-Security-Policy),
/// or the plain URL where the browser has no Trusted Types.
pub fn trusted_script_url(policy: &str, url: &str) -> Result<JsValue, JsValue> {
    let window: JsValue = web_sys::window().ok_or(JsValue::NULL)?.into();
    let factory = Reflect::get(&window, &"trustedTypes".into())?;
    if factory.is_undefined() {
        return Ok(url.into());
    }
    // The policy passes its one URL through as it is (`String`), so no closure is needed.
    let rules = Object::new();
    let pass_through = Reflect::get(&window, &"String".into())?;
    Reflect::set(&rules, &"createScriptURL".into(), &pass_through)?;
    let create_policy: Function = Reflect::get(&factory, &"createPolicy".into())?.dyn_into()?;
    let policy = create_policy.call2(&factory, &policy.into(), &rules)?;
    let create_url: Function = Reflect::get(&policy, &"createScriptURL".into())?.dyn_into()?;
    create_url.call1(&policy, &url.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_start_script_loads_only_its_glue_and_quotes_its_urls() {
        let script = start_script(
            "https://contoso.example/play/playground-worker.js",
            "https://contoso.example/play/\"quoted\".wasm",
        );
        assert!(
            script.starts_with(
                "const glue = \"https://contoso.example/play/playground-worker.js\";\n"
            )
        );
        assert!(script.contains("createPolicy(\"playground-worker\""));
        assert!(script.contains("(url === glue ? url : '')"));
        assert!(
            script.contains("module_or_path: \"https://contoso.example/play/\\\"quoted\\\".wasm\"")
        );
    }
}
