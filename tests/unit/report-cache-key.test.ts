import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCache, reportKey } from '../../src/integrations/report-pdf/cache.ts';
import type { ReportManifestEntry } from '../../src/lib/report-manifest.ts';

/**
 * The report cache's key: what decides whether `astro build` prints the PDF again or copies it. A project
 * with one series, a built print page and a stand-in Chromium executable, in a temporary folder.
 */
let dir: string;
const clientDir = () => join(dir, 'dist/client');
const browser = () => join(dir, 'bin/chromium');
const key = (chromium = browser()) =>
  reportKey({ root: dir, clientDir: clientDir(), series: 's', meta: { title: 'T' }, chromium });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-report-key-'));
  mkdirSync(join(dir, 'content/series/s/trends'), { recursive: true });
  writeFileSync(join(dir, 'content/series/s/trends/01.mdx'), 'One.\n');
  mkdirSync(join(clientDir(), 's/report/print'), { recursive: true });
  writeFileSync(join(clientDir(), 's/report/print/index.html'), '<link rel="stylesheet" href="/a.css">');
  writeFileSync(join(clientDir(), 'a.css'), 'body{}');
  mkdirSync(join(dir, 'bin'));
  writeFileSync(browser(), '#!/bin/sh\n');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the report cache key', () => {
  it('stays the same while nothing the PDF depends on changes', () => {
    expect(key()).toBe(key());
  });

  it('changes with an article, the print page or a stylesheet it loads', () => {
    const before = key();
    writeFileSync(join(dir, 'content/series/s/trends/01.mdx'), 'One, edited.\n');
    const edited = key();
    expect(edited).not.toBe(before);
    writeFileSync(join(clientDir(), 'a.css'), 'body{color:red}');
    expect(key()).not.toBe(edited);
  });

  it('changes when the Chromium that prints is replaced, as an upgrade does', () => {
    const before = key();
    utimesSync(browser(), new Date('2030-01-01'), new Date('2030-01-01'));
    expect(key()).not.toBe(before);
  });

  it('follows a link to the browser: a new target is a new Chromium', () => {
    const link = join(dir, 'bin/chromium-link');
    symlinkSync(browser(), link);
    const before = key(link);
    writeFileSync(join(dir, 'bin/chromium-2'), '#!/bin/sh\n# newer\n');
    rmSync(link);
    symlinkSync(join(dir, 'bin/chromium-2'), link);
    expect(key(link)).not.toBe(before);
  });
});

describe('the last printer', () => {
  const entry = { series: 's', bytes: 3 } as ReportManifestEntry;

  it('is the Chromium that printed the stored report, while it exists', () => {
    const cache = reportCache(dir);
    expect(cache.lastPrinter()).toBeUndefined();
    cache.store('s', 'a'.repeat(32), new Uint8Array([1, 2, 3]), entry, browser());
    expect(cache.lastPrinter()).toBe(browser());
    rmSync(browser());
    expect(cache.lastPrinter()).toBeUndefined();
  });
});
