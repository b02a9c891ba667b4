// Starts the workbench worker: its wasm-bindgen glue first, then its wasm. (Trunk's own loader
// shim passes the wasm's path in the form wasm-bindgen now warns about.)
importScripts('./playground-worker.js');
wasm_bindgen({ module_or_path: './playground-worker_bg.wasm' });
