/** HTTP byte ranges (RFC 9110): one range per request, as download managers and PDF viewers send. */

export type RangeResult =
  /** No Range header, or one this server ignores (several ranges, other units): send everything. */
  | { kind: 'full' }
  | { kind: 'partial'; start: number; end: number }
  /** Outside the file: answer 416. */
  | { kind: 'unsatisfiable' };

export function parseRange(header: string | null | undefined, size: number): RangeResult {
  if (!header) return { kind: 'full' };
  const match = /^bytes=\s*(\d*)\s*-\s*(\d*)\s*$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return { kind: 'full' };
  const [, from, to] = match;
  if (from === '') {
    // The last N bytes.
    const suffix = Number(to);
    if (suffix === 0 || size === 0) return { kind: 'unsatisfiable' };
    return { kind: 'partial', start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(from);
  const end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  if (start >= size || start > end) return { kind: 'unsatisfiable' };
  return { kind: 'partial', start, end };
}

/**
 * Whether serving bytes `start` to `end` of a file of `size` bytes counts as a download (a row in the
 * downloads table): a range from the first byte (a whole file, or the first part of one fetched in
 * parts), or one covering at least half the file (`bytes=1-` is the whole report but one byte). Other
 * ranges (a viewer's seeks, a download manager's later parts) are not recorded; every range is still
 * charged to the download limit by its bytes.
 */
export function countsAsDownload(start: number, end: number, size: number): boolean {
  return start === 0 || (end - start + 1) * 2 >= size;
}

/** A safe `Content-Disposition: attachment` value for a file name. */
export function attachment(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}

/** Whether an If-None-Match header names this entity tag (weak comparison, as RFC 9110 asks), or is `*`. */
export function etagMatches(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const strip = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || strip(tag) === strip(etag));
}
