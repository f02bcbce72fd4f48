import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { reportCache, reportKey } from '../../src/integrations/report-pdf/cache.ts';
import { fontFiles } from '../../src/integrations/report-pdf/typst/compile.ts';
import type { ReportManifestEntry } from '../../src/lib/report-manifest.ts';

/**
 * The report cache's key: what decides whether `astro build` typesets the PDF again or copies it. A project
 * with a built print page and its own copies of the font and compiler packages, in a temporary folder.
 */
const REAL = process.cwd();
let dir: string;
const clientDir = () => join(dir, 'dist/client');
const key = (meta: object = { title: 'T' }) => reportKey({ root: dir, clientDir: clientDir(), series: 's', meta });

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-report-key-'));
  writeFileSync(join(dir, 'package.json'), '{}');
  mkdirSync(join(dir, 'node_modules/@myriaddreamin'), { recursive: true });
  // The fonts are copied (one is edited below); the compiler's package only needs its manifest.
  for (const pkg of ['source-serif', 'source-sans'])
    cpSync(join(REAL, 'node_modules', pkg), join(dir, 'node_modules', pkg), { recursive: true });
  const compiler = join(dir, 'node_modules/@myriaddreamin/typst-ts-node-compiler');
  mkdirSync(compiler);
  writeFileSync(join(compiler, 'package.json'), '{"name":"@myriaddreamin/typst-ts-node-compiler","version":"0.7.0"}');
  mkdirSync(join(clientDir(), 's/report/print'), { recursive: true });
  writeFileSync(join(clientDir(), 's/report/print/index.html'), '<main data-report="s"><p>One.</p></main>');
});

afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the report cache key', () => {
  it('stays the same while nothing the PDF depends on changes', () => {
    expect(key()).toBe(key());
  });

  it('changes with the print page (text and figure models) and the metadata', () => {
    const keys = [key()];
    writeFileSync(join(clientDir(), 's/report/print/index.html'), '<main data-report="s"><p>One, edited.</p></main>');
    keys.push(key());
    keys.push(key({ title: 'Another title' }));
    expect(new Set(keys).size).toBe(3);
  });

  it('changes with a font file and with the compiler version', () => {
    const before = key();
    const font = fontFiles(dir)[0]!;
    writeFileSync(font, Buffer.concat([readFileSync(font), Buffer.from([0])]));
    const afterFont = key();
    expect(afterFont).not.toBe(before);
    const manifest = join(dir, 'node_modules/@myriaddreamin/typst-ts-node-compiler/package.json');
    writeFileSync(manifest, '{"name":"@myriaddreamin/typst-ts-node-compiler","version":"0.7.1"}');
    expect(key()).not.toBe(afterFont);
  });
});

describe('the report cache', () => {
  const picture = (file: string) => ({ file, width: 2, height: 3, alt: file, pages: [1] });
  const entry = {
    series: 's',
    bytes: 3,
    previews: { cover: picture('s-cover-000000000000.webp'), spreads: [picture('s-spread-1-111111111111.webp')] },
  } as ReportManifestEntry;
  const pictures = [
    { file: 's-cover-000000000000.webp', bytes: new Uint8Array([7]) },
    { file: 's-spread-1-111111111111.webp', bytes: new Uint8Array([8]) },
  ];
  const pdf = new Uint8Array([1, 2, 3]);

  it('gives back the stored PDF and its pictures by its key, and nothing for another key', () => {
    const cache = reportCache(dir);
    const pictureDir = join(dir, 'pictures');
    cache.store('s', 'a'.repeat(32), pdf, entry, pictures);
    expect(cache.restore('s', 'b'.repeat(32), join(dir, 'x.pdf'), pictureDir)).toBeUndefined();
    expect(cache.restore('s', 'a'.repeat(32), join(dir, 'x.pdf'), pictureDir)).toEqual(entry);
    expect([...readFileSync(join(dir, 'x.pdf'))]).toEqual([1, 2, 3]);
    expect([...readFileSync(join(pictureDir, 's-cover-000000000000.webp'))]).toEqual([7]);
    expect([...readFileSync(join(pictureDir, 's-spread-1-111111111111.webp'))]).toEqual([8]);
  });

  it('counts a report whose pictures are missing as a miss, to be typeset again', () => {
    const cache = reportCache(dir);
    cache.store('s', 'c'.repeat(32), pdf, entry, pictures.slice(0, 1));
    expect(cache.restore('s', 'c'.repeat(32), join(dir, 'z.pdf'), join(dir, 'pictures'))).toBeUndefined();
    // A report cached before the pictures existed is a miss too.
    cache.store('s', 'd'.repeat(32), pdf, { series: 's', bytes: 3 } as ReportManifestEntry, []);
    expect(cache.restore('s', 'd'.repeat(32), join(dir, 'z.pdf'), join(dir, 'pictures'))).toBeUndefined();
  });

  it('keeps a report too long to draw pictures of (the 1,000-trend benchmark) without them', () => {
    const cache = reportCache(dir);
    const long = { series: 's', bytes: 3, pages: 2019 } as ReportManifestEntry;
    cache.store('s', 'e'.repeat(32), pdf, long, []);
    expect(cache.restore('s', 'e'.repeat(32), join(dir, 'l.pdf'), join(dir, 'pictures'))).toEqual(long);
  });

  it('keeps one report per series, with its pictures only', () => {
    const cache = reportCache(dir);
    cache.store('s', 'a'.repeat(32), pdf, entry, pictures);
    cache.store('s', 'b'.repeat(32), pdf, entry, pictures);
    expect(cache.restore('s', 'a'.repeat(32), join(dir, 'y.pdf'), join(dir, 'pictures'))).toBeUndefined();
    expect(readdirSync(cache.dir).filter((name) => name.includes('a'.repeat(32)))).toEqual([]);
  });
});
