// Startup and typing benchmark: the playground's release build against a hand-written page with
// the same form (bench/hand-written) and against the floor, that form as the least Yew page
// (bench/yew-floor, built into target/yew-floor), loaded in turn in one headless Chromium, each
// load in a fresh context (cold cache), all served by the emulator's static server on loopback.
// Prints medians and p95 of the time to a usable form and of keystroke-to-validated-preview
// (for the playground also after a send, with before/after and a body in the response panel),
// their ratios to the hand-written page, bytes over the wire and decoded, the JS heap, the
// playground's and the floor's startup broken down (wasm fetched, compiled, instantiated, first
// render), and the main thread's work until the form is usable in one traced load of each; then
// warm loads: reloads in one context after a first load, with the HTTP cache, the compiled-code
// cache and the playground's service worker in play, and their breakdown.
// Usage: node e2e/bench/startup.mjs [RUNS] [KEYSTROKES]   (scripts/bench builds and runs it;
// APP_DIR=folder serves another release build in place of dist/, FLOOR_DIR another floor)
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, SALES_ASSIGNMENT } from '../support/page.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const RUNS = Number(process.argv[2] ?? 15);
const KEYSTROKES = Number(process.argv[3] ?? 20);
const ARGS = [
  '--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage',
  '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run',
];

/** Serves `folder` with the emulator's static server; resolves to { url, apiUrl, stop }. */
async function serve(folder) {
  const emulator = await startEmulator(['--app-dir', folder, '--app-listen', '127.0.0.1:0']);
  return { url: emulator.appUrl, apiUrl: emulator.url, stop: emulator.stop };
}

/** Runs in the page before its own scripts: records when the wasm is compiled and instantiated
 * and when the form is usable (the target type is there and the request line is rendered). */
function instrument() {
  const marks = {};
  window.__bench = marks;
  const mark = (name) => {
    if (!(name in marks)) marks[name] = performance.now();
  };
  if (WebAssembly.instantiateStreaming) {
    WebAssembly.instantiateStreaming = async (source, imports) => {
      const module = await WebAssembly.compileStreaming(source);
      mark('compiled');
      const instance = await WebAssembly.instantiate(module, imports);
      mark('instantiated');
      return { module, instance };
    };
  }
  const ready = () => {
    const url = document.querySelector('.request-line .url');
    if (document.getElementById('target-type') && url && url.textContent && !('ready' in marks)) {
      mark('ready');
      performance.mark('bench-ready');
    }
  };
  new MutationObserver(ready).observe(document, { childList: true, subtree: true, characterData: true });
}

/** Types into Group ID one character at a time; resolves to the milliseconds from each input
 * event to the moment both the field's message and the request body show the new text. */
async function typeGroupIds(keystrokes) {
  const select = document.getElementById('target-type');
  select.value = 'groupAssignmentTarget';
  select.dispatchEvent(new Event('change', { bubbles: true }));
  while (!document.getElementById('group-id')) await new Promise(requestAnimationFrame);
  const input = document.getElementById('group-id');
  const times = [];
  let text = '';
  for (let index = 0; index < keystrokes; index += 1) {
    text += 'salesteam'[index % 9];
    const quoted = `"${text}"`;
    const shown = () =>
      document.getElementById('group-id-messages')?.textContent.includes(quoted) &&
      document.getElementById('body').value.includes(quoted);
    const done = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (shown()) {
          observer.disconnect();
          resolve(performance.now());
        }
      });
      observer.observe(document.body, { childList: true, subtree: true, characterData: true });
    });
    const started = performance.now();
    input.value = text;
    input.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text.at(-1) }));
    times.push((await done) - started);
    await new Promise(requestAnimationFrame);
  }
  return times;
}

/** Bytes of the page and everything it loaded, over the wire and decoded. */
function bytes() {
  const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')];
  const wasm = performance.getEntriesByType('resource').find((entry) => entry.name.endsWith('.wasm'));
  return {
    transfer: entries.reduce((sum, entry) => sum + entry.transferSize, 0),
    decoded: entries.reduce((sum, entry) => sum + entry.decodedBodySize, 0),
    htmlArrived: performance.getEntriesByType('navigation')[0]?.responseEnd ?? null,
    wasmRequested: wasm ? wasm.requestStart : null,
    wasmFirstByte: wasm ? wasm.responseStart : null,
    wasmFetched: wasm ? wasm.responseEnd : null,
  };
}

