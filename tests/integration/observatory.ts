/**
 * The Mozilla HTTP Observatory's published scoring (mdn/mdn-http-observatory, algorithm version 6:
 * src/grader/charts.js and src/analyzer/tests/*.js) for one response: each header test gives a modifier,
 * the score starts at 100, bonuses count only when the score without them is 90 or more, and 100 or
 * more is A+. Redirection (http to https) is the proxy's job and scores 0 here.
 */
const BROAD = new Set(['ftp:', 'http:', 'https:', '*', 'http://*', 'http://*.*', 'https://*', 'https://*.*']);
const UNSAFE_INLINE = new Set(["'unsafe-inline'", 'data:']);
const BROAD_OR_INLINE = new Set([...BROAD, ...UNSAFE_INLINE]);
const HASH_OR_NONCE = /^'(sha256-|sha384-|sha512-|nonce-)/;

export interface Scored {
  score: number;
  grade: string;
  /** Each test's result and modifier, for the failure message. */
  tests: Record<string, [result: string, modifier: number]>;
}

function parseCsp(header: string): Map<string, Set<string>> | 'duplicate' {
  const csp = new Map<string, Set<string>>();
  let duplicate = false;
  for (const policy of header.split(',')) {
    for (const directive of policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)) {
      const [name = '', ...sources] = directive.toLowerCase().split(/\s+/);
      if (csp.has(name)) duplicate = true;
      else csp.set(name, new Set(sources.length ? sources : ["'none'"]));
    }
  }
  return duplicate ? 'duplicate' : csp;
}

function cspTest(header: string | null, https: boolean): [string, number] {
  if (!header) return ['csp-not-implemented', -25];
  const csp = parseCsp(header);
  if (csp === 'duplicate') return ['csp-implemented-but-duplicate-directives', 0];
  const get = (name: string) => new Set(csp.get(name) ?? csp.get('default-src') ?? ['*']);
  const script = get('script-src');
  const style = get('style-src');
  const object = get('object-src');
  for (const list of [script, style]) if ([...list].some((s) => HASH_OR_NONCE.test(s))) list.delete("'unsafe-inline'");
  if ([...script].some((s) => HASH_OR_NONCE.test(s)) && script.has("'strict-dynamic'")) {
    for (const s of script) if ([...BROAD].some((b) => s.startsWith(b)) || s === "'self'") script.delete(s);
  }
  const active = [...csp]
    .filter(([d]) => !['img-src', 'media-src', 'script-src'].includes(d))
    .flatMap(([, s]) => [...s]);
  const passive = ['img-src', 'media-src'].flatMap((d) => [...(csp.get(d) ?? csp.get('default-src') ?? [])]);
  const insecure = (sources: string[]) => https && sources.some((s) => s.startsWith('http:') || s.startsWith('ftp:'));
  if ([...script].some((s) => BROAD_OR_INLINE.has(s)) || [...object].some((s) => BROAD.has(s))) {
    return ['csp-implemented-with-unsafe-inline', -20];
  }
  if (insecure([...active, ...script])) return ['csp-implemented-with-insecure-scheme', -20];
  if (script.has("'unsafe-eval'") || style.has("'unsafe-eval'")) return ['csp-implemented-with-unsafe-eval', -10];
  if (insecure(passive)) return ['csp-implemented-with-insecure-scheme-in-passive-content-only', -10];
  if ([...style].some((s) => BROAD_OR_INLINE.has(s)))
    return ['csp-implemented-with-unsafe-inline-in-style-src-only', 0];
  const defaultSrc = csp.get('default-src');
  if (defaultSrc?.has("'none'") && defaultSrc.size === 1)
    return ['csp-implemented-with-no-unsafe-default-src-none', 10];
  return ['csp-implemented-with-no-unsafe', 5];
}

function cookiesTest(cookies: string[], hsts: boolean): [string, number] {
  if (cookies.length === 0) return ['cookies-not-found', 0];
  let worst: [string, number] = ['cookies-secure-with-httponly-sessions-and-samesite', 5];
  const worse = (result: [string, number]) => (worst = result[1] < worst[1] ? result : worst);
  for (const cookie of cookies) {
    const [pair = '', ...attributes] = cookie.split(';').map((a) => a.trim().toLowerCase());
    const has = (name: string) => attributes.some((a) => a === name || a.startsWith(`${name}=`));
    const sameSite = attributes.find((a) => a.startsWith('samesite='))?.slice(9);
    const key = pair.split('=')[0] ?? '';
    const session = key.includes('login') || key.includes('sess');
    if (sameSite && !['strict', 'lax', 'none'].includes(sameSite)) worse(['cookies-samesite-flag-invalid', -20]);
    if (!has('secure') && sameSite === 'none') worse(['cookies-samesite-flag-invalid', -20]);
    if (!has('secure'))
      worse(hsts ? ['cookies-without-secure-flag-but-protected-by-hsts', -5] : ['cookies-without-secure-flag', -20]);
    if (key.includes('csrf') && !sameSite) worse(['cookies-anticsrf-without-samesite-flag', -20]);
    if (session && !has('secure'))
      worse(
        hsts
          ? ['cookies-session-without-secure-flag-but-protected-by-hsts', -10]
          : ['cookies-session-without-secure-flag', -40],
      );
    if (session && !has('httponly')) worse(['cookies-session-without-httponly-flag', -30]);
    if (!sameSite && worst[1] === 5) worst = ['cookies-secure-with-httponly-sessions', 0];
  }
  return worst;
}

