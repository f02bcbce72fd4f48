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
