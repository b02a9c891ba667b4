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

test('snapshot, three changes from outside, compare shows exactly those three, restore makes the compare empty', async ({ page }) => {
  test.setTimeout(120_000);
  await withEmulator(['--generate', '20:10'], async (url) => {
    await openPlayground(page, url);
    await openView(page, 'Bulk');
    const view = bulkRegion(page);
    await view.getByRole('button', { name: 'Take snapshot' }).click();
    const taken = view.getByRole('list', { name: 'Snapshots taken' });
    await expect(taken.getByRole('listitem')).toHaveText(/: 200 assignments in 20 configurations, complete/, { timeout: 30_000 });

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
