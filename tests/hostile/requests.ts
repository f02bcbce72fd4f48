import type { RawRequest } from './raw-http.ts';
import type { Random } from './random.ts';

/**
 * The hostile suite's request generator: every request it makes is one the gate must refuse or answer
 * without storing anything (invalid form, wrong method or content type, foreign origin, tampered link),
 * or, for a valid download link with odd headers, store at most the download it serves.
 */

/** Must never come back raw in an answer: a reflected copy of it would run in the reader's browser. */
export const MARKER = `<script>hostile()</script>"'`;

/**
 * Whether the marker comes back unescaped: whole (its quote not escaped), or its tag outside a double-quoted
 * attribute value (inside one, `<` is inert and Astro escapes only the quote).
 */
export function reflectsRaw(text: string): boolean {
  return text.includes(MARKER) || text.replace(/="[^"]*"/g, '=""').includes('<script>hostile()');
}

export interface Target {
  origin: string;
  series: string;
  consentVersion: string;
  role: string;
  /** A valid download token of a lead made before the run, and its access cookie. */
  token: string;
  cookie: string;
  /** The dashboard's password: sent only with forged or missing form tokens and sessions, never let in. */
  adminPassword: string;
}

/** What a generated request is, so that the test can say what it expected of it. */
export interface Hostile extends RawRequest {
  kind: string;
  /** A GET of the valid download link: it may record one download, and nothing else. */
  validDownload?: boolean;
}

type Value = string | Buffer;
type Field = [string, Value];

const INVALID_UTF8 = Buffer.from([0xff, 0xfe, 0xc3, 0x28, 0xa0, 0xa1, 0xed, 0xa0, 0x80]);
const BIDI = ['\u202eecalevoL', 'Ada\u2066x\u2069', '\u200fAda\u202c', 'Ada\u061c'];
const ZERO_WIDTH = ['\u200b\u200c\u200d', '\ufeff', '\u200b', '\u2060\u180e'];
const BREAKS = [
  'Ada\u2028Lovelace',
  'Ada\u0085',
  'Ada\u2029Lovelace',
  'Ada\r\nSet-Cookie: injected=1',
  'Ada\nX-Injected: 1',
];
const CONTROL = ['Ada\u0000', '\u0000', 'A\u0007da', 'Ada\u001b[31m', 'Ada\u007f', 'Ada\ue000'];
const TRAVERSAL = [
  '../../../../etc/passwd',
  '..%2f..%2f..%2fetc%2fpasswd',
  '....//....//etc/passwd',
  '%2e%2e%2f%2e%2e%2f',
];

/** A value for any field that is not a name: hostile, but not necessarily invalid. */
function noise(random: Random): Value {
  return random.pick<() => Value>([
    () => MARKER,
    () => INVALID_UTF8,
    () => random.pick(BIDI),
    () => random.pick(ZERO_WIDTH),
    () => random.pick(TRAVERSAL),
    () => 'x'.repeat(random.int(1, 4000)),
    () => '%00%0d%0a',
    () => `${MARKER}\u0000${MARKER}`,
  ])();
}

/** A form that would be stored, but for the one change that `invalidate` makes to it. */
function baseForm(target: Target, n: number): Field[] {
  return [
    // As a second download's form: name and company are required, so a missing or empty one is refused.
    // First, so that a body cut short (a short Content-Length) never loses it and turns valid.
    ['profile', 'ask'],
    ['series', target.series],
    ['consentVersion', target.consentVersion],
    ['firstName', 'Ada'],
    ['lastName', 'Lovelace'],
    ['email', `hostile-${n}@analytical-engines.example`],
    ['company', 'Analytical Engines'],
    ['jobRole', target.role],
    ['consent', 'on'],
    ['website', ''],
  ];
}

const set = (form: Field[], name: string, value: Value) => {
  const field = form.find(([key]) => key === name);
  if (field) field[1] = value;
  else form.push([name, value]);
};

