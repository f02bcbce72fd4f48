import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { reportForm, startServer, type RunningServer } from './server.ts';

/** Small defects of the gate's edge, over real HTTP against `npm start`. */
const SERIES = 'ml-trends-2021';
let server: RunningServer;
let store: LeadStore;

beforeAll(async () => {
  server = await startServer({ DOWNLOAD_LIMIT_MAX: '3' });
  store = await server.openStore();
}, 300_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

/** One exchange on a connection of its own, from `from`. */
function send(
  path: string,
  { method = 'GET', headers = {}, body, from = '127.0.0.1' }: RequestOptions = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(server.origin + path, { method, headers, localAddress: from, agent: false }, (res) => {
      let text = '';
      res.setEncoding('latin1');
      res.on('data', (chunk: string) => (text += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    request.on('error', reject);
    request.end(body);
  });
}

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
  from?: string;
}

/** The server's log since `before` holds no stack trace. */
async function noStackSince(before: number) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  expect(server.output().slice(before)).not.toMatch(/^\s+at /m);
}

/** Sends the form from `from` and follows an accepted form's 303 to its answer page, as a browser does. */
async function submit(email: string, from: string) {
  const posted = await send(`/${SERIES}/report/`, {
    method: 'POST',
    from,
    body: reportForm(email).toString(),
    headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  const location = posted.headers.location;
  return posted.status === 303 && location ? send(location, { from }) : posted;
}
const downloadPath = (html: string) => /href="(\/ml-trends-2021\/report\/download\/[^"]+)"/.exec(html)?.[1];

describe("malformed JSON posted to a page's Action (?_action=)", () => {
  it('is answered 400 with a short message, no stack trace in the answer or the log', async () => {
    const before = server.output().length;
    const answer = await send(`/${SERIES}/report/?_action=requestReport`, {
      method: 'POST',
      from: '127.0.0.41',
      body: '{bad',
      headers: { Origin: server.origin, 'Content-Type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.body.length).toBeLessThan(2_000);
    expect(answer.body).not.toMatch(/^\s+at /m);
    expect(answer.body).not.toMatch(/SyntaxError|node_modules/);
    await noStackSince(before);
  });
});

describe('a byte range from 1 to the end', () => {
  it('is recorded as a download and charged like one', async () => {
    const email = 'range-one@analytical-engines.example';
    const page = await submit(email, '127.0.0.42');
    const link = downloadPath(page.body)!;
    const { id } = (await store.listLeads()).find((lead) => lead.email === email)!;
    const before = await store.countDownloads(id);
    const answer = await send(link, { headers: { Range: 'bytes=1-' } });
    expect(answer.status).toBe(206);
    expect(await store.countDownloads(id)).toBe(before + 1);
    // A small range from the middle is no download; it is still charged by its bytes.
    expect((await send(link, { headers: { Range: 'bytes=100-199' } })).status).toBe(206);
    expect(await store.countDownloads(id)).toBe(before + 1);
    // DOWNLOAD_LIMIT_MAX=3: each bytes=1- costs a whole report, the small range a hundredth of one, so
    // the third bytes=1- is past the limit.
    expect((await send(link, { headers: { Range: 'bytes=1-' } })).status).toBe(206);
    expect((await send(link, { headers: { Range: 'bytes=1-' } })).status).toBe(429);
    expect(await store.countDownloads(id)).toBe(before + 2);
  });
});

describe('a one-click unsubscribe with a body past the limit', () => {
  it('is answered 413, which the client reads, not a reset connection', async () => {
    const answer = await send(`/${SERIES}/report/unsubscribe/abc.${'a'.repeat(43)}/`, {
      method: 'POST',
      from: '127.0.0.43',
      body: `List-Unsubscribe=One-Click&${'x'.repeat(5 * 1024)}`,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(413);
  });
});

describe('a form posted through a TLS proxy the server was not told about', () => {
  // The proxy forwards the browser's Origin (https) and Host; without SITE_URL and TRUSTED_PROXIES the
  // server sees plain http, so the origins differ.
  const proxied = (path: string, contentType = 'application/x-www-form-urlencoded') =>
    send(path, {
      method: 'POST',
      from: '127.0.0.44',
      body: reportForm('behind-proxy@analytical-engines.example').toString(),
      headers: { Origin: server.origin.replace('http:', 'https:'), 'Content-Type': contentType },
    });

  it('shows the reader an HTML page saying the form was not accepted and what to try', async () => {
    const answer = await proxied(`/${SERIES}/report/`);
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toMatch(/could not be accepted/i);
    expect(answer.body).toMatch(/try again/i);
    // A page of the site, in its design, with a way back to the form and out of the index.
    expect(answer.body).toMatch(/<link[^>]+rel="stylesheet"|<style/);
    expect(answer.body).toContain(`href="/${SERIES}/report/"`);
    expect(answer.body).toMatch(/<meta name="robots" content="noindex/);
  });

  it('does not show the refusal page to anyone who asks for it directly', async () => {
    const direct = await fetch(`${server.origin}/form-refused/`);
    expect(direct.status).toBe(404);
  });

  it('logs why: the origin expected and the one that arrived, and no personal data', async () => {
    const before = server.output().length;
    await proxied(`/${SERIES}/report/`);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = server.output().slice(before);
    expect(log).toContain(`expected ${server.origin}`);
    expect(log).toContain(`got "${server.origin.replace('http:', 'https:')}"`);
    expect(log).toMatch(/SITE_URL/);
    expect(log).not.toContain('behind-proxy@');
  });

  it("refuses the Action's own request too, with its JSON error, and logs the same", async () => {
    const before = server.output().length;
    const answer = await proxied('/_actions/requestReport/');
    expect(answer.status).toBe(403);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output().slice(before)).toContain(`expected ${server.origin}`);
    expect(await store.listLeads()).not.toContainEqual(
      expect.objectContaining({ email: 'behind-proxy@analytical-engines.example' }),
    );
  });
});

describe('npm start in production without SITE_URL', () => {
  it('warns at start that forms behind a proxy need SITE_URL', async () => {
    const production = await startServer({ NODE_ENV: 'production' });
    try {
      expect(production.output()).toMatch(/SITE_URL is not set/);
    } finally {
      await production.stop();
    }
  });
});
