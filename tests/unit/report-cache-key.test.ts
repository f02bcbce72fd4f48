import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  chromiumIdentity,
  forgetChromiumIdentities,
  reportCache,
  reportKey,
} from '../../src/integrations/report-pdf/cache.ts';
import type { ReportManifestEntry } from '../../src/lib/report-manifest.ts';

/**
 * The report cache's key: what decides whether `astro build` prints the PDF again or copies it. A project
 * with one series, a built print page and stand-in Chromium executables, in a temporary folder.
 */
let dir: string;
const clientDir = () => join(dir, 'dist/client');
const browser = () => join(dir, 'bin/chromium');
const key = async (chromium = browser()) =>
  reportKey({
    root: dir,
    clientDir: clientDir(),
    series: 's',
    meta: { title: 'T' },
    chromium: await chromiumIdentity(chromium),
  });

/** A launcher script that answers `--version` with `version`. */
function launcher(path: string, version: string): void {
  writeFileSync(path, `#!/bin/sh\necho "Chromium ${version}"\n`);
  chmodSync(path, 0o755);
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-report-key-'));
  mkdirSync(join(dir, 'content/series/s/trends'), { recursive: true });
  writeFileSync(join(dir, 'content/series/s/trends/01.mdx'), 'One.\n');
  mkdirSync(join(clientDir(), 's/report/print'), { recursive: true });
  writeFileSync(join(clientDir(), 's/report/print/index.html'), '<link rel="stylesheet" href="/a.css">');
  writeFileSync(join(clientDir(), 'a.css'), 'body{}');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(browser(), '\x7fELF a stand-in for a browser program');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the report cache key', () => {
  it('stays the same while nothing the PDF depends on changes', async () => {
    expect(await key()).toBe(await key());
  });

  it('changes with an article, the print page or a stylesheet it loads', async () => {
    const keys = [await key()];
    writeFileSync(join(dir, 'content/series/s/trends/01.mdx'), 'One, edited.\n');
    keys.push(await key());
    writeFileSync(join(clientDir(), 's/report/print/index.html'), '<link rel="stylesheet" href="/a.css"><p>');
    keys.push(await key());
    writeFileSync(join(clientDir(), 'a.css'), 'body{color:red}');
    keys.push(await key());
    expect(new Set(keys).size).toBe(4);
  });

  it('changes when the Chromium program is replaced, as an upgrade does', async () => {
    const before = await key();
    utimesSync(browser(), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(await key()).not.toBe(before);
  });

  it('follows a link to the browser: a new target is a new Chromium', async () => {
    const link = join(dir, 'bin/chromium-link');
    symlinkSync(browser(), link);
    const before = await key(link);
    writeFileSync(join(dir, 'bin/chromium-2'), '\x7fELF a newer browser program');
    rmSync(link);
    symlinkSync(join(dir, 'bin/chromium-2'), link);
    expect(await key(link)).not.toBe(before);
  });

  it('asks a launcher script for its version: the browser behind it may change while the script does not', async () => {
    const script = join(dir, 'bin/chromium-launcher');
    launcher(script, '120.0');
    const when = new Date('2026-01-01');
    utimesSync(script, when, when);
    expect(await chromiumIdentity(script)).toContain('version Chromium 120.0');
    const before = await key(script);
    // The same size and time, another browser behind it, at the next build.
    launcher(script, '121.0');
    utimesSync(script, when, when);
    forgetChromiumIdentities();
    expect(await chromiumIdentity(script)).toContain('version Chromium 121.0');
    expect(await key(script)).not.toBe(before);
  });
});

describe('the last printer', () => {
  const entry = { series: 's', bytes: 3 } as ReportManifestEntry;
  const pdf = new Uint8Array([1, 2, 3]);

  it('is the Chromium that printed the stored report, while it exists', () => {
    const cache = reportCache(dir);
    expect(cache.lastPrinter()).toBeUndefined();
    cache.store('s', 'a'.repeat(32), pdf, entry, { path: browser(), origin: 'system' });
    expect(cache.lastPrinter()).toBe(browser());
    rmSync(browser());
    expect(cache.lastPrinter()).toBeUndefined();
  });

  it('is not a Chromium that CHROMIUM_PATH named: that one counts only while the variable is set', () => {
    const cache = reportCache(dir);
    cache.store('s', 'a'.repeat(32), pdf, entry, { path: browser(), origin: 'CHROMIUM_PATH' });
    expect(cache.lastPrinter()).toBeUndefined();
  });
});
