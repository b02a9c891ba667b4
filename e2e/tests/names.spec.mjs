// Names beside ids: the group and the filter of the target are looked up by id against the
// emulator and shown next to their fields; an id the tenant does not have says so; a token
// without the permission leaves the form working with ids alone.
import { test, expect } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { SHARED_API_URL, withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, FILTER, GROUP, chooseIds, openConnectionSettings, openPlayground, openView, sendExpecting } from '../support/page.mjs';

const WINDOWS_FILTER = '3a5c7e9b-2d4f-4c6a-8e0b-9d1f3a5c7e24';

test('the group and the filter are named beside their ids, and unknown ids are called out', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await expect(page.locator('#group-id-name')).toHaveText('Sales team');
  await page.getByLabel('Group ID').fill('00000000-0000-0000-0000-0000000000aa');
  await expect(page.locator('#group-id-name')).toContainText('Not found in this tenant');
  await page.getByLabel('Group ID').fill(GROUP.toUpperCase());
  await expect(page.locator('#group-id-name')).toHaveText('Sales team');

  await page.getByLabel('Filter type').selectOption({ label: 'Include' });
  await page.getByLabel('Filter ID').fill(FILTER);
  await expect(page.locator('#filter-id-name')).toHaveText('Corporate iPads');
  await page.getByLabel('Filter ID').fill(WINDOWS_FILTER);
  await expect(page.locator('#filter-id-name')).toContainText('not iOS/iPadOS devices');
  // The name is described to assistive technology with the field.
  await expect(page.getByLabel('Group ID')).toHaveAttribute('aria-describedby', /group-id-name/);
});

test('a token without the permission to read names leaves the form working', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Emulator URL').fill(SHARED_API_URL);
  // Signed in with "Look up names" off, the token does not carry the name permissions.
  await page.getByLabel(/Look up names/).uncheck();
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible();
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await page.getByLabel(/Look up names/).check();
  await expect(page.locator('#group-id-name')).toContainText('needs Group.Read.All');
  await page.getByRole('combobox', { name: 'Find group by name' }).fill('sales');
  await expect(page.locator('#group-finder-status')).toContainText('Searching needs Group.Read.All');
  await sendExpecting(page, '204 No Content');
});

const PILOT_USERS = '9e4c7a2b-5d1f-4a8e-b3c6-7f0d2e9a4b15';

test('find a group by part of its name and pick it', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  const finder = page.getByRole('combobox', { name: 'Find group by name' });
  await finder.fill('pil');
  await expect(finder).toHaveAttribute('aria-expanded', 'true');
  const options = page.getByRole('listbox', { name: 'Groups' }).getByRole('option');
  await expect(options).toHaveCount(2);
  await options.filter({ hasText: 'iOS pilot users' }).click();
  await expect(page.getByLabel('Group ID')).toHaveValue(PILOT_USERS);
  await expect(page.locator('#group-id-name')).toHaveText('iOS pilot users');
  await expect(finder).toHaveAttribute('aria-expanded', 'false');
  await expect(page.locator('#body')).toHaveValue(new RegExp(PILOT_USERS));
});

test('the comboboxes work with the keyboard alone and are axe-clean', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
  const finder = page.getByRole('combobox', { name: 'Find group by name' });
  await finder.focus();
  await page.keyboard.type('sales');
  const options = page.getByRole('listbox', { name: 'Groups' }).getByRole('option');
  await expect(options).toHaveCount(3);
  await expect(options.nth(1)).toContainText('Sales team');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(finder).toHaveAttribute('aria-activedescendant', 'group-option-1');
  await expect(page.locator('#group-option-1')).toHaveAttribute('aria-selected', 'true');
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);
  await page.keyboard.press('Enter');
  await expect(page.getByLabel('Group ID')).toHaveValue(GROUP);
  await expect(finder).toBeFocused();
  await page.keyboard.type('x');
  await page.keyboard.press('Escape');
  await expect(finder).toHaveAttribute('aria-expanded', 'false');
});

test('the filter finder offers only iOS/iPadOS device filters', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  const finder = page.getByRole('combobox', { name: 'Find filter by name' });
  await finder.fill('o');
  const options = page.getByRole('listbox', { name: 'iOS/iPadOS filters' }).getByRole('option');
  await expect(options.first()).toBeVisible();
  const names = await options.allTextContents();
  expect(names.some((name) => name.startsWith('Corporate iPads'))).toBe(true);
  expect(names.some((name) => name.startsWith('Personal iPhones'))).toBe(true);
  expect(names.some((name) => /Windows|Android|Managed iOS apps/.test(name))).toBe(false);
  await options.filter({ hasText: 'Corporate iPads' }).click();
  await expect(page.getByLabel('Filter ID')).toHaveValue(FILTER);
});

