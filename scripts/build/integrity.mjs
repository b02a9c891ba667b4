// Keeps the Subresource Integrity of index.html's `<link>`s true to the files they name, after
// the post-build steps that rewrite those files. A `rel="preload" as="fetch"` link loses its
// `integrity`: Chromium ignores it for that destination, says so in the console on every load,
// and the wasm's own fetch (by the JS glue) never carried it.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Rewrites the `integrity` attributes of `folder`/index.html; returns how many it kept. */
export function refreshIntegrity(folder) {
  const indexFile = path.join(folder, 'index.html');
  let kept = 0;
  const html = readFileSync(indexFile, 'utf8').replace(/<link\b[^>]*>/g, (tag) => {
    if (!/\bintegrity="/.test(tag)) return tag;
    if (/\brel="preload"/.test(tag) && /\bas="fetch"/.test(tag)) {
      return tag.replace(/\s+integrity="[^"]*"/, '');
    }
    const href = tag.match(/\bhref="\/?([^"]+)"/)?.[1];
    const file = href && path.join(folder, href);
    if (!file || !existsSync(file)) throw new Error(`integrity: ${tag} names no file of the build`);
    const digest = createHash('sha384').update(readFileSync(file)).digest('base64');
    kept += 1;
    return tag.replace(/\bintegrity="[^"]*"/, `integrity="sha384-${digest}"`);
  });
  writeFileSync(indexFile, html);
  return kept;
}
