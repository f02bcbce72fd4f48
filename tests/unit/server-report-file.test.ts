import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptReportManifest, findReport } from '../../src/gate/report-file.ts';

describe('findReport', () => {
  let dir: string;
  const entry = (sha256: string) => ({
    series: 's',
    file: 's.pdf',
    fileName: 'S.pdf',
    title: 'S',
    pages: 1,
    bytes: 4,
    sha256,
    generatedAt: '2026-01-01T00:00:00Z',
    contents: [],
  });
  const writeManifest = (text: string) => writeFileSync(join(dir, 'manifest.json'), text);

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'report-file-'));
    writeFileSync(join(dir, 's.pdf'), '%PDF');
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('sees a rebuilt, a corrupt and a removed manifest on the next call, though it reads each version once', () => {
    expect(findReport(dir, 's')).toBeUndefined();
    writeManifest(JSON.stringify([entry('a'.repeat(64))]));
    expect(findReport(dir, 's')?.etag).toBe(`"${'a'.repeat(32)}"`);
    expect(findReport(dir, 's')?.etag).toBe(`"${'a'.repeat(32)}"`);
    writeManifest(JSON.stringify([entry('b'.repeat(64))]));
    expect(findReport(dir, 's')?.etag).toBe(`"${'b'.repeat(32)}"`);
    writeManifest('[{"series": "s", "file"');
    expect(() => findReport(dir, 's')).toThrow(CorruptReportManifest);
    rmSync(join(dir, 'manifest.json'));
    expect(findReport(dir, 's')).toBeUndefined();
  });

  it('gives no report when the PDF is not the size the manifest says', () => {
    writeManifest(JSON.stringify([entry('a'.repeat(64))]));
    writeFileSync(join(dir, 's.pdf'), '%PDF-being-rewritten');
    expect(findReport(dir, 's')).toBeUndefined();
  });
});
