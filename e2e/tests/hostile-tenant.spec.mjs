// A tenant whose names carry markup, quotes and spreadsheet formulas: every place that shows
// them shows the text as it is, no element from it ever exists in the page, and the Bulk CSV
// neutralises the formulas. Also the environment a Bulk run is found in and written to.
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { SHARED_API_URL, withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, bulkRegion, openConnectionSettings, openPlayground, openView, previewAll, sendExpecting } from '../support/page.mjs';

const fixture = JSON.parse(
  await readFile(path.resolve('..', 'crates', 'graph-emulator', 'fixtures', 'sample.json'), 'utf8'),
);

const CONFIGURATION = `=HYPERLINK("http://evil.example","x") <img data-hostile src=x> Contoso's "iPads"`;
const GROUP = `@SUM(1) <button data-hostile>Sales'</button> "team"`;
const FILTER = `+1 <b data-hostile>Corporate</b> iPad's`;
const GROUP_ID = '1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34';
const FILTER_ID = 'f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41';

/** The sample tenant with hostile names, as a fixture file. */
async function hostileFixture() {
  const tenant = structuredClone(fixture);
  tenant.configurations[0].displayName = CONFIGURATION;
  tenant.configurations[0].description = CONFIGURATION;
  const group = tenant.groups.find((candidate) => candidate.id === GROUP_ID);
  group.displayName = GROUP;
  group.description = GROUP;
  const filter = tenant.assignmentFilters.find((candidate) => candidate.id === FILTER_ID);
  filter.displayName = FILTER;
  const folder = await mkdtemp(path.join(tmpdir(), 'hostile-'));
  const file = path.join(folder, 'tenant.json');
  await writeFile(file, JSON.stringify(tenant));
  return file;
}

async function noHostileElement(page) {
  expect(await page.locator('[data-hostile]').count()).toBe(0);
}

test('names with markup, quotes and formulas are shown as text everywhere, never as elements', async ({ page }) => {
  const file = await hostileFixture();
  await withEmulator(['--fixture', file], async (url) => {
    await openPlayground(page, url);
    // The list and the assignments, chosen at start.
    await page.getByRole('button', { name: 'Load configurations' }).click();
    const configurations = page.getByLabel('Pick a configuration');
    await expect(configurations.locator('option').filter({ hasText: 'HYPERLINK' })).toContainText(CONFIGURATION);
    await page.getByLabel('Configuration ID').fill(FIELD_SALES);
    await configurations.selectOption(FIELD_SALES);
    const assignments = page.getByLabel('Pick an assignment');
    await expect(assignments.locator('option').filter({ hasText: 'Included group' })).toContainText(GROUP);
    await expect(assignments.locator('option').filter({ hasText: 'Included group' })).toContainText(FILTER);
    const included = await assignments.locator('option').filter({ hasText: 'Included group' }).getAttribute('value');
    await assignments.selectOption(included);
    await noHostileElement(page);

    // Beside the ids, in the finders and in the change in words.
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP_ID);
    await expect(page.locator('#group-id-name')).toHaveText(GROUP);
    await page.getByLabel('Filter type').selectOption({ label: 'Include' });
    await page.getByLabel('Filter ID').fill(FILTER_ID);
    await expect(page.locator('#filter-id-name')).toHaveText(FILTER);
    await page.getByLabel('Find group by name').fill('SUM');
    await expect(page.getByRole('option').filter({ hasText: 'SUM' })).toContainText(GROUP);
    await page.getByLabel('Find group by name').press('Escape');
    await expect(page.locator('#change-in-words')).toContainText(`After sending: Included group: ${GROUP}`);
    await noHostileElement(page);

    // Bulk: the table, the preview, the run and the CSV.
    await openView(page, 'Bulk');
    const view = bulkRegion(page);
    await view.getByRole('button', { name: 'Find assignments' }).click();
    await expect(view.getByRole('status').filter({ hasText: 'assignments in' })).toBeVisible({ timeout: 30_000 });
    await expect(view.getByRole('table').first()).toContainText(CONFIGURATION);
    await expect(view.getByRole('table').first()).toContainText(GROUP);
    await view.getByLabel('Select all shown').check();
    await view.getByRole('button', { name: 'Preview' }).click();
    const apply = view.getByRole('button', { name: /^Apply \d+ changes$/ });
    await expect(apply).toBeVisible();
    await expect(view.getByRole('table', { name: 'Preview: before and after' })).toContainText(GROUP);
    await apply.click();
    await expect(view.getByRole('heading', { name: 'Finished' })).toBeVisible({ timeout: 60_000 });
    await noHostileElement(page);
    const download = page.waitForEvent('download');
    await view.getByRole('button', { name: 'Export CSV' }).click();
    const csv = await readFile(await (await download).path(), 'utf8');
    expect(csv).toContain(`"Included group: ${GROUP.replaceAll('"', '""')}, filter: ${FILTER.replaceAll('"', '""')} (include)"`);
    expect(csv).not.toMatch(/(^|,)"[=+\-@]/m);

    // The history of the send.
    await openView(page, 'One assignment');
    await page.getByRole('button', { name: 'Send' }).click();
    await openView(page, 'History');
    await expect(page.getByRole('region', { name: /^History/ })).toContainText(GROUP);
    await noHostileElement(page);
    expect(await page.evaluate(() => document.querySelectorAll('img').length)).toBe(0);
  });
});

