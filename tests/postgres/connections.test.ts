import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { reportForm, startServer, type RunningServer } from '../integration/server.ts';
import { createPostgres, type PostgresUnderTest } from '../unit/fixtures/postgres.ts';

/**
 * One server process opens one pool on PostgreSQL, of at most DATABASE_POOL_MAX connections, shared by the
 * routes, the outbox worker and the retention job: an operator sizing max_connections counts on it.
 */
const SERIES = 'ml-trends-2021';
const POOL_MAX = 2;
let db: PostgresUnderTest;
let server: RunningServer;
let watcher: pg.Client;

beforeAll(async () => {
  db = await createPostgres({ database: true });
  server = await startServer({
    DATABASE_URL: db.url,
    DATABASE_POOL_MAX: String(POOL_MAX),
    SMTP_URL: 'smtp://127.0.0.1:9',
    MAIL_FROM: 'ML Trends <reports@analytical-engines.example>',
    LEAD_RETENTION_DAYS: '365',
    REPORT_DELIVERY: 'both',
    RATE_LIMIT_MAX: '1000',
  });
  watcher = new pg.Client({ connectionString: db.url });
  await watcher.connect();
}, 300_000);

afterAll(async () => {
  await watcher?.end();
  await server?.stop();
  await db?.dispose();
});

it('never holds more than DATABASE_POOL_MAX connections, under a burst of forms', async () => {
  const database = new URL(db.url).pathname.slice(1);
  let most = 0;
  let watching = true;
  const watch = (async () => {
    while (watching) {
      const { rows } = await watcher.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [database],
      );
      most = Math.max(most, Number(rows[0]!.n));
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  })();
  const answers = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      fetch(`${server.origin}/${SERIES}/report/`, {
        method: 'POST',
        body: reportForm(`burst-${i}@analytical-engines.example`),
        headers: { Origin: server.origin },
      }),
    ),
  );
  await new Promise((resolve) => setTimeout(resolve, 500));
  watching = false;
  await watch;
  expect(answers.map((a) => a.status)).toEqual(Array<number>(40).fill(200));
  expect(most).toBeGreaterThan(0);
  expect(most).toBeLessThanOrEqual(POOL_MAX);
});
