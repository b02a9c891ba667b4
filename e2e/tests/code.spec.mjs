// Code export: the snippets shown on the page are run for real against an emulator.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readAssignment, withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, SALES_ASSIGNMENT, chooseIds, openPlayground } from '../support/page.mjs';

const httpyac = path.resolve('node_modules', '.bin', 'httpyac');


/** Chooses `language` and resolves to its snippet, once the worker has written it (another
 * language's snippet is still shown until then). */
async function snippetFor(page, language) {
  const choice = page.getByLabel('Snippet language');
  const snippet = page.locator('pre.snippet');
  const before = await choice.inputValue();
  const shown = await snippet.textContent();
  await choice.selectOption({ label: language });
  if ((await choice.inputValue()) !== before) await expect(snippet).not.toHaveText(shown);
  return snippet.textContent();
}

async function prepareExcludedGroup(page, apiUrl) {
  await openPlayground(page, apiUrl);
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Excluded group' });
  await page.getByLabel('Group ID').fill(GROUP);
}

test('the curl snippet runs in bash and makes the write', async ({ page }) => {
  await withEmulator([], async (url) => {
    await prepareExcludedGroup(page, url);
    const curl = await snippetFor(page, 'curl (bash)');
    expect(curl).toContain('$TOKEN');
    execFileSync('bash', ['-c', `${curl} --fail --silent --show-error`], {
      env: { ...process.env, TOKEN: 'token-from-the-environment' },
    });
    const stored = await readAssignment(url, FIELD_SALES, SALES_ASSIGNMENT);
    expect(stored.target['@odata.type']).toBe('#microsoft.graph.exclusionGroupAssignmentTarget');
    expect(stored.target.groupId).toBe(GROUP);
  });
});

test('the .http file is sent by httpyac and makes the write', async ({ page }) => {
  await withEmulator([], async (url) => {
    await prepareExcludedGroup(page, url);
    await page.getByLabel('Filter type').selectOption({ label: 'Exclude' });
    await page.getByLabel('Filter ID').fill('f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41');
    const http = await snippetFor(page, '.http file');
    const folder = mkdtempSync(path.join(tmpdir(), 'playground-http-'));
    const file = path.join(folder, 'update.http');
    writeFileSync(file, http);
    execFileSync(httpyac, ['send', 'update.http', '--all', '--bail'], { cwd: folder, stdio: 'pipe' });
    const stored = await readAssignment(url, FIELD_SALES, SALES_ASSIGNMENT);
    expect(stored.target.deviceAndAppManagementAssignmentFilterType).toBe('exclude');
    expect(stored.target.groupId).toBe(GROUP);
  });
});

test('the Python snippet runs with msgraph-beta-sdk and makes the write', async ({ page }) => {
  const python = path.resolve('..', 'tools', 'python', 'bin', 'python');
  await withEmulator([], async (url) => {
    await prepareExcludedGroup(page, url);
    await page.getByLabel('Filter type').selectOption({ label: 'Include' });
    await page.getByLabel('Filter ID').fill('f3a9d2c4-7b1e-4c6a-8d5f-0e2b9a7c3d41');
    const snippet = await snippetFor(page, 'Python: msgraph-beta-sdk');
    const folder = mkdtempSync(path.join(tmpdir(), 'playground-python-'));
    const file = path.join(folder, 'update.py');
    writeFileSync(file, snippet);
    execFileSync(python, [file], { env: { ...process.env, TOKEN: 'token-from-the-environment' }, stdio: 'pipe' });
    const stored = await readAssignment(url, FIELD_SALES, SALES_ASSIGNMENT);
    expect(stored.target['@odata.type']).toBe('#microsoft.graph.exclusionGroupAssignmentTarget');
    expect(stored.target.deviceAndAppManagementAssignmentFilterType).toBe('include');
    expect(stored.target.groupId).toBe(GROUP);
  });
});

test('Copy snippet puts the snippet on the clipboard, without the token', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await withEmulator([], async (url) => {
    await prepareExcludedGroup(page, url);
    await page.getByLabel('Access token').fill('secret-that-must-not-leak');
    for (const language of ['curl (bash)', 'PowerShell: Invoke-MgGraphRequest', 'PowerShell: Microsoft Graph beta cmdlet',
      'JavaScript: fetch', 'Python: msgraph-beta-sdk', 'C#: Microsoft.Graph.Beta', '.http file']) {
      const shown = await snippetFor(page, language);
      expect(shown).not.toContain('secret-that-must-not-leak');
      await page.getByRole('button', { name: 'Copy snippet' }).click();
      await expect(page.getByText('Copied.')).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(shown);
    }
  });
});

test('Copy snippet right after typing copies the snippet of what was just typed', async ({ page, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await withEmulator([], async (url) => {
    await prepareExcludedGroup(page, url);
    await expect(page.locator('pre.snippet')).toContainText(GROUP);
    // The snippet is rebuilt once typing pauses; a copy before then asks for it at once.
    const typed = '11111111-2222-4333-8444-555555555555';
    await page.getByLabel('Group ID').fill(typed);
    await page.keyboard.press('Alt+Shift+C');
    await expect(page.getByText('Copied.')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toContain(typed);
    expect(copied).not.toContain(GROUP);
  });
});

test('no snippet until the request is valid', async ({ page }) => {
  await openPlayground(page, 'http://127.0.0.1:9');
  await expect(page.getByText('Type or pick the configuration ID.').last()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Copy snippet' })).toBeDisabled();
});

test('when the worker cannot load, the Code panel says code export is not available and the form still works', async ({ page }) => {
  await page.route('**/playground-worker*', (route) => route.abort());
  await openPlayground(page, 'http://127.0.0.1:9');
  const code = page.getByRole('region', { name: 'Code' });
  await expect(code).toContainText('Code export is not available: the workbench worker could not load.');
  await page.getByLabel('Configuration ID').fill('config-typed-by-hand');
  await expect(page.getByLabel('Request body (JSON)')).toBeVisible();
  await expect(page.locator('.request-line .url')).toContainText('config-typed-by-hand');
});
