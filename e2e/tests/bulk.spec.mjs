// The Bulk view against generated tenants: find every assignment through $batch, narrow,
// select, preview, apply through $batch at the throttle's pace, and check through the
// emulator's counts that every change landed exactly once, also across a pause and a reload.
import { readFile } from 'node:fs/promises';
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { withEmulator } from '../support/emulator.mjs';
import { bulkRegion, openPlayground, openView, previewAll, setPace } from '../support/page.mjs';

const FIRST_GROUP = 'aaaa0000-0000-4000-8000-000000000000';

async function counts(url) {
  const response = await fetch(`${url}/_emulator/stats`);
  expect(response.status).toBe(200);
  return response.json();
}

/** Opens the page on `url`, previews changing every one of `total` assignments at the
 * emulator's pace of 20 writes per 2 s, and applies it; resolves to the Bulk region. */
async function applyAll(page, url, total) {
  await openPlayground(page, url);
  await previewAll(page, total);
  await setPace(page, 20, 2);
  const view = bulkRegion(page);
  await view.getByRole('button', { name: `Apply ${total} changes` }).click();
  return view;
}

/** Waits for the run to finish, retrying failed rows until none is left. After each retry it
 * waits for the run's counts to change, so that the "Finished" of the round before is never
 * taken for the end of the retry. */
async function finish(page) {
  const view = bulkRegion(page);
  const counts = view.getByRole('status').filter({ hasText: /^Done \d+ · Failed \d+/ });
  for (let round = 0; round < 5; round += 1) {
    await expect(view.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 60_000 });
    const retry = view.getByRole('button', { name: 'Retry failed' });
    if (!(await retry.isVisible())) return;
    const before = await counts.textContent();
    await retry.click();
    await expect(counts).not.toHaveText(before, { timeout: 60_000 });
  }
}

function expectEachWrittenOnce(seen, expected) {
  const writes = Object.values(seen.writes);
  expect(writes.length).toBe(expected);
  expect(writes.every((count) => count === 1)).toBe(true);
  expect(seen.totalWrites).toBe(expected);
}

