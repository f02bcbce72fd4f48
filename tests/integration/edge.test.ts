import { join } from 'node:path';
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeries } from '../../src/lib/content/files.ts';
import { signToken } from '../../src/gate/links.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { startServer, type RunningServer } from './server.ts';

/**
 * The gate's edge over real HTTP: the rate limit, bodies the Action does not expect, and what a download
 * link may cost. Each test speaks from a loopback address of its own (127.0.0.x), so each is its own client.
 */
const SERIES = 'ml-trends-2021';
const config = readSeries(process.cwd(), SERIES);
const DOWNLOAD_LIMIT = 5;
let server: RunningServer;
let store: LeadStore;

beforeAll(async () => {
  server = await startServer({ RATE_LIMIT_MAX: '10', DOWNLOAD_LIMIT_MAX: String(DOWNLOAD_LIMIT) });
  store = await server.openStore();
}, 300_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

interface Answer {
  status: number;
  statusText: string;
  headers: IncomingHttpHeaders;
  body: string;
  reusedSocket: boolean;
}

/** One HTTP exchange from `from` (a loopback address), on `agent` when given. */
function send(
  path: string,
  { method = 'GET', headers = {}, body, from = '127.0.0.1', agent }: RequestOptions = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      server.origin + path,
      { method, headers, localAddress: from, agent: agent ?? false },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () =>
          resolve({
            status: response.statusCode ?? 0,
            statusText: response.statusMessage ?? '',
            headers: response.headers,
            body: text,
            reusedSocket: request.reusedSocket,
          }),
        );
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  from?: string;
  agent?: Agent;
}

const form = (fields: Record<string, string>) =>
  new URLSearchParams({
    series: SERIES,
    consentVersion: config.report.consent.version,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'edge@analytical-engines.example',
    company: 'Analytical Engines',
    jobRole: config.report.roles[0]!,
    consent: 'on',
    website: '',
    ...fields,
  }).toString();

/** Posts the form without JavaScript, as a browser on `from` does. */
/**
 * Sends the form as a browser without JavaScript does, from `from`, and follows an accepted form's 303 to
 * its answer page with the cookie it set: that page's answer, carrying the POST's Set-Cookie headers.
 */
async function submit(fields: Record<string, string>, from: string, headers: Record<string, string> = {}) {
  const posted = await send(`/${SERIES}/report/`, {
    method: 'POST',
    from,
    body: form(fields),
    headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  });
  const location = posted.headers.location;
  if (posted.status !== 303 || !location) return posted;
  const cookies = posted.headers['set-cookie'] ?? [];
  const answer = await send(location, {
    from,
    headers: cookies.length > 0 ? { Cookie: cookies.map((c) => c.split(';')[0]).join('; ') } : {},
  });
  return { ...answer, headers: { ...answer.headers, 'set-cookie': cookies } };
}

const downloadPath = (html: string) => /href="(\/ml-trends-2021\/report\/download\/[^"]+)"/.exec(html)?.[1];
const leadOf = async (email: string) => (await store.listLeads()).find((l) => l.email === email)!;

/** Reads the server's database past the store, as an operator with the sqlite3 shell would. */
function query(sql: string, ...params: (string | number)[]) {
  const db = new DatabaseSync(join(server.dataDir, 'leads.sqlite'), { readOnly: true });
  try {
    return db.prepare(sql).all(...params) as Record<string, string | number | null>[];
  } finally {
    db.close();
  }
}

describe('the rate limit', () => {
  it('counts a direct client once however it rotates X-Forwarded-For, even naming the site host', async () => {
    // The default site is http://localhost:4321: a Host of localhost on any port is the site's own host.
    const host = `localhost:${new URL(server.origin).port}`;
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      const answer = await submit({ email: `rotate-${i}@analytical-engines.example` }, '127.0.0.11', {
        Host: host,
        Origin: `http://${host}`,
        'X-Forwarded-For': `198.51.100.${i + 1}`,
      });
      statuses.push(answer.status);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(200), ...Array<number>(5).fill(429)]);
  });

  it('refuses a bot that fills in the honeypot without counting it, and still serves the reader after', async () => {
    for (let i = 0; i < 15; i++) {
      const answer = await submit(
        { email: `bot-${i}@analytical-engines.example`, website: 'http://spam.example' },
        '127.0.0.12',
      );
      expect(answer.status).toBe(400);
    }
    const reader = await submit({ email: 'after-bots@analytical-engines.example' }, '127.0.0.12');
    expect(reader.status).toBe(200);
  });
});

