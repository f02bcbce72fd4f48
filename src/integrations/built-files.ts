/**
 * The built files, read once per build and shared by the steps that run when the build is done (font
 * subsets, search, script hashes, compression): each file's bytes and content hash are kept while its size
 * and modification time stay the same, so a step reads what an earlier step read, and a file changed by
 * anyone is read again. Out of a cache, files are hard-linked rather than copied.
 */
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join, relative } from 'node:path';

interface Entry {
  size: number;
  mtimeMs: number;
  bytes: Buffer;
  text?: string;
  hash?: string;
}

const entries = new Map<string, Entry>();

function entry(path: string): Entry {
  const { size, mtimeMs } = statSync(path);
  const known = entries.get(path);
  if (known?.size === size && known.mtimeMs === mtimeMs) return known;
  const fresh = { size, mtimeMs, bytes: readFileSync(path) };
  entries.set(path, fresh);
  return fresh;
}

/**
 * Forgets every file read: called when a build starts and when its last step is done, so a memory never
 * outlives the build whose steps keep it right (they write through `writeBuilt`).
 */
export function forgetBuiltFiles(): void {
  entries.clear();
}

/** The bytes of a built file. */
export const builtBytes = (path: string): Buffer => entry(path).bytes;

/** The text of a built file, as UTF-8. */
export function builtText(path: string): string {
  const known = entry(path);
  known.text ??= known.bytes.toString('utf8');
  return known.text;
}

/** The SHA-256 of a built file, in hex. */
export function builtHash(path: string): string {
  const known = entry(path);
  known.hash ??= createHash('sha256').update(known.bytes).digest('hex');
  return known.hash;
}

/**
 * Writes a built file and remembers its new content: a file rewritten with the same size within the file
 * system's clock tick would otherwise look unchanged. The old file is unlinked first, so a file hard-linked
 * from a cache (`place`) is replaced, never written through.
 */
export function writeBuilt(path: string, content: string): void {
  rmSync(path, { force: true });
  writeFileSync(path, content);
  const { size, mtimeMs } = statSync(path);
  entries.set(path, { size, mtimeMs, bytes: Buffer.from(content), text: content });
}

/** Every file under `dir`, as sorted relative paths. */
export function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile())
    .map((d) => relative(dir, join(d.parentPath, d.name)))
    .sort();
}

/**
 * Writes `data` under a temporary name beside `path`, then renames it over `path`: a reader (the server, a
 * later build) sees the old file or the new one, whole, never a truncated one from a build stopped half-way.
 */
export function writeWhole(path: string, data: string | Uint8Array): void {
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, data);
  renameSync(draft, path);
}

/**
 * Puts the file `from` (in a cache) at `to`, replacing what is there: a hard link, which costs no copy,
 * or a copy where a link cannot be made (another file system). Nothing writes into a placed file: it is
 * only ever replaced whole, so the cache's copy stays as it was.
 */
export function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      unlinkSync(to);
      place(from, to);
    } else if (code === 'ENOENT' && statSync(from, { throwIfNoEntry: false })) {
      mkdirSync(dirname(to), { recursive: true });
      place(from, to);
    } else if (code === 'EXDEV' || code === 'EPERM' || code === 'EMLINK') copyFileSync(from, to);
    else throw error;
  }
}

/** Places every file of the folder `from` under `to`, as `place` does. */
export function placeTree(from: string, to: string): void {
  for (const file of filesIn(from)) place(join(from, file), join(to, file));
}
