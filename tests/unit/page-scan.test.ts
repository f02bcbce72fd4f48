import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { forgetBuiltFiles } from '../../src/integrations/built-files.ts';
import { savePageScans, scanBuiltPage } from '../../src/integrations/page-scan.ts';

let root: string | undefined;
afterEach(() => {
  forgetBuiltFiles();
  if (root) rmSync(root, { recursive: true, force: true });
  root = undefined;
});

describe('scanBuiltPage', () => {
  it("reuses an earlier build's scan of a page with the same bytes, and scans a changed page", () => {
    root = mkdtempSync(join(tmpdir(), 'mt-page-scan-'));
    mkdirSync(join(root, 'dist/client'), { recursive: true });
    const page = join(root, 'dist/client/index.html');
    writeFileSync(page, '<a href="/a/">a</a><script>one()</script>');
    expect(scanBuiltPage(root, page).links).toEqual(['/a/']);
    savePageScans();

    // The kept scan is what a later build uses for the same bytes: change it to see that it is read.
    const kept = join(root, '.astro/page-scan.json');
    writeFileSync(kept, readFileSync(kept, 'utf8').replace('"/a/"', '"/kept/"'));
    forgetBuiltFiles();
    expect(scanBuiltPage(root, page).links).toEqual(['/kept/']);
    savePageScans();

    writeFileSync(page, '<a href="/b/">b</a>');
    forgetBuiltFiles();
    expect(scanBuiltPage(root, page)).toEqual({ links: ['/b/'], scripts: [] });
    savePageScans();
    // Only the scans of the last build's pages are kept.
    expect(Object.keys((JSON.parse(readFileSync(kept, 'utf8')) as { scans: object }).scans)).toHaveLength(1);
  });
});
