import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, constants, gunzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { precompress } from '../../src/integrations/compress/compress.ts';

let dir: string;
let cache: string;
const text = (n: number) =>
  Array.from({ length: n }, (_, i) => `<p>Trend ${i % 10}: ${'data '.repeat(i % 7)}</p>`).join('\n');

beforeEach(() => {
  const root = mkdtempSync(join(tmpdir(), 'mt-compress-'));
  dir = join(root, 'client');
  cache = join(root, 'cache');
  mkdirSync(join(dir, '_astro'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), text(400));
  writeFileSync(join(dir, '_astro/app.js'), `export const x = ${JSON.stringify(text(300))};`);
  writeFileSync(join(dir, 'tiny.css'), 'body{margin:0}');
  writeFileSync(join(dir, 'photo.png'), Buffer.alloc(4096, 7));
});

afterEach(() => rmSync(join(dir, '..'), { recursive: true, force: true }));

describe('precompress', () => {
  it('writes .br and .gz copies that decode to the file, for text files only', async () => {
    const result = await precompress(dir, cache);
    expect(result.files).toBe(2);
    for (const file of ['index.html', '_astro/app.js']) {
      const original = readFileSync(join(dir, file));
      expect(brotliDecompressSync(readFileSync(join(dir, `${file}.br`))).equals(original)).toBe(true);
      expect(gunzipSync(readFileSync(join(dir, `${file}.gz`))).equals(original)).toBe(true);
    }
    expect(existsSync(join(dir, 'tiny.css.br'))).toBe(false);
    expect(existsSync(join(dir, 'photo.png.br'))).toBe(false);
  });

  it("spends Brotli's best quality on the shared assets only, a fast level on pages", async () => {
    await precompress(dir, cache);
    const brotli = (file: string, quality: number) =>
      brotliCompressSync(readFileSync(join(dir, file)), {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: quality,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      });
    expect(readFileSync(join(dir, '_astro/app.js.br')).equals(brotli('_astro/app.js', 11))).toBe(true);
    expect(readFileSync(join(dir, 'index.html.br')).equals(brotli('index.html', 6))).toBe(true);
  });

  it('takes unchanged files from the cache and compresses a changed one again', async () => {
    await precompress(dir, cache);
    writeFileSync(join(dir, 'index.html'), text(500));
    const again = await precompress(dir, cache);
    expect(again.fromCache).toBe(1);
    expect(brotliDecompressSync(readFileSync(join(dir, 'index.html.br'))).toString()).toBe(text(500));
  });

  it('compresses again a file rewritten at the same size within the same clock tick', async () => {
    const page = join(dir, 'index.html');
    // One whole second for both writes: the file looks the same to a check of size and time.
    utimesSync(page, 1_000_000, 1_000_000);
    await precompress(dir, cache);
    const same = text(400).replace('Trend 1', 'Trend 9');
    writeFileSync(page, same);
    utimesSync(page, 1_000_000, 1_000_000);
    await precompress(dir, cache);
    expect(brotliDecompressSync(readFileSync(`${page}.br`)).toString()).toBe(same);
  });

  it('removes a compressed copy whose file is gone, so it is never served', async () => {
    await precompress(dir, cache);
    rmSync(join(dir, 'index.html'));
    await precompress(dir, cache);
    expect(existsSync(join(dir, 'index.html.br'))).toBe(false);
    expect(existsSync(join(dir, 'index.html.gz'))).toBe(false);
  });
});
