// Reach: who the chosen configuration's set reaches now and after sending, checked against the
// emulator's own directory (read here member by member, as a naive client would).
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, bulkRegion, openPlayground, previewAll } from '../support/page.mjs';

const PILOTS = '9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15';
const IPADS_ASSIGNMENT = 'Included group: Field sales iPads, filter: Corporate iPads (include)';

/** Every transitive member of `group` of `type` (user or device), as the emulator lists them. */
async function members(url, group, type = 'user') {
  const found = [];
  let next = `${url}/beta/groups/${group}/transitiveMembers/microsoft.graph.${type}?$top=999&$select=id,displayName`;
  while (next) {
    const response = await fetch(next, { headers: { authorization: 'Bearer e2e-check', consistencylevel: 'eventual' } });
    const page = await response.json();
    found.push(...page.value);
    next = page['@odata.nextLink'];
  }
  return found;
}

function reachRegion(page) {
  return page.getByRole('region', { name: 'Reach' });
}

/** The row of the Reach table for `who` (Users, Devices): its cells' texts. */
async function row(page, who) {
  const cells = reachRegion(page).getByRole('table', { name: 'Who the set reaches' }).getByRole('row', { name: new RegExp(`^${who} `) }).getByRole('cell');
  return cells.allTextContents();
}

async function openFieldSales(page, url) {
  await openPlayground(page, url);
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
  await page.getByLabel('Pick an assignment').selectOption({ label: IPADS_ASSIGNMENT });
}

/** Waits until Reach has read everything for the form as it is now. */
async function upToDate(page, afterText) {
  const reach = reachRegion(page);
  if (afterText) {
    await expect(reach.getByRole('row', { name: /^Users / }).getByRole('cell').nth(1)).toHaveText(afterText, { timeout: 30_000 });
  }
  await expect(reach.getByRole('status')).toHaveText(/^Up to date: \d+ requests/, { timeout: 30_000 });
}

test('a group target overlapping an exclusion: now and after sending, +N / −M and the names added, as the directory says', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openFieldSales(page, url);
    await upToDate(page);
    // The set now: Field sales iPads (a device group) and All devices, less iOS pilot users.
    const [usersNow] = await row(page, 'Users');
    expect(usersNow).toBe('0');
    const [devicesNow] = await row(page, 'Devices');
    // A user exclusion against a device target is Intune's to weigh per user: never guessed.
    expect(devicesNow).toMatch(/^unknown \(at most 50: an excluded group has users as members/);

    // Retarget the iPads assignment to Sales team: its users, less the excluded pilots.
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP);
    const pilots = new Set((await members(url, PILOTS)).map((user) => user.id));
    const sales = await members(url, GROUP);
    const added = sales.filter((user) => !pilots.has(user.id));
    expect(added.length).toBeGreaterThan(0);
    expect(added.length).toBeLessThan(sales.length);
    await upToDate(page, String(added.length));
    const [, usersAfter, usersChange] = await row(page, 'Users');
    expect(usersAfter).toBe(String(added.length));
    expect(usersChange).toBe(`+${added.length} / \u22120`);
    // All devices is in the set before and after: no device is added or taken away.
    expect((await row(page, 'Devices'))[2]).toBe('+0 / \u22120');

    const list = reachRegion(page).getByRole('list', { name: 'Users added' });
    const names = added.map((user) => user.displayName).sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase()));
    await expect(list.getByRole('listitem')).toHaveText(names.slice(0, 20));
    const more = reachRegion(page).getByRole('button', { name: /^Show \d+ more users added/ });
    if (names.length > 20) {
      await more.click();
      await expect(list.getByRole('listitem')).toHaveText(names.slice(0, 40));
    } else {
      await expect(more).toHaveCount(0);
    }

    // Status beside it: the configuration's statuses, summed in the admin center's words.
    const status = page.getByRole('region', { name: 'Status' });
    await expect(status.getByText(/^Device statuses \(\d+\): \d+ Succeeded, /)).toBeVisible();
    await expect(status.getByText('The change removes no device.')).toBeVisible();
    const axe = await new AxeBuilder({ page }).include('section[aria-label="Reach"]').include('section[aria-label="Status"]').analyze();
    expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  });
});

test('All users minus a group, counted without reading every user', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openFieldSales(page, url);
    await upToDate(page);
    await page.getByLabel('Target type').selectOption({ label: 'All users' });
    const everyone = await fetch(`${url}/beta/users/$count`, { headers: { authorization: 'Bearer e2e-check', consistencylevel: 'eventual' } }).then((response) => response.text());
    const pilots = await members(url, PILOTS);
    const expected = Number(everyone) - pilots.length;
    await upToDate(page, String(expected));
    const [, , change] = await row(page, 'Users');
    expect(change).toBe(`+${expected} / \u22120`);
  });
});

