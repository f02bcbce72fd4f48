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
const ENCODINGS = {
  br: (data: Buffer) =>
    promisify(brotliCompress)(data, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
      },
    }),
  gz: (data: Buffer) => promisify(gzip)(data, { level: constants.Z_BEST_COMPRESSION }),
} as const;

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
 * Writes `file.br` (Brotli, best quality) and `file.gz` (gzip, level 9) beside every compressible file of
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
      const entry = join(cacheDir, `${key}.${ext}`);
      used.add(`${key}.${ext}`);
      let packed = statSync(entry, { throwIfNoEntry: false })?.size;
      if (packed === undefined) {
        cached = false;
        const bytes = await compress(builtBytes(path));
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