/** Makes the form one the gate must refuse, in one of many ways; says which. */
function invalidate(form: Field[], random: Random, target: Target): string {
  const name = random.pick(['firstName', 'lastName']);
  return random.pick<() => string>([
    () => {
      const field = random.pick([
        'series',
        'firstName',
        'lastName',
        'email',
        'company',
        'jobRole',
        'consent',
        'consentVersion',
      ]);
      form.splice(
        form.findIndex(([key]) => key === field),
        1,
      );
      return `missing ${field}`;
    },
    () => (
      set(form, 'consent', random.pick(['off', '', 'false', '0', 'ON', 'true', 'yes', MARKER, 'on\u0000'])),
      'consent not given'
    ),
    () => (set(form, name, random.pick([...BIDI, ...ZERO_WIDTH, ...BREAKS, ...CONTROL])), `${name}: not one line`),
    () => (set(form, name, random.pick(['12345', '...', '---', MARKER.replace(/[a-z]/gi, '')])), `${name}: no letter`),
    () => (set(form, name, 'A'.repeat(random.int(81, 20_000))), `${name}: oversize`),
    () => (
      set(
        form,
        'email',
        random.pick([
          'ada-at-example',
          MARKER,
          `${MARKER}@analytical-engines.example`,
          'ada@gmail.com',
          'ada@mail.gmail.com',
          `${'x'.repeat(300)}@analytical-engines.example`,
          'ada@analytical-engines.example\r\nBcc: x@y.example',
          'ada\u0000@analytical-engines.example',
          '@',
          '',
          '   ',
          'ada@\u202eelpmaxe.com',
          ...TRAVERSAL,
        ]),
      ),
      'bad email'
    ),
    () => (
      set(
        form,
        'company',
        random.pick(['', '   ', 'x'.repeat(random.int(121, 5000)), 'Acme\u0000', 'Acme\r\nX: 1', ...BIDI.slice(0, 1)]),
      ),
      'bad company'
    ),
    () => (
      set(form, 'jobRole', random.pick(['Astronaut', MARKER, `${target.role}\u0000`, '', `${target.role}\u202e`])),
      'role not on the list'
    ),
    () => (
      set(
        form,
        'consentVersion',
        random.pick(['1999-01-01', '', 'x'.repeat(41), MARKER, `${target.consentVersion}\u0000`]),
      ),
      'old consent'
    ),
    () => (
      set(
        form,
        'series',
        random.pick(['nope', MARKER, target.series.toUpperCase(), `${target.series}\u0000`, ...TRAVERSAL]),
      ),
      'bad series'
    ),
    () => (set(form, 'website', random.pick(['http://spam.example', MARKER, 'x'])), 'honeypot filled'),
  ])();
}

/** Hostile changes that leave the form as invalid as it was: duplicates after the first, unknown fields, noise. */
function roughen(form: Field[], random: Random): void {
  // Fields in another order first; what is added after comes after the fields it repeats, so the value
  // the gate reads (the first) stays the invalid one, and a missing field stays missing.
  if (random.chance(0.2)) form.reverse();
  for (let i = random.int(0, 3); i > 0; i--) {
    random.pick<() => void>([
      () => form.push([random.pick(form)[0], noise(random)]),
      () =>
        form.push([random.pick(['_action', 'extra', MARKER, '__proto__', 'constructor', 'consent[]']), noise(random)]),
      () => set(form, 'marketingOptIn', noise(random)),
    ])();
  }
}

const percent = (value: Value) =>
  typeof value === 'string'
    ? encodeURIComponent(value)
    : [...value].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('');

function urlencoded(form: Field[], random: Random): Buffer {
  // Now and then a value goes in as raw bytes, not percent-encoded: invalid UTF-8 on the wire.
  return Buffer.concat(
    form.flatMap(([key, value], i) => [
      Buffer.from(`${i ? '&' : ''}${encodeURIComponent(key)}=`),
      Buffer.isBuffer(value) && random.chance(0.5) ? value : Buffer.from(percent(value)),
    ]),
  );
}