test('signing in with "Look up names" on asks for the name permissions, so names work signed in', async ({ page }) => {
  await page.goto('/');
  await page.getByLabel('Emulator URL').fill(SHARED_API_URL);
  await expect(page.getByLabel(/Look up names/)).toBeChecked();
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await expect(page.getByText(/Group\.Read\.All/).first()).toBeVisible();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible();
  await expect(page.locator('#token-insight')).toContainText('Group.Read.All');
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await expect(page.locator('#group-id-name')).toHaveText('Sales team');
});

test('"Look up names" is off for the clouds, can be turned off for the emulator, and is remembered', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await expect(page.locator('#group-id-name')).toHaveText('Sales team');
  await page.getByLabel(/Look up names/).uncheck();
  await expect(page.locator('#group-id-name')).toHaveText('');
  await page.getByRole('combobox', { name: 'Find group by name' }).fill('sales');
  await expect(page.locator('#group-finder-status')).toContainText('Turn on');
  await page.reload();
  await expect(page.getByLabel(/Look up names/)).not.toBeChecked();
  await page.getByLabel(/Look up names/).check();
  await expect(page.locator('#group-id-name')).toHaveText('Sales team');
  await page.evaluate(() => localStorage.removeItem('ios-lob-assignment-playground.look-up-names'));
  await page.reload();
  await openConnectionSettings(page);
  await page.getByLabel('Environment').selectOption({ label: 'Microsoft Graph global (graph.microsoft.com)' });
  await expect(page.getByLabel(/Look up names/)).not.toBeChecked();
});

const DEVICE_GROUP = '1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34';
const ALL_DEVICES_ASSIGNMENT = `${FIELD_SALES}_adadadad-808e-44e2-905a-0b7873a8a531`;

test('the assignment list, the change and the history speak in names, and the admin center rules warn', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
    const assignments = page.getByLabel('Pick an assignment');
    await expect(assignments.locator('option')).toHaveText([
      '3 assignments: choose one',
      'Included group: Field sales iPads, filter: Corporate iPads (include)',
      'Excluded group: iOS pilot users',
      'All devices, filter: Personal iPhones (exclude)',
    ]);
    await assignments.selectOption({ label: 'All devices, filter: Personal iPhones (exclude)' });
    await expect(page.getByLabel('Assignment ID')).toHaveValue(ALL_DEVICES_ASSIGNMENT);
    const change = page.locator('#change-in-words');
    await expect(change).toContainText('Now: All devices, filter: Personal iPhones (exclude).');

    // The dynamic device group that another assignment includes, now excluded here.
    await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
    await page.getByLabel('Group ID').fill(DEVICE_GROUP);
    const hints = page.locator('#target-hints');
    await expect(hints).toContainText('dynamic device group used as an exclusion');
    await expect(hints).toContainText('both included and excluded');
    await expect(change).toContainText('After sending: Excluded group: Field sales iPads.');
    // A user group excluded while the configuration targets devices.
    await page.getByLabel('Group ID').fill(GROUP);
    await expect(hints).toContainText('Intune cannot exclude users from device targets');
    await expect(hints).not.toContainText('dynamic device group');
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.filter((v) => ['serious', 'critical'].includes(v.impact)).map((v) => v.id)).toEqual([]);

    // A filter for another platform: a warning, and Send still works.
    await page.getByLabel('Target type').selectOption({ label: 'All devices' });
    await page.getByLabel('Filter type').selectOption({ label: 'Include' });
    await page.getByLabel('Filter ID').fill(WINDOWS_FILTER);
    await expect(hints).toContainText('is for windows10AndLater (devices), not iOS/iPadOS devices');
    await sendExpecting(page, '204 No Content');
    await openView(page, 'History');
    const history = page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem');
    await expect(history.first()).toContainText('Target: All devices, filter: Windows laptops (include)');
  });
});

test('a request sent before its names were known is named in the history once they are', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByLabel(/Look up names/).uncheck();
    await chooseIds(page);
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await sendExpecting(page, '204');
    await openView(page, 'History');
    const history = page.getByRole('list', { name: 'Sent requests' });
    await expect(history).toContainText(`Included group: ${GROUP}`);
    // The form moves on, so only the history still names the group.
    await openView(page, 'One assignment');
    await page.getByLabel('Target type').selectOption({ label: 'All devices' });
    await page.getByLabel(/Look up names/).check();
    await openView(page, 'History');
    await expect(history).toContainText('Included group: Sales team');
  });
});
