import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postForm, reportForm, startServer, type RunningServer } from '../integration/server.ts';
import { copyOfProject } from './project-copy.ts';

/**
 * A site built for https://reports.example runs behind a TLS proxy (here 127.0.0.1, in TRUSTED_PROXIES)
 * that forwards the public host, protocol and client address. The form must work there, only for that
 * origin, and a client that reaches the server directly (another loopback address) must not be able to
 * pass for the proxy.
 */
const PUBLIC = 'https://reports.example';
const SERIES = 'ml-trends-2021';
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = copyOfProject();
  server = await startServer({ SITE_URL: PUBLIC, TRUSTED_PROXIES: '127.0.0.1' }, dir);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const form = (email = 'proxy@analytical-engines.example') => reportForm(email, SERIES, dir);

/** Posts the form and, as a browser does, follows an accepted form's 303 to its answer page. */
function post(headers: Record<string, string>) {
  return postForm(`${server.origin}/${SERIES}/report/`, { body: form(), headers });
}

/** Posts the form from a loopback address of the test's choice; answers the status. */
function postFrom(from: string, email: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      `${server.origin}/${SERIES}/report/`,
      {
        method: 'POST',
        localAddress: from,
        agent: false,
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    request.on('error', reject);
    request.end(form(email).toString());
  });
}

/** Ten forms accepted (each answered with a 303 to its answer page, Post/Redirect/Get), then five refused. */
const tenThenRefused = [...Array<number>(10).fill(303), ...Array<number>(5).fill(429)];

describe('behind a TLS proxy', { timeout: 60_000 }, () => {
  it('accepts the form posted from the public https origin, and marks the cookie Secure', async () => {
    const response = await post({
      Origin: PUBLIC,
      'X-Forwarded-Host': 'reports.example',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-For': '203.0.113.7',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Your report is ready');
    expect(response.headers.get('set-cookie')).toMatch(/; Secure/i);
    // The address kept (hashed) is the reader's, from X-Forwarded-For, not the proxy's.
    const key = createHmac('sha256', server.secret).update('client-address-hash-v1').digest();
    const store = await server.openStore();
    const [lead] = await store.listLeads();
    await store.close();
    expect(lead?.ipHash).toBe(createHmac('sha256', key).update('203.0.113.7').digest('hex').slice(0, 32));
  });

  it('still refuses a post from another origin', async () => {
    const response = await post({
      Origin: 'https://evil.example',
      'X-Forwarded-Host': 'reports.example',
      'X-Forwarded-Proto': 'https',
    });
    expect(response.status).toBe(403);
  });

  it('does not trust forwarded headers naming a host it was not built for', async () => {
    const response = await post({
      Origin: 'https://evil.example',
      'X-Forwarded-Host': 'evil.example',
      'X-Forwarded-Proto': 'https',
    });
    expect(response.status).toBe(403);
  });

  it('takes the rightmost address the proxy did not add, so a client cannot rotate its way past the limit', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      statuses.push(
        await postFrom('127.0.0.1', `chain-${i}@analytical-engines.example`, {
          Origin: PUBLIC,
          'X-Forwarded-Host': 'reports.example',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-For': `198.51.100.${i + 1}, 203.0.113.9`,
        }),
      );
    }
    expect(statuses).toEqual(tenThenRefused);
  });

  it('counts IPv6 clients per /64 network', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      statuses.push(
        await postFrom('127.0.0.1', `six-${i}@analytical-engines.example`, {
          Origin: PUBLIC,
          'X-Forwarded-Host': 'reports.example',
          'X-Forwarded-Proto': 'https',
          'X-Forwarded-For': `2001:db8:aa:bb::${(i + 1).toString(16)}`,
        }),
      );
    }
    expect(statuses).toEqual(tenThenRefused);
    const neighbour = await postFrom('127.0.0.1', 'six-other@analytical-engines.example', {
      Origin: PUBLIC,
      'X-Forwarded-Host': 'reports.example',
      'X-Forwarded-Proto': 'https',
      'X-Forwarded-For': '2001:db8:aa:bc::1',
    });
    expect(neighbour, 'accepted: a 303 to its answer page').toBe(303);
  });

  it('ignores the forwarded host and protocol of a client that is not a trusted proxy', async () => {
    const status = await postFrom('127.0.0.2', 'direct@analytical-engines.example', {
      Origin: PUBLIC,
      'X-Forwarded-Host': 'reports.example',
      'X-Forwarded-Proto': 'https',
    });
    expect(status).toBe(403);
  });

  it('logs why it refused a form from a client that is not the trusted proxy, without the form', async () => {
    const before = server.output().length;
    const email = 'untrusted-proxy@analytical-engines.example';
    const status = await postFrom('127.0.0.4', email, {
      Origin: PUBLIC,
      'X-Forwarded-Host': 'reports.example',
      'X-Forwarded-Proto': 'https',
    });
    expect(status).toBe(403);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const log = server.output().slice(before);
    // Its forwarded headers were dropped: the server saw the request at its own address.
    expect(log).toContain(`origin check: expected ${server.origin}, got "${PUBLIC}"`);
    expect(log).toContain('TRUSTED_PROXIES');
    expect(log).not.toContain(email);
  });

  it('counts a direct client by its own address whatever forwarded headers it sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 15; i++) {
      statuses.push(
        await postFrom('127.0.0.3', `spoof-${i}@analytical-engines.example`, {
          Origin: server.origin,
          'X-Forwarded-Host': 'reports.example',
          'X-Forwarded-For': `198.51.100.${i + 1}`,
        }),
      );
    }
    expect(statuses).toEqual(tenThenRefused);
  });
});
