// Every error class, provoked through the emulator's flags and through bad input.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL, startEmulator, withEmulator } from '../support/emulator.mjs';
import { chooseIds, openPlayground, responseRegion, sendExpecting } from '../support/page.mjs';


test('401: a token the server does not accept', async ({ page }) => {
  await withEmulator(['--token', 'the-only-good-token'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await sendExpecting(page, '401 Unauthorized');
    const region = responseRegion(page);
    await expect(region).toContainText('InvalidAuthenticationToken');
    await expect(region).toContainText('token is missing, expired');
    await expect(region).toContainText('request-id');
  });
});

test('404: an assignment id that does not exist', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page, undefined, 'no-such-assignment_0_0');
  await sendExpecting(page, '404 Not Found');
  await expect(responseRegion(page)).toContainText('ResourceNotFound');
  await expect(responseRegion(page)).toContainText('Pick them from the lists');
});

test('400: v1.0 is warned about, and Graph refuses it', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page);
  await page.getByLabel('API version').selectOption('v1.0');
  await expect(page.getByText('exists only in the beta API')).toBeVisible();
  await sendExpecting(page, '400 Bad Request');
  await expect(responseRegion(page)).toContainText("Resource not found for the segment 'iosLobAppProvisioningConfigurations'");
});

test('429: throttled, with the Retry-After wait', async ({ page }) => {
  await withEmulator(['--throttle', '1/60'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await sendExpecting(page, '204 No Content');
    await sendExpecting(page, '429 Too Many Requests');
    await expect(responseRegion(page)).toContainText(/Wait \d+ seconds \(Retry-After\)/);
  });
});

test('429 with Retry-After hidden by CORS still explains the wait', async ({ page }) => {
  await withEmulator(['--throttle', '1/60', '--hide-retry-after'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await sendExpecting(page, '204 No Content');
    await sendExpecting(page, '429 Too Many Requests');
    await expect(responseRegion(page)).toContainText('not readable here (CORS may hide it)');
  });
});

test('5xx: injected server failures', async ({ page }) => {
  await withEmulator(['--fail-rate', '1'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toHaveText(/^50[034] /);
    await expect(responseRegion(page)).toContainText('server-side failure');
  });
});

test('network failure: an unreachable emulator', async ({ page }) => {
  const gone = await startEmulator([]);
  await gone.stop();
  await openPlayground(page, gone.url);
  await chooseIds(page);
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(responseRegion(page)).toHaveText(/^No response: network error/);
  await expect(responseRegion(page)).toContainText('CORS');
});

test('bad input is named at its field and Send stays disabled', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
  await page.getByLabel('Group ID').fill('Sales team');
  await expect(page.locator('#group-id-messages')).toContainText('AADGroupId');
  await expect(page.locator('#group-id-messages')).toContainText('8-4-4-4-12');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByLabel('Filter type').selectOption({ label: 'Exclude' });
  await expect(page.locator('#filter-id-messages')).toContainText('Warning:');

  await page.getByLabel('Emulator URL').fill('http://example.org:8787');
  await expect(page.locator('#emulator-url-messages')).toContainText('is not localhost or 127.0.0.1');
  await expect(page.getByLabel('Group ID')).toHaveValue('Sales team');
});

test('a failed read keeps its status, code and request-id on the page', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page, undefined, 'no-such-assignment_0_0');
  await page.getByRole('button', { name: 'Load current' }).click();
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('404 Not Found ResourceNotFound');
  await expect(alert).toContainText(/request-id [0-9a-f-]{36}/);
  await expect(alert).toContainText(/client-request-id [0-9a-f-]{36}/);
});
