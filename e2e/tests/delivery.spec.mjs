// The page is delivered as a good static host would: compressed, hashed files cached for good.
import { test, expect } from '@playwright/test';

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
