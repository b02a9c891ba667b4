// Shortens the names by which each wasm module and its wasm-bindgen JS glue call each other.
// wasm-bindgen names every import after the function it binds plus a 16-digit hash (such as
// `__wbg_set_value_651c5a714f0a7b56`), and both files carry each name, where brotli cannot
// compress the hashes away. Binaryen's `--minify-imports-and-exports-and-modules` pass renames
// them in the wasm and prints the old and new names; the glue is then rewritten to match. (The
// integrity hashes in index.html are then out of date: see integrity.mjs.)
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Fails the build with `message`: a glue that does not match its wasm must never ship. */
function refuse(name, message) {
  throw new Error(`short binding names: ${name}: ${message}`);
}

const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Puts `replacement` where `pattern` matches the glue, which must be exactly once. */
function replaceOnce(glue, name, pattern, replacement) {
  const matches = glue.match(new RegExp(pattern, 'g'))?.length ?? 0;
  if (matches !== 1) refuse(name, `expected one match of /${pattern}/ in the glue, found ${matches}`);
  return glue.replace(new RegExp(pattern), replacement);
}

/** Shortens the names of one wasm file and its glue (`base`_bg.wasm and `base`.js). */
function shorten(folder, base) {
  const wasmFile = path.join(folder, `${base}_bg.wasm`);
  const glueFile = path.join(folder, `${base}.js`);
  if (!existsSync(glueFile)) refuse(base, `${base}.js is missing beside ${base}_bg.wasm`);
  const before = new WebAssembly.Module(readFileSync(wasmFile));
  const modules = new Set(WebAssembly.Module.imports(before).map((entry) => entry.module));
  const mapping = JSON.parse(
    execFileSync('wasm-opt', [wasmFile, '--minify-imports-and-exports-and-modules', '-o', wasmFile], {
      encoding: 'utf8',
    }),
  );
  const after = new WebAssembly.Module(readFileSync(wasmFile));
  const newModules = new Set(WebAssembly.Module.imports(after).map((entry) => entry.module));
  if (modules.size !== 1 || newModules.size !== 1) {
    refuse(base, `expected one import module before and after, found ${[...modules]} and ${[...newModules]}`);
  }

  let glue = readFileSync(glueFile, 'utf8');
  // The imports are the keys of one object literal: `name: function(...)`.
  for (const [, old, renamed] of mapping.imports) {
    glue = replaceOnce(glue, base, `(?<![\\w$])${escape(old)}(?=: function\\()`, renamed);
  }
  glue = replaceOnce(glue, base, `"${escape([...modules][0])}": import0`, `"${[...newModules][0]}": import0`);
  // The glue reaches the exports as `wasm.name`; some (such as `main`) it never uses.
  for (const [old, renamed] of mapping.exports) {
    glue = glue.replace(new RegExp(`(?<=\\bwasm\\.)${escape(old)}(?![\\w$])`, 'g'), renamed);
  }
  const exported = new Set(WebAssembly.Module.exports(after).map((entry) => entry.name));
  for (const [, used] of glue.matchAll(/\bwasm\.([\w$]+)/g)) {
    if (!exported.has(used)) refuse(base, `the glue uses wasm.${used}, which the wasm does not export`);
  }
  writeFileSync(glueFile, glue);
}

/** Shortens the binding names of every wasm module in `folder`; returns how many it shortened. */
export function shortenBindingNames(folder) {
  const bases = readdirSync(folder)
    .filter((name) => name.endsWith('_bg.wasm'))
    .map((name) => name.slice(0, -'_bg.wasm'.length));
  for (const base of bases) shorten(folder, base);
  return bases.length;
}
