/**
 * The headers every response of the server carries, in one place: the security headers, the
 * Content-Security-Policy of a page (strict: inline scripts only by hash) and the cache policy of a static
 * file. The README's CDN `_headers` block says the same.
 *
 * Framing: no page may be framed (`frame-ancestors 'none'`, `X-Frame-Options: DENY`) except a figure's
 * embed page, which any site may frame (`frame-ancestors *`, no `X-Frame-Options`).
 */
import { EMBED_PATH } from './reuse.ts';

/** Whether the page at `pathname` is an embed page, which other sites may put in a frame. */
export const frameable = (pathname: string): boolean => EMBED_PATH.test(pathname);

/** Browser features the site never uses, switched off for it and anything it embeds. */
const PERMISSIONS = [
  'accelerometer',
  'camera',
  'geolocation',
  'gyroscope',
  'magnetometer',
  'microphone',
  'payment',
  'usb',
];

/** For older browsers that do not know `frame-ancestors`: every response but an embed page's. */
const FRAME_DENIED: Record<string, string> = { 'X-Frame-Options': 'DENY' };

/**
 * The header the server removes from an embed page's response (its CSP comes from
 * `contentSecurityPolicy(…, { frameable: true })`). `Cross-Origin-Resource-Policy: same-origin` stays: it
 * does not stop a frame unless the framing page asks for it (`Cross-Origin-Embedder-Policy`), and the
 * embed page's own files are same-origin to it.
 */
export const FRAME_HEADER = 'X-Frame-Options';

/** Headers that do not depend on the response; `https` when the public origin (SITE_URL) is https. */
export function securityHeaders(https: boolean): Record<string, string> {
  return {
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'strict-origin-when-cross-origin',
    'Permissions-Policy': PERMISSIONS.map((feature) => `${feature}=()`).join(', '),
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    ...FRAME_DENIED,
    ...(https ? { 'Strict-Transport-Security': 'max-age=63072000; includeSubDomains' } : {}),
  };
}

/**
 * The Content-Security-Policy of a response whose inline scripts have `scriptHashes`. Styles allow
 * 'unsafe-inline' because figures size their boxes with `style` attributes (no script can run from a style);
 * 'wasm-unsafe-eval' lets the search index (WebAssembly) compile, and allows no JavaScript `eval`.
 */
export function contentSecurityPolicy(
  scriptHashes: readonly string[],
  https: boolean,
  options: { frameable?: boolean } = {},
): string {
  return [
    "default-src 'self'",
    ["script-src 'self' 'wasm-unsafe-eval'", ...scriptHashes].join(' '),
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    options.frameable ? 'frame-ancestors *' : "frame-ancestors 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** Where the build puts files named by their content hash. */
export const HASHED_ASSETS = '/_astro/';

/** Hashed assets are kept for a year; everything else is revalidated (its ETag answers 304 when unchanged). */
export function cacheControl(pathname: string): string {
  return pathname.startsWith(HASHED_ASSETS) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

/**
 * The same headers as a `_headers` file for a static host (Netlify, Cloudflare Pages), from the build's
 * page-to-hashes map. Hosts join the values of a header set by two matching rules, so the CSP, the
 * framing policy and the cache policy are set per page and for `/_astro/*` only, never by the catch-all
 * rule: an embed page's block has `frame-ancestors *` and no `X-Frame-Options`, every other page's DENY.
 */
export function headersFile(pages: Record<string, string[]>, https: boolean): string {
  const block = (path: string, headers: Record<string, string>) =>
    [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join('\n');
  return [
    block('/*', withoutFraming(securityHeaders(https))),
    block(`${HASHED_ASSETS}*`, { 'Cache-Control': cacheControl(HASHED_ASSETS) }),
    ...Object.entries(pages).map(([path, hashes]) =>
      frameable(path)
        ? block(path, {
            'Content-Security-Policy': contentSecurityPolicy(hashes, https, { frameable: true }),
            'Cache-Control': 'no-cache',
          })
        : block(path, {
            'Content-Security-Policy': contentSecurityPolicy(hashes, https),
            ...FRAME_DENIED,
            'Cache-Control': 'no-cache',
          }),
    ),
    '',
  ].join('\n\n');
}

/** The catch-all rule's headers without `X-Frame-Options`, which is per page: hosts join values, never remove one. */
function withoutFraming(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => name !== FRAME_HEADER));
}
