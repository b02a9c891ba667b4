// Writes the page's response headers for the hosts teams serve it from, all from one list: the
// Content-Security-Policy as a header, with `frame-ancestors 'none'` that a <meta> policy
// cannot carry, and the other security headers.
// - `_headers`: Netlify and Cloudflare Pages (and the emulator's static server, which reads it);
// - `staticwebapp.config.json`: Azure Static Web Apps;
// - `nginx.conf`: a snippet for an nginx `server` block.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** The headers every answer of the site carries, as [name, value] pairs. */
export function siteHeaders(policy) {
  return [
    ['Content-Security-Policy', `${policy}; frame-ancestors 'none'`],
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'no-referrer'],
  ];
}

/** The types a host may not know: the wasm must be served as such to be compiled as it streams. */
const TYPES = [
  ['.wasm', 'application/wasm'],
  ['.webmanifest', 'application/manifest+json'],
];

/** Writes `_headers`, `staticwebapp.config.json` and `nginx.conf` into `folder` for `policy`. */
export function writeHeadersFile(folder, policy) {
  const headers = siteHeaders(policy);
  const netlify = ['/*', ...headers.map(([name, value]) => `  ${name}: ${value}`), ''];
  writeFileSync(path.join(folder, '_headers'), netlify.join('\n'));

  const azure = {
    globalHeaders: Object.fromEntries(headers),
    mimeTypes: Object.fromEntries(TYPES),
  };
  writeFileSync(path.join(folder, 'staticwebapp.config.json'), `${JSON.stringify(azure, null, 2)}\n`);

  const nginx = [
    '# Put these lines inside the server { } block that serves this folder (root or alias).',
    '# add_header is not inherited into a location that sets its own: keep them together.',
    ...headers.map(([name, value]) => `add_header ${name} "${value}" always;`),
    '# A types { } block here would replace all of mime.types: check instead that it maps',
    ...TYPES.map(([extension, type]) => `#   ${type} ${extension.slice(1)};`),
    '# The build carries each file precompressed (.gz; .br for the ngx_brotli module).',
    'gzip_static on;',
    '',
  ];
  writeFileSync(path.join(folder, 'nginx.conf'), nginx.join('\n'));
}