function hstsTest(header: string | null, https: boolean): [string, number] {
  if (!https) return ['hsts-not-implemented-no-https', -20];
  if (!header) return ['hsts-not-implemented', -20];
  const maxAge = /(?:^|;)\s*max-age=(\d+)/i.exec(header)?.[1];
  if (header.includes(',') || maxAge === undefined) return ['hsts-header-invalid', -20];
  return Number(maxAge) < 15_768_000
    ? ['hsts-implemented-max-age-less-than-six-months', -10]
    : ['hsts-implemented-max-age-at-least-six-months', 0];
}

function sriTest(html: string | undefined, origin: URL): [string, number] {
  if (html === undefined) return ['sri-not-implemented-response-not-html', 0];
  const scripts = [...html.matchAll(/<script\b[^>]*\bsrc=["']?([^"'\s>]+)[^>]*>/gi)];
  const external = scripts.filter(([, src = '']) => new URL(src, origin).origin !== origin.origin);
  if (scripts.length === 0) return ['sri-not-implemented-but-no-scripts-loaded', 0];
  if (external.length === 0) return ['sri-not-implemented-but-all-scripts-loaded-from-secure-origin', 0];
  const secure = external.every(([, src = '']) => new URL(src, origin).protocol === 'https:');
  const withIntegrity = external.every(([tag]) => /\bintegrity=/i.test(tag));
  if (withIntegrity)
    return secure
      ? ['sri-implemented-and-external-scripts-loaded-securely', 5]
      : ['sri-implemented-but-external-scripts-not-loaded-securely', -20];
  return secure
    ? ['sri-not-implemented-but-external-scripts-loaded-securely', -5]
    : ['sri-not-implemented-and-external-scripts-not-loaded-securely', -50];
}

function referrerTest(header: string | null): [string, number] {
  if (!header) return ['referrer-policy-not-implemented', 0];
  const good = ['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin'];
  const bad = ['origin', 'origin-when-cross-origin', 'unsafe-url', 'no-referrer-when-downgrade'];
  const policy = header
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter((p) => good.includes(p) || bad.includes(p))
    .at(-1);
  if (policy && good.includes(policy)) return ['referrer-policy-private', 5];
  return policy ? ['referrer-policy-unsafe', -5] : ['referrer-policy-header-invalid', -5];
}

function tokenTest(name: string, header: string | null, table: Record<string, number>): [string, number] {
  if (header === null) return [`${name}-not-implemented`, 0];
  const value = header.trim().toLowerCase();
  return value in table ? [`${name}-implemented-with-${value}`, table[value]!] : [`${name}-header-invalid`, -5];
}

/** Scores `headers` (and the HTML body, for subresource integrity) of a response served at `origin`. */
export function observatoryScore(headers: Headers, origin: string, html?: string): Scored {
  const url = new URL(origin);
  const https = url.protocol === 'https:';
  const csp = headers.get('content-security-policy');
  const hsts = hstsTest(headers.get('strict-transport-security'), https);
  const xfo = headers.get('x-frame-options')?.trim().toLowerCase();
  const cspMap = csp ? parseCsp(csp) : undefined;
  const acao = headers.get('access-control-allow-origin');
  const tests: Record<string, [string, number]> = {
    'content-security-policy': cspTest(csp, https),
    cookies: cookiesTest(headers.getSetCookie(), hsts[1] === 0),
    'cross-origin-resource-sharing':
      acao === null
        ? ['cors-not-implemented', 0]
        : acao.trim() === '*'
          ? ['cors-implemented-with-public-access', 0]
          : ['cors-implemented-with-restricted-access', 0],
    redirection: ['redirection-not-applicable', 0],
    'referrer-policy': referrerTest(headers.get('referrer-policy')),
    'strict-transport-security': hsts,
    'subresource-integrity': sriTest(html, url),
    'x-content-type-options':
      headers.get('x-content-type-options')?.trim().toLowerCase() === 'nosniff'
        ? ['x-content-type-options-nosniff', 0]
        : ['x-content-type-options-not-implemented', -5],
    'x-frame-options':
      cspMap instanceof Map && cspMap.has('frame-ancestors')
        ? ['x-frame-options-implemented-via-csp', 5]
        : xfo === 'deny' || xfo === 'sameorigin'
          ? ['x-frame-options-sameorigin-or-deny', 5]
          : ['x-frame-options-not-implemented', -20],
    'cross-origin-resource-policy': tokenTest('corp', headers.get('cross-origin-resource-policy'), {
      'same-site': 10,
      'same-origin': 10,
      'cross-origin': 0,
    }),
    'cross-origin-opener-policy': tokenTest('coop', headers.get('cross-origin-opener-policy'), {
      'same-origin': 10,
      'same-origin-allow-popups': 10,
      'noopener-allow-popups': 10,
      'unsafe-none': 0,
    }),
    'cross-origin-embedder-policy': tokenTest('coep', headers.get('cross-origin-embedder-policy'), {
      'require-corp': 10,
      credentialless: 10,
      'unsafe-none': 0,
    }),
  };
  const modifiers = Object.values(tests).map(([, modifier]) => modifier);
  const uncurved = 100 + modifiers.filter((m) => m < 0).reduce((a, b) => a + b, 0);
  const score = Math.max(0, uncurved >= 90 ? 100 + modifiers.reduce((a, b) => a + b, 0) : uncurved);
  const grades = [
    'F',
    'F',
    'F',
    'F',
    'F',
    'D-',
    'D',
    'D',
    'D+',
    'C-',
    'C',
    'C',
    'C+',
    'B-',
    'B',
    'B',
    'B+',
    'A-',
    'A',
    'A',
    'A+',
  ];
  return { score, grade: grades[Math.min(20, Math.floor(score / 5))]!, tests };
}
