// Reach benchmark: a generated tenant whose configuration includes a group of every user and
// excludes an overlapping tenth of them (and includes a device group). The page's Reach region
// answers who the set reaches; a naive client pages every member of every group of the set and
// computes the same. Prints, for each, the requests made, the bytes read and the time to the
// answer, and whether the page's count is the naive client's.
// Usage: node e2e/bench/reach.mjs [USERS]   (scripts/bench-reach builds and runs it; default 50000)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startEmulator } from '../support/emulator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const USERS = Number(process.argv[2] ?? 50_000);
const CONFIGURATION = 'cccc0000-0000-4000-8000-000000000000';
const FLAGS = ['--generate', '1:3', '--members', String(USERS)];

async function stats(url) {
  return (await fetch(`${url}/_emulator/stats`)).json();
}

async function reset(url) {
  await fetch(`${url}/_emulator/stats/reset`, { method: 'POST' });
}

/** The naive client: every member of every group of the set, then the rules by hand. */
async function naive(apiUrl) {
  const headers = { authorization: 'Bearer naive-client' };
  let requests = 0;
  let bytes = 0;
  const read = async (url) => {
    const response = await fetch(url, { headers });
    const text = await response.text();
    requests += 1;
    bytes += text.length;
    return JSON.parse(text);
  };
  const started = Date.now();
  const set = await read(`${apiUrl}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${CONFIGURATION}/assignments`);
  const included = new Set();
  const excluded = new Set();
  for (const assignment of set.value) {
    const into = assignment.target['@odata.type'].includes('exclusion') ? excluded : included;
    for (let url = `${apiUrl}/beta/groups/${assignment.target.groupId}/transitiveMembers?$top=999`; url;) {
      const page = await read(url);
      for (const member of page.value) if (member['@odata.type'] === '#microsoft.graph.user') into.add(member.id);
      url = page['@odata.nextLink'];
    }
  }
  const users = [...included].filter((id) => !excluded.has(id)).length;
  return { seconds: (Date.now() - started) / 1000, requests, bytes, users };
}

/** The page: choose the configuration, wait for the Users count to be exact. */
async function withPage(appUrl, apiUrl, expected) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  try {
    const page = await browser.newPage();
    await page.goto(appUrl);
    await page.getByLabel('Emulator URL').fill(apiUrl);
    await page.getByRole('button', { name: 'Fill placeholder' }).click();
    await page.getByRole('button', { name: 'Load configurations' }).click();
    await page.getByLabel('Pick a configuration').locator(`option[value="${CONFIGURATION}"]`).waitFor({ state: 'attached' });
    await reset(apiUrl);
    const started = Date.now();
    await page.getByLabel('Pick a configuration').selectOption(CONFIGURATION);
    const reach = page.getByRole('region', { name: 'Reach' });
    const usersNow = reach.getByRole('row', { name: /^Users / }).getByRole('cell').first();
    await usersNow.filter({ hasText: new RegExp(`^${expected.toLocaleString('en-US')}$`) }).waitFor({ timeout: 300_000 });
    const seconds = (Date.now() - started) / 1000;
    const status = reach.getByRole('status').filter({ hasText: /^Up to date/ });
    await status.waitFor({ timeout: 300_000 });
    const said = await status.textContent();
    const [, requests, kilobytes] = said.match(/who is reached: (\d+) requests, ([\d,]+) KB/);
    const seen = await stats(apiUrl);
    return { seconds, requests: Number(requests), bytes: Number(kilobytes.replace(/,/g, '')) * 1024, said, seen };
  } finally {
    await browser.close();
  }
}

const emulator = await startEmulator([...FLAGS, '--app-dir', path.join(root, 'dist'), '--app-listen', '127.0.0.1:0']);
try {
  // A first read warms the emulator's directory index, so that neither client pays for it.
  await naive(emulator.url);
  const plain = await naive(emulator.url);
  const page = await withPage(emulator.appUrl, emulator.url, plain.users);
  console.log(`\nA configuration including a group of ${USERS.toLocaleString('en-US')} users and a device group, excluding an overlapping group of ${(USERS / 10).toLocaleString('en-US')}`);
  console.log(`users reached: ${plain.users.toLocaleString('en-US')} (both clients)\n`);
  console.log('client'.padEnd(44) + 'requests   KB read   time to the answer (s)');
  const line = (name, row) => console.log(name.padEnd(44) + String(row.requests).padStart(8) + String(Math.ceil(row.bytes / 1024)).padStart(10) + row.seconds.toFixed(2).padStart(15));
  line('playground Reach (count, read, check by id)', page);
  line('naive client (pages every member)', plain);
  console.log(`\npage, as it says: ${page.said}`);
  console.log(`the emulator saw from the page, statuses included: ${page.seen.requests} Graph requests (each inside a $batch counted) in ${page.seen.batches} $batch envelopes`);
} finally {
  await emulator.stop();
}
