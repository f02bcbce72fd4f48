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

describe('the static files while the build under them changes', () => {
  it('answers 404 for a file removed after the server started, and keeps serving the rest', async () => {
    expect(await status('/robots.txt')).toBe(200);
    renameSync(join(dir, 'robots.txt'), join(dir, 'robots.txt.gone'));
    expect(await status('/robots.txt')).toBe(404);
    expect(await status('/series/trend/')).toBe(200);
    renameSync(join(dir, 'robots.txt.gone'), join(dir, 'robots.txt'));
  });

  it('serves a page a rebuild added, without a restart', async () => {
    mkdirSync(join(dir, 'series/new-trend'), { recursive: true });
    writeFileSync(join(dir, 'series/new-trend/index.html'), '<h1>New</h1>');
    const answer = await fetch(`${origin}/series/new-trend/`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('<h1>New</h1>');
  });

  it('serves the content of a page a rebuild changed, with a new ETag', async () => {
    const before = await fetch(`${origin}/`);
    const etag = before.headers.get('etag');
    await before.text();
    writeFileSync(join(dir, 'index.html'), '<h1>Home, rebuilt</h1>');
    const after = await fetch(`${origin}/`, { headers: { 'If-None-Match': etag ?? '' } });
    expect(after.status).toBe(200);
    expect(await after.text()).toBe('<h1>Home, rebuilt</h1>');
  });

  it('never serves a dotfile', async () => {
    expect(await status('/.secret')).toBe(404);
  });
});
