import type { OutgoingHttpHeaders, ServerResponse } from 'node:http';
import { inlineScriptHashes } from '../../lib/inline-scripts.ts';

type WriteHead = ServerResponse['writeHead'];
type Write = ServerResponse['write'];
type End = ServerResponse['end'];

/**
 * For an on-demand response: when it turns out to be HTML, holds the body back until it is complete and
 * sets the Content-Security-Policy `policy` gives for the hashes of its inline scripts, so a page rendered
 * per request is as strict as a built one. Any other response passes straight through.
 */
export function hashRenderedHtml(res: ServerResponse, policy: (hashes: string[]) => string): void {
  const { writeHead, write, end } = res;
  const chunks: Buffer[] = [];
  let held = false;
  res.writeHead = function (status: number, ...rest: unknown[]) {
    const headers = rest.find((r): r is OutgoingHttpHeaders => typeof r === 'object' && r !== null);
    if (typeof rest[0] === 'string') res.statusMessage = rest[0];
    if (Array.isArray(headers)) return (writeHead as (...args: unknown[]) => ServerResponse).call(res, status, ...rest);
    for (const [name, value] of Object.entries(headers ?? {})) if (value !== undefined) res.setHeader(name, value);
    res.statusCode = status;
    held = String(res.getHeader('content-type') ?? '').startsWith('text/html');
    return held ? res : writeHead.call(res, status);
  } as WriteHead;
  res.write = function (chunk: unknown, ...rest: unknown[]) {
    if (!held) return (write as (...args: unknown[]) => boolean).call(res, chunk, ...rest);
    chunks.push(Buffer.from(chunk as string | Uint8Array));
    return true;
  } as Write;
  res.end = function (...args: unknown[]) {
    if (!held) return (end as (...args: unknown[]) => ServerResponse).call(res, ...args);
    if (args[0] !== undefined && typeof args[0] !== 'function')
      chunks.push(Buffer.from(args[0] as string | Uint8Array));
    const body = Buffer.concat(chunks);
    res.setHeader('Content-Security-Policy', policy(inlineScriptHashes(body.toString('utf8'))));
    held = false;
    writeHead.call(res, res.statusCode);
    return (end as (body: Buffer) => ServerResponse).call(res, body);
  } as End;
}
