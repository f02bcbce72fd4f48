import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { expect, it } from 'vitest';

it('the beacon script is at most 1.5 KB gzipped, minified as the build minifies it', async () => {
  const result = await build({
    entryPoints: ['src/scripts/analytics.ts'],
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    target: 'es2022',
  });
  const code = result.outputFiles[0]!.contents;
  expect(code.length).toBeGreaterThan(200);
  expect(gzipSync(code, { level: 9 }).length).toBeLessThanOrEqual(1536);
});

it('the beacon script posts to its own origin only, and reads no cookie or storage', async () => {
  const result = await build({ entryPoints: ['src/scripts/analytics.ts'], bundle: true, write: false, format: 'esm' });
  const code = result.outputFiles[0]!.text;
  expect(code).toMatch(/sendBeacon\(\s*"\/_event"/);
  expect(code).not.toMatch(/https?:\/\//);
  expect(code).not.toMatch(/document\.cookie|localStorage|sessionStorage|indexedDB/);
});
