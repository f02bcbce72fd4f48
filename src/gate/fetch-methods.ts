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

/** A host a URL can be built from: a name or an address, and a port; no user, password or path. */
const HOST = /^(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9._-]+)(?::\d{1,5})?$/;

/**
 * Answers 400 to a Host (or a trusted proxy's X-Forwarded-Host) that no URL can be built from, such as
 * `user@host`: the Fetch API refuses a URL with credentials, and Astro would answer 500 with a stack
 * trace in the log for every such request. True when it did.
 */
export function refuseBadHost(request: IncomingMessage, response: ServerResponse): boolean {
  const hosts = [request.headers.host, request.headers['x-forwarded-host']]
    .flatMap((value) => (value === undefined ? [] : String(value).split(',')))
    .map((host) => host.trim());
  if (hosts.every((host) => HOST.test(host))) return false;
  response
    .writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close' })
    .end('Bad request: the Host header must name a host.');
  return true;
}
