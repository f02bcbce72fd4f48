import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../src/gate/http/static.ts';
import { freePort } from '../integration/server.ts';

/**
 * The built-file server on a real HTTP server, twice: with every file held in memory, and with none (each
 * streamed from disk, as files past the memory budget are). Both must answer alike.
 */
let root: string;
const servers: Server[] = [];
const origins: Record<'held' | 'streamed', string> = { held: '', streamed: '' };
const page = '<!doctype html><p>' + 'x'.repeat(5000) + '</p>';

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mt-static-'));
  mkdirSync(join(root, 'guide'));
  mkdirSync(join(root, '_astro'));
  writeFileSync(join(root, 'guide/index.html'), page);
  writeFileSync(join(root, 'guide/index.html.br'), 'brotli bytes');
  writeFileSync(join(root, 'guide/index.html.gz'), 'gzip bytes');
  writeFileSync(join(root, '_astro/app.1a2b.js'), 'console.log(1)');
  writeFileSync(join(root, 'gone.txt'), 'y'.repeat(100_000));
  writeFileSync(join(root, '.env'), 'SECRET=1');
  symlinkSync(join(root, '_astro/app.1a2b.js'), join(root, 'linked.js'));
  for (const [kind, budget] of [
    ['held', 64 * 1024 * 1024],
    ['streamed', 0],
  ] as const) {
    const serve = staticFiles(root, budget);
    const server = createServer((req, res) => {
      const pathname = decodeURI((req.url ?? '/').split('?')[0]!);
      serve(req, res, pathname, () => res.writeHead(404).end('not built'));
    });
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    servers.push(server);
    origins[kind] = `http://127.0.0.1:${port}`;
  }
});

afterAll(async () => {
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  rmSync(root, { recursive: true, force: true });
});

describe.each(['held', 'streamed'] as const)('built files, %s', (kind) => {
  const get = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    fetch(origins[kind] + path, { method, headers: { 'Accept-Encoding': 'identity', ...headers } });

  it('serves a page at its directory path with its type, length, ETag and cache policy', async () => {
    for (const path of ['/guide/', '/guide', '/guide/index.html']) {
      const response = await get(path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(page);
      expect(response.headers.get('content-type')).toBe('text/html;charset=utf-8');
      expect(response.headers.get('content-length')).toBe(String(page.length));
      expect(response.headers.get('etag')).toMatch(/^W\/"\d+-\d+"$/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('vary')).toBe('Accept-Encoding');
    }
    expect(await (await get('/linked.js')).text()).toBe('console.log(1)');
    expect((await get('/_astro/app.1a2b.js')).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
  });

  it('sends the precompressed copy the client accepts, Brotli first', async () => {
    const raw = async (encoding: string) => {
      const response = await fetch(origins[kind] + '/guide/', { headers: { 'Accept-Encoding': encoding } });
      return [response.headers.get('content-encoding'), response.headers.get('content-length')];
    };
    expect(await raw('gzip, br')).toEqual(['br', '12']);
    expect(await raw('gzip')).toEqual(['gzip', '10']);
  });

  it('answers 304 to its ETag, HEAD with the headers of GET, and one byte range', async () => {
    const first = await get('/guide/');
    const again = await get('/guide/', { 'If-None-Match': first.headers.get('etag')! });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    const head = await get('/guide/', {}, 'HEAD');
    expect(head.headers.get('content-length')).toBe(first.headers.get('content-length'));
    expect(await head.text()).toBe('');
    const part = await get('/guide/', { Range: 'bytes=2-10' });
    expect(part.status).toBe(206);
    expect(await part.text()).toBe(page.slice(2, 11));
    expect(part.headers.get('content-range')).toBe(`bytes 2-10/${page.length}`);
    expect((await get('/guide/', { Range: 'bytes=10-2' })).status).toBe(200);
    expect((await get('/guide/', { Range: `bytes=${page.length}-` })).status).toBe(416);
  });

  it('leaves hidden files and paths it has no file for to the next handler', async () => {
    expect((await get('/.env')).status).toBe(404);
    expect((await get('/nothing/')).status).toBe(404);
    expect((await get('/guide/', {}, 'POST')).status).toBe(404);
  });
});

describe('a listed file removed under the running server', () => {
  it('cuts off that response when streamed, and the server goes on', async () => {
    rmSync(join(root, 'gone.txt'));
    await expect(fetch(`${origins.streamed}/gone.txt`).then((response) => response.text())).rejects.toThrow();
    expect((await fetch(`${origins.streamed}/guide/`)).status).toBe(200);
    expect(await (await fetch(`${origins.held}/gone.txt`)).text()).toHaveLength(100_000);
  });
});
