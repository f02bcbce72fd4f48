import { createReadStream, readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { lookup } from 'mrmime';
import { cacheControl, HASHED_ASSETS } from '../../lib/http-headers.ts';

/** A single well-formed byte range; anything else is served whole rather than guessed at. */
const RANGE = /^bytes=(\d+)-(\d*)$/;

/** A path segment that names a hidden file (`.git`, `.env`); `.well-known` is public by definition. */
const HIDDEN = /(?:^|\/)\.(?!well-known(?:\/|$))/;

/** The two cache policies (`http-headers.ts`), computed once. */
const ASSET_CACHE = cacheControl(HASHED_ASSETS);
const PAGE_CACHE = cacheControl('/');

/** Files held in memory: each at most this size, all together at most `memoryBudget`; the rest are streamed. */
const MAX_HELD_FILE = 256 * 1024;
const DEFAULT_MEMORY_BUDGET = 64 * 1024 * 1024;

/** One built file as served: its headers, made at start, and its bytes when they are held in memory. */
interface BuiltFile {
  path: string;
  size: number;
  etag: string;
  headers: OutgoingHttpHeaders;
  body?: Buffer;
}

/** The suffixes tried for a request path, in order, by what the client accepts (sirv's order). */
const SUFFIXES = {
  br: ['.html.br', '.br'],
  gzip: ['.html.gz', '.gz'],
  plain: ['', '.html'],
};

/** The headers of a built file, as sirv made them: type, length, modification time, encoding, weak ETag. */
function headersOf(name: string, size: number, mtime: Date): { etag: string; headers: OutgoingHttpHeaders } {
  const encoding = name.endsWith('.br') ? 'br' : name.endsWith('.gz') ? 'gzip' : undefined;
  let type = lookup(encoding ? name.slice(0, -3) : name) ?? '';
  if (type === 'text/html') type += ';charset=utf-8';
  const etag = `W/"${size}-${mtime.getTime()}"`;
  return {
    etag,
    headers: {
      'Content-Length': size,
      'Content-Type': type,
      'Last-Modified': mtime.toUTCString(),
      ...(encoding ? { 'Content-Encoding': encoding } : {}),
      ETag: etag,
    },
  };
}

/** Every file under `dir` but hidden ones (`.well-known` is kept), by its path from `dir` with a leading `/`. */
function listFiles(dir: string, prefix = ''): [string, string][] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry): [string, string][] => {
    const name = `${prefix}/${entry.name}`;
    if (entry.name.startsWith('.') && entry.name !== '.well-known') return [];
    const path = join(dir, entry.name);
    // A symbolic link is followed, as sirv did: to what it names now.
    const target = entry.isSymbolicLink() ? statSync(path, { throwIfNoEntry: false }) : entry;
    if (target?.isDirectory()) return listFiles(path, name);
    return target?.isFile() ? [[name, path]] : [];
  });
}

/** The candidates for a request path with the given suffixes: `/a/b/` tries `/a/b<suffix>` then `/a/b/index<suffix>`. */
function candidates(pathname: string, suffixes: readonly string[]): string[] {
  const uri = pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
  return suffixes.flatMap((suffix) => (uri ? [uri + suffix, `${uri}/index${suffix}`] : [`/index${suffix}`]));
}

/**
 * Serves the built files of `clientDir`: the precompressed `.br`/`.gz` copy the client accepts (with
 * `Vary: Accept-Encoding`), an ETag that answers 304, HEAD with the headers of GET, one byte range, and
 * the cache policy of `http-headers.ts`. Calls `next` for anything that is not a built file (on-demand
 * routes, 404). The lookup order and the headers are sirv's, which served these files before.
 *
 * The files are listed once, at start, with each one's headers; the bytes of the smaller files (up to
 * 256 KiB each, `memoryBudget` in all, the compressed copies first) are read then too, so that a request
 * costs no file system call at all. Larger files are streamed from disk. A build is never run under the
 * running server (README): after a build, restart the server to serve it. Should a build run under it
 * anyway, the server keeps serving the build it started with; a streamed file that a build replaced or
 * removed cuts that response off, never the server.
 */