/** Sends the form once to the emulator at `apiUrl` (reading the assignment first and asking
 * for it in the answer, so the response panel shows before and after and a body), then
 * types again: resolves to those keystrokes' times. */
async function typeAfterSend(page, apiUrl) {
  // The connection settings open by themselves when the first read fails, as it does here; a
  // build from before the connection line has no such control.
  const settings = page.getByRole('button', { name: 'Connection settings' });
  if ((await settings.count()) && (await settings.getAttribute('aria-expanded')) !== 'true') await settings.click();
  await page.getByLabel('Emulator URL').fill(apiUrl);
  await page.getByLabel('Configuration ID').fill(FIELD_SALES);
  await page.getByLabel('Assignment ID').fill(SALES_ASSIGNMENT);
  await page.getByLabel('Group ID').fill(GROUP);
  await page.getByLabel(/^Read the assignment first/).check();
  await page.getByLabel(/^Ask for the updated assignment/).check();
  await page.getByRole('button', { name: 'Send' }).click();
  await page.locator('.response.success').waitFor({ timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  return page.evaluate(typeGroupIds, KEYSTROKES);
}

/** Loads `url` in a fresh context and measures it; with `apiUrl` (the playground), also the
 * keystrokes after a send. */
async function measure(browser, url, apiUrl) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.ready !== undefined, null, { timeout: 30_000 });
  const marks = await page.evaluate(() => ({ ...window.__bench }));
  // Typing starts once the page is settled (no request for 500 ms), as a person's would:
  // what the page does in its first second is startup, measured above.
  await page.waitForLoadState('networkidle');
  const keystrokes = await page.evaluate(typeGroupIds, KEYSTROKES);
  const sizes = await page.evaluate(bytes);
  const cdp = await context.newCDPSession(page);
  const heap = await cdp.send('Runtime.getHeapUsage');
  const afterSend = apiUrl ? await typeAfterSend(page, apiUrl) : [];
  await context.close();
  return { ...marks, ...sizes, keystrokes, afterSend, heap: heap.usedSize };
}

/** Warm loads: one context loads `url` once (filling the HTTP cache and, for the playground,
 * installing the service worker, which then controls the page), then reloads it `loads` times,
 * so that every later load meets the caches and the browser's compiled-code cache as a
 * returning user's does; resolves to each later load's marks and timings. */
async function measureWarm(browser, url, loads, serviceWorker) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.ready !== undefined, null, { timeout: 30_000 });
  await page.waitForLoadState('networkidle');
  if (serviceWorker) {
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30_000 });
  }
  const results = [];
  for (let load = 0; load < loads; load += 1) {
    await page.reload();
    await page.waitForFunction(() => window.__bench.ready !== undefined, null, { timeout: 30_000 });
    const marks = await page.evaluate(() => ({ ...window.__bench }));
    const sizes = await page.evaluate(bytes);
    results.push({ ...marks, ...sizes });
    await page.waitForLoadState('networkidle');
  }
  await context.close();
  return results;
}

/** The main thread's work from navigation to a usable form, from one traced load: self time in
 * milliseconds by kind (HTML parsing, script, wasm compiled lazily on first call, style and
 * layout, and the rest of the tasks). */
