// Minifies the scripts and stylesheets of the build in place, with esbuild (whitespace, syntax
// and local names): the JS glue wasm-bindgen writes beside each wasm module, the worker's loader
// and the stylesheet. The page's glue is an ES module and keeps its exports; the worker's is a
// classic script and keeps its global `wasm_bindgen`. (Trunk's own minifier cannot read the glue,
// and its HTML minifier would drop what the post-build hook adds to index.html.)
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';

/** Minifies every `.js` and `.css` file in `folder`; returns how many. */
export function minify(folder) {
  const files = readdirSync(folder)
    .filter((name) => ['.js', '.css'].includes(path.extname(name)))
    .map((name) => path.join(folder, name));
  for (const file of files) {
    execFileSync('esbuild', [file, '--minify', '--log-level=warning', '--allow-overwrite', `--outfile=${file}`]);
  }
  return files.length;
}
