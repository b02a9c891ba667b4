// Changes: Intune's audit trail for the chosen configuration, changes made outside the page
// included, each with its actor and the target before and after.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readAssignment, withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, chooseIds, openPlayground, openView, sendExpecting } from '../support/page.mjs';

/** Sends the Sales team group to the sample assignment from the page and opens the History;
 * resolves to the send's entry (the oldest, as later undos come before it). */
async function sendSalesTeam(page) {
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await sendExpecting(page, '204');
  await openView(page, 'History');
  return page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem').last();
}

/** As sendSalesTeam, once the entry has found its audit record. */
async function sendAndFindRecord(page) {
  const entry = await sendSalesTeam(page);
  await expect(entry).toContainText('Recorded by Intune at', { timeout: 30_000 });
  return entry;
}

test('a change made by a second client (curl) appears in Changes with its actor and the target before and after', async ({ page }) => {
  await withEmulator([], async (url) => {
    const assignment = `${FIELD_SALES}_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34`;
    const body = JSON.stringify({
      '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment',
      target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GROUP },
    });
    const status = execFileSync('curl', [
      '-s', '-o', '/dev/null', '-w', '%{http_code}', '-X', 'PATCH',
      '-H', 'Authorization: Bearer a-script', '-H', 'Content-Type: application/json', '-H', 'client-request-id: from-curl',
      '--data', body,
      `${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${FIELD_SALES}/assignments/${assignment}`,
    ]).toString();
    expect(status).toBe('204');
    await openPlayground(page, url);
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').selectOption(FIELD_SALES);
    const changes = page.getByRole('region', { name: 'Changes' });
    await expect(changes.getByRole('status')).toHaveText(/^1 change recorded by Intune/, { timeout: 30_000 });
    const row = changes.getByRole('table', { name: 'Who changed this configuration' }).getByRole('row').nth(1);
    await expect(row.getByRole('cell').nth(1)).toHaveText('An application with a pasted token');
    await expect(row.getByRole('cell').nth(2)).toHaveText('Changed the target');
    await expect(row.getByRole('cell').nth(3)).toHaveText(/^Included group: (Field sales iPads|1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34), filter: /);
    await expect(row.getByRole('cell').nth(4)).toHaveText(/^Included group: (Sales team|5c3e4b2a)/);
  });
});

test('a send finds its own audit record through its client-request-id, also when Intune records it late', async ({ page }) => {
  test.setTimeout(90_000);
  await withEmulator(['--audit-delay', '8'], async (url) => {
    await openPlayground(page, url);
    const entry = await sendSalesTeam(page);
    // Not there yet: the page says it is looking, then what Intune recorded.
    await expect(entry).toContainText("Looking for Intune's audit record of it");
    await expect(entry).toContainText(/Recorded by Intune at \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC, by An application with a pasted token/, { timeout: 60_000 });
    // The record is the send's own: its correlationId is the request's client-request-id.
    const events = await (await fetch(`${url}/beta/deviceManagement/auditEvents`, { headers: { Authorization: 'Bearer a-script' } })).json();
    expect(events.value).toHaveLength(1);
    const sent = await page.evaluate(() => JSON.parse(localStorage.getItem('ios-lob-assignment-playground.history.v1')));
    expect(sent).toHaveLength(1);
    expect(sent[0].id).toBe(`${events.value[0].correlationId}#1`);
  });
});


test('a single send offers Undo in its history entry, which puts the target before back', async ({ page }) => {
  await withEmulator([], async (url) => {
    const assignment = `${FIELD_SALES}_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34`;
    const before = await readAssignment(url, FIELD_SALES, assignment);
    await openPlayground(page, url);
    const entry = await sendAndFindRecord(page);
    expect((await readAssignment(url, FIELD_SALES, assignment)).target.groupId).toBe(GROUP);
    await entry.getByRole('button', { name: /^Undo / }).click();
    await expect(entry).toContainText(/Undone: Included group: .* is back \(204\)\./);
    expect((await readAssignment(url, FIELD_SALES, assignment)).target).toEqual(before.target);
    // The undo is itself a write of the history.
    await expect(page.getByRole('list', { name: 'Sent requests' }).getByRole('listitem')).toHaveCount(2);
  });
});

test('Undo of a send that somebody changed since is not done unless "Undo anyway"', async ({ page }) => {
  await withEmulator([], async (url) => {
    const assignment = `${FIELD_SALES}_1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34`;
    const before = await readAssignment(url, FIELD_SALES, assignment);
    await openPlayground(page, url);
    const entry = await sendAndFindRecord(page);
    const response = await fetch(`${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${FIELD_SALES}/assignments/${assignment}`, {
      method: 'PATCH',
      headers: { Authorization: 'Bearer a-script', 'Content-Type': 'application/json' },
      body: JSON.stringify({ target: { '@odata.type': '#microsoft.graph.allDevicesAssignmentTarget' } }),
    });
    expect(response.status).toBe(204);
    await entry.getByRole('button', { name: /^Undo / }).click();
    await expect(entry).toContainText('Not undone: somebody changed it since; it now targets All devices.');
    expect((await readAssignment(url, FIELD_SALES, assignment)).target['@odata.type']).toBe('#microsoft.graph.allDevicesAssignmentTarget');
    await entry.getByRole('button', { name: /^Undo anyway / }).click();
    await expect(entry).toContainText(/Undone: Included group: .* is back \(204\)\./);
    expect((await readAssignment(url, FIELD_SALES, assignment)).target).toEqual(before.target);
  });
});
