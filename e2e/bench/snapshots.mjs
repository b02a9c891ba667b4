// Snapshot benchmark, in headless Chromium against the emulator: a snapshot of a generated
// tenant of 10,000 assignments (requests and time), a compare of two such snapshots (the
// time the page says it took), and a restore of 1,000 differences through the Bulk run
// against the throttle-bound optimum.
// Usage: node e2e/bench/snapshots.mjs [CONFIGURATIONS] [ASSIGNMENTS]   (scripts/bench-snapshots builds and runs it)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startEmulator } from '../support/emulator.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CONFIGURATIONS = Number(process.argv[2] ?? 1000);
const ASSIGNMENTS = Number(process.argv[3] ?? 10);
const RESTORED_CONFIGURATIONS = 100;
const WRITES = 100;
const SECONDS = 2;

async function stats(url) {
  return (await fetch(`${url}/_emulator/stats`)).json();
}

async function reset(url) {
  await fetch(`${url}/_emulator/stats/reset`, { method: 'POST' });
}

/** Opens the page's Bulk view against `apiUrl`; resolves to the browser and the view. */
async function open(appUrl, apiUrl) {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
  });
  const page = await browser.newPage();
  await page.goto(appUrl);
  await page.getByLabel('Emulator URL').fill(apiUrl);
  await page.getByRole('button', { name: 'Fill placeholder' }).click();
  await page.getByRole('tab', { name: 'Bulk' }).click();
  return { browser, page, view: page.getByRole('region', { name: 'Bulk' }) };
}

/** Takes a snapshot and waits until the `count`-th one is listed; resolves to its seconds. */
async function snapshot(view, count, total) {
  const started = performance.now();
  await view.getByRole('button', { name: 'Take snapshot' }).click();
  await view.getByRole('list', { name: 'Snapshots taken' }).getByRole('listitem').nth(count - 1)
    .filter({ hasText: `${total} assignments` }).waitFor({ timeout: 300_000 });
  return (performance.now() - started) / 1000;
}

async function large() {
  const total = CONFIGURATIONS * ASSIGNMENTS;
  const emulator = await startEmulator(['--generate', `${CONFIGURATIONS}:${ASSIGNMENTS}`, '--latency', '20-80',
    '--app-dir', path.join(root, 'dist'), '--app-listen', '127.0.0.1:0']);
  const { browser, view } = await open(emulator.appUrl, emulator.url);
  try {
    await reset(emulator.url);
    const seconds = await snapshot(view, 1, total);
    const seen = await stats(emulator.url);
    await snapshot(view, 2, total);
    await view.getByRole('button', { name: 'Compare with the next snapshot' }).click();
    const said = await view.getByRole('status').filter({ hasText: 'Compared in' }).textContent({ timeout: 60_000 });
    const compareMs = Number(/Compared in (\d+) ms/.exec(said)[1]);
    return { total, seconds, requests: seen.requests, batches: seen.batches, compareMs };
  } finally {
    await browser.close();
    await emulator.stop();
  }
}

async function restore() {
  const total = RESTORED_CONFIGURATIONS * ASSIGNMENTS;
  const emulator = await startEmulator(['--generate', `${RESTORED_CONFIGURATIONS}:${ASSIGNMENTS}`,
    '--throttle', `${WRITES}/${SECONDS}`, '--latency', '20-80',
    '--app-dir', path.join(root, 'dist'), '--app-listen', '127.0.0.1:0']);
  const { browser, page, view } = await open(emulator.appUrl, emulator.url);
  try {
    await snapshot(view, 1, total);
    // Every assignment changed by a Bulk run: the form's target for all of them.
    await view.getByLabel('Select all shown').check();
    await view.getByRole('button', { name: 'Preview' }).click();
    for (const [label, value] of [['Writes per window', WRITES], ['Window in seconds', SECONDS]]) {
      await view.getByLabel(label).fill(String(value));
      await view.getByLabel(label).press('Tab');
    }
    await view.getByRole('button', { name: `Apply ${total} changes` }).click();
    await view.getByRole('heading', { name: 'Finished' }).waitFor({ timeout: 300_000 });
    await view.getByRole('button', { name: 'Compare with the tenant now' }).click();
    await view.getByRole('status').filter({ hasText: `${total} assignments differ.` }).waitFor({ timeout: 120_000 });
    await view.getByLabel('Choose every difference').check();
    await reset(emulator.url);
    const started = performance.now();
    await view.getByRole('button', { name: `Restore ${total} differences` }).click();
    await view.getByRole('status').filter({ hasText: 'No differences' }).waitFor({ timeout: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    const seen = await stats(emulator.url);
    const writes = Object.values(seen.writes);
    await page.close();
    return {
      total, seconds, optimum: (Math.ceil(total / WRITES) - 1) * SECONDS,
      once: writes.filter((count) => count === 1).length, twice: writes.filter((count) => count > 1).length,
      throttled: seen.throttled ?? 0,
    };
  } finally {
    await browser.close();
    await emulator.stop();
  }
}

const big = await large();
console.log(`\nSnapshot of ${big.total} assignments (${CONFIGURATIONS} configurations of ${ASSIGNMENTS}), latency 20-80 ms:`);
console.log(`  ${big.seconds.toFixed(1)} s, ${big.requests} requests (${big.batches} $batch envelopes)`);
console.log(`Compare of two such snapshots, in the page's worker: ${big.compareMs} ms`);
const back = await restore();
console.log(`\nRestore of ${back.total} changed targets, throttle ${WRITES} writes per ${SECONDS} s:`);
console.log(`  ${back.seconds.toFixed(1)} s (the throttle-bound optimum is ${back.optimum.toFixed(1)} s; ratio ${(back.seconds / back.optimum).toFixed(2)}), then compared again`);
console.log(`  written once ${back.once}, twice ${back.twice}`);
