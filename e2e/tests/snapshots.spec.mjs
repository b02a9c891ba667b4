// Snapshots in the Bulk view: take one of a generated tenant, change three assignments from a
// second client (a PATCH, a DELETE and a POST), compare: exactly those three differ; restore
// them through the Bulk run: the page compares again and nothing differs.
import { test, expect } from '@playwright/test';
import { withEmulator } from '../support/emulator.mjs';
import { bulkRegion, openPlayground, openView } from '../support/page.mjs';

const guid = (prefix, number) => `${prefix.repeat(4)}0000-0000-4000-8000-${number.toString(16).padStart(12, '0')}`;
const configuration = (number) => guid('c', number);
const group = (number) => guid('a', number);

/** A write from a second client, as a script with its own token would make it. */
async function write(url, method, path, target) {
  const response = await fetch(`${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${path}`, {
    method,
    headers: { Authorization: 'Bearer a-script', 'Content-Type': 'application/json' },
    body: target ? JSON.stringify({ target }) : undefined,
  });
  expect(response.ok, `${method} ${path} answered ${response.status}`).toBe(true);
}

/** Opens the Bulk view against the emulator at `url` and takes a snapshot, which must hold
 * `assignments` assignments in `configurations` configurations; resolves to the Bulk region and
 * the list of snapshots taken. */
async function takeSnapshot(page, url, assignments, configurations) {
  await openPlayground(page, url);
  await openView(page, 'Bulk');
  const view = bulkRegion(page);
  await view.getByRole('button', { name: 'Take snapshot' }).click();
  const taken = view.getByRole('list', { name: 'Snapshots taken' });
  const described = new RegExp(`: ${assignments} assignments in ${configurations} configurations, complete`);
  await expect(taken.getByRole('listitem')).toHaveText(described, { timeout: 30_000 });
  return { view, taken };
}

test('snapshot, three changes from outside, compare shows exactly those three, restore makes the compare empty', async ({ page }) => {
  test.setTimeout(120_000);
  await withEmulator(['--generate', '20:10'], async (url) => {
    const { view, taken } = await takeSnapshot(page, url, 200, 20);

    // The download is the snapshot file: schema-versioned, every assignment in it.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      taken.getByRole('button', { name: /^Download the snapshot taken / }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^assignments-snapshot-.*\.json$/);
    const file = JSON.parse(await (await download.createReadStream()).toArray().then((parts) => Buffer.concat(parts).toString()));
    expect(file.kind).toBe('iosLobAppProvisioningAssignmentSnapshot');
    expect(file.schema).toBe(1);
    expect(file.complete).toBe(true);
    expect(file.configurations.flatMap((one) => one.assignments)).toHaveLength(200);

    await write(url, 'DELETE', `${configuration(0)}/assignments/${configuration(0)}_${group(9)}`);
    await write(url, 'PATCH', `${configuration(1)}/assignments/${configuration(1)}_${group(0)}`, {
      '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget',
      groupId: group(0),
    });
    await write(url, 'POST', `${configuration(2)}/assignments`, {
      '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget',
    });

    await taken.getByRole('button', { name: 'Compare with the tenant now' }).click();
    await expect(view.getByRole('status').filter({ hasText: 'assignments differ' })).toHaveText('3 assignments differ.', { timeout: 30_000 });
    const differences = view.getByRole('table', { name: 'Differences' });
    const rows = differences.getByRole('row');
    await expect(rows).toHaveCount(4);
    await expect(rows.nth(1)).toContainText('Generated configuration 0001');
    await expect(rows.nth(1)).toContainText('Removed');
    await expect(rows.nth(1)).toContainText('Included group: Field iPads 9');
    await expect(rows.nth(2)).toContainText('Changed');
    await expect(rows.nth(2)).toContainText('Excluded group: iOS pilot users 0');
    await expect(rows.nth(3)).toContainText('Added');
    await expect(rows.nth(3)).toContainText('All devices');

    for (const box of await differences.getByRole('checkbox').all()) await box.check();
    await view.getByRole('button', { name: 'Restore 3 differences' }).click();
    await expect(view.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 60_000 });
    await expect(view.getByRole('status').filter({ hasText: 'No differences' }))
      .toHaveText(/^No differences: every assignment targets what it did\. 1 was removed and made again/, { timeout: 30_000 });
  });
});

