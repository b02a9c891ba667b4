// Two builds of the site side by side, as a team's host has them when a new build is uploaded in
// place of the last: a copy of dist, and a second copy whose page says it is the second build
// (its title starts "Second build · ") with its own service worker, written as the build writes it.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeServiceWorker } from '../../scripts/build/service-worker.mjs';
import { DIST } from './plain-host.mjs';

/** { first, second, remove }: the two builds' folders, and how to delete both. */
export function twoBuilds() {
  const folders = mkdtempSync(path.join(tmpdir(), 'playground-builds-'));
  const [first, second] = ['first', 'second'].map((name) => path.join(folders, name));
  cpSync(DIST, first, { recursive: true });
  cpSync(DIST, second, { recursive: true });
  const page = path.join(second, 'index.html');
  writeFileSync(page, readFileSync(page, 'utf8').replace('<title>', '<title>Second build · '));
  writeServiceWorker(second);
  return { first, second, remove: () => rmSync(folders, { recursive: true, force: true }) };
}
