// This workload as Intune serves it: assignment filters are not supported for iOS/iPadOS app
// provisioning profiles (a warning wherever a filter is set), and profiles expire (marked in
// words wherever a configuration is shown).
import { test, expect } from '@playwright/test';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, FILTER, bulkRegion, openPlayground, openView, sendExpecting } from '../support/page.mjs';

const WAREHOUSE = '7d41e0c9-25f3-4b8e-a6d2-91c7f3b5e802';
const KIOSK = 'c08a5e62-d917-4f3a-8b4c-5e2d7a9f1b03';
const NOT_SUPPORTED = 'Intune does not support assignment filters for iOS/iPadOS app provisioning profiles';

test('a filter on the form is warned of beside the fields, in the change and on listed assignments, and Send still works', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
    // Two of the sample's three assignments carry a filter: the set says so of each.
    const set = page.getByRole('table', { name: 'The whole set' });
    await expect(set.getByRole('row').filter({ hasText: '(a filter, which Intune does not support here)' })).toHaveCount(2);
    await expect(set.getByRole('row').filter({ hasText: 'Excluded group: iOS pilot users' })).not.toContainText('a filter');

    await page.getByLabel('Pick an assignment').selectOption({ label: 'All devices, filter: Personal iPhones (exclude)' });
    await expect(page.getByLabel('Filter type')).toHaveValue('none');
    const warning = page.getByRole('note').filter({ hasText: NOT_SUPPORTED });
    await page.getByLabel('Target type').selectOption({ label: 'All devices' });
    await expect(warning).toHaveCount(0);
    await expect(page.locator('#filter-id-name')).toHaveText('No filter. Find filter by name is here because the Graph type has the filter fields; Intune does not support filters for this workload.');

    await page.getByLabel('Filter type').selectOption({ label: 'Include' });
    await page.getByLabel('Filter ID').fill(FILTER);
    await expect(warning).toBeVisible();
    await expect(warning.getByRole('link', { name: "Intune's list of the workloads that support filters" }))
      .toHaveAttribute('href', 'https://learn.microsoft.com/intune/intune-service/fundamentals/filters-supported-workloads');
    await expect(page.locator('#change-in-words')).toContainText(`After sending: All devices, filter: Corporate iPads (include). Warning: ${NOT_SUPPORTED}`);
    // A warning, never an error: the request is valid for Graph.
    await sendExpecting(page, '204 No Content');

    await page.getByLabel('Filter type').selectOption({ label: 'None' });
    await page.getByLabel('Filter ID').fill('');
    await expect(warning).toHaveCount(0);
    await expect(page.locator('#change-in-words')).not.toContainText(NOT_SUPPORTED);
  });
});

test('expiry is marked in the picker and beside the chosen profile', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    const picker = page.getByLabel('Pick a configuration');
    // The sample's dates move with today: Field sales expires in 18 days less the hours gone
    // since midnight, Warehouse expired 11 days ago less those hours, Kiosk expires in about 11 months.
    await expect(picker.locator(`option[value="${FIELD_SALES}"]`)).toHaveText(/^Field sales iPads \(3f2b8c1e-[^)]+\) · expires in 1[78] days \(\d{4}-\d\d-\d\d\)$/);
    await expect(picker.locator(`option[value="${WAREHOUSE}"]`)).toHaveText(/ · expired 1[01] days ago \(\d{4}-\d\d-\d\d\)$/);
    await expect(picker.locator(`option[value="${KIOSK}"]`)).toHaveText(/ · expires \d{4}-\d\d-\d\d$/);

    await picker.selectOption(WAREHOUSE);
    const marked = page.getByRole('note').filter({ hasText: 'This provisioning profile expired' });
    await expect(marked).toBeVisible();
    await picker.selectOption(KIOSK);
    await expect(page.getByRole('note').filter({ hasText: 'This provisioning profile' })).toHaveCount(0);
  });
});

test('Bulk shows each profile\'s expiry and narrows to those expired or expiring within 30 days', async ({ page }) => {
  // Generated: of 8 configurations, 2 have expired and 2 expire within 30 days.
  await withEmulator(['--generate', '8:2'], async (url) => {
    await openPlayground(page, url);
    await openView(page, 'Bulk');
    const view = bulkRegion(page);
    await view.getByRole('button', { name: 'Find assignments' }).click();
    await expect(view.getByRole('status').filter({ hasText: '16 assignments in 8 configurations' })).toBeVisible({ timeout: 30_000 });
    const table = view.getByRole('table', { name: 'Assignments found' });
    await expect(table.getByRole('columnheader', { name: 'Profile expiry' })).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'Generated configuration 0001' }).first()).toContainText(/expired (today|\d+ days? ago)/);
    await expect(table.getByRole('row').filter({ hasText: 'Generated configuration 0003' }).first()).toContainText(/expires \d{4}-\d\d-\d\d/);
    await view.getByLabel('Narrow by target').selectOption({ label: 'Expiring within 30 days' });
    await expect(view.getByText('16 assignments found, 8 shown, 0 selected.')).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: 'Generated configuration 0003' })).toHaveCount(0);

    // Bulk's preview warns when the change leaves a filter on a target.
    await view.getByLabel('Select all shown').check();
    await view.getByRole('combobox', { name: 'Change', exact: true }).selectOption({ label: 'Set the assignment filter, keeping the rest' });
    await view.getByRole('textbox', { name: 'New filter' }).fill(FILTER);
    await view.getByRole('button', { name: 'Preview' }).click();
    await expect(view.getByText(`of these changes leave a target with an assignment filter. ${NOT_SUPPORTED}`)).toBeVisible();
  });
});
