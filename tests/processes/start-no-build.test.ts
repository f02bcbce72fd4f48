import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { stampText } from '../../src/lib/build-stamp.ts';
import { freePort } from '../integration/server.ts';

/**
 * `npm start` in the Docker image (START_NO_BUILD=1): the build made in the image is served as it is, and a
 * container whose settings differ from that build's stops, saying to rebuild the image, instead of building
 * (without Chromium, where the PDF could not be printed). A stamp stands for the build: the refusal comes first.
 */
const startScript = resolve(import.meta.dirname, '../../scripts/start.ts');
const BUILT_FOR = 'https://reports.example.com';
let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'start-no-build-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function stamp(site: string, report: boolean) {
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'dist/.build-stamp'), stampText(new Date(), { site, report }));
}

async function start(env: Record<string, string>, args: string[] = []) {
  const port = await freePort();
  const shell = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !['SITE_URL', 'REPORT_PDF', 'HOST', 'PORT'].includes(name)),
  );
  return spawnSync(process.execPath, [startScript, ...args], {
    cwd: dir,
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...shell, START_NO_BUILD: '1', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: join(dir, 'data'), ...env },
  });
}

describe('npm start with START_NO_BUILD=1 (the Docker image)', () => {
  it('refuses a container whose SITE_URL is not the one the image was built for, saying how to rebuild', async () => {
    stamp(BUILT_FOR, true);
    const result = await start({ SITE_URL: 'https://elsewhere.example' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(BUILT_FOR);
    expect(result.stderr).toContain('https://elsewhere.example');
    expect(result.stderr).toContain('--build-arg SITE_URL=https://elsewhere.example');
    expect(result.stdout).not.toContain('Building the site');
    // The build is left as it is.
    expect(readFileSync(join(dir, 'dist/.build-stamp'), 'utf8')).toContain(BUILT_FOR);
  });

  it('refuses a container that asks for the report PDF from an image built without it', async () => {
    stamp(BUILT_FOR, false);
    const result = await start({ SITE_URL: BUILT_FOR, REPORT_PDF: 'on' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('REPORT_PDF');
    expect(result.stderr).toContain('--build-arg REPORT_PDF=on');
    expect(result.stdout).not.toContain('Building the site');
  });

  it('refuses when there is no build at all, and when asked to build (--build)', async () => {
    const none = await start({ SITE_URL: BUILT_FOR });
    expect(none.status).toBe(1);
    expect(none.stderr).toMatch(/no build/i);
    expect(none.stdout).not.toContain('Building the site');
    stamp(BUILT_FOR, true);
    const forced = await start({ SITE_URL: BUILT_FOR }, ['--build']);
    expect(forced.status).toBe(1);
    expect(forced.stderr).toContain('--build');
    expect(forced.stdout).not.toContain('Building the site');
  });

  it('is the same with --no-build on the command line, without START_NO_BUILD', async () => {
    stamp(BUILT_FOR, true);
    const result = await start({ START_NO_BUILD: '', SITE_URL: 'https://elsewhere.example' }, ['--no-build']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('--build-arg SITE_URL=https://elsewhere.example');
    expect(result.stdout).not.toContain('Building the site');
  });
});
