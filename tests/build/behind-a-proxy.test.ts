import { createHmac } from 'node:crypto';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSeries } from '../../src/lib/content/files.ts';
import { startServer, type RunningServer } from '../integration/server.ts';
import { copyOfProject } from './project-copy.ts';

/**
 * A site built for https://reports.example runs behind a TLS proxy that forwards the public host,
 * protocol and client address. The form must work there, and only for that origin.
 */
const PUBLIC = 'https://reports.example';
const SERIES = 'ml-trends-2021';
let dir: string;
let server: RunningServer;

beforeAll(async () => {
  dir = copyOfProject();
  server = await startServer({ SITE_URL: PUBLIC }, dir);
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function post(headers: Record<string, string>) {
  const { report } = readSeries(dir, SERIES);
  const body = new URLSearchParams({
    series: SERIES,
    consentVersion: report.consent.version,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'proxy@analytical-engines.example',
    company: 'Analytical Engines',
    jobRole: report.roles[0]!,
    consent: 'on',
    website: '',
  });
  return fetch(`${server.origin}/${SERIES}/report/`, { method: 'POST', body, headers });
}

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
});
