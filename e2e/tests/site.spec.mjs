// The built folder as a static site any team can host: it works from a sub-path with the
// headers it writes for hosts, and every host's file carries the page's own policy.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test, expect } from '@playwright/test';
import { withEmulator } from '../support/emulator.mjs';
import { DIST, headersFileOf, startPlainHost } from '../support/plain-host.mjs';
import { chooseIds, openConnectionSettings, sendExpecting } from '../support/page.mjs';

/** The policy in the built page's <meta>. */
function pagePolicy() {
  const html = readFileSync(path.join(DIST, 'index.html'), 'utf8');
  const policy = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]+)"/);
  expect(policy, 'the page carries its policy').not.toBeNull();
  return policy[1];
}

test('every host file carries the page\'s own policy, with framing refused', () => {
  const header = `${pagePolicy()}; frame-ancestors 'none'`;
  const netlify = headersFileOf();
  expect(netlify['Content-Security-Policy']).toBe(header);
  const azure = JSON.parse(readFileSync(path.join(DIST, 'staticwebapp.config.json'), 'utf8'));
  expect(azure.globalHeaders).toEqual(netlify);
  expect(azure.mimeTypes['.wasm']).toBe('application/wasm');
  const nginx = readFileSync(path.join(DIST, 'nginx.conf'), 'utf8');
  for (const [name, value] of Object.entries(netlify)) {
    expect(nginx).toContain(`add_header ${name} "${value}" always;`);
  }
});

test('served from a sub-path with the generated headers, the page loads cleanly and sends a PATCH', async ({ page }) => {
  const host = await startPlainHost({ base: '/playground/', headers: true });
  const complaints = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Trusted ?Type/i.test(message.text())) {
      complaints.push(message.text());
    }
  });
  page.on('response', (response) => {
    if (response.status() >= 400) complaints.push(`${response.status()} ${response.url()}`);
  });
  try {
    await withEmulator(['--allow-origin', new URL(host.url).origin], async (url) => {
      const answer = await page.goto(host.url);
      expect((await answer.allHeaders())['content-security-policy']).toContain("frame-ancestors 'none'");
      await openConnectionSettings(page);
      await page.getByLabel('Emulator URL').fill(url);
      await page.getByRole('button', { name: 'Fill placeholder' }).click();
      await chooseIds(page);
      await sendExpecting(page, '204 No Content');
      // The worker's files, the stylesheet, the icon and the manifest all came from the sub-path.
      await expect(page.getByRole('button', { name: 'Copy snippet' })).toBeVisible();
      const manifest = await page.evaluate(async () => {
        const link = document.querySelector('link[rel="manifest"]');
        return (await fetch(link.href)).json();
      });
      expect(manifest.short_name).toBe('Assignment playground');
      expect(manifest.start_url).toBe('./');
      expect(manifest.icons.map((icon) => icon.src)).toEqual(['favicon.svg']);
      expect(complaints).toEqual([]);
    });
  } finally {
    await host.stop();
  }
});

test('served from a host other than this machine, the page starts on the global cloud with sign-in first', async ({ playwright }, testInfo) => {
  const launch = testInfo.project.use.launchOptions;
  const browser = await playwright.chromium.launch({
    ...launch,
    args: [...launch.args, '--host-resolver-rules=MAP team.example 127.0.0.1'],
  });
  const host = await startPlainHost({ base: '/playground/', headers: true });
  try {
    const page = await browser.newPage();
    const url = host.url.replace('127.0.0.1', 'team.example');
    await page.goto(url);
    // No emulator placeholder token: the connection settings are open on the global cloud.
    await expect(page.getByLabel('Environment')).toHaveValue('global');
    await expect(page.getByLabel('Access token')).toHaveValue('');
    await expect(page.getByRole('button', { name: 'Sign in with Microsoft' })).toBeVisible();
    await expect(page.getByLabel('Redirect URI')).toHaveValue(url);
    // The emulator is still in the list, with how to run it for this site.
    await page.getByLabel('Environment').selectOption({ label: 'Local emulator (no tenant needed)' });
    await expect(page.getByText('The emulator runs on your machine: start it with')).toContainText(
      `--allow-origin ${new URL(url).origin} so that it answers this site.`,
    );
  } finally {
    await host.stop();
    await browser.close();
  }
});