async function mainThread(browser, url) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.addInitScript(instrument);
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'v8', 'v8.wasm', 'blink.user_timing'],
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.ready !== undefined, null, { timeout: 30_000 });
  const events = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
  await context.close();
  const threads = new Set(
    events
      .filter((event) => event.name === 'thread_name' && event.args?.name === 'CrRendererMain')
      .map((event) => `${event.pid}:${event.tid}`),
  );
  const start = events.find((event) => event.name === 'navigationStart')?.ts ?? 0;
  const end = events.find((event) => event.name === 'bench-ready')?.ts ?? Infinity;
  const slices = events
    .filter((event) => event.ph === 'X' && threads.has(`${event.pid}:${event.tid}`))
    .filter((event) => event.ts >= start && event.ts <= end)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const self = {};
  const open = [];
  for (const slice of slices) {
    while (open.length && open.at(-1).ts + open.at(-1).dur <= slice.ts) open.pop();
    if (open.length) self[open.at(-1).name] -= slice.dur / 1000;
    self[slice.name] = (self[slice.name] ?? 0) + slice.dur / 1000;
    open.push(slice);
  }
  const kinds = {
    'HTML parsing': ['ParseHTML'],
    script: ['FunctionCall', 'EvaluateScript', 'v8.evaluateModule', 'v8.compile', 'v8.compileModule'],
    'wasm compiled on first call': ['wasm.CompileLazy'],
    'style and layout': ['UpdateLayoutTree', 'Layout', 'ParseAuthorStyleSheet', 'PrePaint', 'Paint'],
  };
  const total = Object.values(self).reduce((sum, value) => sum + value, 0);
  const result = {};
  for (const [kind, names] of Object.entries(kinds)) {
    result[kind] = names.reduce((sum, name) => sum + (self[name] ?? 0), 0);
  }
  result['other tasks'] = total - Object.values(result).reduce((sum, value) => sum + value, 0);
  return result;
}

const percentile = (values, fraction) => {
  const sorted = values.filter((value) => value !== null && value !== undefined).sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
};
const median = (values) => percentile(values, 0.5);
const p95 = (values) => percentile(values, 0.95);