test('find, narrow, preview and apply 200 changes through $batch: each lands exactly once', async ({ page }) => {
  test.setTimeout(180_000);
  await withEmulator(['--generate', '20:10', '--throttle', '50/2', '--fail-rate', '0.05'], async (url) => {
    const sent = [];
    page.on('request', (request) => sent.push(new URL(request.url()).pathname));
    await openPlayground(page, url);
    await openView(page, 'Bulk');
    const view = bulkRegion(page);
    await view.getByRole('button', { name: 'Find assignments' }).click();
    await expect(view.getByRole('status').filter({ hasText: '200 assignments in 20 configurations' })).toBeVisible({ timeout: 30_000 });
    // The targets read in the admin center's words, with the names of their groups and filters.
    await expect(view.getByRole('table', { name: 'Assignments found' }))
      .toContainText('Included group: iOS pilot users 0, filter: Corporate iPads (include)');
    // The names are read 20 to a $batch envelope, not one request each. (The worker's requests
    // are among those seen: its $batch reads of the assignments are.)
    expect(sent.filter((path) => path.endsWith('/$batch')).length).toBeGreaterThan(0);
    expect(sent.filter((path) => /\/(groups|assignmentFilters)\//.test(path))).toEqual([]);
    const seen = await counts(url);
    expect(seen.batches).toBeGreaterThan(0);
    expect(seen.batches).toBeLessThan(10);
    expect(seen.requests - seen.batches).toBeLessThan(60);

    // Narrow to the assignments that include the first group, then back to all of them.
    await view.getByLabel('Narrow by target').selectOption({ label: 'Targets group (ID)' });
    await view.getByLabel('Group or filter to narrow by').fill(FIRST_GROUP);
    await view.getByLabel('Group or filter to narrow by').press('Tab');
    await expect(view.getByText('200 assignments found, 20 shown')).toBeVisible();
    // One row chosen by itself is counted at once.
    await view.getByRole('checkbox', { name: /^Select Generated configuration 0001 / }).check();
    await expect(view.getByText('200 assignments found, 20 shown, 1 selected.')).toBeVisible();
    await view.getByLabel('Narrow by target').selectOption({ label: 'Any target' });
    await expect(view.getByText('200 assignments found, 200 shown')).toBeVisible();

    await view.getByLabel('Select all shown').check();
    await view.getByRole('button', { name: 'Preview' }).click();
    await expect(view.getByRole('table', { name: 'Preview: before and after' }).getByRole('row')).toHaveCount(201);
    const results = await new AxeBuilder({ page }).include('#bulk-body').analyze();
    expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);

    await fetch(`${url}/_emulator/stats/reset`, { method: 'POST' });
    await setPace(page, 50, 2);
    await view.getByRole('button', { name: 'Apply 200 changes' }).click();
    // The first run's "Finished" is still on the page until this one starts (at 50 writes
    // every 2 s it runs for several seconds), so wait for it to go before waiting for the end.
    await expect(view.getByRole('heading', { name: 'Finished' })).toBeHidden();
    await finish(page);
    await expect(view.getByRole('status').filter({ hasText: 'Done 200 · Failed 0' })).toBeVisible();
    const written = await counts(url);
    expectEachWrittenOnce(written, 200);

    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv.split('\n')[0]).toBe('configuration,assignment,new target,status,request-id,error');
    expect(csv.split('\n').filter((line) => line.includes('"204"')).length).toBe(200);
    expect(csv).not.toMatch(/Bearer|placeholder/i);
    const harDownload = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export results as HAR' }).click();
    const har = JSON.parse(await readFile(await (await harDownload).path(), 'utf8'));
    expect(har.log.version).toBe('1.2');
    expect(har.log.entries.length).toBe(200);
    expect(har.log.entries.every((entry) => entry.response.status === 204)).toBe(true);
    expect(JSON.stringify(har)).not.toMatch(/authorization|Bearer|placeholder/i);
  });
});

test('pause and resume, then a reload in the middle resumes from the journal without writing twice', async ({ page }) => {
  test.setTimeout(180_000);
  await withEmulator(['--generate', '10:10', '--throttle', '20/2'], async (url) => {
    const view = await applyAll(page, url, 100);
    await view.getByRole('button', { name: 'Pause' }).click();
    await expect(view.getByRole('heading', { name: 'Paused' })).toBeVisible();
    await view.getByRole('button', { name: 'Resume' }).click();
    await expect(view.getByRole('heading', { name: 'Applying' })).toBeVisible();
    await expect(view.getByRole('status').filter({ hasText: /Done ([2-9]\d) ·/ })).toBeVisible({ timeout: 60_000 });

    await page.reload();
    await expect(page.getByText('An interrupted run')).toBeVisible();
    await page.getByRole('button', { name: 'Resume the rest' }).click();
    await finish(page);
    expectEachWrittenOnce(await counts(url), 100);
    // The journal is gone once the run has ended.
    await page.reload();
    await expect(page.getByRole('button', { name: 'Find assignments' })).toBeVisible();
    await expect(page.getByText('An interrupted run')).toHaveCount(0);
  });
});

test('cancel sends nothing new and records what was in flight', async ({ page }) => {
  test.setTimeout(120_000);
  await withEmulator(['--generate', '10:10', '--throttle', '20/2'], async (url) => {
    const view = await applyAll(page, url, 100);
    await view.getByRole('button', { name: 'Cancel' }).click();
    await expect(view.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 30_000 });
    const status = await view.getByRole('status').filter({ hasText: 'Not sent' }).textContent();
    const done = Number(/Done (\d+)/.exec(status)[1]);
    const notSent = Number(/Not sent (\d+)/.exec(status)[1]);
    expect(notSent).toBeGreaterThan(0);
    const seen = await counts(url);
    expect(seen.totalWrites).toBe(done);
  });
});

