import { readdirSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { extname, join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportForm, startServer, type RunningServer } from './server.ts';

/** What `npm start` sends: compression, cache policy, conditional requests, health, logs, shutdown. */
const SERIES = 'ml-trends-2021';
const client = join(process.cwd(), 'dist/client');
let server: RunningServer;

beforeAll(async () => {
  server = await startServer();
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

/**
 * The largest built file of each kind worth compressing (there is a large enough one of each), of those
 * under `under` when given (`_astro`: Astro's content-hashed assets).
 */
function largestOfEach(under = ''): Map<string, string> {
  const found = new Map<string, [string, number]>();
  for (const file of readdirSync(join(client, under), { recursive: true, encoding: 'utf8' }).map((f) =>
    join(under, f),
  )) {
    const kind = extname(file);
    const size = statSync(join(client, file)).size;
    if (
      ['.html', '.css', '.js', '.svg', '.json', '.xml'].includes(kind) &&
      size >= 1024 &&
      size > (found.get(kind)?.[1] ?? 0)
    ) {
      found.set(kind, [
        `/${file
          .split('\\')
          .join('/')
          .replace(/(^|\/)index\.html$/, '$1')}`,
        size,
      ]);
    }
  }
  return new Map([...found].map(([kind, [path]]) => [kind, path]));
}

const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
  fetch(`${server.origin}${path}`, { method, headers, redirect: 'manual' });

/** Headers of a response, without those that differ per response or per connection. */
const stable = (response: Response) =>
  Object.fromEntries(
    [...response.headers].filter(([name]) => !['date', 'x-request-id', 'connection', 'keep-alive'].includes(name)),
  );

describe('the production server sends what a fast site needs', () => {
  it('sends HTML, JS, JSON and XML compressed with Brotli or gzip, as the client accepts, and the same bytes', async () => {
    const files = largestOfEach();
    expect([...files.keys()]).toEqual(expect.arrayContaining(['.html', '.js', '.json', '.xml']));
    for (const path of files.values()) {
      const plain = Buffer.from(await (await get(path, { 'Accept-Encoding': 'identity' })).arrayBuffer());
      // fetch decodes what it asked for: ask with a raw socket-level view through node:http instead.
      for (const [encoding, decode] of [
        ['br', brotliDecompressSync],
        ['gzip', gunzipSync],
      ] as const) {
        const response = await rawGet(path, encoding);
        expect(response.headers['content-encoding'], `${path} with ${encoding}`).toBe(encoding);
        expect(response.headers.vary).toMatch(/Accept-Encoding/i);
        expect(response.body.length).toBeLessThan(plain.length * 0.8);
        expect(decode(response.body).equals(plain), `${path} decodes to the file`).toBe(true);
      }
    }
  });

  it('caches hashed assets for a year and revalidates HTML, with the same headers for HEAD as for GET', async () => {
    const asset = largestOfEach('_astro').get('.js')!;
    expect(asset).toMatch(/^\/_astro\//);
    for (const [path, policy] of [
      [asset, 'public, max-age=31536000, immutable'],
      ['/', 'no-cache'],
      [`/${SERIES}/`, 'no-cache'],
    ]) {
      const [full, head] = await Promise.all([get(path!), get(path!, {}, 'HEAD')]);
      expect(full.headers.get('cache-control'), path).toBe(policy);
      expect(full.headers.get('etag'), path).toBeTruthy();
      expect(stable(head)).toEqual(stable(full));
    }
  });

  it('answers a conditional GET for an unchanged file with 304 and no body', async () => {
    for (const path of ['/', largestOfEach().get('.js')!]) {
      const first = await get(path, { 'Accept-Encoding': 'br' });
      const again = await get(path, { 'Accept-Encoding': 'br', 'If-None-Match': first.headers.get('etag')! });
      expect(again.status, path).toBe(304);
      expect(await again.text()).toBe('');
      expect(again.headers.get('cache-control')).toBe(first.headers.get('cache-control'));
      expect(again.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'));
      expect((await get(path, { 'If-None-Match': 'W/"0-0"' })).status).toBe(200);
    }
  });

  it('serves a built file whole when the Range header is one it cannot honour', async () => {
    const response = await get('/', { Range: 'bytes=500-20' });
    expect(response.status).toBe(200);
    expect((await response.text()).length).toBeGreaterThan(500);
    expect((await get('/', { Range: 'bytes=0-99' })).status).toBe(206);
  });

  it('keeps redirecting a page path without its trailing slash, and never to another host', async () => {
    const response = await get(`/${SERIES}?from=feed`);
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe(`/${SERIES}/?from=feed`);
    expect((await get('//evil.example')).status).toBe(404);
  });
});

describe('operability', () => {
  it('answers /healthz with 200 and the checks as JSON', async () => {
    const response = await get('/healthz');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const health = (await response.json()) as { status: string; store: string; reports: Record<string, string> };
    expect(health).toMatchObject({ status: 'ok', store: 'ok' });
    // Every series' report, this one among them.
    expect(health.reports[SERIES]).toBe('ok');
    expect(Object.values(health.reports).every((state) => state === 'ok')).toBe(true);
  });

  it('writes one JSON log line per request with the id sent back, and no email or address in it', async () => {
    const email = 'log-check@analytical-engines.example';
    const body = reportForm(email);
    const posted = await fetch(`${server.origin}/${SERIES}/report/`, {
      method: 'POST',
      body,
      headers: { Origin: server.origin },
    });
    const html = await posted.text();
    expect(posted.status).toBe(200);
    const download = /href="(\/[^"]+\/report\/download\/[^"]+)"/.exec(html)![1]!;
    const responses = [
      posted,
      await get(`/${SERIES}/?email=${encodeURIComponent(email)}`),
      await get(download, {}, 'HEAD'),
    ];
    await new Promise((resolve) => setTimeout(resolve, 100));
    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    for (const response of responses) {
      const id = response.headers.get('x-request-id');
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      const mine = lines.filter((line) => line.id === id);
      expect(mine).toHaveLength(1);
      expect(mine[0]!.status).toBe(response.status);
      expect(typeof mine[0]!.ms).toBe('number');
    }
    const log = server.output();
    expect(log).not.toContain(email);
    expect(log).not.toContain(encodeURIComponent(email));
    expect(log).not.toContain('127.0.0.1"');
    expect(log).not.toContain(download.split('/').at(-2));
  });
});

/** GET through node:http, which leaves the body as sent (fetch would decode it). */
function rawGet(path: string, encoding: string) {
  return new Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }>((resolve, reject) => {
    request(`${server.origin}${path}`, { headers: { 'Accept-Encoding': encoding } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}
