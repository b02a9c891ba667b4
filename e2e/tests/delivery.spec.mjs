// The page is delivered as a good static host would: compressed, hashed files cached for good.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';

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
  // The worker, which holds the refresh token and makes every tenant call, runs under the
  // policy of its own script's answer (a worker does not inherit the page's <meta> policy).
  for (const script of ['/playground-worker_loader.js', '/playground-worker.js']) {
    const answer = await page.request.get(script);
    const policy = answer.headers()['content-security-policy'];
    expect(policy, script).toContain("default-src 'none'");
    expect(policy, script).toContain("require-trusted-types-for 'script'");
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
