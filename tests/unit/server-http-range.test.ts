import { describe, expect, it } from 'vitest';
import { attachment, countsAsDownload, parseRange } from '../../src/lib/http-range.ts';

const SIZE = 1000;

describe('parseRange', () => {
  it.each([null, undefined, ''])('sends the whole file when there is no Range header (%j)', (header) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'full' });
  });

  it.each([
    ['the first 100 bytes', 'bytes=0-99', 0, 99],
    ['one byte', 'bytes=5-5', 5, 5],
    ['the last byte by position', 'bytes=999-999', 999, 999],
    ['from an offset to the end', 'bytes=100-', 100, 999],
    ['everything from the start', 'bytes=0-', 0, 999],
    ['the last 500 bytes', 'bytes=-500', 500, 999],
    ['the last byte', 'bytes=-1', 999, 999],
    ['more last bytes than the file has: the whole file', 'bytes=-5000', 0, 999],
    ['an end past the file, clamped to its last byte', 'bytes=900-5000', 900, 999],
    ['an end far past any file', 'bytes=0-99999999999999999999', 0, 999],
    ['spaces around the numbers', 'bytes= 10 - 20 ', 10, 20],
  ])('answers %s (%s)', (_, header, start, end) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'partial', start, end });
  });

  it.each([
    ['a start at the file size', 'bytes=1000-'],
    ['a start past the file', 'bytes=5000-6000'],
    ['a start after the end', 'bytes=50-10'],
    ['a suffix of zero bytes', 'bytes=-0'],
  ])('answers 416 for %s (%s)', (_, header) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'unsatisfiable' });
  });

  it('answers 416 for any range of an empty file', () => {
    expect(parseRange('bytes=0-', 0)).toEqual({ kind: 'unsatisfiable' });
    expect(parseRange('bytes=-10', 0)).toEqual({ kind: 'unsatisfiable' });
  });

  it.each([
    ['several ranges', 'bytes=0-1,5-6'],
    ['another unit', 'items=0-9'],
    ['no numbers', 'bytes=-'],
    ['negative numbers', 'bytes=-5-10'],
    ['garbage', 'give me everything'],
    ['a missing unit', '0-99'],
  ])('ignores %s and sends the whole file (%s)', (_, header) => {
    expect(parseRange(header, SIZE)).toEqual({ kind: 'full' });
  });

  it('never answers a range outside the file', () => {
    const headers = ['bytes=0-', 'bytes=-1', 'bytes=-2000', 'bytes=10-2000', 'bytes=999-', 'bytes=0-0'];
    for (const size of [1, 2, 999, 1000, 1001]) {
      for (const header of headers) {
        const range = parseRange(header, size);
        if (range.kind !== 'partial') continue;
        expect(range.start, `${header} of ${size} bytes`).toBeGreaterThanOrEqual(0);
        expect(range.end, `${header} of ${size} bytes`).toBeLessThan(size);
        expect(range.start, `${header} of ${size} bytes`).toBeLessThanOrEqual(range.end);
      }
    }
  });
});

describe('attachment', () => {
  it('quotes a plain file name and repeats it in the RFC 5987 form', () => {
    expect(attachment('ml-trends-2026.pdf')).toBe(
      `attachment; filename="ml-trends-2026.pdf"; filename*=UTF-8''ml-trends-2026.pdf`,
    );
  });

  it('replaces quotes and backslashes in the plain name, so the header cannot be broken out of', () => {
    const header = attachment('a"b\\c.pdf');
    expect(header).toContain('filename="a_b_c.pdf"');
    expect(header).toContain(`filename*=UTF-8''a%22b%5Cc.pdf`);
  });

  it('replaces non-ASCII characters in the plain name and keeps them percent-encoded in filename*', () => {
    const header = attachment('Trends für 2026 — Überblick.pdf');
    expect(header).toContain('filename="Trends f_r 2026 _ _berblick.pdf"');
    expect(header).toContain(`filename*=UTF-8''Trends%20f%C3%BCr%202026%20%E2%80%94%20%C3%9Cberblick.pdf`);
    expect(header).toMatch(/^[\x20-\x7e]+$/);
  });

  it('keeps line breaks out of the header, so no other header can be injected', () => {
    const header = attachment('report.pdf\r\nSet-Cookie: a=b');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toContain('filename="report.pdf__Set-Cookie: a=b"');
  });
});

describe('countsAsDownload', () => {
  it('counts a range from the first byte, or one covering at least half the file', () => {
    expect(countsAsDownload(0, 999, 1000)).toBe(true);
    expect(countsAsDownload(0, 0, 1000)).toBe(true);
    // bytes=1-: the whole report but one byte.
    expect(countsAsDownload(1, 999, 1000)).toBe(true);
    expect(countsAsDownload(500, 999, 1000)).toBe(true);
    expect(countsAsDownload(501, 999, 1000)).toBe(false);
    expect(countsAsDownload(100, 199, 1000)).toBe(false);
  });
});