function multipart(form: Field[], boundary: string): Buffer {
  return Buffer.concat([
    ...form.flatMap(([key, value]) => [
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${key.replace(/"/g, '%22')}"\r\n\r\n`),
      Buffer.from(value),
      Buffer.from('\r\n'),
    ]),
    Buffer.from(`--${boundary}--\r\n`),
  ]);
}

const json = (form: Field[]) =>
  Buffer.from(JSON.stringify(Object.fromEntries(form.map(([key, value]) => [key, String(value)]))));

/** A body and the content type it is sent with (sometimes the wrong one, sometimes none). */
function encode(form: Field[], random: Random): { body: Buffer; headers: [string, string][] } {
  const boundary = `----hostile${random.int(0, 1e9)}`;
  const [body, type] = random.pick<() => [Buffer, string]>([
    () => [urlencoded(form, random), 'application/x-www-form-urlencoded'],
    () => [urlencoded(form, random), 'application/x-www-form-urlencoded'],
    () => [multipart(form, boundary), `multipart/form-data; boundary=${boundary}`],
    () => [multipart(form, boundary), 'multipart/form-data; boundary=wrong'],
    () => [multipart(form, boundary), 'multipart/form-data'],
    () => [json(form), 'application/json'],
    () => [
      Buffer.from(random.pick(['{"email": ', '[]', 'null', '"x"', '{"__proto__":{"x":1}}', '\u0000'])),
      'application/json',
    ],
    () => [
      urlencoded(form, random),
      random.pick(['text/plain', 'application/xml', 'application/json', 'image/png', MARKER]),
    ],
  ])();
  const headers: [string, string][] = random.chance(0.05) ? [] : [['Content-Type', type]];
  if (random.chance(0.05)) headers.push(['Content-Type', 'text/plain']);
  return { body, headers };
}

const withOrigin = (target: Target, random: Random): [string, string][] =>
  random.chance(0.9) ? [['Origin', target.origin]] : random.chance(0.5) ? [['Origin', 'https://evil.example']] : [];

/** A POST of an invalid form, to the report page (no JavaScript) or to the Action (the enhanced form). */
function formPost(target: Target, random: Random, n: number, path: string): Hostile {
  const form = baseForm(target, n);
  const why = invalidate(form, random, target);
  roughen(form, random);
  const { body, headers } = encode(form, random);
  return {
    kind: `${path === '/_actions/requestReport/' ? 'action' : 'report form'}: ${why}`,
    method: 'POST',
    target: path,
    headers: [...withOrigin(target, random), ...headers],
    body,
  };
}

/** A valid form sent in a way the gate must refuse: a foreign or missing origin, the wrong method or type. */
function refusedTransport(target: Target, random: Random, n: number, path: string): Hostile {
  const form = baseForm(target, n);
  const type: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
  return random.pick<() => Hostile>([
    () => ({
      kind: 'foreign origin',
      method: 'POST',
      target: path,
      headers: [
        ['Origin', random.pick(['https://evil.example', 'null', MARKER, `${target.origin}.evil.example`])],
        type,
      ],
      body: urlencoded(form, random),
    }),
    () => ({ kind: 'no origin', method: 'POST', target: path, headers: [type], body: urlencoded(form, random) }),
    () => ({
      kind: 'not a form type',
      method: 'POST',
      target: path,
      headers: [
        ['Origin', target.origin],
        ['Content-Type', random.pick(['text/plain', 'application/xml', 'application/octet-stream'])],
      ],
      body: urlencoded(form, random),
    }),
    () => ({
      kind: 'wrong method',
      method: random.pick(['PUT', 'PATCH', 'DELETE', 'GET', 'OPTIONS']),
      target: path,
      headers: [['Origin', target.origin], type],
      body: urlencoded(form, random),
    }),
  ])();
}

/** The download route: tampered and traversing tokens, and the valid one with absurd Range and validators. */
function download(target: Target, random: Random): Hostile {
  const { series, token } = target;
  const ranges = [
    'bytes=0-',
    'bytes=-0',
    'bytes=0-0',
    'bytes=5-1',
    'bytes=-1',
    'bytes=0-99',
    `bytes=${'9'.repeat(random.int(16, 400))}-`,
    `bytes=${'0'.repeat(random.int(100, 15_000))}-99`,
    `bytes=${Array.from({ length: random.int(2, 2000) }, (_, i) => `${i}-${i}`).join(',')}`,
    'bytes=-99999999999999999999999',
    'items=0-1',
    'bytes=0x10-0x20',
    'bytes=1e3-2e3',
    'bytes= 0 - 1',
    'bytes=NaN-',
    'bytes=',
    '',
    'bytes=0-1\u0000',
    MARKER,
    'bytes=99999999-',
    'bytes=0-1,-1',
  ];
  const headers: [string, Value][] = [];
  if (random.chance(0.7)) headers.push(['Range', random.pick(ranges)]);
  if (random.chance(0.15)) headers.push(['Range', random.pick(ranges)]);
  if (random.chance(0.15))
    headers.push(['If-Range', random.pick(['"x"', MARKER, 'Wed, 21 Oct 2015 07:28:00 GMT', ''])]);
  if (random.chance(0.15))
    headers.push(['If-None-Match', random.pick(['"x"', '*, "y"', MARKER, 'W/', '"'.repeat(2000)])]);
  if (random.chance(0.1)) headers.push(['Cookie', random.pick([target.cookie, `${target.cookie}${MARKER}`, MARKER])]);
  const flip = (i: number) => token.slice(0, i) + (token[i] === 'A' ? 'B' : 'A') + token.slice(i + 1);
  const method = random.pick(['GET', 'GET', 'HEAD', 'HEAD', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
  const bad = random.pick<() => string>([
    () => flip(random.int(0, token.length - 1)),
    () => token.slice(0, random.int(0, token.length - 1)),
    () => `${token}${random.pick(['x', '%00', '%2f..', MARKER])}`,
    () => encodeURIComponent(random.pick([MARKER, ...TRAVERSAL])),
    () => random.pick(TRAVERSAL),
    () => 'A'.repeat(random.int(1, 6000)),
    () => '%ff%fe%c3%28',
    () => '%E2%80%AE%E2%80%8B',
  ]);
  if (random.chance(0.45)) {
    return {
      kind: `valid link, ${method}`,
      method,
      target: `/${series}/report/download/${token}/`,
      headers,
      validDownload: method === 'GET',
    };
  }
  const where = random.chance(0.85) ? series : random.pick(['nope', '..', MARKER, encodeURIComponent(MARKER)]);
  return { kind: `bad link, ${method}`, method, target: `/${where}/report/download/${bad()}/`, headers };
}

/** Pages that do not exist, path traversal, the link-problem page visited directly, odd bytes in the path. */
function strayPath(target: Target, random: Random): Hostile {
  const { series } = target;
  const path = random.pick<() => Value>([
    () => `/${series}/report/link-problem/`,
    () => `/${series}/report/link-problem/?x=${encodeURIComponent(MARKER)}`,
    () => `/${series}/report/${random.pick(TRAVERSAL)}`,
    () => `/${random.pick(TRAVERSAL)}`,
    () => `/${series}/report/download/`,
    () => `/${series}/report/download/..%2f..%2f..%2fpackage.json/`,
    () => `/nope/report/`,
    () => `/${encodeURIComponent(MARKER)}/report/`,
    () => `/${series}/report/?${encodeURIComponent(MARKER)}=${encodeURIComponent(MARKER)}`,
    () => `/${series}/report/?_action=${encodeURIComponent(random.pick(['requestReport', MARKER, 'x']))}`,
    () => `/_actions/${random.pick(['nope', MARKER, '..%2f..%2f', 'requestReport/../requestReport'])}/`,
    () => `/${series}/report/print/`,
    () => `/%00/`,
    () => `/%ff%fe/report/`,
    () => Buffer.concat([Buffer.from(`/${series}/report/`), INVALID_UTF8.subarray(0, 2), Buffer.from('/')]),
    () => `/${'a/'.repeat(random.int(100, 3000))}`,
    () => `//evil.example/`,
    () => `/\\evil.example/`,
    () => `/${series}/report/%0d%0aX-Injected:%201`,
    () => `/report/${'%2e%2e/'.repeat(10)}dist/server/entry.mjs`,
  ])();
  const method = random.pick(['GET', 'GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'PROPFIND', 'SEARCH']);
  const headers: [string, string][] =
    method === 'POST'
      ? [
          ['Origin', target.origin],
          ['Content-Type', 'application/x-www-form-urlencoded'],
        ]
      : [];
  return {
    kind: `stray path, ${method}`,
    method,
    target: path,
    headers,
    body: method === 'POST' ? Buffer.from('x=1') : undefined,
  };
}

/** Header injection and framing attacks: CR/LF, NUL and invalid UTF-8 in headers, conflicting lengths. */
function badHeaders(target: Target, random: Random, n: number): Hostile {
  const path = random.pick([
    `/${target.series}/report/`,
    '/_actions/requestReport/',
    `/${target.series}/report/download/${target.token}/`,
  ]);
  const form = baseForm(target, n);
  invalidate(form, random, target);
  const body = urlencoded(form, random);
  const type: [string, string] = ['Content-Type', 'application/x-www-form-urlencoded'];
  const origin: [string, string] = ['Origin', target.origin];
  const request = random.pick<() => Hostile>([
    () => ({
      kind: 'CR/LF in a header value',
      method: 'GET',
      target: path,
      headers: [['User-Agent', `x\r\nX-Injected: 1\r\nSet-Cookie: injected=1`]],
    }),
    () => ({
      kind: 'bare CR in a header value',
      method: 'GET',
      target: path,
      headers: [['User-Agent', 'x\rX-Injected: 1']],
    }),
    () => ({
      kind: 'bare LF in a header value',
      method: 'GET',
      target: path,
      headers: [['Accept-Language', 'en\nX-Injected: 1']],
    }),
    () => ({ kind: 'NUL in a header value', method: 'GET', target: path, headers: [['User-Agent', 'x\u0000y']] }),
    () => ({
      kind: 'invalid UTF-8 in headers',
      method: 'GET',
      target: path,
      headers: [
        ['User-Agent', INVALID_UTF8],
        ['Cookie', INVALID_UTF8],
      ],
    }),
    () => ({
      kind: 'marker in headers',
      method: 'GET',
      target: path,
      headers: [
        ['User-Agent', MARKER],
        ['Referer', MARKER],
        ['Accept-Language', MARKER],
        ['X-Forwarded-Host', MARKER],
        ['X-Forwarded-For', MARKER],
        ['X-Forwarded-Proto', MARKER],
      ],
    }),
    () => ({ kind: 'header without a name', method: 'GET', target: path, headers: [['', 'x']] }),
    () => ({
      kind: 'huge header',
      method: 'GET',
      target: path,
      headers: [['X-Big', 'x'.repeat(random.int(8_000, 70_000))]],
    }),
    () => ({
      kind: 'Host spoofing',
      method: 'POST',
      target: path,
      headers: [['Host', random.pick(['evil.example', MARKER, 'localhost:1', ''])], origin, type],
      body,
    }),
    () => ({
      kind: 'short Content-Length',
      method: 'POST',
      target: path,
      headers: [origin, type, ['Content-Length', String(random.int(0, body.length - 1))]],
      body,
    }),
    () => ({
      kind: 'two Content-Lengths',
      method: 'POST',
      target: path,
      headers: [origin, type, ['Content-Length', String(body.length)], ['Content-Length', '1']],
      body,
    }),
    () => ({
      kind: 'Content-Length and chunked',
      method: 'POST',
      target: path,
      headers: [origin, type, ['Content-Length', String(body.length)], ['Transfer-Encoding', 'chunked']],
      body,
    }),
    () => ({
      kind: 'broken chunks',
      method: 'POST',
      target: path,
      headers: [origin, type, ['Transfer-Encoding', 'chunked']],
      body: Buffer.from(`zz\r\n${body.toString('latin1')}\r\n0\r\n\r\n`, 'latin1'),
    }),
    () => ({
      kind: 'negative Content-Length',
      method: 'POST',
      target: path,
      headers: [origin, type, ['Content-Length', '-1']],
      body,
    }),
    () => ({
      kind: 'oversize body',
      method: 'POST',
      target: path,
      headers: [origin, type],
      body: Buffer.concat([body, Buffer.from(`&company=${'x'.repeat(random.int(64 * 1024, 600_000))}`)]),
    }),
  ])();
  // A GET of the valid link with odd headers is still a download it may serve (and record).
  return { ...request, validDownload: request.method === 'GET' && path.includes('/download/') };
}

/**
 * The dashboard without a session: any path under /admin/, any method, sign-in posts with the right
 * password but a forged, missing or foreign form token or Origin, forged session cookies. It must never
 * answer 2xx or 3xx (but /admin's 308 to /admin/), never set a session cookie, never show the dashboard.
 */
function admin(target: Target, random: Random): Hostile {
  const path = random.pick([
    '/admin/',
    '/admin',
    '/admin/sign-in',
    '/admin/sign-out',
    '/admin/%2e%2e/',
    `/admin/${encodeURIComponent(MARKER)}`,
    '/admin/../admin/',
    '/admin//sign-in',
    `/admin/${'x/'.repeat(random.int(1, 50))}`,
  ]);
  const method = random.pick(['GET', 'HEAD', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'OPTIONS']);
  const forgedSession = random.pick([
    `mt_admin=${Date.now() + 3_600_000}.AAAAAAAAAAAAAAAA.${'A'.repeat(43)}`,
    `mt_admin=${MARKER}`,
    'mt_admin=9999999999999.x.y',
    `mt_admin=${'A'.repeat(random.int(1, 5000))}`,
    'mt_admin_form=AAAAAAAAAAAAAAAAAAAAAA',
    '',
  ]);
  const headers: [string, string][] = [
    ['Origin', random.pick([target.origin, 'https://evil.example', 'null', MARKER])],
    ['Content-Type', 'application/x-www-form-urlencoded'],
    ...(forgedSession ? ([['Cookie', forgedSession]] as [string, string][]) : []),
  ];
  const form = new URLSearchParams({
    password: random.pick([target.adminPassword, '', MARKER, 'x'.repeat(random.int(1, 3000))]),
    form: random.pick(['', 'forged', MARKER, 'A'.repeat(43)]),
  });
  return {
    kind: `admin, ${method}`,
    method,
    target: path,
    headers,
    body: method === 'POST' || method === 'PUT' ? Buffer.from(form.toString()) : undefined,
  };
}

/** The funnel's beacon with hostile bodies, methods and origins: answered, never a 5xx, never a cookie. */
function beacon(target: Target, random: Random): Hostile {
  const body = random.pick<() => Value>([
    () => JSON.stringify({ e: 'view', p: `/${target.series}/`, q: `?utm_source=${MARKER}`, r: MARKER }),
    () => JSON.stringify({ e: MARKER, p: MARKER }),
    () => JSON.stringify({ e: 'view', p: random.pick(TRAVERSAL), r: `https://${MARKER}/` }),
    () => noise(random),
    () => '{"e":"view","p":"/"'.repeat(random.int(1, 200)),
    () => INVALID_UTF8,
  ])();
  const method = random.pick(['POST', 'POST', 'POST', 'GET', 'PUT']);
  return {
    kind: `beacon, ${method}`,
    method,
    target: '/_event',
    headers: [
      ['Origin', random.pick([target.origin, 'https://evil.example'])],
      ['Content-Type', 'text/plain;charset=UTF-8'],
    ],
    body: method === 'GET' ? undefined : Buffer.isBuffer(body) ? body : Buffer.from(body),
  };
}

/** Request number `n` of the run: the mix covers every on-demand route. */
export function hostileRequest(target: Target, random: Random, n: number): Hostile {
  const roll = random.next();
  const path = random.chance(0.5) ? `/${target.series}/report/` : '/_actions/requestReport/';
  if (roll < 0.4) return formPost(target, random, n, path);
  if (roll < 0.46) return refusedTransport(target, random, n, path);
  if (roll < 0.62) return download(target, random);
  if (roll < 0.72) return admin(target, random);
  if (roll < 0.76) return beacon(target, random);
  if (roll < 0.88) return strayPath(target, random);
  return badHeaders(target, random, n);
}