test('an exclusion wins over an inclusion of the same members', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openFieldSales(page, url);
    await upToDate(page);
    // Include the pilots in place of the iPads, while the set excludes the pilots: no one.
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(PILOTS);
    await expect(reachRegion(page).getByRole('status')).not.toHaveText(/^Up to date/);
    await upToDate(page, '0');
    expect((await row(page, 'Users'))[2]).toBe('+0 / \u22120');
    // Then Sales team, which shares members with the pilots: only those it does not share.
    await page.getByLabel('Group ID').fill(GROUP);
    const pilots = new Set((await members(url, PILOTS)).map((user) => user.id));
    const left = (await members(url, GROUP)).filter((user) => !pilots.has(user.id)).length;
    await upToDate(page, String(left));
    // What the earlier questions read of the pilots is used again, not read again.
    await expect(reachRegion(page).getByRole('status')).toContainText('used again from reads of the last 5 minutes');
  });
});

test('a missing permission is named in the region and the rest of the page works', async ({ page }) => {
  await withEmulator([], async (url) => {
    await page.goto('/');
    await page.getByLabel('Emulator URL').fill(url);
    await page.getByLabel(/Look up names/).uncheck();
    await expect(reachRegion(page).getByText(/^Reach reads group members, so it is on while Look up names is/)).toBeVisible();
    await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible();
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
    await page.getByLabel(/Look up names/).check();
    await expect(reachRegion(page).getByText('Missing permission: reading them needs GroupMember.Read.All (or Group.Read.All), which the token lacks.')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByRole('region', { name: 'Status' }).getByText(/^Device statuses \(\d+\)/)).toBeVisible();
    await expect(page.getByRole('button', { name: 'Send' })).toBeEnabled();
  });
});

test('a large group: progress while the overlap is checked, then the exact count', async ({ page }) => {
  test.setTimeout(120_000);
  await withEmulator(['--generate', '3:4', '--members', '30000'], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    // Generated configuration 0001 includes group 0 (every user) and excludes group 2 (a tenth).
    await page.getByLabel('Pick a configuration').selectOption('cccc0000-0000-4000-8000-000000000000');
    const reach = reachRegion(page);
    await expect(reach.getByRole('progressbar')).toBeVisible({ timeout: 30_000 });
    await expect(reach.getByRole('status')).toHaveText(/^(Reading the members of|Checking which excluded members are in) /);
    await upToDate(page);
    const [usersNow] = await row(page, 'Users');
    const all = await members(url, 'aaaa0000-0000-4000-8000-000000000000');
    const excluded = new Set((await members(url, 'aaaa0000-0000-4000-8000-000000000002')).map((user) => user.id));
    const expected = all.filter((user) => !excluded.has(user.id)).length;
    expect(usersNow).toBe(expected.toLocaleString('en-US'));
  });
});

/** The users `set` (a list of targets) reaches in the emulator's directory, or null when a tool
 * cannot know (an excluded group with devices as members). */
async function usersReached(url, set) {
  const reached = new Set();
  const excluded = new Set();
  for (const target of set) {
    const type = target['@odata.type'];
    if (type.includes('allLicensedUsers')) {
      for (let next = `${url}/beta/users?$top=999&$select=id`; next;) {
        const page = await (await fetch(next, { headers: { authorization: 'Bearer e2e-check' } })).json();
        page.value.forEach((user) => reached.add(user.id));
        next = page['@odata.nextLink'];
      }
    } else if (type.includes('exclusionGroup')) {
      if ((await members(url, target.groupId, 'device')).length > 0) return null;
      (await members(url, target.groupId)).forEach((user) => excluded.add(user.id));
    } else if (type.includes('groupAssignment')) {
      (await members(url, target.groupId)).forEach((user) => reached.add(user.id));
    }
  }
  return new Set([...reached].filter((id) => !excluded.has(id)));
}

test("Bulk's preview sums who the run adds and takes away, as the directory says", async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await previewAll(page);
    const region = bulkRegion(page).getByRole('region', { name: 'Reach of the run' });
    await expect(region.getByRole('status')).toHaveText(/^Up to date: \d+ requests/, { timeout: 30_000 });
    // Every assignment of every configuration becomes Included group: Sales team.
    const headers = { authorization: 'Bearer e2e-check' };
    const base = `${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations`;
    const configurations = (await (await fetch(`${base}?$expand=assignments`, { headers })).json()).value;
    const after = await usersReached(url, [{ '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GROUP }]);
    let [added, removed, changed] = [0, 0, 0];
    for (const configuration of configurations) {
      if (configuration.assignments.length === 0) continue;
      changed += 1;
      const before = await usersReached(url, configuration.assignments.map((assignment) => assignment.target));
      added += [...after].filter((id) => !before.has(id)).length;
      removed += [...before].filter((id) => !after.has(id)).length;
    }
    await expect(region.getByText(`The selected changes touch ${changed} configurations;`, { exact: false })).toBeVisible();
    const users = region.getByRole('row', { name: /^Users / }).getByRole('cell');
    await expect(users.first()).toHaveText(`+${added} / \u2212${removed}`);
    await expect(users.nth(1)).toHaveText('exact');
  });
});
