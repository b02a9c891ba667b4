// Starting Graph emulators for the tests: the shared one that also serves the app, and
// short-lived ones with behaviour flags (throttling, faults, a fixed token).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The emulator binary (scripts/test builds it; EMULATOR_BIN overrides). */
export const EMULATOR_BIN = process.env.EMULATOR_BIN ?? path.join(root, 'target', 'debug', 'graph-emulator');
/** Where the shared emulator serves the app and the API during the tests. */
export const APP_URL = 'http://127.0.0.1:18080';
export const SHARED_API_URL = 'http://127.0.0.1:18787';

/** The command line of the shared emulator. */
export function emulatorCommand() {
  const dist = path.join(root, 'dist');
  return `"${EMULATOR_BIN}" --listen 127.0.0.1:18787 --app-dir "${dist}" --app-listen 127.0.0.1:18080`;
}

/** Starts an emulator with `flags` on a free port; resolves to { url, stop }, and with
 * `--app-dir` also to `appUrl`, where it serves that folder. */
export function startEmulator(flags = []) {
  const child = spawn(EMULATOR_BIN, ['--listen', '127.0.0.1:0', ...flags], {
    stdio: ['ignore', 'pipe', 'ignore'],
    env: { ...process.env, RUST_LOG: 'warn' },
  });
  const servesApp = flags.includes('--app-dir');
  const stop = () =>
    new Promise((done) => {
      child.removeAllListeners('exit');
      child.once('exit', done);
      child.kill();
    });
  return new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`emulator exited with ${code}`)));
    let url = null;
    lines.on('line', (line) => {
      if (url === null) {
        const match = /^Graph emulator: (https?:\/\/\S+)\/beta$/.exec(line.trim());
        if (!match) {
          reject(new Error(`unexpected emulator output: ${line}`));
          return;
        }
        url = match[1];
        if (!servesApp) resolve({ url, stop });
        return;
      }
      const app = /^Playground: (http:\/\/\S+?\/) /.exec(line);
      if (servesApp && app) resolve({ url, appUrl: app[1], stop });
    });
  });
}

/** Reads an assignment straight from an emulator, to prove a write happened. */
export async function readAssignment(apiUrl, configurationId, assignmentId) {
  const url = `${apiUrl}/beta/deviceAppManagement/iosLobAppProvisioningConfigurations/${encodeURIComponent(configurationId)}/assignments/${encodeURIComponent(assignmentId)}`;
  const response = await fetch(url, { headers: { authorization: 'Bearer e2e-check' } });
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
  return response.json();
}

/** Runs `body(url)` against a fresh emulator started with `flags`, stopping it afterwards. */
export async function withEmulator(flags, body) {
  const emulator = await startEmulator(flags);
  try {
    await body(emulator.url);
  } finally {
    await emulator.stop();
  }
}
