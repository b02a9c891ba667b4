// Changes: Intune's audit trail for the chosen configuration, changes made outside the page
// included, each with its actor and the target before and after.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, openPlayground } from '../support/page.mjs';

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
    await expect(changes.getByRole('status')).toHaveText(/^1 changes recorded by Intune/, { timeout: 30_000 });
    const row = changes.getByRole('table', { name: 'Who changed this configuration' }).getByRole('row').nth(1);
    await expect(row.getByRole('cell').nth(1)).toHaveText('An application with a pasted token');
    await expect(row.getByRole('cell').nth(2)).toHaveText('Changed the target');
    await expect(row.getByRole('cell').nth(3)).toHaveText(/^Included group: (Field sales iPads|1b6d2f8e-4c3a-4e7b-9f0d-2a5c8e1b7d34), filter: /);
    await expect(row.getByRole('cell').nth(4)).toHaveText(/^Included group: (Sales team|5c3e4b2a)/);
  });
});
