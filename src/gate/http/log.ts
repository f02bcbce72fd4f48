import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A path with a segment `loggedPath` hides: one with an `@`, or longer than 32 characters. */
const HIDDEN_SEGMENT = /@|%40|[^/]{33}/i;

/**
 * Log lines wait for the end of the event loop's turn and go out in one write: stdout to a pipe or a file
 * is written synchronously on Linux, so a write per request would be a system call per request on the
 * event loop. Lines still waiting when the process exits are written then; a kill -9 loses at most the
 * lines of one turn.
 */
let pending = '';
const flush = () => {
  const lines = pending;
  pending = '';
  if (lines) process.stdout.write(lines);
};
process.once('exit', flush);
const batched = (line: string) => {
  if (!pending) setImmediate(flush);
  pending += line;
};

/**
 * The path as logged: no query string (a form sent by GET would put an email there), and any segment
 * that could hold an email or a signed link (an `@`, or longer than 32 characters) replaced by `…`.
 */
export function loggedPath(url: string): string {
  const path = url.split('?')[0]!.slice(0, 512);
  if (!HIDDEN_SEGMENT.test(path)) return path;
  return path
    .split('/')
    .map((segment) => (segment.length > 32 || /@|%40/i.test(segment) ? '…' : segment))
    .join('/');
}

/**
 * Gives the request an id, sent back as `X-Request-Id`, and writes one JSON line to stdout when the
 * response is finished (or the client went away): never the client address, the query or a body. No line
 * for a request `quiet` says, once answered, is not worth one.
 */
export function logRequest(
  req: IncomingMessage,
  res: ServerResponse,
  write: (line: string) => void = batched,
  quiet: (req: IncomingMessage, res: ServerResponse) => boolean = () => false,
) {
  const id = randomUUID();
  const started = performance.now();
  res.setHeader('X-Request-Id', id);
  res.once('close', () => {
    if (res.writableFinished && quiet(req, res)) return;
    const entry = {
      time: new Date().toISOString(),
      id,
      method: METHODS.has(req.method ?? '') ? req.method : 'OTHER',
      path: loggedPath(req.url ?? '/'),
      status: res.statusCode,
      ms: Math.round((performance.now() - started) * 10) / 10,
      ...(res.writableFinished ? {} : { aborted: true }),
    };
    write(`${JSON.stringify(entry)}\n`);
  });
  return id;
}