const hand = await serve(path.join(root, 'bench', 'hand-written'));
const floor = await serve(process.env.FLOOR_DIR ?? path.join(root, 'target', 'yew-floor'));
// APP_DIR serves another release build in place of dist/, to compare two builds.
const app = await serve(process.env.APP_DIR ?? path.join(root, 'dist'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
const results = { hand: [], floor: [], app: [] };
try {
  // One warm-up load of each, not counted: the first Chromium start of a page is an outlier.
  await measure(browser, hand.url);
  await measure(browser, floor.url);
  await measure(browser, app.url, app.apiUrl);
  for (let run = 0; run < RUNS; run += 1) {
    results.hand.push(await measure(browser, hand.url));
    results.floor.push(await measure(browser, floor.url));
    results.app.push(await measure(browser, app.url, app.apiUrl));
  }
  results.handWarm = await measureWarm(browser, hand.url, RUNS, false);
  results.floorWarm = await measureWarm(browser, floor.url, RUNS, false);
  results.appWarm = await measureWarm(browser, app.url, RUNS, true);
  results.handTrace = await mainThread(browser, hand.url);
  results.floorTrace = await mainThread(browser, floor.url);
  results.appTrace = await mainThread(browser, app.url);
} finally {
  await browser.close();
  hand.stop();
  floor.stop();
  app.stop();
}

const pick = (name, key) => results[name].map((result) => result[key]);
const keys = (name, key = 'keystrokes') => results[name].flatMap((result) => result[key]);
// Each row: label, how to sum up the three pages' runs (hand-written, floor, playground), the goal.
const rows = [
  ['usable form, median (ms)', (name) => median(pick(name, 'ready')), 1.3],
  ['usable form, p95 (ms)', (name) => p95(pick(name, 'ready')), null],
  ['keystroke to preview, median (ms)', (name) => median(keys(name)), 2],
  ['keystroke to preview, p95 (ms)', (name) => p95(keys(name)), 2],
  ['  the same after a send, median (ms)', (name) => median(keys(name, 'afterSend')), null],
  ['  the same after a send, p95 (ms)', (name) => p95(keys(name, 'afterSend')), null],
  ['bytes over the wire (KB)', (name) => median(pick(name, 'transfer')) / 1024, null],
  ['bytes decoded (KB)', (name) => median(pick(name, 'decoded')) / 1024, null],
  ['JS heap after typing (MB)', (name) => median(pick(name, 'heap')) / 1048576, null],
];
const cell = (value, width = 13) => (Number.isFinite(value) ? value.toFixed(2) : '-').padStart(width);
const header = (...names) => `${''.padEnd(36)}${names.map((name) => name.padStart(13)).join('')}`;
console.log(`\n${RUNS} cold loads of each page, ${KEYSTROKES} keystrokes per load, in turn, one Chromium`);
console.log('(ratios are to the hand-written page; the goals apply to the playground)');
console.log(`${header('hand-written', 'Yew floor', 'playground')}${'floor ×'.padStart(9)}${'ratio'.padStart(9)}  goal`);
for (const [label, sum, goal] of rows) {
  const [handValue, floorValue, appValue] = ['hand', 'floor', 'app'].map(sum);
  const ratio = appValue / handValue;
  const verdict = goal === null ? '' : `≤ ${goal} ${ratio <= goal ? 'met' : 'NOT met'}`;
  console.log(
    `${label.padEnd(36)}${cell(handValue)}${cell(floorValue)}${cell(appValue)}` +
      `${cell(floorValue / handValue, 9)}${cell(ratio, 9)}  ${verdict}`,
  );
}
console.log('\nStartup, median ms from navigation start:');
console.log(header('Yew floor', 'playground'));
for (const [label, key] of [
  ['page HTML arrived', 'htmlArrived'],
  ['wasm requested', 'wasmRequested'],
  ['wasm first byte', 'wasmFirstByte'],
  ['wasm fetched', 'wasmFetched'],
  ['wasm compiled', 'compiled'],
  ['wasm instantiated', 'instantiated'],
  ['form rendered (usable)', 'ready'],
]) {
  console.log(`  ${label.padEnd(34)}${cell(median(pick('floor', key)))}${cell(median(pick('app', key)))}`);
}
console.log('\nMain thread from navigation to a usable form, one traced load of each (ms of work):');
console.log(header('hand-written', 'Yew floor', 'playground'));
for (const kind of Object.keys(results.appTrace)) {
  const values = [results.handTrace, results.floorTrace, results.appTrace].map((trace) => cell(trace[kind]));
  console.log(`  ${kind.padEnd(34)}${values.join('')}`);
}

const warm = (name, key) => results[`${name}Warm`].map((result) => result[key]);
console.log(`\nWarm loads: ${RUNS} reloads of each page after a first load in the same context (HTTP cache,`);
console.log("compiled-code cache and, for the playground, its service worker in play), median ms:");
console.log(`${header('hand-written', 'Yew floor', 'playground')}${'floor ×'.padStart(9)}${'ratio'.padStart(9)}  goal`);
{
  const [handValue, floorValue, appValue] = ['hand', 'floor', 'app'].map((name) => median(warm(name, 'ready')));
  const ratio = appValue / handValue;
  console.log(
    `${'usable form, median (ms)'.padEnd(36)}${cell(handValue)}${cell(floorValue)}${cell(appValue)}` +
      `${cell(floorValue / handValue, 9)}${cell(ratio, 9)}  ≤ 1.5 ${ratio <= 1.5 ? 'met' : 'NOT met'}`,
  );
  const p95s = ['hand', 'floor', 'app'].map((name) => p95(warm(name, 'ready')));
  console.log(`${'usable form, p95 (ms)'.padEnd(36)}${p95s.map((value) => cell(value)).join('')}`);
  const wire = ['hand', 'floor', 'app'].map((name) => median(warm(name, 'transfer')) / 1024);
  console.log(`${'bytes over the wire (KB)'.padEnd(36)}${wire.map((value) => cell(value)).join('')}`);
}
console.log(header('Yew floor', 'playground'));
for (const [label, key] of [
  ['page HTML arrived', 'htmlArrived'],
  ['wasm fetched', 'wasmFetched'],
  ['wasm compiled', 'compiled'],
  ['wasm instantiated', 'instantiated'],
  ['form rendered (usable)', 'ready'],
]) {
  console.log(`  ${label.padEnd(34)}${cell(median(warm('floor', key)))}${cell(median(warm('app', key)))}`);
}
