// Bulk benchmark: against the emulator with a generated tenant and Intune's write throttle
// scaled ten times faster, retarget every assignment from the page's Bulk view in headless
// Chromium, then do the same job as a naive client that PATCHes one assignment at a time and
// waits out every 429. Prints the time of each, the throttle-bound optimum and the ratio, the
// requests sent, the 429s received, and the writes per assignment (from /_emulator/stats).
// Usage: node e2e/bench/bulk.mjs [CONFIGURATIONS] [ASSIGNMENTS]   (scripts/bench-bulk builds and runs it)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startEmulator } from '../support/emulator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIGURATIONS = Number(process.argv[2] ?? 100);
const ASSIGNMENTS = Number(process.argv[3] ?? 10);
const TOTAL = CONFIGURATIONS * ASSIGNMENTS;
const WRITES = 100;
const SECONDS = 2;
const FLAGS = [
  '--generate', `${CONFIGURATIONS}:${ASSIGNMENTS}`,
  '--throttle', `${WRITES}/${SECONDS}`,
  '--latency', '20-80',
];

async function stats(url) {
  return (await fetch(`${url}/_emulator/stats`)).json();
}

async function reset(url) {
  await fetch(`${url}/_emulator/stats/reset`, { method: 'POST' });
}

function perAssignment(seen) {
  const counts = Object.values(seen.writes);
  return {
    once: counts.filter((count) => count === 1).length,
    twice: counts.filter((count) => count > 1).length,
    missed: TOTAL - counts.length,
  };
}

/** The page's Bulk view: find, select all, preview, apply; resolves to the apply's seconds. */
async function withPage(appUrl, apiUrl) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await page.getByLabel('Emulator URL').fill(apiUrl);
    await page.getByRole('button', { name: 'Fill placeholder' }).click();
    await page.getByRole('tab', { name: 'Bulk' }).click();
    const view = page.getByRole('region', { name: 'Bulk' });
    await view.getByRole('button', { name: 'Find assignments' }).click();
    await view.getByRole('status').filter({ hasText: `${TOTAL} assignments in` }).waitFor({ timeout: 120_000 });
    await view.getByLabel('Select all shown').check();
    await view.getByRole('button', { name: 'Preview' }).click();
    for (const [label, value] of [['Writes per window', WRITES], ['Window in seconds', SECONDS]]) {
      await view.getByLabel(label).fill(String(value));
      await view.getByLabel(label).press('Tab');
    }
    const apply = view.getByRole('button', { name: `Apply ${TOTAL} changes` });
    await apply.waitFor();
    await reset(apiUrl);
    const started = Date.now();
    await apply.click();
    await view.getByRole('heading', { name: 'Finished' }).waitFor({ timeout: 600_000 });
    return (Date.now() - started) / 1000;
  } finally {
    await browser.close();
  }
}

/** A naive client: one PATCH at a time, waiting out each 429's Retry-After. */
async function naive(apiUrl) {
  const base = `${apiUrl}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations`;
  const headers = { authorization: 'Bearer naive-client', 'content-type': 'application/json' };
  const configurations = [];
  for (let url = `${base}?$top=100`; url;) {
    const page = await (await fetch(url, { headers })).json();
    configurations.push(...page.value);
    url = page['@odata.nextLink'];
  }
  const body = JSON.stringify({
    '@odata.type': '#microsoft.graph.iosLobAppProvisioningConfigurationAssignment',
    target: { '@odata.type': '#microsoft.graph.allLicensedUsersAssignmentTarget' },
  });
  await reset(apiUrl);
  const started = Date.now();
  for (const configuration of configurations) {
    const list = await (await fetch(`${base}/${configuration.id}/assignments`, { headers })).json();
    for (const assignment of list.value) {
      for (;;) {
        const response = await fetch(`${base}/${configuration.id}/assignments/${encodeURIComponent(assignment.id)}`, { method: 'PATCH', headers, body });
        if (response.status !== 429) break;
        const wait = Number(response.headers.get('retry-after') ?? 1);
        await new Promise((done) => setTimeout(done, wait * 1000));
      }
    }
  }
  return (Date.now() - started) / 1000;
}

const optimum = (TOTAL / WRITES) * SECONDS;
const rows = [];
for (const [name, job] of [['playground Bulk view', 'page'], ['naive client, one PATCH at a time', 'naive']]) {
  const emulator = await startEmulator([...FLAGS, '--app-dir', path.join(root, 'dist'), '--app-listen', '127.0.0.1:0']);
  try {
    const seconds = job === 'page' ? await withPage(emulator.appUrl, emulator.url) : await naive(emulator.url);
    const seen = await stats(emulator.url);
    rows.push({ name, seconds, seen, writes: perAssignment(seen) });
  } finally {
    await emulator.stop();
  }
}

console.log(`\n${TOTAL} assignments (${CONFIGURATIONS} configurations of ${ASSIGNMENTS}), throttle ${WRITES} writes per ${SECONDS} s, latency 20-80 ms`);
console.log(`throttle-bound optimum: ${optimum.toFixed(1)} s\n`);
console.log('client'.padEnd(36) + 'time (s)  ratio  requests  429s  batches  written once  twice  missed');
for (const { name, seconds, seen, writes } of rows) {
  console.log(
    name.padEnd(36) +
      seconds.toFixed(1).padStart(8) +
      (seconds / optimum).toFixed(2).padStart(7) +
      String(seen.requests).padStart(10) +
      String(seen.throttled).padStart(6) +
      String(seen.batches).padStart(9) +
      String(writes.once).padStart(14) +
      String(writes.twice).padStart(7) +
      String(writes.missed).padStart(8),
  );
}
const page = rows[0];
console.log(`\nGoal: within 1.10 of the optimum, 0 lost, 0 written twice: ${
  page.seconds / optimum <= 1.1 && page.writes.twice === 0 && page.writes.missed === 0 ? 'met' : 'NOT met'
}`);
