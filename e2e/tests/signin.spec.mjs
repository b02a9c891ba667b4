// Sign in with Microsoft against the emulator as the authority: the full redirect round trip,
// then a PATCH that lands; Cancel and a tampered state explained; the user without the
// permission; silent renewal; reload signs out and keeps the draft; no secret left behind.
import { test, expect } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startEmulator } from '../support/emulator.mjs';
import {
  FIELD_SALES,
  GROUP,
  SALES_ASSIGNMENT,
  bulkRegion,
  chooseIds,
  openConnectionSettings,
  previewAll,
  responseRegion,
  setPace,
  openView,
} from '../support/page.mjs';

const dist = path.resolve('..', 'dist');
/** What the page starts with against the emulator, and goes back to after a reload. */
const PLACEHOLDER = 'emulator-placeholder-token';

async function withPlayground(flags, body) {
  const emulator = await startEmulator(['--app-dir', dist, '--app-listen', '127.0.0.1:0', ...flags]);
  try {
    await body(emulator);
  } finally {
    await emulator.stop();
  }
}

/** Opens the app against the emulator and goes to its sign-in page. */
async function goToSignIn(page, { url, appUrl }) {
  await page.goto(appUrl);
  await page.getByLabel('Emulator URL').fill(url);
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to the Graph emulator' })).toBeVisible();
}

/** Signs in as the user whose name matches `who` and waits until the page says so. */
async function signIn(page, emulator, who = /Adele Vance/) {
  await goToSignIn(page, emulator);
  await page.getByLabel(who).check();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible();
}

test('signing in fills the token, a PATCH lands, and nothing secret is left anywhere', async ({ page }) => {
  await withPlayground([], async (emulator) => {
    await signIn(page, emulator);
    expect(new URL(page.url()).search).toBe('');
    const token = await page.getByLabel('Access token').inputValue();
    expect(token.split('.')).toHaveLength(3);
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
    await expect(page.locator('#token-insight')).toContainText('adele.vance@contoso.onmicrosoft.com');
    await expect(page.locator('#token-insight')).toContainText('DeviceManagementApps.ReadWrite.All');

    await chooseIds(page);
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toHaveText(/^204/);

    const left = await page.evaluate(() => ({
      local: Object.keys(localStorage).map((key) => localStorage.getItem(key)).join('\n'),
      session: Object.keys(sessionStorage).map((key) => `${key}=${sessionStorage.getItem(key)}`).join('\n'),
    }));
    expect(left.local).not.toContain(token);
    expect(left.local).not.toMatch(/refresh|verifier|"state"/);
    expect(left.session).toBe('');
    expect(page.url()).not.toContain(token);
    const link = await page.getByLabel('Share link').inputValue();
    expect(link).not.toContain(token);
    await openView(page, 'History');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export HAR' }).click(),
    ]);
    const har = readFileSync(await download.path(), 'utf8');
    expect(har).toContain('"PATCH"');
    expect(har).not.toContain(token);

    // A reload signs out and keeps the draft.
    await openView(page, 'One assignment');
    await page.reload();
    await openConnectionSettings(page);
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    await expect(page.getByLabel('Access token')).toHaveValue(PLACEHOLDER);
    await expect(page.getByLabel('Configuration ID')).toHaveValue(FIELD_SALES);
    await expect(page.getByLabel('Assignment ID')).toHaveValue(SALES_ASSIGNMENT);
  });
});

test('Cancel on the sign-in page is explained and nothing is redeemed', async ({ page }) => {
  await withPlayground([], async (emulator) => {
    await goToSignIn(page, emulator);
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Sign-in was cancelled' })).toBeVisible();
    await expect(page.getByLabel('Access token')).toHaveValue(PLACEHOLDER);
    expect(new URL(page.url()).search).toBe('');
  });
});

