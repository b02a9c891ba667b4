// Takes the README's pictures, one for each view and one of each layout: the One assignment view
// after sending an Included group target to the emulator (all of it, at 1280 wide, with the
// assignment set), its Reach and Changes regions, its connection settings opened, the Bulk
// view with a preview, a snapshot compared with the tenant after a change from outside, the
// History view, a phone's first screen, and the hosted site announcing a new build. Run from the repository root after `trunk build --release`: node e2e/screenshot.mjs
import path from 'node:path';
import { chromium } from '@playwright/test';
import { twoBuilds } from './support/builds.mjs';
import { startPlainHost } from './support/plain-host.mjs';
import config from './playwright.config.mjs';
import { startEmulator } from './support/emulator.mjs';
import {
  FIELD_SALES,
  GROUP,
  SALES_ASSIGNMENT,
  chooseIds,
  openConnectionSettings,
  openPlayground,
  openView,
  previewAll,
  sendExpecting,
} from './support/page.mjs';

const appListen = '127.0.0.1:18090';
const emulator = await startEmulator(['--app-dir', 'dist', '--app-listen', appListen]);
const browser = await chromium.launch(config.use.launchOptions);

/** Writes the page's viewport (or all of it) to docs/`name`.png. */
async function picture(page, name, fullPage = false) {
  const file = path.join('docs', `${name}.png`);
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: file, fullPage });
  console.log(`wrote ${file}`);
}

try {
  const page = await browser.newPage({ baseURL: `http://${appListen}`, viewport: { width: 1280, height: 800 } });
  await openPlayground(page, emulator.url);
  // The next start reads the lists from the saved address, so the settings stay closed.
  await page.reload();
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  // Reach, before sending: who the set reaches now and after, and the statuses beside it.
  const reach = page.getByRole('region', { name: 'Reach' });
  await reach.getByRole('status').filter({ hasText: /^Up to date/ }).waitFor({ timeout: 30_000 });
  const boxes = [await reach.boundingBox(), await page.getByRole('region', { name: 'Status' }).boundingBox()];
  await page.screenshot({
    path: path.join('docs', 'view-reach.png'),
    fullPage: true,
    clip: {
      x: Math.min(...boxes.map((box) => box.x)) - 8,
      y: boxes[0].y - 8,
      width: Math.max(...boxes.map((box) => box.width)) + 16,
      height: boxes[1].y + boxes[1].height - boxes[0].y + 16,
    },
  });
  console.log('wrote docs/view-reach.png');
  await sendExpecting(page, '204 No Content');
  await picture(page, 'screenshot', true);
  // Changes: who changed the configuration, from the audit trail.
  const changes = page.getByRole('region', { name: 'Changes' });
  await changes.getByRole('table', { name: 'Who changed this configuration' }).waitFor({ timeout: 30_000 }).catch(async (error) => {
    throw new Error(`Changes shows: ${await changes.textContent()}: ${error.message}`);
  });
  await changes.screenshot({ path: path.join('docs', 'view-changes.png') });
  console.log('wrote docs/view-changes.png');
  await openConnectionSettings(page);
  await picture(page, 'view-connection-settings');
  await page.getByRole('button', { name: 'Connection settings' }).click();
  await previewAll(page);
  await picture(page, 'view-bulk');
  // A snapshot, a change from outside, and the compare with the tenant now.
  const bulk = page.getByRole('region', { name: 'Bulk' });
  await bulk.getByRole('button', { name: 'Take snapshot' }).click();
  await bulk.getByRole('list', { name: 'Snapshots taken' }).getByRole('listitem').first().waitFor({ timeout: 30_000 });
  const changed = await fetch(`${emulator.url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${FIELD_SALES}/assignments/${SALES_ASSIGNMENT}`, {
    method: 'PATCH',
    headers: { Authorization: 'Bearer a-script', 'Content-Type': 'application/json' },
    body: JSON.stringify({ target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }),
  });
  if (changed.status !== 204) throw new Error(`the change from outside answered ${changed.status}`);
  await bulk.getByRole('button', { name: 'Compare with the tenant now' }).click();
  await bulk.getByRole('table', { name: 'Differences' }).waitFor({ timeout: 30_000 });
  await page.locator('#bulk-compare').screenshot({ path: path.join('docs', 'view-compare.png') });
  console.log('wrote docs/view-compare.png');
  await openView(page, 'History');
  await picture(page, 'view-history');
  await openView(page, 'One assignment');
  await page.setViewportSize({ width: 390, height: 844 });
  await picture(page, 'view-phone');
  // The site as a team hosts it, from a sub-path: a new build uploaded in place is announced.
  const { first, second, remove } = twoBuilds();
  const host = await startPlainHost({ base: '/playground/', headers: true, folder: first });
  try {
    const site = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await site.goto(host.url);
    await openConnectionSettings(site);
    await site.getByLabel('Emulator URL').fill(emulator.url);
    await site.getByRole('button', { name: 'Connection settings' }).click();
    await site.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
    host.serve(second);
    await site.reload();
    const notice = site.getByRole('status').filter({ hasText: 'A new version is ready:' });
    await notice.waitFor({ timeout: 30_000 });
    const box = await notice.boundingBox();
    await site.screenshot({
      path: path.join('docs', 'view-new-version.png'),
      clip: { x: 0, y: 0, width: 1280, height: box.y + box.height + 16 },
    });
    console.log('wrote docs/view-new-version.png');
  } finally {
    await host.stop();
    remove();
  }
} finally {
  await browser.close();
  await emulator.stop();
}
