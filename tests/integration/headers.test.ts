import { rmSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../src/integrations/browser.ts';
import { readSeries } from '../../src/lib/content/files.ts';
import { signToken } from '../../src/gate/links.ts';
import { copyOfProject, edit } from '../build/project-copy.ts';
import { observatoryScore } from './observatory.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The headers `npm start` sends for a site whose public origin is https, scored with the Mozilla
 * Observatory's rules, and its CSP tried in Chromium. The copy's layout carries an inline script of its
 * own, as the theme script will: the build must allow it by hash, and nothing else inline.
 */
const PUBLIC = 'https://reports.example';
const SERIES = 'ml-trends-2021';
const PROBE = `<script is:inline>document.documentElement.dataset.cspProbe = 'ran';</script>`;
let dir: string;
let server: RunningServer;
let browser: Browser;

beforeAll(async () => {
  dir = copyOfProject();
  edit(dir, 'src/layouts/Document.astro', (text) => text.replace('</head>', `${PROBE}\n  </head>`));
  server = await startServer({ SITE_URL: PUBLIC }, dir);
  browser = await chromium.launch({ executablePath: findChromium()!.path, args: CHROMIUM_ARGS });
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** A download link of a lead stored for the purpose. */
async function downloadPath(): Promise<string> {
  const store = await server.openStore();
  const { report } = readSeries(dir, SERIES);
  const { lead } = await store.upsertLead({
    series: SERIES,
    email: 'headers@analytical-engines.example',
    firstName: 'Ada',
    lastName: 'Lovelace',
    company: 'Analytical Engines',
    jobRole: report.roles[0]!,
    consentVersion: report.consent.version,
    consentAt: new Date(),
    marketingOptIn: false,
    userAgent: null,
    ipHash: null,
  });
  await store.close();
  const expiresAt = Math.floor(Date.now() / 1000) + 3600;
  return `/${SERIES}/report/download/${signToken({ purpose: 'download', lead: lead.publicId, series: SERIES, expiresAt }, server.secret)}/`;
}

describe('security headers', () => {
  it.each([
    ['a static page', () => `/${SERIES}/`],
    ['the report page', () => `/${SERIES}/report/`],
    ['a download', downloadPath],
  ])('score A+ on the Mozilla Observatory rules for %s', async (_kind, path) => {
    const response = await fetch(`${server.origin}${await path()}`);
    expect(response.status).toBe(200);
    const type = response.headers.get('content-type') ?? '';
    const body = type.startsWith('text/html') ? await response.text() : undefined;
    const { score, grade, tests } = observatoryScore(response.headers, PUBLIC, body);
    expect({ grade, score, tests }).toMatchObject({ grade: 'A+' });
    expect(score).toBeGreaterThanOrEqual(100);
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d{8}/);
  });

  it('are sent on a not-found page, a redirect and a 304 too', async () => {
    const first = await fetch(`${server.origin}/`);
    for (const response of [
      await fetch(`${server.origin}/no-such-page/`),
      await fetch(`${server.origin}/${SERIES}`, { redirect: 'manual' }),
      await fetch(`${server.origin}/`, { headers: { 'If-None-Match': first.headers.get('etag')! } }),
    ]) {
      expect([404, 301, 304]).toContain(response.status);
      expect(observatoryScore(response.headers, PUBLIC).score, String(response.status)).toBeGreaterThanOrEqual(100);
    }
  });

  it('score an unsafe header set below A+ (the scorer can fail)', () => {
    const unsafe = new Headers({ 'Content-Security-Policy': "script-src 'self' 'unsafe-inline'; object-src 'none'" });
    expect(observatoryScore(unsafe, PUBLIC).grade).not.toBe('A+');
    expect(observatoryScore(new Headers(), PUBLIC).score).toBeLessThan(50);
  });
});

describe('the Content-Security-Policy in a browser', () => {
  it.each([
    ['a static page', `/${SERIES}/`],
    ['the on-demand report page', `/${SERIES}/report/`],
  ])('runs the inline scripts of the build on %s and refuses one slipped in', async (_kind, path) => {
    const page = await browser.newPage();
    const refused: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
    });
    await page.route(`${server.origin}${path}`, async (route) => {
      const response = await route.fetch();
      const html = (await response.text()).replace(
        '</body>',
        '<script>document.documentElement.dataset.injected = "ran";</script></body>',
      );
      await route.fulfill({ response, body: html });
    });
    await page.goto(`${server.origin}${path}`);
    const data = await page.evaluate(() => ({ ...document.documentElement.dataset }));
    expect(data.cspProbe).toBe('ran');
    expect(data.injected).toBeUndefined();
    expect(refused).toHaveLength(1);
    await page.close();
  });
});
