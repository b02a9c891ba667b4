// The whole assignment set: Microsoft's Python beta SDK creates, deletes and assigns through the
// emulator, and the emulator keeps one assignment per group as Intune does.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, openPlayground, openView, sendExpecting } from '../support/page.mjs';

const python = path.resolve('..', 'tools', 'python', 'bin', 'python');

test('msgraph-beta-sdk creates, deletes and assigns through the emulator', async () => {
  await withEmulator([], async (url) => {
    const printed = execFileSync(python, [path.resolve('sdk', 'whole_set.py'), url, FIELD_SALES, GROUP], { stdio: 'pipe' });
    const result = JSON.parse(printed.toString());
    expect(result.created).toMatch(new RegExp(`^${FIELD_SALES}_`));
    expect(result.afterCreate).toContain(`#microsoft.graph.groupAssignmentTarget:${GROUP}`);
    expect(result.afterCreate).toHaveLength(4);
    expect(result.afterDelete).not.toContain(`#microsoft.graph.groupAssignmentTarget:${GROUP}`);
    expect(result.afterDelete).toHaveLength(3);
    expect(result.afterAssign).toEqual([
      '#microsoft.graph.allDevicesAssignmentTarget:',
      `#microsoft.graph.exclusionGroupAssignmentTarget:${GROUP}`,
    ]);
  });
});

const EXCLUDED_ASSIGNMENT = `${FIELD_SALES}_9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15`;

function setRegion(page) {
  return page.getByRole('region', { name: 'Assignment set' });
}

async function listed(url) {
  const response = await fetch(`${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${FIELD_SALES}/assignments`, {
    headers: { authorization: 'Bearer e2e-check' },
  });
  return (await response.json()).value;
}

async function openFieldSales(page, url) {
  await openPlayground(page, url);
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
  const set = setRegion(page);
  await expect(set.getByRole('table', { name: 'The whole set' }).getByRole('row')).toHaveCount(4);
  return set;
}

