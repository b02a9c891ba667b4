// Writes `service-worker.js` into a build: the template beside this file with the build's id
// (a hash of the template and of the files' names and contents) and the list of the files it
// precaches: the page, its scripts, wasm, stylesheet, icon and manifest (not the hosts' header
// files).
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The service worker's file name, beside the page. */
export const SERVICE_WORKER = 'service-worker.js';
const PRECACHED = new Set(['.html', '.js', '.wasm', '.css', '.svg', '.webmanifest']);

/** Writes `folder`/service-worker.js; returns the build's id and how many files it precaches. */
export function writeServiceWorker(folder) {
  const files = readdirSync(folder)
    .filter((name) => PRECACHED.has(path.extname(name)) && name !== SERVICE_WORKER)
    .sort();
  const template = readFileSync(new URL('./service-worker.js', import.meta.url), 'utf8');
  const hash = createHash('sha256').update(template);
  for (const name of files) hash.update(`${name}\n`).update(readFileSync(path.join(folder, name)));
  const build = hash.digest('hex').slice(0, 16);
  if (!template.includes('BUILD_FILES;')) throw new Error('service-worker.js has no BUILD_FILES to fill');
  const worker = template.replace('BUILD_FILES;', `${JSON.stringify({ build, files })};`);
  writeFileSync(path.join(folder, SERVICE_WORKER), worker);
  return { build, files: files.length };
}