test('a browser that will not keep the journal is told so, and the run still lands each change once', async ({ page }) => {
  test.setTimeout(120_000);
  await page.addInitScript(() => {
    const setItem = Storage.prototype.setItem;
    Storage.prototype.setItem = function keepAllButTheJournal(key, value) {
      if (key.endsWith('bulk-journal')) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return setItem.call(this, key, value);
    };
  });
  await withEmulator(['--generate', '2:10'], async (url) => {
    const view = await applyAll(page, url, 20);
    await expect(view.getByRole('alert')).toHaveText(/would not keep this run's journal/);
    await finish(page);
    expectEachWrittenOnce(await counts(url), 20);
  });
});

/** Every assignment's target, read straight from the emulator, by assignment id. */
async function targets(url) {
  const read = async (path) => {
    const items = [];
    for (let next = `${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations${path}`; next;) {
      const response = await fetch(next, { headers: { Authorization: 'Bearer a-script' } });
      expect(response.status).toBe(200);
      const page = await response.json();
      items.push(...page.value);
      next = page['@odata.nextLink'];
    }
    return items;
  };
  const found = {};
  for (const configuration of await read('')) {
    for (const assignment of await read(`/${configuration.id}/assignments`)) found[assignment.id] = assignment.target;
  }
  return found;
}

test('undo of a 200-row run puts every assignment back, each written once more, and leaves alone a row changed in between', async ({ page }) => {
  test.setTimeout(240_000);
  await withEmulator(['--generate', '20:10', '--throttle', '50/2'], async (url) => {
    const before = await targets(url);
    const view = await applyAll(page, url, 200);
    await finish(page);
    expectEachWrittenOnce(await counts(url), 200);
    // Each row finds its own audit record through the client-request-id it was sent with.
    const results = view.getByRole('table', { name: 'Results' });
    await expect(results.getByRole('cell', { name: /UTC by An application with a pasted token$/ })).toHaveCount(200, { timeout: 60_000 });

    // Somebody else changes one of the run's rows in between.
    const [changedId] = Object.keys(before);
    const configurationId = changedId.split('_')[0];
    const theirs = { '@odata.type': '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: 'aaaa0000-0000-4000-8000-000000000007' };
    const response = await fetch(`${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${configurationId}/assignments/${changedId}`, {
      method: 'PATCH',
      headers: { Authorization: 'Bearer a-script', 'Content-Type': 'application/json' },
      body: JSON.stringify({ target: theirs }),
    });
    expect(response.status).toBe(204);

    await view.getByRole('button', { name: 'Undo this run' }).click();
    await expect(view.getByRole('status').filter({ hasText: 'can be undone' })).toHaveText(
      '199 of the 200 changes of this run still have what it wrote and can be undone. 1 was changed since by someone else and is left alone unless chosen below.',
      { timeout: 30_000 },
    );
    const changedSince = view.getByRole('table', { name: 'Changed since the run' });
    await expect(changedSince.getByRole('row')).toHaveCount(2);
    await expect(changedSince).toContainText(changedId);
    await expect(changedSince).toContainText('Excluded group: Warehouse scanners 7');
    await view.getByRole('button', { name: 'Undo 199 changes' }).click();
    // The run's own "Finished" is on the page until the undo's run replaces it: wait for the
    // undo's count first.
    await expect(view.getByRole('status').filter({ hasText: /^Done 199 · Failed 0/ })).toBeVisible({ timeout: 60_000 });
    await finish(page);

    const seen = await counts(url);
    expect(Object.keys(seen.writes).length).toBe(200);
    expect(Object.values(seen.writes).every((count) => count === 2)).toBe(true);
    expect(seen.totalWrites).toBe(400);
    const after = await targets(url);
    for (const [id, target] of Object.entries(before)) {
      if (id === changedId) expect(after[id]).toMatchObject(theirs);
      else expect(after[id], id).toEqual(target);
    }
  });
});
