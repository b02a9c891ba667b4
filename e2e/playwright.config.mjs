// Playwright drives Debian's headless Chromium (no browser download) against the Graph
// emulator, which serves the release build of the app on another origin.
import { defineConfig } from '@playwright/test';
import { APP_URL, emulatorCommand } from './support/emulator.mjs';

export default defineConfig({
  testDir: './tests',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: APP_URL,
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless=new',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  webServer: {
    command: emulatorCommand(),
    url: `${APP_URL}/index.html`,
    reuseExistingServer: false,
    stdout: 'ignore',
    timeout: 30_000,
  },
});
