// HTTPS, as Graph is: Microsoft's JavaScript client, unchanged, pages, retries through 429s and
// batches against the emulator started with --tls.
import { test, expect } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { withEmulator } from '../support/emulator.mjs';
import { FIELD_SALES, GROUP, SALES_ASSIGNMENT } from '../support/page.mjs';

const fixture = JSON.parse(readFileSync(path.resolve('..', 'crates', 'graph-emulator', 'fixtures', 'sample.json'), 'utf8'));

test('@microsoft/microsoft-graph-client works unchanged against the emulator over https', async () => {
  test.setTimeout(60_000);
  const certificate = path.join(mkdtempSync(path.join(tmpdir(), 'emulator-tls-')), 'emulator.pem');
  const flags = ['--tls', '--tls-cert-out', certificate, '--page-size', '1', '--throttle', '1/2'];
  await withEmulator(flags, async (url) => {
    expect(url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const output = execFileSync('node', ['clients/graph-js-client.mjs', url, FIELD_SALES, SALES_ASSIGNMENT, GROUP], {
      env: { ...process.env, NODE_EXTRA_CA_CERTS: certificate },
      encoding: 'utf8',
    });
    const result = JSON.parse(output.trim().split('\n').pop());
    // The page iterator followed every https next link, one configuration a page.
    expect(result.seen).toEqual(fixture.configurations.map((configuration) => configuration.id));
    // The second and third write were throttled (429) and retried by the client until they went through.
    expect(result.writes).toEqual([204, 204, 204]);
    expect(result.unretried).toBe(429);
    // The batch: the assignment, and a configuration that does not exist.
    expect(result.inner).toEqual([['1', 200], ['2', 404]]);
  });
});
