// History with HAR export and import, automatic and manual retries, and before/after.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { readAssignment, withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, SALES_ASSIGNMENT, chooseIds, openPlayground, openView, responseRegion, sendExpecting } from '../support/page.mjs';


const historyItems = (page) => page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem');

test('history keeps sent requests newest first, replays, deletes, and survives a reload', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel('Target type').selectOption({ label: 'All users' });
    await sendExpecting(page, '204 No Content');
    await chooseIds(page, undefined, 'missing_0_0');
    await sendExpecting(page, '404 Not Found');
    await openView(page, 'History');
    await expect(historyItems(page)).toHaveCount(2);
    await expect(historyItems(page).first()).toContainText('404 Not Found');
    await expect(historyItems(page).nth(1)).toContainText('204 No Content');

    // The reload keeps the view; a replay opens the form it fills.
    await page.reload();
    await expect(historyItems(page)).toHaveCount(2);
    await historyItems(page).nth(1).getByRole('button', { name: /^Replay/ }).click();
    await expect(page.getByRole('tab', { name: 'One assignment' })).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByLabel('Assignment ID')).not.toHaveValue('missing_0_0');
    await expect(page.getByLabel('Target type')).toHaveValue('allLicensedUsersAssignmentTarget');

    await openView(page, 'History');
    await historyItems(page).first().getByRole('button', { name: /^Delete/ }).click();
    await expect(historyItems(page)).toHaveCount(1);
    await page.getByRole('button', { name: 'Clear history' }).click();
    await expect(page.getByText('Sent requests appear here')).toBeVisible();
  });
});

test('history exports to HAR without the token and imports back', async ({ page }) => {
  const token = 'har-secret-token-1234567890';
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByLabel('Access token').fill(token);
    await chooseIds(page);
    await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await sendExpecting(page, '204 No Content');

    await openView(page, 'History');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export HAR' }).click(),
    ]);
    const file = await download.path();
    const har = JSON.parse(readFileSync(file, 'utf8'));
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries[0].request.method).toBe('PATCH');
    expect(har.log.entries[0].response.status).toBe(204);
    expect(JSON.stringify(har)).not.toContain(token);
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).not.toContain(token);

    await page.getByRole('button', { name: 'Clear history' }).click();
    await page.getByLabel('Import HAR').setInputFiles(file);
    await expect(page.getByText('Imported 1 request(s)')).toBeVisible();
    await expect(historyItems(page)).toHaveCount(1);
    await openView(page, 'One assignment');
    await page.getByLabel('Target type').selectOption({ label: 'All devices' });
    await openView(page, 'History');
    await historyItems(page).first().getByRole('button', { name: /^Replay/ }).click();
    await expect(page.getByLabel('Target type')).toHaveValue('exclusionGroupAssignmentTarget');

    await openView(page, 'History');

    await page.getByLabel('Import HAR').setInputFiles({ name: 'broken.har', mimeType: 'application/json', buffer: Buffer.from('{"not": "har"}') });
    await expect(page.getByRole('alert')).toContainText('The HAR file was refused');
    await expect(historyItems(page)).toHaveCount(1);
  });
});

test('a throttled answer counts down from Retry-After and "Retry when ready" sends again', async ({ page }) => {
  await withEmulator(['--throttle', '1/2'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await sendExpecting(page, '204 No Content');
    await sendExpecting(page, '429 Too Many Requests');
    await expect(responseRegion(page)).toContainText(/Ready in \d s \(from Retry-After\)/);
    await page.getByRole('button', { name: 'Retry when ready' }).click();
    await expect(responseRegion(page)).toHaveText(/^204 No Content/, { timeout: 15_000 });
  });
});

test('when Retry-After is hidden, the countdown uses the backoff and says so', async ({ page }) => {
  await withEmulator(['--throttle', '1/2', '--hide-retry-after'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await sendExpecting(page, '204 No Content');
    await sendExpecting(page, '429 Too Many Requests');
    await expect(responseRegion(page)).toContainText("the app's backoff");
  });
});

test('automatic retry shows each attempt and succeeds once the throttle lifts', async ({ page }) => {
  await withEmulator(['--throttle', '1/2'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel(/Retry 429\/503\/504 automatically/).check();
    await sendExpecting(page, '204 No Content');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toContainText(/Retry 1 of 3 in \d s/);
    await expect(responseRegion(page)).toHaveText(/^204 No Content/, { timeout: 15_000 });
    const attempts = page.getByRole('list', { name: 'Attempts' });
    await expect(attempts).toContainText('Attempt 1: 429 Too Many Requests');
    await expect(attempts).toContainText('Attempt 2: 204 No Content');
  });
});

