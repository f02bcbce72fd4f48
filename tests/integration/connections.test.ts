import { readdirSync, readlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportForm, startServer, type RunningServer } from './server.ts';

/**
 * One server process holds one connection to its SQLite lead store, whatever it is doing: answering forms,
 * draining the outbox, purging old leads. (Each connection holds a descriptor of the database file; a
 * second one, opened and closed beside it, would drop the process's locks on the file.)
 */
const SERIES = 'ml-trends-2021';
let server: RunningServer;

beforeAll(async () => {
  // Email delivery configured (an SMTP server nobody listens on: the outbox worker runs and retries) and the
  // retention job on, so every part of the gate that uses the store is running.
  server = await startServer({
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'ML Trends <reports@analytical-engines.example>',
    LEAD_RETENTION_DAYS: '365',
    REPORT_DELIVERY: 'both',
    RATE_LIMIT_MAX: '1000',
  });
}, 300_000);

afterAll(() => server?.stop());

/** The descriptors the process holds open on `file`. */
function descriptorsOn(pid: number, file: string): number {
  const fds = `/proc/${pid}/fd`;
  return readdirSync(fds).filter((fd) => {
    try {
      return readlinkSync(join(fds, fd)) === file;
    } catch {
      return false;
    }
  }).length;
}

it.runIf(process.platform === 'linux')('holds one descriptor of the database file while it serves forms', async () => {
  const answers = await Promise.all(
    Array.from({ length: 8 }, (_, i) =>
      fetch(`${server.origin}/${SERIES}/report/`, {
        method: 'POST',
        body: reportForm(`reader-${i}@analytical-engines.example`),
        headers: { Origin: server.origin },
      }),
    ),
  );
  expect(answers.map((a) => a.status)).toEqual(Array<number>(8).fill(200));
  expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
  expect(descriptorsOn(server.pid, join(server.dataDir, 'leads.sqlite'))).toBe(1);
});
