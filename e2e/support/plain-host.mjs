// A static host: the built app's files with their content type. By default it sends no headers
// of its own (as `trunk serve` or GitHub Pages); with `headers` it sends those of the build's
// `_headers` file, as Netlify or Cloudflare Pages do. With `base` it serves the files under a
// sub-path (`/playground/`), as a project site is served.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'dist');
const TYPES = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
  '.svg': 'image/svg+xml',
  '.webmanifest': 'application/manifest+json',
};

/** The headers of the `/*` block of the build's `_headers` file. */
export function headersFileOf(folder = DIST) {
  const lines = readFileSync(path.join(folder, '_headers'), 'utf8').split('\n');
  expectBlock(lines[0]);
  return Object.fromEntries(
    lines.slice(1).filter((line) => line.startsWith('  ')).map((line) => {
      const at = line.indexOf(':');
      return [line.slice(0, at).trim(), line.slice(at + 1).trim()];
    }),
  );
}

function expectBlock(first) {
  if (first !== '/*') throw new Error(`_headers starts with ${first}, not the /* block`);
}

/**
 * Serves `folder` (the build in dist by default) on a free loopback port; resolves to
 * { url, stop, serve } (`url` ends with `base`; `serve(other)` serves another folder from then
 * on, as a host does when a new build is uploaded in place of the last).
 */
export function startPlainHost({ base = '/', headers = false, folder = DIST } = {}) {
  let served = folder;
  const extra = headers ? headersFileOf(folder) : {};
  const server = createServer(async (request, response) => {
    const pathname = new URL(request.url, 'http://host').pathname;
    if (!pathname.startsWith(base)) return response.writeHead(404).end();
    const name = pathname.slice(base.length);
    const file = path.join(served, name === '' ? 'index.html' : path.normalize(name));
    try {
      const body = await readFile(file);
      response.writeHead(200, { ...extra, 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}${base === '/' ? '' : base}`;
      const stop = () =>
        new Promise((done) => {
          server.close(done);
          server.closeAllConnections();
        });
      resolve({ url, stop, serve: (other) => { served = other; } });
    });
  });
}
