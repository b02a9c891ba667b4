import { test, expect } from '@playwright/test';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, openPlayground } from '../support/page.mjs';

test('probe', async ({ page }) => {
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
    const reach = page.getByRole('region', { name: 'Reach' });
    await expect(reach.getByText(/Up to date/)).toBeVisible({ timeout: 15000 });
    console.log(await reach.innerText());
    console.log(await page.getByRole('region', { name: 'Status' }).innerText());
    console.log(await page.getByLabel('Pick an assignment').innerText());
    await page.getByLabel('Pick an assignment').selectOption({ index: 1 });
    await page.getByLabel('Target type').selectOption({ label: 'Included group' });
    await page.getByLabel('Group ID').fill(GROUP);
    await expect(reach.getByText('no change in the form')).toHaveCount(0, { timeout: 15000 }).catch(() => {});
    await expect(reach.getByText(/Up to date/)).toBeVisible({ timeout: 15000 });
    console.log(await reach.innerText());
    console.log(await page.getByRole('region', { name: 'Status' }).innerText());
  });
});
