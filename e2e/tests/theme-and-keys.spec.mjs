// Light and dark themes (system preference, then a remembered choice) and the keyboard shortcuts.
import { test, expect } from '@playwright/test';
import { withEmulator } from '../support/emulator.mjs';
import { chooseIds, openPlayground, responseRegion } from '../support/page.mjs';

const background = (page) => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
const DARK = 'rgb(22, 23, 27)';
const LIGHT = 'rgb(255, 255, 255)';

test('the theme follows the system until chosen, and the choice is remembered', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Theme: system' })).toBeVisible();
  expect(await background(page)).toBe(DARK);
  await page.getByRole('button', { name: 'Theme: system' }).click();
  await expect(page.getByRole('button', { name: 'Theme: light' })).toBeVisible();
  expect(await background(page)).toBe(LIGHT);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Theme: light' })).toBeVisible();
  expect(await background(page)).toBe(LIGHT);
  await page.keyboard.press('Alt+Shift+T');
  await expect(page.getByRole('button', { name: 'Theme: dark' })).toBeVisible();
  await page.emulateMedia({ colorScheme: 'light' });
  expect(await background(page)).toBe(DARK);
});

test('keyboard shortcuts work wherever the focus is, and are listed', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await withEmulator([], async (url) => {
    await openPlayground(page, url);
    await chooseIds(page);
    await page.getByRole('heading', { name: 'Assignment target playground' }).click();

    await page.keyboard.press('Alt+Shift+K');
    await expect(page.getByRole('region', { name: 'Keyboard shortcuts' })).toContainText('Ctrl+Enter');

    await page.keyboard.press('Alt+Shift+J');
    await expect(page.getByLabel('Request body (JSON)')).toBeFocused();

    await page.keyboard.press('Alt+Shift+C');
    await expect(page.getByText('Copied.')).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('curl --request PATCH');

    await page.getByRole('heading', { name: 'Assignment target playground' }).click();
    await page.keyboard.press('Control+Enter');
    await expect(responseRegion(page)).toHaveText(/^204 No Content/);
  });
});