describe('bodies the Action does not expect', () => {
  const action = `/_actions/requestReport/`;

  it('answers an oversized body with 413 and a JSON error, and the connection serves the next request', async () => {
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const big = form({ email: 'big-action@analytical-engines.example', company: 'x'.repeat(100_000) });
      const answer = await send(action, {
        method: 'POST',
        agent,
        body: big,
        headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(answer.status).toBe(413);
      expect(answer.headers['content-type']).toMatch(/^application\/json/);
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'CONTENT_TOO_LARGE' });
      const next = await send(`/${SERIES}/report/`, { agent });
      expect(next.status).toBe(200);
      expect(next.reusedSocket).toBe(true);
    } finally {
      agent.destroy();
    }
    expect(await store.listLeads()).not.toContainEqual(
      expect.objectContaining({ email: 'big-action@analytical-engines.example' }),
    );
  });

  it('answers malformed JSON with 400 and a JSON error, and logs no stack trace', async () => {
    const before = server.output().length;
    const answer = await send(action, {
      method: 'POST',
      body: '{"email": ',
      headers: { Origin: server.origin, 'Content-Type': 'application/json' },
    });
    expect(answer.status).toBe(400);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(answer.body)).toMatchObject({ code: 'BAD_REQUEST' });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output().slice(before)).not.toMatch(/^\s+at /m);
  });
});

describe('a download link', () => {
  const email = 'links@analytical-engines.example';
  let link: string;
  let cookie: string;

  beforeAll(async () => {
    const answer = await submit({ email }, '127.0.0.13');
    expect(answer.status).toBe(200);
    link = downloadPath(answer.body)!;
    cookie = String(answer.headers['set-cookie']?.[0]).split(';')[0]!;
  });

  it('answers 304 to If-None-Match with the report ETag, and records no download', async () => {
    const full = await send(link);
    const etag = String(full.headers.etag);
    const { id } = await leadOf(email);
    const before = await store.countDownloads(id);
    for (const value of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const answer = await send(link, { headers: { 'If-None-Match': value } });
      expect(answer.status, value).toBe(304);
      expect(answer.headers.etag, value).toBe(etag);
      expect(answer.body, value).toBe('');
    }
    expect((await send(link, { headers: { 'If-None-Match': '"other"' } })).status).toBe(200);
    expect(await store.countDownloads(id)).toBe(before + 1);
  });

  it('says Forbidden or Gone, not OK, when it cannot be used', async () => {
    const token = link.split('/').at(-2)!;
    const tampered = await send(`/${SERIES}/report/download/x${token.slice(1)}/`);
    expect(`${tampered.status} ${tampered.statusText}`).toBe('403 Forbidden');
    const { publicId } = await leadOf(email);
    const expired = signToken(
      { purpose: 'download', lead: publicId, series: SERIES, expiresAt: Math.floor(Date.now() / 1000) - 60 },
      server.secret,
    );
    const gone = await send(`/${SERIES}/report/download/${expired}/`);
    expect(`${gone.status} ${gone.statusText}`).toBe('410 Gone');
    const badForm = await submit({ email: 'not-an-email' }, '127.0.0.13');
    expect(`${badForm.status} ${badForm.statusText}`).toBe('400 Bad Request');
  });

  it('stores a short, parsed form of an absurd Range header', async () => {
    const answer = await send(link, { headers: { Range: `bytes=${'0'.repeat(15_000)}-99` } });
    expect(answer.status).toBe(206);
    const { id } = await leadOf(email);
    const [row] = query('SELECT range FROM downloads WHERE lead_id = ? ORDER BY id DESC LIMIT 1', id);
    expect(row?.range).toBe('0-99');
  });

  it('is the same link on every visit of a returning reader, without a new row each time', async () => {
    const { id } = await leadOf(email);
    const rowsBefore = query('SELECT id FROM report_links WHERE lead_id = ?', id).length;
    for (let i = 0; i < 10; i++) {
      const page = await send(`/${SERIES}/report/`, { headers: { Cookie: cookie } });
      // Whoever holds the cookie sent a form with this address, which anyone can: no name of the lead's.
      expect(page.body).toContain('Welcome back. Your report is ready.');
      expect(downloadPath(page.body)).toBe(link);
    }
    expect(query('SELECT id FROM report_links WHERE lead_id = ?', id)).toHaveLength(rowsBefore);
  });

  it("never shows a browser a link a later form was given: a stranger's cookie does not reveal the reader's", async () => {
    const email = 'typed-by-a-stranger@analytical-engines.example';
    const stranger = await submit({ email, firstName: 'Mallory' }, '127.0.0.31');
    const strangersLink = downloadPath(stranger.body)!;
    const strangersCookie = String(stranger.headers['set-cookie']?.[0]).split(';')[0]!;
    // Within the same second: the token keeps the moment it was issued to the millisecond.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const reader = await submit({ email }, '127.0.0.32');
    const readersLink = downloadPath(reader.body)!;
    expect(readersLink).not.toBe(strangersLink);
    const again = await send(`/${SERIES}/report/`, { headers: { Cookie: strangersCookie }, from: '127.0.0.31' });
    expect(downloadPath(again.body)).toBe(strangersLink);
  });

  it("counts the bytes a link serves, so that many tiny ranges cannot use up a reader's downloads", async () => {
    const answer = await submit({ email: 'tiny-ranges@analytical-engines.example' }, '127.0.0.15');
    const own = downloadPath(answer.body)!;
    for (let i = 0; i < DOWNLOAD_LIMIT * 6; i++) {
      expect((await send(own, { headers: { Range: 'bytes=1-1' } })).status).toBe(206);
    }
    expect((await send(own)).status).toBe(200);
  });

  it('refuses downloads past the limit per lead with 429 and says when to come back', async () => {
    const answer = await submit({ email: 'many-downloads@analytical-engines.example' }, '127.0.0.14');
    const own = downloadPath(answer.body)!;
    for (let i = 0; i < DOWNLOAD_LIMIT; i++) expect((await send(own)).status).toBe(200);
    expect((await send(own, { method: 'HEAD' })).status).toBe(200);
    const refused = await send(own);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    expect(refused.body).not.toContain('%PDF');
    const { id } = await leadOf('many-downloads@analytical-engines.example');
    expect(await store.countDownloads(id)).toBe(DOWNLOAD_LIMIT);
  });
});

