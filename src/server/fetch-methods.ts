import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Methods that reach a Node request listener but that the Fetch API's `Request` refuses to carry: Astro
 * cannot build a request from them and answers 500 with a stack trace in the log, so they are answered
 * before Astro sees them. (CONNECT goes to the server's 'connect' event; Node's parser refuses TRACK.)
 */
export const UNSUPPORTED_METHODS: ReadonlySet<string> = new Set(['TRACE']);

/** Answers a request with an unsupported method 405 (and the methods allowed); true when it did. */
export function refuseUnsupportedMethod(request: IncomingMessage, response: ServerResponse): boolean {
  if (!UNSUPPORTED_METHODS.has(request.method?.toUpperCase() ?? '')) return false;
  response
    .writeHead(405, {
      Allow: 'GET, HEAD, POST',
      'Content-Type': 'text/plain; charset=utf-8',
      'Cache-Control': 'no-store',
      Connection: 'close',
    })
    .end('Method not allowed.');
  return true;
}
