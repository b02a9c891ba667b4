// The page's views: One assignment (the default), Bulk and History, as ARIA tabs whose choice
// the address keeps.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';
import { bulkRegion, openPlayground, openView } from '../support/page.mjs';

const tab = (page, name) => page.getByRole('tab', { name });

test('the views are tabs: one open at a time, by click or by the arrow keys', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await expect(page.getByRole('tablist', { name: 'Views' }).getByRole('tab')).toHaveText(['One assignment', 'Bulk', 'History']);
  await expect(tab(page, 'One assignment')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Target type')).toBeVisible();
  await expect(bulkRegion(page)).toHaveCount(0);

  await openView(page, 'Bulk');
  await expect(bulkRegion(page)).toBeVisible();
  await expect(page.getByLabel('Target type')).toBeHidden();
  await expect(page.getByRole('tabpanel', { name: 'Bulk' })).toBeVisible();

  // The ARIA tabs pattern: only the open tab is in the tab order; the arrows move and open.
  await expect(tab(page, 'Bulk')).toHaveAttribute('tabindex', '0');
  await expect(tab(page, 'History')).toHaveAttribute('tabindex', '-1');
  await tab(page, 'Bulk').focus();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'History')).toBeFocused();
  await expect(tab(page, 'History')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('region', { name: /^History/ })).toBeVisible();
  await page.keyboard.press('ArrowRight');
  await expect(tab(page, 'One assignment')).toBeFocused();
  await page.keyboard.press('End');
  await expect(tab(page, 'History')).toBeFocused();
  await page.keyboard.press('Home');
  await expect(tab(page, 'One assignment')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Target type')).toBeVisible();
});

test('the address keeps the view: reload and back open it again', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await openView(page, 'Bulk');
  await expect(page).toHaveURL(/\?view=bulk$/);
  await page.reload();
  await expect(tab(page, 'Bulk')).toHaveAttribute('aria-selected', 'true');
  await expect(bulkRegion(page)).toBeVisible();
  await openView(page, 'History');
  await expect(page).toHaveURL(/\?view=history$/);
  await page.goBack();
  await expect(tab(page, 'Bulk')).toHaveAttribute('aria-selected', 'true');
  await page.goBack();
  await expect(tab(page, 'One assignment')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Target type')).toBeVisible();
});

test('at 1280×800 the change comes first: the ids, the target type, the change in words and Send need no scrolling', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await openPlayground(page, SHARED_API_URL);
  await page.reload();
  await expect(page.getByLabel('Pick a configuration')).toBeVisible();
  for (const shown of [
    page.getByLabel('Configuration ID'),
    page.getByLabel('Assignment ID'),
    page.getByLabel('Target type'),
    page.locator('#change-in-words'),
    page.getByRole('button', { name: 'Send' }),
  ]) {
    await expect(shown).toBeInViewport();
  }
});
