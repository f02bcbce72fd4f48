import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticFiles } from '../../src/gate/http/static.ts';

/** The static files of `npm start` over real HTTP, on a folder a test changes as a rebuild would. */
let dir: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mt-static-'));
  mkdirSync(join(dir, 'series/trend'), { recursive: true });
  writeFileSync(join(dir, 'index.html'), '<h1>Home</h1>');
  writeFileSync(join(dir, 'robots.txt'), 'User-agent: *');
  writeFileSync(join(dir, 'series/trend/index.html'), '<h1>Trend</h1>');
  writeFileSync(join(dir, '.secret'), 'not for readers');
  const serve = staticFiles(dir);
  server = createServer((req, res) => {
    const pathname = decodeURI((req.url ?? '/').split('?')[0]!);
    serve(req, res, pathname, () => res.writeHead(404).end('not found'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  origin = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

const status = async (path: string) => (await fetch(origin + path)).status;

/** The same folder served by a new list, as a restarted server would. */
const restarted = () => {
  const serve = staticFiles(dir);
  return (path: string) =>
    new Promise<number>((resolve) => {
      const again = createServer((req, res) => serve(req, res, path, () => res.writeHead(404).end()));
      again.listen(0, '127.0.0.1', () => {
        const { port } = again.address() as { port: number };
        void fetch(`http://127.0.0.1:${port}${path}`)
          .then(async (response) => {
            await response.text();
            resolve(response.status);
          })
          .finally(() => again.close());
      });
    });
};

describe('the static files, listed at start, while a build (which the README forbids) changes them', () => {
  it('keeps serving a file removed after the server started, and the rest', async () => {
    expect(await status('/robots.txt')).toBe(200);
    renameSync(join(dir, 'robots.txt'), join(dir, 'robots.txt.gone'));
    const answer = await fetch(`${origin}/robots.txt`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('User-agent: *');
    expect(await status('/series/trend/')).toBe(200);
    expect(await restarted()('/robots.txt')).toBe(404);
    renameSync(join(dir, 'robots.txt.gone'), join(dir, 'robots.txt'));
  });

  it('serves a page a rebuild added once the server is restarted', async () => {
    mkdirSync(join(dir, 'series/new-trend'), { recursive: true });
    writeFileSync(join(dir, 'series/new-trend/index.html'), '<h1>New</h1>');
    expect(await status('/series/new-trend/')).toBe(404);
    expect(await restarted()('/series/new-trend/')).toBe(200);
  });

  it('serves a page a rebuild changed as it was, with its ETag, until restarted', async () => {
    const before = await fetch(`${origin}/`);
    const etag = before.headers.get('etag');
    await before.text();
    writeFileSync(join(dir, 'index.html'), '<h1>Home, rebuilt</h1>');
    const during = await fetch(`${origin}/`);
    expect(await during.text()).toBe('<h1>Home</h1>');
    expect(during.headers.get('etag')).toBe(etag);
    expect((await fetch(`${origin}/`, { headers: { 'If-None-Match': etag ?? '' } })).status).toBe(304);
  });

  it('never serves a dotfile', async () => {
    expect(await status('/.secret')).toBe(404);
  });
});
