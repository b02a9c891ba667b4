// The page is delivered as a good static host would: compressed, hashed files cached for good.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';
import { startPlainHost } from '../support/plain-host.mjs';

test('the app arrives brotli-compressed, hashed files immutable, the page revalidated', async ({ page }) => {
  const answers = new Map();
  page.on('response', (response) => answers.set(new URL(response.url()).pathname, response));
  await page.goto('/');
  await expect(page.getByLabel('Target type')).toBeVisible();
  const wasm = [...answers.keys()].find((name) => name.endsWith('_bg.wasm'));
  expect(wasm).toBeDefined();
  const wasmHeaders = await answers.get(wasm).allHeaders();
  expect(wasmHeaders['content-encoding']).toBe('br');
  expect(wasmHeaders['content-type']).toBe('application/wasm');
  expect(wasmHeaders['cache-control']).toBe('public, max-age=31536000, immutable');
  const pageHeaders = await answers.get('/').allHeaders();
  expect(pageHeaders['cache-control']).toBe('no-cache');
  expect(pageHeaders['etag']).toMatch(/^W\/"/);
});

test('the page is served with its security headers, framing refused', async ({ page }) => {
  const response = await page.goto('/');
  const headers = await response.allHeaders();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).toContain("script-src 'self' 'wasm-unsafe-eval' 'sha256-");
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  await expect(page.getByLabel('Target type')).toBeVisible();
});

/** Opens `address` and says what its worker's policy allows: whether it may make a second
 * Trusted Types policy (the page's policy allows one, by name; without a policy anything goes),
 * and where the worker came from. (The worker is the one this load starts, not the last page's.) */
async function workerPolicyAt(page, address) {
  const started = page.waitForEvent('worker');
  await page.goto(address);
  const worker = await started;
  // The worker has started once it has written the Code panel.
  await expect(page.getByRole('button', { name: 'Copy snippet' })).toBeVisible();
  return worker.evaluate(() => {
    let policy;
    try {
      self.trustedTypes.createPolicy('another', {});
      policy = 'made';
    } catch (error) {
      policy = error.name;
    }
    return { policy, url: self.location.protocol };
  });
}

test('the worker runs under the page\'s policy, also where the host sends no headers', async ({ page }) => {
  // The worker holds the refresh token and makes every tenant call: it must not depend on
  // the host's headers for its policy (a worker from a file runs under its answer's headers).
  expect(await workerPolicyAt(page, '/')).toEqual({ policy: 'TypeError', url: 'blob:' });
  const host = await startPlainHost();
  try {
    const answer = await page.request.get(`${host.url}/`);
    expect(answer.headers()['content-security-policy']).toBeUndefined();
    expect(await workerPolicyAt(page, `${host.url}/`)).toEqual({ policy: 'TypeError', url: 'blob:' });
  } finally {
    await host.stop();
  }
});

test('a load is clean: no failed request, no console error or warning, and the tab has an icon', async ({ page }) => {
  const complaints = [];
  page.on('console', (message) => {
    if (['error', 'warning'].includes(message.type())) complaints.push(`${message.type()}: ${message.text()}`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) complaints.push(`${response.status()} ${response.url()}`);
  });
  page.on('requestfailed', (request) => complaints.push(`failed: ${request.url()}`));
  // The page starts against the default emulator address, where the tests run none: point it
  // at theirs, and load it again as a returning user would. (The first page is left for a blank
  // one first, so that what it still had in flight is cut off before the load that counts.)
  await page.goto('/');
  await page.getByLabel('Emulator URL').fill(SHARED_API_URL);
  await expect
    .poll(() => page.evaluate(() => Object.values(localStorage).some((value) => value.includes('18787'))))
    .toBe(true);
  await page.goto('about:blank');
  complaints.length = 0;
  await page.goto('/');
  // The worker has started (through its loader) once it has written the Code panel.
  await expect(page.getByRole('button', { name: 'Copy snippet' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  const icon = await page.evaluate(async () => {
    const link = document.querySelector('link[rel="icon"]');
    return link ? (await fetch(link.href)).headers.get('content-type') : null;
  });
  expect(icon).toBe('image/svg+xml');
  expect(complaints).toEqual([]);
});
