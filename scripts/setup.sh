# Installs what the playground and its tests need and is missing; quick when all is there.
# Sourced by scripts/playground and scripts/test; it also sets PATH for them.

repo_root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
trunk_version=0.21.14
binaryen_version=132
esbuild_version=$(sed -n 's/^    "esbuild": "\(.*\)"$/\1/p' "$repo_root/tools/package.json")
# The CLI must equal the wasm-bindgen crate, which Cargo.toml pins with "=".
wasm_bindgen_version=$(sed -n 's/^wasm-bindgen = "=\(.*\)"$/\1/p' "$repo_root/Cargo.toml")

export PATH="$repo_root/tools/node_modules/.bin:$HOME/.cargo/bin:$PATH"
# Panic locations in the browser bundle name source files; shorten them (smaller download) and
# keep this machine's paths out of what users load.
export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="--remap-path-prefix=${CARGO_HOME:-$HOME/.cargo}/registry/src=/crates --remap-path-prefix=$repo_root=/app"

step() { printf '\n==> %s\n' "$*"; }

ensure_wasm_target() {
  if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
    step "Adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
}

ensure_trunk() {
  if [ "$(trunk --version 2>/dev/null)" != "trunk $trunk_version" ]; then
    step "Installing Trunk $trunk_version from source: about 11 minutes on 2 cores, once per machine"
    cargo install trunk --version "$trunk_version" --locked --no-default-features --features rustls
  fi
}

ensure_wasm_bindgen() {
  if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $wasm_bindgen_version" ]; then
    step "Installing wasm-bindgen-cli $wasm_bindgen_version: about 4 minutes, once per machine"
    # Not --locked: a locked dependency of the CLI is missing from the registry mirror.
    cargo install wasm-bindgen-cli --version "$wasm_bindgen_version" --force
  fi
}

ensure_node_build_tools() {
  if ! wasm-opt --version 2>/dev/null | grep -q "version $binaryen_version" ||
    [ "$(esbuild --version 2>/dev/null)" != "$esbuild_version" ]; then
    step "Installing wasm-opt (binaryen $binaryen_version) and esbuild $esbuild_version from npm into tools/"
    npm ci --prefix "$repo_root/tools" --no-audit --no-fund
  fi
}

ensure_chromium() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    step "Installing Chromium and ChromeDriver from Debian"
    apt-get update
    apt-get install -y chromium chromium-driver
  fi
}

ensure_node_packages() {
  local folder=$1
  if [ ! -d "$folder/node_modules" ] || [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    step "Installing npm packages in ${folder#"$repo_root"/}"
    npm ci --prefix "$folder" --no-audit --no-fund
  fi
}

ensure_python_sdk() {
  # msgraph-beta-sdk, so that the tests can run the Python snippet against the emulator.
  local venv="$repo_root/tools/python"
  if ! "$venv/bin/python" -c "import msgraph_beta" 2>/dev/null; then
    step "Installing msgraph-beta-sdk from PyPI into tools/python (about 30 seconds)"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check -r "$repo_root/tools/python-requirements.txt"
  fi
}

ensure_build_tools() {
  ensure_wasm_target
  ensure_trunk
  ensure_wasm_bindgen
  ensure_node_build_tools
}