describe('requests no browser sends', () => {
  /** The server's log since `before` holds no stack trace. */
  const noStackSince = async (before: number) => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(server.output().slice(before)).not.toMatch(/^\s+at /m);
  };

  it('answers a Host header with a user in it with 400 on every kind of route, and logs no stack trace', async () => {
    const before = server.output().length;
    for (const [path, method] of [
      [`/${SERIES}/report/`, 'GET'],
      ['/_actions/requestReport/', 'POST'],
      [`/${SERIES}/report/download/a.b/`, 'GET'],
      ['/nope/', 'GET'],
    ] as const) {
      for (const host of ['x@y', 'user:pass@127.0.0.1']) {
        const answer = await send(path, { method, headers: { Host: host }, from: '127.0.0.21' });
        expect(answer.status, `${method} ${path} Host: ${host}`).toBe(400);
      }
    }
    await noStackSince(before);
  });

  it('answers a download link whose series holds a backslash with 404, and logs no stack trace', async () => {
    const before = server.output().length;
    for (const path of ['/a%5Cb/report/download/a.b/', '/%5Cx/report/download/a.b/']) {
      expect((await send(path, { from: '127.0.0.22' })).status, path).toBe(404);
    }
    await noStackSince(before);
  });

  it("marks the Action's answer, which holds the reader's address and link, as not to be stored", async () => {
    const answer = await send('/_actions/requestReport/', {
      method: 'POST',
      from: '127.0.0.23',
      body: form({ email: 'no-store@analytical-engines.example' }),
      headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(200);
    expect(answer.headers['cache-control']).toMatch(/no-store/);
  });

  it('refuses a form sent in chunks past the size it takes, as it refuses one that says its length', async () => {
    const email = 'chunked@analytical-engines.example';
    const answer = await send(`/${SERIES}/report/`, {
      method: 'POST',
      from: '127.0.0.24',
      body: form({ email, company: 'x'.repeat(100_000) }),
      headers: {
        Origin: server.origin,
        'Content-Type': 'application/x-www-form-urlencoded',
        'Transfer-Encoding': 'chunked',
      },
    });
    expect(answer.status).toBe(413);
    expect(await store.listLeads()).not.toContainEqual(expect.objectContaining({ email }));
  });
});
