// Starts the workbench worker: its wasm-bindgen glue first, then its wasm. (Trunk's own loader
// shim passes the wasm's path in the form wasm-bindgen now warns about.) Where the policy
// requires Trusted Types, the glue's URL comes from the one policy it allows, which makes no
// other script URL.
const glue = './playground-worker.js';
const policy = self.trustedTypes?.createPolicy('playground-worker', {
  createScriptURL: (url) => (url === glue ? url : ''),
});
importScripts(policy ? policy.createScriptURL(glue) : glue);
wasm_bindgen({ module_or_path: './playground-worker_bg.wasm' });
