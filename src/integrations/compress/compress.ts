import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { builtBytes, builtHash, filesIn, forgetBuiltFiles, place, writeWhole } from '../built-files.ts';

/** What is worth compressing: text formats. Images, fonts and the PDF are compressed already. */
export const COMPRESSIBLE = new Set(['.html', '.css', '.js', '.mjs', '.svg', '.json', '.xml', '.txt', '.csv']);
/** Below this a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;
/**
 * Brotli's best quality costs about 1 ms of CPU a KB on this machine: fine for the few assets every page
 * loads, too much for every page of a large site (1,000 trends: 55 MB of HTML, about a minute). The hashed assets
 * under `_astro/` (stylesheets, scripts), fetched once by each reader and then kept for a year, get quality
 * 11; pages and the other files get quality 6, about a hundred times faster, for copies about 11% larger
 * (a 26 KB trend page: 5.8 KB against 5.2 KB).
 */
export const brotliQuality = (file: string): number =>
  file.split('\\').join('/').startsWith('_astro/') ? constants.BROTLI_MAX_QUALITY : 6;
const ENCODINGS = {
  br: (data: Buffer, file: string) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: brotliQuality(file),
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gz: (data: Buffer) => promisify(gzip)(data, { level: constants.Z_BEST_COMPRESSION }),
} as const;
/** The name of a compressed copy in the cache: the content's hash, and the quality where it depends on the file. */
const entryName = (key: string, ext: string, file: string) =>
  ext === 'br' ? `${key}.q${brotliQuality(file)}.br` : `${key}.${ext}`;

export interface CompressResult {
  files: number;
  fromCache: number;
  bytes: number;
  brotliBytes: number;
}

/** Runs `tasks` with at most `limit` at a time. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Writes `file.br` (Brotli, at `brotliQuality`) and `file.gz` (gzip, level 9) beside every compressible file of
 * `dir`, where they are smaller than the file. Compressed bytes are kept in `cacheDir` by content hash, so a
 * file that did not change is not compressed again but hard-linked from the cache; entries this build did
 * not use are removed. Copies whose original is gone are removed too, so a stale `.br` is never served.
 */
export async function precompress(dir: string, cacheDir: string): Promise<CompressResult> {
  mkdirSync(cacheDir, { recursive: true });
  const all = filesIn(dir);
  const present = new Set(all);
  for (const file of all.filter((f) => /\.(br|gz)$/.test(f))) {
    if (COMPRESSIBLE.has(extname(file.slice(0, -3))) && !present.has(file.slice(0, -3))) rmSync(join(dir, file));
  }
  const files = all.filter((f) => COMPRESSIBLE.has(extname(f)) && statSync(join(dir, f)).size >= MIN_BYTES);
  const used = new Set<string>();
  const result: CompressResult = { files: files.length, fromCache: 0, bytes: 0, brotliBytes: 0 };
  await pool(files, availableParallelism(), async (file) => {
    const path = join(dir, file);
    const size = builtBytes(path).length;
    const key = builtHash(path);
    result.bytes += size;
    let cached = true;
    for (const [ext, compress] of Object.entries(ENCODINGS)) {
      const name = entryName(key, ext, file);
      const entry = join(cacheDir, name);
      used.add(name);
      let packed = statSync(entry, { throwIfNoEntry: false })?.size;
      if (packed === undefined) {
        cached = false;
        const bytes = await compress(builtBytes(path), file);
        writeWhole(entry, bytes);
        packed = bytes.length;
      }
      if (ext === 'br') result.brotliBytes += Math.min(packed, size);
      const beside = join(dir, `${file}.${ext}`);
      if (packed < size) place(entry, beside);
      else rmSync(beside, { force: true });
    }
    if (cached) result.fromCache++;
  });
  for (const name of readdirSync(cacheDir)) if (!used.has(name)) rmSync(join(cacheDir, name));
  // The last step of the build to read the built files.
  forgetBuiltFiles();
  return result;
}