test('a snapshot stays in this browser across a reload, its file loads back elsewhere, and a hostile file is refused whole', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await withEmulator(['--generate', '5:2'], async (url) => {
    const { view, taken } = await takeSnapshot(page, url, 10, 5);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      taken.getByRole('button', { name: /^Download the snapshot taken / }).click(),
    ]);
    const text = Buffer.concat(await (await download.createReadStream()).toArray()).toString();
    const file = JSON.parse(text);

    // Kept in IndexedDB (the text of the file, and no token anywhere in it).
    const stored = await page.evaluate(() => new Promise((resolve, reject) => {
      const open = indexedDB.open('assignment-playground');
      open.onerror = () => reject(open.error);
      open.onsuccess = () => {
        const read = open.result.transaction('snapshots').objectStore('snapshots').getAll();
        read.onsuccess = () => resolve(read.result);
      };
    }));
    expect(stored).toHaveLength(1);
    const kept = JSON.parse(stored[0]);
    expect(kept.takenAt).toBe(file.takenAt);
    expect(kept.configurations).toEqual(file.configurations);
    expect(stored.join('')).not.toMatch(/Bearer|placeholder|authorization/i);

    await page.reload();
    await openView(page, 'Bulk');
    await expect(view.getByRole('status').filter({ hasText: 'from an earlier visit' }))
      .toHaveText('1 snapshot kept in this browser from an earlier visit.');
    await expect(taken.getByRole('listitem')).toHaveCount(1);
    await expect(taken.getByRole('listitem')).toContainText(`Taken ${file.takenAt}: 10 assignments`);

    // A hostile file: refused whole, with where it is wrong; what was kept stays as it was.
    const load = view.getByLabel('Load snapshot file');
    const hostile = { ...file, configurations: [...file.configurations].reverse() };
    await load.setInputFiles({ name: 'hostile.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(hostile)) });
    await expect(view.getByRole('status').filter({ hasText: 'refused' }))
      .toHaveText(/^The file was refused whole, nothing was loaded: \/configurations\/\d+\/id: configurations must be in order of id/);
    await load.setInputFiles({ name: 'other.json', mimeType: 'application/json', buffer: Buffer.from('{"kind": "something else"}') });
    await expect(view.getByRole('status').filter({ hasText: 'refused' })).toContainText('/kind: not a snapshot file');
    await expect(taken.getByRole('listitem')).toHaveCount(1);

    // In a browser that never took it, the file loads and compares with the tenant.
    const elsewhere = await browser.newContext();
    const other = await elsewhere.newPage();
    await openPlayground(other, url);
    await openView(other, 'Bulk');
    const otherView = bulkRegion(other);
    await otherView.getByLabel('Load snapshot file')
      .setInputFiles({ name: 'snapshot.json', mimeType: 'application/json', buffer: Buffer.from(text) });
    await expect(otherView.getByRole('status').filter({ hasText: 'Loaded from the file' }))
      .toContainText(`Loaded from the file: Taken ${file.takenAt}: 10 assignments in 5 configurations, complete.`);
    await otherView.getByRole('list', { name: 'Snapshots taken' }).getByRole('button', { name: 'Compare with the tenant now' }).click();
    await expect(otherView.getByRole('status').filter({ hasText: 'No differences' })).toBeVisible({ timeout: 30_000 });
    await elsewhere.close();
  });
});

test('where Intune does not serve the per-assignment routes, a restore goes through /assign and the compare is empty', async ({ page }) => {
  test.setTimeout(120_000);
  await withEmulator(['--generate', '3:3', '--unserved-routes', 'assignment-write'], async (url) => {
    const { view, taken } = await takeSnapshot(page, url, 9, 3);

    // A second client can only use /assign here: it makes the first group an exclusion and
    // drops the last assignment of the first configuration.
    const set = `${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${configuration(0)}`;
    const headers = { Authorization: 'Bearer a-script', 'Content-Type': 'application/json' };
    const listed = await (await fetch(`${set}/assignments`, { headers })).json();
    expect(listed.value).toHaveLength(3);
    const targets = listed.value.slice(0, 2).map(({ target }) => ({ target }));
    targets[0].target = { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: targets[0].target.groupId };
    const assigned = await fetch(`${set}/assign`, { method: 'POST', headers, body: JSON.stringify({ iOSLobAppProvisioningConfigAssignments: targets }) });
    expect(assigned.ok, await assigned.text()).toBe(true);

    await taken.getByRole('button', { name: 'Compare with the tenant now' }).click();
    const differ = view.getByRole('status').filter({ hasText: /assignments? differs?\./ });
    await expect(differ).toBeVisible({ timeout: 30_000 });
    await view.getByLabel('Choose every difference').check();
    await view.getByRole('button', { name: /^Restore \d+ differences?$/ }).click();
    await expect(view.getByRole('list', { name: 'Restored through /assign' }))
      .toContainText('Generated configuration 0001: Intune does not serve the per-assignment routes, so its', { timeout: 60_000 });
    await expect(view.getByRole('status').filter({ hasText: 'No differences' })).toBeVisible({ timeout: 30_000 });
    // The run's rows say what was done instead of their refused writes.
    const results = view.getByRole('table', { name: 'Results' }).getByRole('row');
    const written = (await results.count()) - 1;
    expect(written).toBeGreaterThan(0);
    await expect(results.filter({ hasText: 'made through /assign instead' })).toHaveCount(written);
    // The configuration has again the targets it had when the snapshot was taken.
    const now = await (await fetch(`${set}/assignments`, { headers })).json();
    const summary = (list) => list.map(({ target }) => JSON.stringify(target)).sort();
    expect(summary(now.value)).toEqual(summary(listed.value));
  });
});
