// Adds a Content-Security-Policy to the built index.html. Trunk writes an inline module script to
// start the app, so the policy allows exactly that script by its SHA-256 hash instead of allowing
// inline scripts in general.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** Writes the policy into `folder`/index.html; returns it and how many inline scripts it allows. */
export function addContentSecurityPolicy(folder) {
  const file = path.join(folder, 'index.html');
  const html = readFileSync(file, 'utf8');
  const hashes = [...html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
    .map((match) => match[1])
    .filter((body) => body.trim().length > 0)
    .map((body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);

  // Where the app may send requests: its own origin, an emulator on loopback (Graph and its
  // sign-in authority), the Graph clouds, and the token endpoints of the clouds' sign-in hosts.
  // (CSP cannot name IPv6 hosts, which is why the model refuses [::1] as an emulator address.)
  const connect = [
    "'self'",
    'http://127.0.0.1:*',
    'https://127.0.0.1:*',
    'http://localhost:*',
    'https://localhost:*',
    'https://graph.microsoft.com',
    'https://graph.microsoft.us',
    'https://dod-graph.microsoft.us',
    'https://microsoftgraph.chinacloudapi.cn',
    'https://login.microsoftonline.com',
    'https://login.microsoftonline.us',
    'https://login.chinacloudapi.cn',
  ];
  const policy = [
    "default-src 'none'",
    `script-src 'self' 'wasm-unsafe-eval' ${hashes.join(' ')}`.trim(),
    "style-src 'self'",
    "img-src 'self' data:",
    // The web app manifest, beside the page, that makes the site installable.
    "manifest-src 'self'",
    // The workbench worker, started from a blob: URL that the page makes (see
    // src/page/services/worker_start.rs), so that it runs under this very policy on any host;
    // and the service worker beside the page (src/page/services/offline.rs).
    "worker-src 'self' blob:",
    // No markup or script from strings: every script URL must come from a Trusted Types policy,
    // and the only ones allowed are the page's (and the worker's) for the worker's own script,
    // and the page's for the service worker's.
    "require-trusted-types-for 'script'",
    'trusted-types playground-worker playground-service-worker',
    `connect-src ${connect.join(' ')}`,
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');

  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy}" />`;
  if (!html.includes('<meta charset="utf-8" />')) {
    throw new Error('index.html has no <meta charset="utf-8" /> to place the policy after');
  }
  writeFileSync(file, html.replace('<meta charset="utf-8" />', `<meta charset="utf-8" />\n    ${meta}`));
  return { policy, scripts: hashes.length };
}
