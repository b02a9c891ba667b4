// Editing the JSON and the form both ways, keeping the draft, keeping the token out of storage,
// the keyboard, and cancelling.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL, withEmulator } from '../support/emulator.mjs';
import { GROUP, chooseIds, openPlayground, openView, responseRegion, sendExpecting } from '../support/page.mjs';

test('the JSON body and the form stay in sync both ways', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  const body = page.getByLabel('Request body (JSON)');
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await expect(body).toHaveValue(new RegExp(`"groupId": "${GROUP}"`));

  await body.fill(JSON.stringify({
    target: { '@odata.type': 'microsoft.graph.configurationManagerCollectionAssignmentTarget', collectionId: 'SMS0000A' },
  }));
  await expect(page.getByLabel('Target type')).toHaveValue('configurationManagerCollectionAssignmentTarget');
  await expect(page.getByLabel('Collection ID')).toHaveValue('SMS0000A');
});

test('a JSON syntax error shows line and column and keeps the text', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  const body = page.getByLabel('Request body (JSON)');
  const broken = '{\n  "target": {\n    "@odata.type": \n}';
  await body.fill(broken);
  await expect(page.locator('#body-messages')).toContainText('line 4, column 1');
  await page.getByLabel('Filter ID').fill('typed while broken');
  await expect(body).toHaveValue(broken);
  await expect(page.getByText('form changes are not written into it')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
});

test('the seed example is explained instead of sent', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Request body (JSON)').fill(JSON.stringify({
    '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment',
    target: {
      '@odata.type': 'microsoft.graph.deviceAndAppManagementAssignmentTarget',
      deviceAndAppManagementAssignmentFilterType: 'include',
    },
  }, null, 2));
  await expect(page.locator('#target-type-messages')).toContainText('a concrete target kind must be chosen');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
});

test('the draft survives a reload and the token does not', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page, 'config-for-reload', 'assignment-for-reload');
  await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await page.getByLabel('Access token').fill('token-typed-before-reload');
  await page.reload();
  await expect(page.getByLabel('Configuration ID')).toHaveValue('config-for-reload');
  await expect(page.getByLabel('Assignment ID')).toHaveValue('assignment-for-reload');
  await expect(page.getByLabel('Target type')).toHaveValue('exclusionGroupAssignmentTarget');
  await expect(page.getByLabel('Group ID')).toHaveValue(GROUP);
  await expect(page.getByLabel('Emulator URL')).toHaveValue(SHARED_API_URL);
  // Against the emulator the page starts with its placeholder, never with the typed token.
  await expect(page.getByLabel('Access token')).toHaveValue('emulator-placeholder-token');
});

test('the token is in no browser storage after use', async ({ page, context }) => {
  const token = 'e2e-secret-token-7f3c91d2a4b8';
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Access token').fill(token);
  await chooseIds(page);
  await sendExpecting(page, '204 No Content');
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await expect(page.getByLabel('Pick a configuration')).toBeVisible();

  const stored = await page.evaluate(async () => {
    const dump = (storage) => Object.keys(storage).map((key) => `${key}=${storage.getItem(key)}`).join('\n');
    const databases = indexedDB.databases ? await indexedDB.databases() : [];
    const caches = self.caches ? await self.caches.keys() : [];
    return {
      local: dump(localStorage),
      session: dump(sessionStorage),
      indexedDb: JSON.stringify(databases),
      caches: JSON.stringify(caches),
      cookies: document.cookie,
      url: location.href,
      history: JSON.stringify(history.state),
    };
  });
  expect(stored.local).toContain('config'); // the draft is there...
  for (const [where, text] of Object.entries(stored)) {
    expect(text, where).not.toContain(token); // ...the token is not
  }
  const cookies = await context.cookies();
  expect(JSON.stringify(cookies)).not.toContain(token);
  await expect(page.getByLabel('Access token')).toHaveValue(token);
});

test('the token is masked but is no password field, so no password manager offers to keep it', async ({ page }) => {
  await page.goto('/');
  const field = page.getByLabel('Access token');
  await expect(field).toHaveAttribute('type', 'text');
  await expect(field).toHaveAttribute('autocomplete', 'off');
  expect(await field.evaluate((input) => getComputedStyle(input).webkitTextSecurity)).toBe('disc');
  expect(await page.locator('input[type=password]').count()).toBe(0);
});

test('Ctrl+Enter sends, and a double click sends once', async ({ page }) => {
  await withEmulator(['--throttle', '1/60'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel('Request body (JSON)').focus();
    await page.keyboard.press('Control+Enter');
    await expect(responseRegion(page)).toHaveText(/^204 No Content/);
  });
  await withEmulator(['--throttle', '1/60', '--latency', '400'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByRole('button', { name: 'Send' }).dblclick();
    // A second request would have been throttled (one write per minute) and recorded.
    await expect(responseRegion(page)).toHaveText(/^204 No Content/);
    await openView(page, 'History');
    await expect(page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem')).toHaveCount(2);
  });
});

test('a slow request can be cancelled', async ({ page }) => {
  await withEmulator(['--latency', '20000'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(responseRegion(page)).toHaveText(/^Cancelled/);
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  });
});

test('a request with no answer times out after 30 seconds and says what that means', async ({ page }) => {
  test.setTimeout(90_000);
  await withEmulator(['--latency', '45000'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toHaveText(/^No response within 30 s: timed out/, { timeout: 45_000 });
    await expect(responseRegion(page)).toContainText('re-read the assignment');
  });
});

test('a read with no answer times out after 30 seconds too, and the page is usable again', async ({ page }) => {
  test.setTimeout(90_000);
  await withEmulator(['--latency', '45000'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByRole('button', { name: 'Load current' }).click();
    await expect(page.getByText('Loading the current assignment')).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText('No answer within 30 s: timed out.', { timeout: 45_000 });
    await expect(page.getByText('Loading the current assignment')).toHaveCount(0);
  });
});

test('when the browser will not store the draft, the page says so and keeps it', async ({ page }) => {
  await page.addInitScript(() => {
    Storage.prototype.setItem = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.goto('/');
  await page.getByLabel('Configuration ID').fill('kept in the page');
  // The default emulator is not running here, so the connection's own alert is on the page too.
  await expect(page.getByRole('alert').filter({ hasText: 'Your draft could not be saved in this browser' })).toBeVisible();
  await expect(page.getByLabel('Configuration ID')).toHaveValue('kept in the page');
});
