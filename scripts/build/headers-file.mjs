// Writes `_headers` (the format of Netlify and Cloudflare Pages, which the emulator's static
// server reads too): the Content-Security-Policy as a header, with `frame-ancestors 'none'`
// that a <meta> policy cannot carry, and the other security headers.
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes `folder`/_headers for the page's `policy`. */
export function writeHeadersFile(folder, policy) {
  const lines = [
    '/*',
    `  Content-Security-Policy: ${policy}; frame-ancestors 'none'`,
    '  X-Content-Type-Options: nosniff',
    '  Referrer-Policy: no-referrer',
    '',
  ];
  writeFileSync(path.join(folder, '_headers'), lines.join('\n'));
}
