// Share links carry the draft but never the token; hostile links are refused and change nothing.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';
import { GROUP, chooseIds, openPlayground } from '../support/page.mjs';

test('a share link restores the draft in a fresh browser, without the token', async ({ page, browser }) => {
  await openPlayground(page, SHARED_API_URL);
  await page.getByLabel('Access token').fill('token-that-stays-here');
  await chooseIds(page, 'config from a colleague', 'assignment_0_0');
  await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await page.getByLabel('Filter type').selectOption({ label: 'Exclude' });
  const link = await page.getByLabel('Share link').inputValue();
  expect(link).toContain('#draft=');
  expect(link).not.toContain('token-that-stays-here');

  const fresh = await browser.newContext();
  const other = await fresh.newPage();
  await other.goto(link);
  await expect(other.getByText('Opened the shared draft')).toBeVisible();
  await expect(other.getByLabel('Configuration ID')).toHaveValue('config from a colleague');
  await expect(other.getByLabel('Assignment ID')).toHaveValue('assignment_0_0');
  await expect(other.getByLabel('Target type')).toHaveValue('exclusionGroupAssignmentTarget');
  await expect(other.getByLabel('Group ID')).toHaveValue(GROUP);
  await expect(other.getByLabel('Filter type')).toHaveValue('exclude');
  await expect(other.getByLabel('Emulator URL')).toHaveValue(SHARED_API_URL);
  await expect(other.getByLabel('Access token')).toHaveValue('emulator-placeholder-token');
  expect(new URL(other.url()).hash).toBe('');
  await fresh.close();
});

test('a malformed or hostile link is refused and changes nothing', async ({ page }) => {
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page, 'my own work', 'mine_0_0');
  const evil = encodeURIComponent(JSON.stringify({
    format: 1, environment: 'emulator', emulatorUrl: 'http://evil.example:8787', version: 'beta',
    configurationId: 'x', assignmentId: 'y',
    target: { kind: 'allDevices', groupId: '', collectionId: '', filterType: 'none', filterId: '' },
  }));
  for (const fragment of ['#draft=%7Bnot-json', `#draft=${evil}`]) {
    await page.goto('about:blank');
    await page.goto(`/${fragment}`);
    await expect(page.getByRole('alert')).toContainText('The share link was refused and nothing was changed');
    await expect(page.getByLabel('Configuration ID')).toHaveValue('my own work');
    await expect(page.getByLabel('Emulator URL')).toHaveValue(SHARED_API_URL);
  }
});

/** A share link made in another browser, for a draft with these ids. */
async function colleaguesLink(browser, configurationId, assignmentId) {
  const colleague = await browser.newContext();
  const theirs = await colleague.newPage();
  await openPlayground(theirs, SHARED_API_URL);
  await chooseIds(theirs, configurationId, assignmentId);
  const link = await theirs.getByLabel('Share link').inputValue();
  await colleague.close();
  return link;
}

test('a share link never silently replaces an unsent draft: the user chooses', async ({ page, browser }) => {
  const link = await colleaguesLink(browser, 'their configuration', 'theirs_0_0');
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page, 'my configuration', 'mine_0_0');
  await page.goto('about:blank');
  await page.goto(link);
  const offer = page.getByRole('region', { name: 'Shared draft' });
  await expect(offer).toContainText('their configuration');
  await expect(page.getByLabel('Configuration ID')).toHaveValue('my configuration');
  await page.reload();
  await expect(offer).toBeVisible(); // the link waits in the address bar until the user chooses
  await offer.getByRole('button', { name: 'Keep mine' }).click();
  await expect(offer).toHaveCount(0);
  await expect(page.getByLabel('Configuration ID')).toHaveValue('my configuration');
  expect(new URL(page.url()).hash).toBe('');

  await page.goto('about:blank');
  await page.goto(link);
  await page.getByRole('region', { name: 'Shared draft' }).getByRole('button', { name: "Open the link's draft" }).click();
  await expect(page.getByLabel('Configuration ID')).toHaveValue('their configuration');
  await expect(page.getByText('Opened the shared draft')).toBeVisible();
});

test('a share link pasted into a tab that has the page open is noticed at once', async ({ page, browser }) => {
  const link = await colleaguesLink(browser, 'pasted configuration', 'pasted_0_0');
  await openPlayground(page, SHARED_API_URL);
  await chooseIds(page, 'my configuration', 'mine_0_0');
  await page.goto(link); // only the fragment changes: the page is not loaded again
  const offer = page.getByRole('region', { name: 'Shared draft' });
  await expect(offer).toContainText('pasted configuration');
  await offer.getByRole('button', { name: "Open the link's draft" }).click();
  await expect(page.getByLabel('Configuration ID')).toHaveValue('pasted configuration');
});
