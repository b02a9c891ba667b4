// Names beside ids: the group and the filter of the target are looked up by id against the
// emulator and shown next to their fields; an id the tenant does not have says so; a token
// without the permission leaves the form working with ids alone.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';
import { FILTER, GROUP, chooseIds, openPlayground, sendExpecting } from '../support/page.mjs';

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
  await page.getByRole('button', { name: 'Sign in with Microsoft' }).click();
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Signed in as' })).toBeVisible();
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await expect(page.locator('#group-id-name')).toContainText('needs Group.Read.All');
  await sendExpecting(page, '204 No Content');
});
