import { test, expect } from '@playwright/test';
import { withEmulator } from '../support/emulator.mjs';
import { openPlayground } from '../support/page.mjs';

test('probe large', async ({ page }) => {
  test.setTimeout(120000);
  await withEmulator(['--generate', '3:4', '--members', '50000'], async (url) => {
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').selectOption('cccc0000-0000-4000-8000-000000000000');
    const reach = page.getByRole('region', { name: 'Reach' });
    const t0 = Date.now();
    await expect(reach.getByText(/Checking|Reading/).first()).toBeVisible({ timeout: 30000 });
    console.log(await reach.innerText());
    await expect(reach.getByText(/Up to date/)).toBeVisible({ timeout: 60000 });
    console.log(Date.now() - t0, await reach.innerText());
    console.log(await page.getByRole('region', { name: 'Status' }).innerText());
  });
});