test('an answer whose state was tampered with is refused before anything is redeemed', async ({ page }) => {
  await withPlayground([], async (emulator) => {
    await goToSignIn(page, emulator);
    await page.locator('input[name="state"]').evaluate((input) => { input.value = 'forged'; });
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'state did not match' })).toBeVisible();
    await expect(page.getByLabel('Access token')).toHaveValue(PLACEHOLDER);
  });
});

test('the user without the permission is told which one is missing when sending', async ({ page }) => {
  await withPlayground([], async (emulator) => {
    await signIn(page, emulator, /Megan Bowen/);
    await expect(page.locator('#token-insight')).toContainText('does not grant DeviceManagementApps.ReadWrite.All');
    await chooseIds(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toHaveText(/^403/);
    await expect(responseRegion(page)).toContainText('DeviceManagementApps.ReadWrite.All');
  });
});

test('a short-lived token is renewed silently and a later send still works', async ({ page }) => {
  test.setTimeout(90_000);
  await withPlayground(['--token-lifetime', '20'], async (emulator) => {
    await signIn(page, emulator);
    const first = await page.getByLabel('Access token').inputValue();
    // Renewal comes at half the token's life; poll for it with a deadline.
    await expect.poll(() => page.getByLabel('Access token').inputValue(), { timeout: 30_000 }).not.toBe(first);
    await chooseIds(page);
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toHaveText(/^204/);
  });
});

test('sign-in problems typed in the page are explained before leaving', async ({ page }) => {
  await withPlayground([], async ({ url, appUrl }) => {
    await page.goto(appUrl);
    await page.getByLabel('Emulator URL').fill(url);
    await page.getByLabel('Client ID').fill('not-a-guid');
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Client ID' })).toBeVisible();
    expect(page.url().startsWith(appUrl)).toBe(true);
    await expect(page.getByLabel('Redirect URI')).toHaveValue(appUrl);
  });
});

test('the first minute: a token and a configuration are already there, and Send is one click away', async ({ page }) => {
  await withPlayground([], async ({ url, appUrl }) => {
    await page.goto(appUrl);
    await expect(page.getByLabel('Access token')).toHaveValue(PLACEHOLDER);
    await page.getByLabel('Emulator URL').fill(url);
    // What is missing is a neutral hint, not an error.
    await expect(page.locator('li.needed').filter({ hasText: 'Type or pick the configuration ID.' })).toBeVisible();
    await expect(page.locator('li.error').filter({ hasText: 'Type or pick' })).toHaveCount(0);
    // The emulator URL is remembered; at the next start the page reads the configurations itself.
    await page.reload();
    await expect(page.getByLabel('Configuration ID')).not.toHaveValue('');
    await expect(page.getByLabel('Assignment ID')).not.toHaveValue('');
    await page.getByRole('button', { name: 'Send' }).click();
    await expect(responseRegion(page)).toHaveText(/^204/);
  });
});

test('a Bulk run that outlives its token goes on with the renewed one', async ({ page }) => {
  test.setTimeout(120_000);
  await withPlayground(['--token-lifetime', '10'], async (emulator) => {
    await signIn(page, emulator);
    const view = bulkRegion(page);
    const apply = await previewAll(page);
    const total = Number((await apply.textContent()).match(/\d+/)[0]);
    expect(total).toBeGreaterThanOrEqual(4);
    // One write every 4 seconds: the run lasts past the first token's 10 seconds.
    await setPace(page, 1, 4);
    const first = await page.getByLabel('Access token').inputValue();
    await apply.click();
    await expect(view.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 90_000 });
    expect(await page.getByLabel('Access token').inputValue()).not.toBe(first);
    const counts = await (await fetch(`${emulator.url}/_emulator/stats`)).json();
    expect(counts.totalWrites).toBe(total);
    // No row was answered 401 (a cell of its own: a random request-id may hold the digits).
    await expect(view.getByText(/Failed 0 ·/)).toBeVisible();
    await expect(view.getByRole('cell', { name: '401', exact: true })).toHaveCount(0);
  });
});