export function staticFiles(clientDir: string, memoryBudget = DEFAULT_MEMORY_BUDGET) {
  const files = new Map<string, BuiltFile>();
  for (const [name, path] of listFiles(clientDir)) {
    const stat = statSync(path);
    files.set(name, { path, size: stat.size, ...headersOf(name, stat.size, stat.mtime) });
  }
  const compressedFirst = (name: string) => (name.endsWith('.br') ? 0 : name.endsWith('.gz') ? 1 : 2);
  let held = 0;
  for (const [, file] of [...files]
    .filter(([, file]) => file.size <= MAX_HELD_FILE)
    .sort(([a, x], [b, y]) => compressedFirst(a) - compressedFirst(b) || x.size - y.size)) {
    if (held + file.size > memoryBudget) continue;
    file.body = readFileSync(file.path);
    held += file.size;
  }
  /** Request paths resolved to a file, per accepted encodings; only hits are kept, so it is bounded by the files. */
  const resolved = new Map<string, BuiltFile>();
  const find = (pathname: string, br: boolean, gzip: boolean): BuiltFile | undefined => {
    const key = `${br ? 'b' : '-'}${gzip ? 'g' : '-'}${pathname}`;
    const known = resolved.get(key);
    if (known) return known;
    const suffixes = [...(br ? SUFFIXES.br : []), ...(gzip ? SUFFIXES.gzip : []), ...SUFFIXES.plain];
    for (const name of candidates(pathname, suffixes)) {
      const file = files.get(name);
      if (file) {
        resolved.set(key, file);
        return file;
      }
    }
    return undefined;
  };

  return (req: IncomingMessage, res: ServerResponse, pathname: string, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (HIDDEN.test(pathname)) return next();
    const accepted = req.headers['accept-encoding'] ?? '';
    const file = find(pathname, /br|brotli/i.test(accepted), accepted.includes('gzip'));
    if (!file) return next();
    res.setHeader('Cache-Control', pathname.startsWith(HASHED_ASSETS) ? ASSET_CACHE : PAGE_CACHE);
    res.setHeader('Vary', 'Accept-Encoding');
    if (req.headers['if-none-match'] === file.etag) {
      res.writeHead(304).end();
      return;
    }
    // One well-formed range `bytes=a-b` (b not before a) is honoured; any other is served whole.
    const parts = req.headers.range ? RANGE.exec(req.headers.range) : null;
    if (parts && !(parts[2] && Number(parts[2]) < Number(parts[1]))) {
      const start = Number(parts[1]);
      const end = Math.min(parts[2] ? Number(parts[2]) : file.size - 1, file.size - 1);
      if (start >= file.size) {
        res.setHeader('Content-Range', `bytes */${file.size}`);
        res.writeHead(416).end();
        return;
      }
      res.writeHead(206, {
        ...file.headers,
        'Content-Range': `bytes ${start}-${end}/${file.size}`,
        'Content-Length': end - start + 1,
        'Accept-Ranges': 'bytes',
      });
      send(req, res, file, start, end);
      return;
    }
    res.writeHead(200, file.headers);
    send(req, res, file);
  };
}

/** The file's bytes (or the range `start`–`end`, inclusive), from memory or streamed from disk. */
function send(req: IncomingMessage, res: ServerResponse, file: BuiltFile, start?: number, end?: number) {
  if (req.method === 'HEAD') return void res.end();
  if (file.body) {
    res.end(start === undefined ? file.body : file.body.subarray(start, end! + 1));
    return;
  }
  const stream = createReadStream(file.path, start === undefined ? {} : { start, end });
  stream.once('error', () => res.destroy());
  stream.pipe(res);
}
