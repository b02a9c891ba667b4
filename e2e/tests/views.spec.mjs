// The page's views: One assignment (the default), Bulk and History, as ARIA tabs whose choice
// the address keeps.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';
import { bulkRegion, openConnectionSettings, openPlayground, openView, sendExpecting } from '../support/page.mjs';

const tab = (page, name) => page.getByRole('tab', { name });
const settingsToggle = (page) => page.getByRole('button', { name: 'Connection settings' });
const VIEWS = ['One assignment', 'Bulk', 'History'];

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

test('the connection is one line; its settings stay closed after a good start and open when needed', async ({ page }) => {
  // A fresh page here points at the default emulator, which is not running: the first read
  // fails, and the settings open by themselves with the reason.
  await page.goto('/');
  await expect(page.getByRole('alert').filter({ hasText: "The page's first read failed" })).toBeVisible();
  await expect(settingsToggle(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByLabel('Emulator URL')).toBeVisible();
  await page.getByLabel('Emulator URL').fill(SHARED_API_URL);
  await expect(page.getByText("The page's first read failed")).toHaveCount(0);

  // Once the first read works, the settings stay closed and the line says it all.
  await page.reload();
  await expect(page.getByLabel('Configuration ID')).not.toHaveValue('');
  await expect(page.locator('#connection-line')).toHaveText(`Local emulator at ${SHARED_API_URL} · placeholder token · beta`);
  await expect(settingsToggle(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByLabel('Emulator URL')).toBeHidden();
  await expect(page.getByLabel('Access token')).toBeHidden();
  await settingsToggle(page).click();
  await expect(page.getByLabel('Access token')).toBeVisible();
  await page.getByLabel('Access token').fill('opaque-token-pasted-by-hand');
  await expect(page.locator('#connection-line')).toContainText('· pasted token ·');
  await settingsToggle(page).click();
  await expect(page.getByLabel('Access token')).toBeHidden();

  // A cloud with no token: the settings open at the next start, where the token goes.
  await openConnectionSettings(page);
  await page.getByLabel('Environment').selectOption({ label: 'Microsoft Graph global (graph.microsoft.com)' });
  await page.reload();
  await expect(page.locator('#connection-line')).toContainText('Microsoft Graph global (graph.microsoft.com) · no token');
  await expect(settingsToggle(page)).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
});

test('every view is reached by the keyboard alone, and reload keeps it', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.reload();
  await page.locator('body').focus();
  const focusedTab = () => page.evaluate(() => document.activeElement?.getAttribute('role') === 'tab');
  for (let presses = 0; !(await focusedTab()); presses += 1) {
    expect(presses, 'Tab reaches the views within 30 presses').toBeLessThan(30);
    await page.keyboard.press('Tab');
  }
  for (const [index, name] of VIEWS.entries()) {
    if (index > 0) await page.keyboard.press('ArrowRight');
    await expect(tab(page, name)).toBeFocused();
    await expect(tab(page, name)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Tab');
    const panel = page.getByRole('tabpanel', { name });
    await expect(panel).toBeVisible();
    expect(await panel.evaluate((element) => element.contains(document.activeElement))).toBe(true);
    await page.keyboard.press('Shift+Tab');
  }
  await page.reload();
  await expect(tab(page, 'History')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('tabpanel', { name: 'History' })).toBeVisible();
});

test('on a phone the page is one column in the same order, nothing lost, the connection line wrapped', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openPlayground(page, SHARED_API_URL);
  await page.reload();
  await expect(page.getByLabel('Configuration ID')).not.toHaveValue('');
  const box = async (locator) => (await locator.boundingBox()) ?? { x: 0, y: 0, width: 0, height: 0 };
  const line = await box(page.locator('.connection-line'));
  expect(line.x + line.width).toBeLessThanOrEqual(390);
  const toggle = await box(settingsToggle(page));
  expect(toggle.y, 'the line wraps: the control goes under the words').toBeGreaterThan(line.y + toggle.height / 2);
  const order = [
    page.getByRole('tablist', { name: 'Views' }),
    page.getByLabel('Configuration ID'),
    page.getByLabel('Target type'),
    page.getByRole('region', { name: 'Request' }),
    page.getByRole('button', { name: 'Send' }),
    page.getByRole('region', { name: 'Response' }),
  ];
  // Where each part is on the page (not in the viewport, which may scroll between two looks).
  const onPage = (locator) => locator.evaluate((element) => {
    const { x, y, width } = element.getBoundingClientRect();
    return { x, y: y + window.scrollY, width };
  });
  let above = -1;
  for (const part of order) {
    const { x, y, width } = await onPage(part);
    expect(y, 'each part comes under the one before').toBeGreaterThan(above);
    expect(x + width).toBeLessThanOrEqual(390);
    above = y;
  }
  await sendExpecting(page, '204 No Content');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});
