// The whole assignment set: Microsoft's Python beta SDK creates, deletes and assigns through the
// emulator, and the emulator keeps one assignment per group as Intune does.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP } from '../support/page.mjs';

const python = path.resolve('..', 'tools', 'python', 'bin', 'python');

test('msgraph-beta-sdk creates, deletes and assigns through the emulator', async () => {
  await withEmulator([], async (url) => {
    const printed = execFileSync(python, [path.resolve('sdk', 'whole_set.py'), url, FIELD_SALES, GROUP], { stdio: 'pipe' });
    const result = JSON.parse(printed.toString());
    expect(result.created).toMatch(new RegExp(`^${FIELD_SALES}_`));
    expect(result.afterCreate).toContain(`#microsoft.graph.groupAssignmentTarget:${GROUP}`);
    expect(result.afterCreate).toHaveLength(4);
    expect(result.afterDelete).not.toContain(`#microsoft.graph.groupAssignmentTarget:${GROUP}`);
    expect(result.afterDelete).toHaveLength(3);
    expect(result.afterAssign).toEqual([
      '#microsoft.graph.allDevicesAssignmentTarget:',
      `#microsoft.graph.exclusionGroupAssignmentTarget:${GROUP}`,
    ]);
  });
});
