import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { inlineScriptHashes } from '../../lib/inline-scripts.ts';

type Loose = (...args: unknown[]) => unknown;

/** Every `<script …>…</script>` as written, found without parsing: the page's script elements and any look-alike. */
const SCRIPT_TEXT = /<script\b[^>]*>[\s\S]*?<\/script\s*>/gi;

/** Hashes by the script texts of the page they were tokenized from (at most 64 kinds of page are kept). */
const known = new Map<string, string[]>();

/**
 * The hashes of the inline scripts of a rendered page (`inlineScriptHashes`, which tokenizes it: about a
 * millisecond for the report page). A page whose script texts, found by `SCRIPT_TEXT`, are those of a page
 * tokenized before gets that page's hashes: each is of a script that ran there, so none allows a script our
 * templates did not write. Reader input is escaped by Astro and never adds a script text, so the pages of a
 * route fall into a few kinds, each tokenized once.
 */
function renderedScriptHashes(html: string): string[] {
  const key = (html.match(SCRIPT_TEXT) ?? []).join('\0');
  let hashes = known.get(key);
  if (!hashes) {
    hashes = inlineScriptHashes(html);
    if (known.size >= 64) known.clear();
    known.set(key, hashes);
  }
  return hashes;
}

/**
 * For an on-demand response: when it turns out to be HTML, holds the body back until it is complete and
 * sets the Content-Security-Policy `policy` gives for the hashes of its inline scripts, so a page rendered
 * per request is as strict as a built one. Any other response passes straight through.
 */
export function hashRenderedHtml(res: ServerResponse, policy: (hashes: string[]) => string): void {
  const writeHead = res.writeHead.bind(res) as Loose;
  const write = res.write.bind(res) as Loose;
  const end = res.end.bind(res) as Loose;
  const chunks: Buffer[] = [];
  let held = false;
  res.writeHead = ((status: number, ...rest: unknown[]) => {
    const headers = rest.find((r) => typeof r === 'object' && r !== null);
    if (typeof rest[0] === 'string') res.statusMessage = rest[0];
    if (Array.isArray(headers)) return writeHead(status, ...rest);
    for (const [name, value] of Object.entries((headers ?? {}) as OutgoingHttpHeaders)) {
      if (value !== undefined) res.setHeader(name, value);
    }
    res.statusCode = status;
    held = String(res.getHeader('content-type') ?? '').startsWith('text/html');
    return held ? res : writeHead(status);
  }) as ServerResponse['writeHead'];
  // A held chunk is "written" once kept: its callback is called, as Node would once it is sent. Astro's
  // writeResponse ends a page that fails half-way by destroying the response in such a callback.
  res.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    if (!held) return write(chunk, ...rest);
    const encoding = typeof rest[0] === 'string' ? (rest[0] as BufferEncoding) : undefined;
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : Buffer.from(chunk));
    const callback = rest.find((r) => typeof r === 'function') as ((error?: Error | null) => void) | undefined;
    if (callback) process.nextTick(callback);
    return true;
  }) as ServerResponse['write'];
  res.end = ((...args: unknown[]) => {
    if (!held) return end(...args);
    if (typeof args[0] === 'string' || args[0] instanceof Uint8Array) {
      const encoding = typeof args[1] === 'string' ? (args[1] as BufferEncoding) : undefined;
      chunks.push(typeof args[0] === 'string' ? Buffer.from(args[0], encoding) : Buffer.from(args[0]));
    }
    const callback = args.find((a) => typeof a === 'function');
    const body = Buffer.concat(chunks);
    res.setHeader('Content-Security-Policy', policy(renderedScriptHashes(body.toString('utf8'))));
    held = false;
    writeHead(res.statusCode);
    return callback ? end(body, callback) : end(body);
  }) as ServerResponse['end'];
}
