import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewsOf, type ReportManifestEntry } from '../../src/lib/report-manifest.ts';
import { build, copyOfProject, edit } from './project-copy.ts';

/**
 * The report PDF is typeset only when its inputs change, and not at all with REPORT_PDF=off. One copy of
 * the project is built four times: typeset, unchanged (cached), switched off, then with one edited trend.
 */
const SERIES = 'ml-trends-2021';
let dir: string;
const pdf = () => join(dir, 'dist/report', `${SERIES}.pdf`);
const manifest = () => join(dir, 'dist/report/manifest.json');
const printPage = () => join(dir, 'dist/client', SERIES, 'report/print/index.html');
const previewDir = () => join(dir, 'dist/report/previews');
/** The pictures of report pages the manifest names, with their bytes. */
const pictures = () => {
  const [entry] = JSON.parse(readFileSync(manifest(), 'utf8')) as ReportManifestEntry[];
  return previewsOf(entry).map((p) => ({ file: p.file, bytes: readFileSync(join(previewDir(), p.file)) }));
};
const cachedPictures = () => readdirSync(join(dir, '.astro/report-cache')).filter((f) => f.endsWith('.webp'));

beforeAll(() => {
  dir = copyOfProject();
  // The cache of one series' report: the demonstration series (whose PDF demo-series.test.ts checks) is left out.
  rmSync(join(dir, 'content/series/platform-engineering-2024'), { recursive: true, force: true });
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('the report PDF cache', { timeout: 240_000 }, () => {
  let first: Buffer;
  let firstPictures: { file: string; bytes: Buffer }[];

  it('typesets the report on the first build, with its progress in the log', () => {
    const { status, output } = build(dir);
    expect(status, output).toBe(0);
    expect(output).toContain(`${SERIES}: typesetting the report with Typst (inputs changed`);
    expect(output).toMatch(new RegExp(`${SERIES}: \\d+ pages, \\d+ KB -> dist/report/${SERIES}\\.pdf \\([\\d.]+ s\\)`));
    first = readFileSync(pdf());
    expect(readdirSync(join(dir, '.astro/report-cache')).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    // The cover and two spreads, drawn with the PDF, kept beside it and in the cache.
    firstPictures = pictures();
    expect(firstPictures.map((p) => p.file)).toEqual([
      expect.stringMatching(new RegExp(`^${SERIES}-cover-[0-9a-f]{12}\\.webp$`)),
      expect.stringMatching(/-spread-1-/),
      expect.stringMatching(/-spread-2-/),
    ]);
    expect(firstPictures.every((p) => p.bytes.subarray(8, 12).toString('latin1') === 'WEBP')).toBe(true);
    expect(readdirSync(previewDir()).sort()).toEqual(firstPictures.map((p) => p.file).sort());
    expect(cachedPictures()).toHaveLength(3);
  });

  it('copies the same bytes from the cache on a second build with no change, without typesetting', () => {
    const { status, output } = build(dir);
    expect(status, output).toBe(0);
    expect(output).toContain(`${SERIES}: cached report, unchanged inputs`);
    expect(output).not.toContain('typesetting the report');
    expect(readFileSync(pdf()).equals(first)).toBe(true);
    expect((JSON.parse(readFileSync(manifest(), 'utf8')) as { bytes: number }[])[0]!.bytes).toBe(first.length);
    // The same pictures, copied from the cache, not drawn again.
    expect(pictures()).toEqual(firstPictures);
  });

  it('prints nothing with REPORT_PDF=off, says so, and still keeps the print page out of the public output', () => {
    const { status, output } = build(dir, { REPORT_PDF: 'off' });
    expect(status, output).toBe(0);
    expect(output).toContain(`REPORT_PDF=off: no report PDF printed for ${SERIES}`);
    expect(existsSync(pdf())).toBe(false);
    expect(existsSync(manifest())).toBe(false);
    expect(existsSync(printPage())).toBe(false);
    // No pictures either: the report page shows none (tests/integration/gate.test.ts).
    expect(existsSync(previewDir())).toBe(false);
  });

  it('typesets again when a trend changes, and keeps only the new PDF in the cache', () => {
    edit(dir, `content/series/${SERIES}/trends/03-use-cases.mdx`, (text) => `${text}\nOne more sentence.\n`);
    const { status, output } = build(dir);
    expect(status, output).toBe(0);
    expect(output).toContain('inputs changed');
    expect(output).toMatch(/\d+ pages, \d+ KB -> dist\/report\//);
    expect(readdirSync(join(dir, '.astro/report-cache')).filter((f) => f.endsWith('.pdf'))).toHaveLength(1);
    expect(cachedPictures()).toHaveLength(3);
    expect(readdirSync(previewDir())).toHaveLength(3);
  });

  it('refuses a REPORT_PDF value it does not know, naming the variable', () => {
    const { status, output } = build(dir, { REPORT_PDF: 'maybe' });
    expect(status).not.toBe(0);
    expect(output).toContain('REPORT_PDF is "maybe"');
  });
});
