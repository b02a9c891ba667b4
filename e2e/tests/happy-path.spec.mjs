// The full happy path for every target kind, proven by reading the emulator's state back.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL, readAssignment, withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, FILTER, GROUP, SALES_ASSIGNMENT, chooseIds, openPlayground, responseRegion, sendExpecting } from '../support/page.mjs';

const kinds = [
  { label: 'All devices', type: '#microsoft.graph.allDevicesAssignmentTarget' },
  { label: 'All users', type: '#microsoft.graph.allLicensedUsersAssignmentTarget' },
  { label: 'Included group', type: '#microsoft.graph.groupAssignmentTarget', groupId: GROUP },
  { label: 'Excluded group', type: '#microsoft.graph.exclusionGroupAssignmentTarget', groupId: GROUP },
  { label: 'Configuration Manager collection', type: '#microsoft.graph.configurationManagerCollectionAssignmentTarget', collectionId: 'SMS00042' },
];

for (const kind of kinds) {
  test(`sends ${kind.label} with a filter and the emulator stores it`, async ({ page }) => {
    await openPlayground(page, SHARED_API_URL);
    await chooseIds(page);
    await page.getByLabel('Target type').selectOption({ label: kind.label });
    if (kind.groupId) await page.getByLabel('Group ID').fill(kind.groupId.toUpperCase());
    if (kind.collectionId) await page.getByLabel('Collection ID').fill(kind.collectionId);
    await page.getByLabel('Filter type').selectOption({ label: 'Include' });
    await page.getByLabel('Filter ID').fill(FILTER);

    await sendExpecting(page, '204 No Content');
    await expect(responseRegion(page)).toContainText('Success');

    const stored = await readAssignment(SHARED_API_URL, FIELD_SALES, SALES_ASSIGNMENT);
    expect(stored.target['@odata.type']).toBe(kind.type);
    expect(stored.target.deviceAndAppManagementAssignmentFilterId).toBe(FILTER);
    expect(stored.target.deviceAndAppManagementAssignmentFilterType).toBe('include');
    if (kind.groupId) expect(stored.target.groupId).toBe(kind.groupId);
    if (kind.collectionId) expect(stored.target.collectionId).toBe(kind.collectionId);

    // A 204 offers to re-read; doing so fills the form from the server.
    await page.getByRole('button', { name: 'Re-read assignment' }).click();
    await expect(page.getByText('Loaded the current target')).toBeVisible();
    await expect(page.getByLabel('Target type')).toHaveValue(kind.type.replace('#microsoft.graph.', ''));
  });
}

test('a server that answers 200 with the entity is a success too', async ({ page }) => {
  await withEmulator(['--patch-returns-content'], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByLabel('Target type').selectOption({ label: 'All users' });
    await sendExpecting(page, '200 OK');
    await expect(responseRegion(page)).toContainText('#microsoft.graph.allLicensedUsersAssignmentTarget');
    const stored = await readAssignment(url, FIELD_SALES, SALES_ASSIGNMENT);
    expect(stored.target['@odata.type']).toBe('#microsoft.graph.allLicensedUsersAssignmentTarget');
  });
});

test('pickers list configurations and assignments, and Load current fills the form', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await page.getByLabel('Pick a configuration').selectOption('7d41e0c9-25f3-4b8e-a6d2-91c7f3b5e802');
  await expect(page.getByLabel('Configuration ID')).toHaveValue('7d41e0c9-25f3-4b8e-a6d2-91c7f3b5e802');
  await page.getByLabel('Pick an assignment').selectOption({ label: 'Configuration Manager collection: SMS00001' });
  await expect(page.getByLabel('Assignment ID')).toHaveValue('7d41e0c9-25f3-4b8e-a6d2-91c7f3b5e802_SMS00001_0');
  await page.getByRole('button', { name: 'Load current' }).click();
  await expect(page.getByLabel('Target type')).toHaveValue('configurationManagerCollectionAssignmentTarget');
  await expect(page.getByLabel('Collection ID')).toHaveValue('SMS00001');
});

test('pickers follow @odata.nextLink when the list comes in pages', async ({ page }) => {
  await withEmulator(['--page-size', '1'], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    const picker = page.getByLabel('Pick a configuration');
    await expect(picker.getByRole('option')).toHaveCount(4);
    await expect(picker).toContainText('Kiosk iPhones (pilot)');
  });
});
