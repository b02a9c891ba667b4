// The emulator as a sign-in authority, driven by a real browser: its script-free sign-in page,
// the redirect back to the app's origin, and code redemption with PKCE from that origin (CORS),
// then the minted token at Graph.
import { test, expect } from '@playwright/test';
import path from 'node:path';
import { startEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, SALES_ASSIGNMENT } from '../support/page.mjs';

const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
const dist = path.resolve('..', 'dist');

/** A PKCE verifier and its S256 challenge, made with the browser's Web Crypto. */
async function pkce(page) {
  return page.evaluate(async () => {
    const base64url = (bytes) => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    const verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    return { verifier, challenge: base64url(digest) };
  });
}

async function withAuthority(body) {
  const emulator = await startEmulator(['--app-dir', dist, '--app-listen', '127.0.0.1:0', '--client-id', CLIENT_ID]);
  try {
    await body(emulator);
  } finally {
    await emulator.stop();
  }
}

/** Opens the sign-in page for the app at `appUrl`; returns the PKCE pair. */
async function openSignIn(page, url, appUrl, state) {
  await page.goto(appUrl);
  const { verifier, challenge } = await pkce(page);
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    response_type: 'code',
    redirect_uri: appUrl,
    scope: `${url}/DeviceManagementApps.ReadWrite.All offline_access openid profile`,
    state,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  await page.goto(`${url}/organizations/oauth2/v2.0/authorize?${query}`);
  await expect(page.getByRole('heading', { name: 'Sign in to the Graph emulator' })).toBeVisible();
  return verifier;
}

/** Clicks `button` on the sign-in page and resolves to the address the browser is sent back
 * to, with `parameter` in its query. Read from the navigation request: the playground takes the
 * answer off the address bar as soon as it starts. */
async function sentBack(page, appUrl, button, parameter) {
  const request = page.waitForRequest(
    (request) => request.isNavigationRequest() && request.url().startsWith(appUrl) && new URL(request.url()).searchParams.has(parameter),
  );
  await page.getByRole('button', { name: button, exact: true }).click();
  return new URL((await request).url());
}

/** Redeems `code` with a fetch from the page's own origin, as a single-page app does. */
function redeem(page, url, appUrl, code, verifier) {
  return page.evaluate(
    async ({ url, appUrl, code, verifier, clientId }) => {
      const response = await fetch(`${url}/organizations/oauth2/v2.0/token`, {
        method: 'POST',
        body: new URLSearchParams({ client_id: clientId, grant_type: 'authorization_code', code, redirect_uri: appUrl, code_verifier: verifier }),
      });
      return { status: response.status, body: await response.json() };
    },
    { url, appUrl, code, verifier, clientId: CLIENT_ID },
  );
}

test('the sign-in page sends a code back to the app, which redeems it from its origin and writes with the token', async ({ page }) => {
  await withAuthority(async ({ url, appUrl }) => {
    const verifier = await openSignIn(page, url, appUrl, 'state-1');
    await page.getByLabel(/Adele Vance/).check();
    const back = await sentBack(page, appUrl, 'Sign in', 'code');
    expect(back.searchParams.get('state')).toBe('state-1');

    const redeemed = await redeem(page, url, appUrl, back.searchParams.get('code'), verifier);
    expect(redeemed.status).toBe(200);
    expect(redeemed.body.refresh_token).toBeTruthy();
    const payload = JSON.parse(Buffer.from(redeemed.body.access_token.split('.')[1], 'base64url').toString());
    expect(payload.scp).toBe('DeviceManagementApps.ReadWrite.All');
    expect(payload.upn).toBe('adele.vance@contoso.onmicrosoft.com');

    const assignment = `${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${FIELD_SALES}/assignments/${encodeURIComponent(SALES_ASSIGNMENT)}`;
    const written = await fetch(assignment, {
      method: 'PATCH',
      headers: { authorization: `Bearer ${redeemed.body.access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ target: { '@odata.type': '#microsoft.graph.groupAssignmentTarget', groupId: GROUP } }),
    });
    expect(written.status).toBe(204);

    const again = await redeem(page, url, appUrl, back.searchParams.get('code'), verifier);
    expect(again.status).toBe(400);
    expect(again.body.error).toBe('invalid_grant');
  });
});

test('Cancel on the sign-in page goes back with access_denied and the state', async ({ page }) => {
  await withAuthority(async ({ url, appUrl }) => {
    await openSignIn(page, url, appUrl, 'state-2');
    const back = await sentBack(page, appUrl, 'Cancel', 'error');
    expect(back.searchParams.get('error')).toBe('access_denied');
    expect(back.searchParams.get('state')).toBe('state-2');
    expect(back.searchParams.has('code')).toBe(false);
  });
});

test('a user without the Intune permission gets a token that Graph refuses with 403 naming it', async ({ page }) => {
  await withAuthority(async ({ url, appUrl }) => {
    const verifier = await openSignIn(page, url, appUrl, 'state-3');
    await page.getByLabel(/Megan Bowen/).check();
    const code = (await sentBack(page, appUrl, 'Sign in', 'code')).searchParams.get('code');
    const redeemed = await redeem(page, url, appUrl, code, verifier);
    expect(redeemed.status).toBe(200);
    const read = await fetch(`${url}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations`, {
      headers: { authorization: `Bearer ${redeemed.body.access_token}` },
    });
    expect(read.status).toBe(403);
    expect((await read.json()).error.message).toContain('DeviceManagementApps.ReadWrite.All');
  });
});

test('an unregistered redirect URI is refused on the sign-in page itself', async ({ page }) => {
  await withAuthority(async ({ url }) => {
    const query = new URLSearchParams({
      client_id: CLIENT_ID,
      response_type: 'code',
      redirect_uri: 'https://evil.example/',
      scope: 'openid',
      code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
      code_challenge_method: 'S256',
    });
    const response = await page.goto(`${url}/organizations/oauth2/v2.0/authorize?${query}`);
    expect(response.status()).toBe(400);
    await expect(page.getByRole('alert')).toContainText('AADSTS50011');
    expect(page.url()).toContain(url);
  });
});
