// Takes the README's picture: the page after sending an Included group target to the emulator.
// Run from the repository root after `trunk build --release`: node e2e/screenshot.mjs
import path from 'node:path';
import { chromium } from '@playwright/test';
import config from './playwright.config.mjs';
import { startEmulator } from './support/emulator.mjs';
import { GROUP, FILTER, chooseIds, openPlayground, sendExpecting } from './support/page.mjs';

const appListen = '127.0.0.1:18090';
const emulator = await startEmulator(['--app-dir', 'dist', '--app-listen', appListen]);
const browser = await chromium.launch(config.use.launchOptions);
try {
  const page = await browser.newPage({ baseURL: `http://${appListen}`, viewport: { width: 1280, height: 1000 } });
  await openPlayground(page, emulator.url);
  await chooseIds(page);
  await page.getByLabel('Target type').selectOption({ label: 'Included group' });
  await page.getByLabel('Group ID').fill(GROUP);
  await page.getByLabel('Filter type').selectOption({ label: 'Include' });
  await page.getByLabel('Filter ID').fill(FILTER);
  await sendExpecting(page, '204 No Content');
  const file = path.join('docs', 'screenshot.png');
  await page.screenshot({ path: file, fullPage: true });
  console.log(`wrote ${file}`);
} finally {
  await browser.close();
  await emulator.stop();
}
