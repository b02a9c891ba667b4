//! Entry point of the browser app: mounts the playground into the page.

/// Talc instead of the default dlmalloc: smaller in the bundle, and made for single-threaded
/// WebAssembly.
#[cfg(all(not(target_feature = "atomics"), target_family = "wasm"))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

fn main() {
    assignment_playground::start();
}
