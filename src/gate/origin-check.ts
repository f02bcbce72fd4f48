/**
 * The same-origin check of form posts, as Astro's own (security.checkOrigin, turned off in
 * astro.config.mjs so that this one runs instead): a POST (or any unsafe method) carrying a form's
 * content type, or none, is refused unless its Origin header is the origin the server sees the request
 * at. Unlike Astro's, it says why, and shows the reader a page rather than a line of plain text.
 */

const FORM_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain'];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface CrossSite {
  /** The origin this server sees the request at (its Host, or a trusted proxy's X-Forwarded-Host/-Proto). */
  expected: string;
  /** The request's Origin header, shortened, or `no Origin header`. */
  got: string;
}

/** Why `request` is a cross-site form post to refuse; undefined when it is not one. */
export function crossSiteForm(request: Request, url: URL): CrossSite | undefined {
  if (SAFE_METHODS.has(request.method)) return undefined;
  const origin = request.headers.get('origin');
  if (origin === url.origin) return undefined;
  const type = request.headers.get('content-type');
  if (type !== null && !FORM_TYPES.some((form) => type.toLowerCase().includes(form))) return undefined;
  return { expected: url.origin, got: origin === null ? 'no Origin header' : JSON.stringify(origin.slice(0, 200)) };
}

/** The log line of a refusal: what was expected and what came, and the settings that fix it behind a proxy. */
export function crossSiteMessage(path: string, { expected, got }: CrossSite): string {
  const tls = got.startsWith('"https:') && expected.startsWith('http:');
  return (
    `Refused a cross-site form post to ${path} (403): origin check: expected ${expected}, got ${got}. ` +
    (tls
      ? 'The browser is on https and this server sees http: behind a TLS proxy, set SITE_URL to the public origin and TRUSTED_PROXIES to the proxy address.'
      : 'If readers reach the site through a proxy, set SITE_URL to the public origin and TRUSTED_PROXIES to the proxy address.')
  );
}

/** What the reader sees: the form was not accepted, nothing was stored, what to try. */
export const CROSS_SITE_PAGE = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex"><title>The form could not be accepted</title></head>
<body>
<main>
<h1>The form could not be accepted</h1>
<p>Your browser sent the form from an address this site does not recognise as its own, so it was refused, to protect you from forged forms. Nothing you typed was stored.</p>
<p>Please go back, reload the page and try again. If it keeps happening, open the site at its usual address, or let us know: the site may be misconfigured.</p>
</main>
</body>
</html>
`;