test('add an assignment with the form\'s target, see it chosen, then remove it after saying what goes', async ({ page }) => {
  await withEmulator([], async (url) => {
    const set = await openFieldSales(page, url);
    const summary = set.getByRole('status').first();
    await expect(summary).toHaveText(/^3 assignments: /);
    for (const part of ['Included group: Field sales iPads', 'Excluded group: iOS pilot users', 'All devices']) await expect(summary).toContainText(part);
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP);
    // The request it sends, in full.
    await expect(set.getByText(`${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${FIELD_SALES}/assignments`, { exact: true })).toBeVisible();
    await expect(set.locator('pre').first()).toContainText(GROUP);
    await set.getByRole('button', { name: 'Add assignment' }).click();
    await expect(set.getByText(/^201 Created: Graph added the assignment \S+ to the set; it is now the chosen assignment\.$/)).toBeVisible();
    const added = (await listed(url)).find((assignment) => assignment.target.groupId === GROUP);
    expect(added.target['@odata.type']).toBe('#microsoft.graph.groupAssignmentTarget');
    await expect(page.getByLabel('Assignment ID')).toHaveValue(added.id);
    await expect(set.getByRole('table', { name: 'The whole set' }).getByRole('row')).toHaveCount(5);

    // The same group again: the admin center's rule warns, and Intune (the emulator) refuses it.
    await expect(set.getByText(/is already in this set \(assignment /)).toBeVisible();
    await set.getByRole('button', { name: 'Add assignment' }).click();
    await expect(set.getByText(/^400 .*The group '5c3e4b2a-[^']+' is already targeted/)).toBeVisible();
    expect(await listed(url)).toHaveLength(4);

    // Remove it: the confirmation names what goes, and Keep it sends nothing.
    const remove = set.getByRole('row').filter({ hasText: added.id }).getByRole('button', { name: /^Remove Included group: / });
    await remove.click();
    await expect(set.getByText(/^Remove “Included group: .+” \(assignment \S+\) from this configuration\?/)).toBeVisible();
    await set.getByRole('button', { name: 'Keep it' }).click();
    await expect(set.getByText('Nothing was sent.')).toBeVisible();
    expect(await listed(url)).toHaveLength(4);
    await remove.click();
    await set.getByRole('button', { name: 'Remove it' }).click();
    await expect(set.getByText(`204 No Content: Graph removed the assignment ${added.id} from the set.`)).toBeVisible();
    await expect(set.getByRole('table', { name: 'The whole set' }).getByRole('row')).toHaveCount(4);
    await expect(page.getByLabel('Assignment ID')).toHaveValue('');
    expect((await listed(url)).map((assignment) => assignment.id)).not.toContain(added.id);

    // Both requests are in the history, like a PATCH.
    await openView(page, 'History');
    const history = page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem');
    await expect(history.filter({ hasText: 'DELETE' }).first()).toContainText(added.id);
    await expect(history.filter({ hasText: 'POST' })).toHaveCount(2);
  });
});

test('when the PATCH route is not served, the change goes through /assign and every other assignment stays as it was', async ({ page }) => {
  await withEmulator(['--unserved-routes', 'assignment-write'], async (url) => {
    const before = await listed(url);
    const set = await openFieldSales(page, url);
    await page.getByLabel('Pick an assignment').selectOption(EXCLUDED_ASSIGNMENT);
    await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await sendExpecting(page, '400');
    await expect(set.getByRole('alert')).toContainText('The PATCH was answered 400');
    await expect(set.getByRole('alert')).toContainText('Intune does not serve this route here');

    await set.getByRole('button', { name: 'Send as the whole set (/assign)' }).click();
    const shown = set.getByRole('table', { name: 'The whole set before and after' });
    await expect(shown.getByRole('row')).toHaveCount(4);
    await expect(shown.getByRole('row').filter({ hasText: '(changed)' })).toHaveCount(1);
    await expect(shown.getByRole('row').filter({ hasText: '(unchanged)' })).toHaveCount(2);
    await expect(set.getByText(/^Warning: \/assign replaces the whole set/)).toBeVisible();
    await set.getByRole('button', { name: 'Replace the whole set' }).click();
    await expect(set.getByText('Read again: the set is exactly what was shown (3 assignments).')).toBeVisible();

    const after = await listed(url);
    const targets = (list) => list.map((assignment) => JSON.stringify(assignment.target)).sort();
    const unchanged = before.filter((assignment) => assignment.id !== EXCLUDED_ASSIGNMENT);
    expect(after).toHaveLength(3);
    for (const target of targets(unchanged)) expect(targets(after)).toContain(target);
    const changed = after.find((assignment) => assignment.target.groupId === GROUP);
    expect(changed.target['@odata.type']).toBe('#microsoft.graph.exclusionGroupAssignmentTarget');
    await expect(page.getByLabel('Assignment ID')).toHaveValue(changed.id);

    await openView(page, 'History');
    const history = page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem');
    await expect(history.first()).toContainText('/assign');
  });
});

test('Add assignment as code: the curl snippet the set shows runs in bash and adds the assignment', async ({ page }) => {
  const newGroup = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';
  await withEmulator([], async (url) => {
    const set = await openFieldSales(page, url);
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(newGroup);
    await set.getByText('As code (token left out)').first().click();
    const shown = set.locator('p', { hasText: /^curl \(bash\)$/ }).first().locator('xpath=following-sibling::pre[1]');
    await expect(shown).toContainText(newGroup);
    const curl = await shown.textContent();
    expect(curl).toContain('--request POST');
    execFileSync('bash', ['-c', `${curl} --fail --silent --show-error`], { env: { ...process.env, TOKEN: 'from-the-environment' }, stdio: 'pipe' });
    expect((await listed(url)).some((assignment) => assignment.target.groupId === newGroup)).toBe(true);
  });
});
