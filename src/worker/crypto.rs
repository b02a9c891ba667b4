//! Random bytes from the browser's `crypto.getRandomValues`, in the page and in the worker
//! alike.

use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = crypto, js_name = getRandomValues, catch)]
    fn get_random_values(buffer: &mut [u8]) -> Result<JsValue, JsValue>;
}

/// 32 random bytes, or `None` when the browser gives none.
pub fn random_bytes() -> Option<[u8; 32]> {
    let mut bytes = [0u8; 32];
    get_random_values(&mut bytes).ok()?;
    Some(bytes)
}
