/**
 * Finds a Chromium for the end-to-end tests (and the report printer): CHROMIUM_PATH, then a
 * Playwright-managed browser, then a system Chromium or Chrome. `installChromium()` installs one where
 * it can: Playwright's installer, else Debian's package when running as root on Debian.
 */
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * Playwright's `chromium`, loaded when first asked for: loading Playwright takes about 0.2 s, which a
 * build that copies its report from the cache (or a CHROMIUM_PATH) never needs to spend.
 */
export function playwrightChromium(): typeof import('playwright-core').chromium {
  return (createRequire(import.meta.url)('playwright-core') as typeof import('playwright-core')).chromium;
}

export const SYSTEM_BROWSERS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

export interface FoundBrowser {
  path: string;
  /** Where it was found. */
  origin: 'CHROMIUM_PATH' | 'playwright' | 'system';
}

export function findChromium(env: NodeJS.ProcessEnv = process.env): FoundBrowser | undefined {
  const override = env.CHROMIUM_PATH?.trim();
  if (override) {
    if (!existsSync(override)) throw new Error(`CHROMIUM_PATH is set to "${override}", but no file exists there.`);
    return { path: override, origin: 'CHROMIUM_PATH' };
  }
  try {
    const managed = playwrightChromium().executablePath();
    if (managed && existsSync(managed)) return { path: managed, origin: 'playwright' };
  } catch {
    // Playwright has no browser for this platform: fall through to the system browsers.
  }
  const system = SYSTEM_BROWSERS.find((path) => existsSync(path));
  return system ? { path: system, origin: 'system' } : undefined;
}

/** Flags that keep Chromium quiet on machines with a closed network and as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

/** Root on Debian: where the project may install a missing system package itself. */
export const isDebianRoot = () => existsSync('/etc/debian_version') && process.getuid?.() === 0;

export const INSTALL_HELP = [
  'No Chromium was found. Install one of these, then run the command again:',
  '  - Playwright-managed:  npx playwright install chromium',
  '  - Debian/Ubuntu:       sudo apt-get install -y chromium',
  '  - or point CHROMIUM_PATH at a Chromium or Chrome executable.',
].join('\n');

/** Installs a Chromium where possible; returns the one found afterwards. */
export function installChromium(log: (line: string) => void = console.log): FoundBrowser | undefined {
  log("No Chromium found: trying Playwright's installer (npx playwright install chromium)...");
  const playwright = spawnSync('npx', ['playwright', 'install', 'chromium'], {
    stdio: 'inherit',
    timeout: 10 * 60_000,
  });
  let found = playwright.status === 0 ? findChromium() : undefined;
  if (!found && isDebianRoot()) {
    log("Playwright's download failed: installing Debian's chromium package (apt-get install -y chromium)...");
    spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    found = findChromium();
  }
  return found;
}
