import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium, INSTALL_HELP } from './src/integrations/browser.ts';

/** End-to-end tests in Chromium against the production build, served once for the whole suite. */
const browser = findChromium();
if (!browser) throw new Error(`${INSTALL_HELP}\n(or run: npm run setup:browser)`);

const port = Number(process.env.E2E_PORT ?? 4391);
// A fresh lead database for every run (workers inherit the variable, so they share the runner's).
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'ml-trends-e2e-'));

export default defineConfig({
  testDir: 'tests/e2e',
  fullyParallel: true,
  forbidOnly: Boolean(process.env.CI),
  workers: 2,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    launchOptions: { executablePath: browser.path, args: CHROMIUM_ARGS },
    trace: 'retain-on-failure',
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
    command: 'node scripts/start.ts',
    // Leads submitted by the tests go to a database of their own, never the project's data/.
    env: {
      PORT: String(port),
      HOST: 'localhost',
      DATA_DIR: process.env.E2E_DATA_DIR,
      REPORT_LINK_SECRET: 'end-to-end-tests-secret-0123456789abcdef',
      // Every test posts from this one machine: the per-client form limit (10 in 15 minutes) would refuse the
      // later ones. The limits have their own integration tests.
      RATE_LIMIT_MAX: '1000',
    },
    url: `http://localhost:${port}/`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
  },
});
