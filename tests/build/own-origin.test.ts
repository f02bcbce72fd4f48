import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startServer, type RunningServer } from '../integration/server.ts';
import { copyOfProject } from './project-copy.ts';

/**
 * `npm start` without SITE_URL on a port of its own, in a copy of the project with a .env, as an operator
 * tries it: the build it makes names the server's own origin (canonical URLs, og:image, the feed, the
 * sitemap), not localhost:4321; it reads .env as `npm run leads` does, and records its lead store in DATA_DIR.
 * Then the Docker image's start (START_NO_BUILD=1): that build is served as it is on its port, and refused,
 * not rebuilt, on another.
 */
const SERIES = 'ml-trends-2021';
/** Without SITE_URL: the harness's shared-build origin is switched off, so the build names this server's port. */
const OWN = { REPORT_PDF: 'off', TEST_BUILD_ORIGIN: '' };
let dir: string;
let port: number;
let server: RunningServer | undefined;
let output = '';
let dataDirRecord: unknown;

beforeAll(async () => {
  dir = copyOfProject();
  writeFileSync(join(dir, '.env'), 'LEAD_RETENTION_DAYS=3650\n');
  port = await freePort();
  server = await startServer(OWN, dir, { port });
  output = server.output();
  const record = join(server.dataDir, 'store.json');
  dataDirRecord = existsSync(record) ? JSON.parse(readFileSync(record, 'utf8')) : undefined;
}, 600_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm start without SITE_URL, on a port of its own', { timeout: 300_000 }, () => {
  it('names its own origin in the canonical URL and og:image of a page, the feed and the sitemap', async () => {
    const origin = `http://127.0.0.1:${port}`;
    expect(output).toContain('Building the site');
    const home = await (await fetch(`${server!.origin}/${SERIES}/`)).text();
    expect(home).toContain(`<link rel="canonical" href="${origin}/${SERIES}/">`);
    expect(home).toMatch(new RegExp(`<meta property="og:image" content="${origin}/`));
    expect(home).not.toContain('localhost:4321');
    const feed = await (await fetch(`${server!.origin}/${SERIES}/rss.xml`)).text();
    expect(feed).toContain(`<link>${origin}/${SERIES}/</link>`);
    const sitemap = await (await fetch(`${server!.origin}/sitemap-0.xml`)).text();
    expect(sitemap).toContain(`<loc>${origin}/${SERIES}/</loc>`);
    expect(sitemap).not.toContain('localhost:4321');
  });

  it('reads the .env in its working directory, as npm run leads does', () => {
    expect(output).toContain(`Settings read from ${join(dir, '.env')}`);
    expect(output).toContain('Lead retention (3650 days)');
  });

  it('records its lead store in DATA_DIR, for npm run leads to compare', () => {
    expect(dataDirRecord).toMatchObject({ kind: 'sqlite' });
    expect((dataDirRecord as { location: string }).location).toMatch(/leads\.sqlite$/);
  });
});

describe('the Docker image start (START_NO_BUILD=1) on that build', { timeout: 120_000 }, () => {
  it('serves the build as it is on the port it was made for', async () => {
    await server?.stop();
    server = undefined;
    const stamp = statSync(join(dir, 'dist/.build-stamp')).mtimeMs;
    const again = await startServer({ ...OWN, START_NO_BUILD: '1' }, dir, { port });
    try {
      expect(again.output()).not.toContain('Building the site');
      expect((await fetch(`${again.origin}/${SERIES}/`)).status).toBe(200);
    } finally {
      await again.stop();
    }
    expect(statSync(join(dir, 'dist/.build-stamp')).mtimeMs).toBe(stamp);
  });

  it('refuses, without building, on another port: that build names another origin', async () => {
    const other = await freePort();
    const refused = await startServer({ ...OWN, START_NO_BUILD: '1' }, dir, { port: other }).then(
      async (served) => {
        await served.stop();
        return 'it served';
      },
      (error: Error) => error.message,
    );
    expect(refused).toContain('exited with code 1');
    expect(refused).toContain(`SITE_URL=http://127.0.0.1:${port}`);
    expect(refused).toContain(`--build-arg SITE_URL=http://127.0.0.1:${other}`);
    expect(refused).not.toContain('Building the site');
  });
});
