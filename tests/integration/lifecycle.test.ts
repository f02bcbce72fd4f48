import { cpSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportForm, startServer, type RunningServer } from './server.ts';

/** A server with a report directory of its own (its PDF goes missing for a while), stopped with SIGTERM. */
const SERIES = 'ml-trends-2021';
const reportDir = mkdtempSync(join(tmpdir(), 'mt-report-'));
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ REPORT_DIR: reportDir });
  cpSync(join(process.cwd(), 'dist/report'), reportDir, { recursive: true });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  rmSync(reportDir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('answers /healthz with 503 naming the report while its PDF is missing, and 200 once it is back', async () => {
  const pdf = join(reportDir, `${SERIES}.pdf`);
  renameSync(pdf, `${pdf}.away`);
  const response = await fetch(`${server.origin}/healthz`);
  expect(response.status).toBe(503);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  const health = (await response.json()) as { status: string; store: string; reports: Record<string, string> };
  renameSync(`${pdf}.away`, pdf);
  // This series' report is named missing; every other series' report is still there.
  expect(health).toMatchObject({ status: 'failing', store: 'ok' });
  expect(health.reports[SERIES]).toBe('missing');
  expect(Object.entries(health.reports).filter(([id]) => id !== SERIES)).toEqual(
    Object.entries(health.reports)
      .filter(([id]) => id !== SERIES)
      .map(([id]) => [id, 'ok']),
  );
  expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
});

it('lets a request in flight finish after SIGTERM, refuses new connections, then exits 0', async () => {
  const body = reportForm('slow@analytical-engines.example').toString();
  const post = request(`${server.origin}/${SERIES}/report/`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      'Content-Length': Buffer.byteLength(body),
      Origin: server.origin,
    },
  });
  const answer = new Promise<{ status: number; location: string; text: string }>((resolve, reject) => {
    post.on('error', reject);
    post.on('response', (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () =>
        resolve({ status: response.statusCode!, location: response.headers.location ?? '', text }),
      );
    });
  });
  // The server has the request (its headers and half its body) when SIGTERM arrives.
  post.write(body.slice(0, 40));
  await sleep(300);
  server.signal('SIGTERM');
  await sleep(300);
  await expect(fetch(`${server.origin}/`)).rejects.toThrow();
  post.end(body.slice(40));
  // The form is taken: answered with the redirect to its answer page (Post/Redirect/Get).
  const { status, location } = await answer;
  expect(status).toBe(303);
  expect(location).toMatch(/^\/ml-trends-2021\/report\/\?answer=/);
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain('SIGTERM');
});
