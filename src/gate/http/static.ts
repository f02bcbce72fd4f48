import type { IncomingMessage, ServerResponse } from 'node:http';
import sirv from 'sirv';
import { cacheControl } from '../../lib/http-headers.ts';

/** A single well-formed byte range; anything else is served whole rather than guessed at. */
const RANGE = /^bytes=(\d+)-(\d*)$/;

/** A path segment that names a hidden file (`.git`, `.env`); `.well-known` is public by definition. */
const HIDDEN = /(?:^|\/)\.(?!well-known(?:\/|$))/;

/**
 * Serves the built files of `clientDir` with sirv: the precompressed `.br`/`.gz` copy the client accepts
 * (with `Vary: Accept-Encoding`), an ETag that answers 304, HEAD with the headers of GET, and the cache
 * policy of `headers.ts`. Calls `next` for anything that is not a built file (on-demand routes, 404).
 *
 * Each request looks the file up on disk (sirv's `dev` lookup) rather than in a list made at start: a
 * build run under the running server (`npm run build`, `npm start -- --build`) removes, adds and rewrites
 * files, and the server must serve what is there, never crash on what is gone. The ETag follows the
 * file's size and modification time. A file that disappears between the lookup and the read cuts that
 * response off, not the server.
 */
export function staticFiles(clientDir: string) {
  const serve = sirv(clientDir, { dev: true, brotli: true, gzip: true, etag: true, extensions: ['html'] });
  return (req: IncomingMessage, res: ServerResponse, pathname: string, next: () => void) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    if (HIDDEN.test(pathname)) return next();
    res.once('pipe', (source) => source.once('error', () => res.destroy()));
    // sirv reads only `bytes=a-b`: a range it would misread is dropped for a built file (served whole),
    // and given back for the on-demand routes, which read every form.
    const { range } = req.headers;
    const parts = range && RANGE.exec(range);
    if (range && (!parts || (parts[2] && Number(parts[2]) < Number(parts[1])))) delete req.headers.range;
    res.setHeader('Cache-Control', cacheControl(pathname));
    res.setHeader('Vary', 'Accept-Encoding');
    const notBuilt = () => {
      if (range) req.headers.range = range;
      res.removeHeader('Cache-Control');
      res.removeHeader('Vary');
      next();
    };
    try {
      serve(req, res, notBuilt);
    } catch {
      // The file went between sirv's lookup and its stat (a build removing it), before anything was sent:
      // not a built file now (a precompressed copy gone is not retried as the plain file: during a build).
      notBuilt();
    }
  };
}
