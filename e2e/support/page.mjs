// Driving the playground as a person would: by labels and button names.
import { expect } from '@playwright/test';

/** Sample ids from the emulator's fixture. */
export const FIELD_SALES = '3f2b8c1e-6a4b-4d1e-9b7a-3c5d8e2f1a01';
export const SALES_ASSIGNMENT = `${FIELD_SALES}_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34`;
export const GROUP = '5c3e4b2a-1d0f-4e9c-8b7a-6f5e4d3c2b1a';
export const FILTER = 'f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41';

/** Opens the page against the emulator at `apiUrl` with a placeholder token. */
export async function openPlayground(page, apiUrl) {
  await page.goto('/');
  await openConnectionSettings(page);
  await page.getByLabel('Emulator URL').fill(apiUrl);
  await page.getByRole('button', { name: 'Fill placeholder' }).click();
}

/**
 * Opens the connection settings behind the connection line, unless they are open (they open by
 * themselves when the connection needs the user, and that never closes them).
 */
export async function openConnectionSettings(page) {
  const toggle = page.getByRole('button', { name: 'Connection settings' });
  await expect(async () => {
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
  }).toPass({ timeout: 10_000 });
}

/** Types the configuration and assignment ids. */
export async function chooseIds(page, configurationId = FIELD_SALES, assignmentId = SALES_ASSIGNMENT) {
  await page.getByLabel('Configuration ID').fill(configurationId);
  await page.getByLabel('Assignment ID').fill(assignmentId);
}

/** The response region. */
export function responseRegion(page) {
  return page.getByRole('region', { name: 'Response' });
}

/** Clicks Send and waits for the response region to start with `status`. */
export async function sendExpecting(page, status) {
  await page.getByRole('button', { name: 'Send' }).click();
  await expect(responseRegion(page)).toHaveText(new RegExp(`^${status}`));
}

/** Opens the view whose tab is named `name` ("One assignment", "Bulk", "History"). */
export async function openView(page, name) {
  const tab = page.getByRole('tab', { name });
  await tab.click();
  await expect(tab).toHaveAttribute('aria-selected', 'true');
}

/** The Bulk region (in the Bulk view: see openView). */
export function bulkRegion(page) {
  return page.getByRole('region', { name: 'Bulk' });
}

/** Tells a Bulk run its pace, as a user would (Intune's rule is the default). */
export async function setPace(page, writes, seconds) {
  const view = bulkRegion(page);
  await view.getByLabel('Writes per window').fill(String(writes));
  await view.getByLabel('Writes per window').press('Tab');
  await view.getByLabel('Window in seconds').fill(String(seconds));
  await view.getByLabel('Window in seconds').press('Tab');
}

/** Finds every assignment, selects them all and previews setting the form's target (when
 * `expected` is given, checks that many were found); resolves to the "Apply N changes" button. */
export async function previewAll(page, expected) {
  await openView(page, 'Bulk');
  const view = bulkRegion(page);
  const found = expected === undefined ? 'assignments in' : `${expected} assignments in`;
  await view.getByRole('button', { name: 'Find assignments' }).click();
  await expect(view.getByRole('status').filter({ hasText: found })).toBeVisible({ timeout: 30_000 });
  await view.getByLabel('Select all shown').check();
  if (expected !== undefined) await expect(view.getByText(`${expected} selected`)).toBeVisible();
  await view.getByRole('button', { name: 'Preview' }).click();
  const apply = view.getByRole('button', {
    name: expected === undefined ? /^Apply \d+ changes$/ : `Apply ${expected} changes`,
  });
  await expect(apply).toBeVisible();
  return apply;
}
