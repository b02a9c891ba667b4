// The built site, served from a sub-path with its generated headers by a plain static host:
// its service worker precaches exactly this build, starts the page offline with the draft and
// the history, never stores API or sign-in traffic, and a newer build uploaded in place is
// announced and taken over only when the user chooses Reload.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { withEmulator } from '../support/emulator.mjs';
import { DIST, startPlainHost } from '../support/plain-host.mjs';
import { chooseIds, openConnectionSettings, openView, responseRegion, sendExpecting } from '../support/page.mjs';
import { twoBuilds } from '../support/builds.mjs';

/** Opens the site at `url` against the emulator at `apiUrl`, and waits until its service
 * worker controls the page. */
async function openSite(page, url, apiUrl) {
  await page.goto(url);
  await openConnectionSettings(page);
  await page.getByLabel('Emulator URL').fill(apiUrl);
  await page.getByRole('button', { name: 'Fill placeholder' }).click();
  await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
}

/** Every URL the page's caches hold. */
function cachedUrls(page) {
  return page.evaluate(async () => {
    const urls = [];
    for (const name of await caches.keys()) {
      for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
    }
    return urls;
  });
}

test('offline, the site starts from its cache with the draft and the history, and Send says there is no network', async ({ page, context }) => {
  const host = await startPlainHost({ base: '/playground/', headers: true });
  try {
    await withEmulator([], async (apiUrl) => {
      await openSite(page, host.url, apiUrl);
      await chooseIds(page);
      await sendExpecting(page, '204 No Content');
      // The caches hold exactly this build's files, under the sub-path, and nothing else.
      const precached = JSON.parse(readFileSync(path.join(DIST, 'service-worker.js'), 'utf8')
        .match(/const \{ build, files \} = (\{.*\});/)[1]).files;
      const urls = await cachedUrls(page);
      const addresses = precached.map((file) => new URL(file === 'index.html' ? './' : file, host.url).href);
      expect(urls.sort()).toEqual(addresses.sort());
      expect(urls.filter((url) => url.startsWith(apiUrl) || /\/beta\/|oauth2/.test(url))).toEqual([]);

      const configuration = await page.getByLabel('Configuration ID').inputValue();
      await context.setOffline(true);
      await page.reload();
      await expect(page.getByLabel('Target type')).toBeVisible();
      await expect(page.getByLabel('Configuration ID')).toHaveValue(configuration);
      await page.getByRole('button', { name: 'Send' }).click();
      await expect(responseRegion(page)).toContainText('this browser is offline (no network), so nothing was sent');
      await openView(page, 'History');
      // The send from before going offline is there, and the one tried offline beside it.
      const history = page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem');
      await expect(history).toHaveCount(2);
      await expect(history.nth(1)).toContainText('204');
      await context.setOffline(false);
    });
  } finally {
    await host.stop();
  }
});

test('a new build uploaded in place is announced, and runs once the user chooses Reload', async ({ page }) => {
  const { first, second, remove } = twoBuilds();
  const host = await startPlainHost({ base: '/playground/', headers: true, folder: first });
  try {
    await withEmulator([], async (apiUrl) => {
      await openSite(page, host.url, apiUrl);
      await chooseIds(page, 'draft-kept-across-builds');
      const title = await page.title();
      host.serve(second);
      await page.reload();
      const notice = page.getByRole('status').filter({ hasText: 'A new version is ready:' });
      await expect(notice).toBeVisible({ timeout: 30_000 });
      // Nothing reloads by itself: the page is the first build until the user says so.
      expect(await page.title()).toBe(title);
      const results = await new AxeBuilder({ page }).analyze();
      expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
      await notice.getByRole('button', { name: 'Reload' }).click();
      await expect(page).toHaveTitle(/^Second build · /, { timeout: 30_000 });
      await expect(page.getByLabel('Configuration ID')).toHaveValue('draft-kept-across-builds');
      await expect(page.getByRole('status').filter({ hasText: 'A new version is ready:' })).toHaveCount(0);
    });
  } finally {
    await host.stop();
    remove();
  }
});

test('Chromium finds the site installable: manifest, icon and service worker', async ({ playwright }, testInfo) => {
  // Chromium never offers to install from an incognito profile, which a test's context is: this
  // one runs in a profile of its own.
  const profile = mkdtempSync(path.join(tmpdir(), 'playground-profile-'));
  const browser = await playwright.chromium.launchPersistentContext(profile, testInfo.project.use.launchOptions);
  const host = await startPlainHost({ base: '/playground/', headers: true });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(host.url);
    await expect(page.getByLabel('Target type')).toBeVisible();
    await expect.poll(() => page.evaluate(() => navigator.serviceWorker.controller !== null), { timeout: 30_000 }).toBe(true);
    const devtools = await browser.newCDPSession(page);
    const { installabilityErrors } = await devtools.send('Page.getInstallabilityErrors');
    expect(installabilityErrors).toEqual([]);
    const { url, data } = await devtools.send('Page.getAppManifest');
    expect(url).toBe(new URL('manifest.webmanifest', host.url).href);
    expect(JSON.parse(data).theme_color).toBe('#0b5cad');
  } finally {
    await host.stop();
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
});