test('automatic retry stops after three retries, and never on a 500', async ({ page }) => {
  await withEmulator(['--fail-rate', '1'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel(/Retry 429\/503\/504 automatically/).check();
    await page.getByRole('button', { name: 'Send' }).click();
    // Every answer is a random 500, 503 or 504: 503 and 504 are retried, 500 is not.
    await expect(responseRegion(page)).toHaveText(/^50[034] /, { timeout: 60_000 });
    const items = page.getByRole('list', { name: 'Attempts' }).getByRole('listitem');
    const count = await items.count();
    expect(count).toBeLessThanOrEqual(4);
    const last = count === 0 ? await responseRegion(page).textContent() : await items.nth(count - 1).textContent();
    if (count < 4) expect(last).toMatch(/500 Internal Server Error/);
  });
});

test('automatic retry does not wait past 180 seconds', async ({ page }) => {
  await withEmulator(['--throttle', '1/600'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await sendExpecting(page, '204 No Content');
    await page.getByLabel(/Retry 429\/503\/504 automatically/).check();
    // Retry-After is about 600 s, beyond the limit: no automatic retry, only the offer.
    await sendExpecting(page, '429 Too Many Requests');
    await expect(page.getByRole('list', { name: 'Attempts' })).toHaveCount(0);
    await expect(responseRegion(page)).toContainText(/Ready in \d+ s \(from Retry-After\)/);
  });
});

test('before and after are shown side by side with the changes marked', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel('Read the assignment first and show before and after').check();
    await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await sendExpecting(page, '204 No Content');
    const table = page.getByRole('table', { name: 'Target before and after' });
    await expect(table).toBeVisible();
    const typeRow = table.getByRole('row', { name: /Target type/ });
    await expect(typeRow).toContainText('Included group');
    await expect(typeRow).toContainText('Excluded group');
    await expect(typeRow).toContainText('changed');
    // The sample assignment had an include filter; the form sends none.
    await expect(table.getByRole('row', { name: /Filter type/ })).toContainText('changed');
    await expect(table.getByRole('row', { name: /Collection ID/ })).not.toContainText('changed');
    // The ids are named, before and after.
    const groupRow = table.getByRole('row', { name: /Group ID/ });
    await expect(groupRow).toContainText('Field sales iPads');
    await expect(groupRow).toContainText('Sales team');
    await expect(table.getByRole('row', { name: /Filter ID/ })).toContainText('Corporate iPads');
  });
});

test('Cancel while the assignment is read first stops the write from ever leaving', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel('Read the assignment first and show before and after').check();
    await page.getByLabel('Target type').selectOption({ label: 'All users' });
    const patches = [];
    page.on('request', (request) => {
      if (request.method() === 'PATCH') patches.push(request.url());
    });
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    let readSeen;
    const readStarted = new Promise((resolve) => { readSeen = resolve; });
    await page.route(`${url}/beta/**`, async (route) => {
      if (route.request().method() !== 'GET') return route.continue();
      readSeen();
      await held;
      return route.continue().catch(() => {});
    });
    await page.getByRole('button', { name: 'Send' }).click();
    await readStarted;
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(responseRegion(page)).toHaveText(/^Cancelled/);
    release();
    // A write that followed the read would go out now: wait until the network is quiet.
    await page.waitForLoadState('networkidle');
    expect(patches).toEqual([]);
    const stored = await readAssignment(url, FIELD_SALES, SALES_ASSIGNMENT);
    expect(stored.target['@odata.type']).toBe('#microsoft.graph.groupAssignmentTarget');
  });
});

test('Prefer: return=representation is offered, previewed and answered with the assignment', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    const prefer = page.getByLabel(/Ask for the updated assignment in the answer/);
    await expect(page.getByText('return=representation', { exact: true })).toHaveCount(0);
    await prefer.check();
    await expect(page.getByText('return=representation', { exact: true })).toBeVisible();
    await page.getByLabel('Target type').selectOption({ label: 'All devices' });
    await sendExpecting(page, '200 OK');
    await expect(page.getByLabel('Response body')).toContainText('#microsoft.graph.allDevicesAssignmentTarget');
  });
});