test('a Bulk run is written only where its rows were found', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    const view = bulkRegion(page);
    const apply = await previewAll(page);
    // The page now points at another emulator: the rows belong to the first one.
    await openView(page, 'One assignment');
    await page.getByLabel('Emulator URL').fill(SHARED_API_URL);
    await fetch(`${SHARED_API_URL}/_emulator/stats/reset`, { method: 'POST' });
    await openView(page, 'Bulk');
    await apply.click();
    await expect(view.getByRole('alert')).toContainText(`found at ${url}`);
    await expect(view.getByRole('alert')).toContainText(`now points at ${SHARED_API_URL}`);
    for (const where of [url, SHARED_API_URL]) {
      const counts = await (await fetch(`${where}/_emulator/stats`)).json();
      expect(counts.totalWrites, where).toBe(0);
    }
  });
});

test('ids pasted while the page reads its lists at start are never overwritten', async ({ page }) => {
  const WAREHOUSE = '7d41e0c9-25f3-4b8e-a6d2-91c7f3b5e802';
  const WAREHOUSE_ASSIGNMENT = `${WAREHOUSE}_SMS00001_0`;
  await withEmulator([], async (url) => {
    // Point the page at this emulator, then open it again as a new visit would.
    await openPlayground(page, url);
    await expect.poll(() => page.evaluate(() => JSON.stringify(localStorage))).toContain(url);
    // The list the page reads at start is held until both ids are pasted, then answered at
    // once: the answer lands while the page has not yet told its worker of the paste.
    let asked;
    const listAsked = new Promise((resolve) => {
      asked = resolve;
    });
    let answer;
    const answered = new Promise((resolve) => {
      answer = resolve;
    });
    await page.route(/\/iosLobAppProvisioningConfigurations(\?|$)/, async (route) => {
      asked();
      await answered;
      await route.continue();
    });
    await page.reload();
    await listAsked;
    await page.getByLabel('Configuration ID').fill(WAREHOUSE);
    await page.getByLabel('Assignment ID').fill(WAREHOUSE_ASSIGNMENT);
    answer();
    await expect(page.getByLabel('Pick a configuration')).toBeVisible();
    await openConnectionSettings(page);
    await page.getByRole('button', { name: 'Fill placeholder' }).click();
    await sendExpecting(page, '20[04]');
    await expect(page.getByLabel('Configuration ID')).toHaveValue(WAREHOUSE);
    await expect(page.getByLabel('Assignment ID')).toHaveValue(WAREHOUSE_ASSIGNMENT);
  });
});
