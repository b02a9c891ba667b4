// The page runs under its Content-Security-Policy without violations, and refuses to send a
// token anywhere but Graph over https or an emulator on loopback.
import { test, expect } from '@playwright/test';
import { SHARED_API_URL } from '../support/emulator.mjs';
import { chooseIds, openPlayground, sendExpecting } from '../support/page.mjs';

test('the policy is in place and nothing the page does violates it', async ({ page }) => {
  const violations = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Trusted ?Type/i.test(message.text())) violations.push(message.text());
  });
  await openPlayground(page, SHARED_API_URL);
  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("default-src 'none'");
  expect(policy).not.toContain("'unsafe-inline'");
  expect(policy).toContain("worker-src 'self' blob:");
  expect(policy).toContain("require-trusted-types-for 'script'");
  await chooseIds(page);
  await sendExpecting(page, '204 No Content');
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await expect(page.getByLabel('Pick a configuration')).toBeVisible();
  expect(violations).toEqual([]);
  // The policy is enforced, not only written: markup from a string is refused.
  const written = await page.evaluate(() => {
    try {
      document.createElement('div').innerHTML = '<img src=x>';
      return 'written';
    } catch (error) {
      return error.name;
    }
  });
  expect(written).toBe('TypeError');
});

test('a non-loopback emulator URL is refused before anything is sent', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await openPlayground(page, 'http://attacker.example:8787');
  await chooseIds(page);
  await expect(page.locator('#emulator-url-messages')).toContainText('is not localhost or 127.0.0.1');
  await expect(page.getByRole('button', { name: 'Send' })).toBeDisabled();
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await expect(page.getByText('is not localhost or 127.0.0.1').first()).toBeVisible();
  expect(requests.filter((url) => url.includes('attacker.example'))).toEqual([]);
});

test('a next link to another host is not followed with the token', async ({ page }) => {
  const requests = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.route('**/iosLobAppProvisioningConfigurations?**', (route) =>
    route.fulfill({
      status: 200,
      headers: { 'access-control-allow-origin': '*', 'content-type': 'application/json' },
      body: JSON.stringify({
        value: [{ id: 'c1', displayName: 'First page' }],
        '@odata.nextLink': 'https://attacker.example/beta/deviceAppManagement/iosLobAppProvisioningConfigurations?$skiptoken=1',
      }),
    }),
  );
  await openPlayground(page, SHARED_API_URL);
  await page.getByRole('button', { name: 'Load configurations' }).click();
  await expect(page.getByRole('alert')).toContainText('the token is not sent there');
  expect(requests.filter((url) => url.includes('attacker.example'))).toEqual([]);
});
