import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeries } from '../../src/lib/content/files.ts';
import { seeded } from '../hostile/random.ts';
import { startServer, type RunningServer } from '../integration/server.ts';

/**
 * The crash suite (`npm run test:crash`): submissions through the real server at concurrency 50, the server
 * killed with SIGKILL at a moment chosen by a fixed seed, started again on the same data directory, the rest
 * submitted. Every submission that got a success answer must be in the database exactly once, and the
 * database must pass SQLite's integrity check.
 */
const SEED = 14;
const SUBMISSIONS = 2_000;
const CONCURRENCY = 50;
const SERIES = 'ml-trends-2021';
const config = readSeries(process.cwd(), SERIES);

const dataDir = mkdtempSync(join(tmpdir(), 'mt-crash-'));
const servers: RunningServer[] = [];
let killed: RunningServer | undefined;
const start = async () => {
  const server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000' });
  servers.push(server);
  return server;
};

afterAll(async () => {
  // Each server made a data directory of its own that this suite does not use; the killed one left it.
  for (const server of servers) {
    if (server === killed) rmSync(server.dataDir, { recursive: true, force: true });
    else await server.stop();
  }
  rmSync(dataDir, { recursive: true, force: true });
});

const email = (n: number) => `crash-${n}@analytical-engines.example`;

/** One submission through the Action, as the enhanced form sends it; true when the server acknowledged it. */
async function submit(origin: string, n: number): Promise<boolean> {
  const body = new FormData();
  for (const [key, value] of Object.entries({
    series: SERIES,
    consentVersion: config.report.consent.version,
    firstName: 'Ada',
    lastName: `Lovelace ${n}`,
    email: email(n),
    company: 'Analytical Engines',
    jobRole: config.report.roles[1]!,
    consent: 'on',
    website: '',
  }))
    body.set(key, value);
  try {
    const response = await fetch(`${origin}/_actions/requestReport/`, {
      method: 'POST',
      body,
      headers: { Origin: origin },
      signal: AbortSignal.timeout(30_000),
    });
    // The Action answers in its own serialisation (devalue): success carries the download link.
    return response.status === 200 && (await response.text()).includes(`/${SERIES}/report/download/`);
  } catch {
    return false;
  }
}

describe('a server killed under load', () => {
  it(`keeps every acknowledged submission of ${SUBMISSIONS} exactly once, in a sound database`, async () => {
    const killAfter = seeded(SEED).int(SUBMISSIONS * 0.1, SUBMISSIONS * 0.8);
    const acknowledged: number[] = [];
    let next = 0;
    let answered = 0;
    let killing: Promise<void> | undefined;

    // Until the kill: 50 at a time against the first server; the answer numbered `killAfter` kills it.
    const first = await start();
    const worker = async () => {
      while (!killing && next < SUBMISSIONS) {
        const n = next++;
        if (await submit(first.origin, n)) acknowledged.push(n);
        if (++answered === killAfter) {
          killed = first;
          killing = first.kill();
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    await killing;
    const beforeKill = acknowledged.length;
    expect(beforeKill).toBeGreaterThan(0);

    // The rest goes to the server started again on the same data directory.
    const second = await start();
    const rest = async () => {
      while (next < SUBMISSIONS) {
        const n = next++;
        if (await submit(second.origin, n)) acknowledged.push(n);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, rest));
    console.log(
      `crash: killed after ${killAfter} answers (${beforeKill} acknowledged), ${acknowledged.length} of ${SUBMISSIONS} acknowledged in all`,
    );
    expect(acknowledged.length).toBeGreaterThan(beforeKill);

    const db = new DatabaseSync(join(dataDir, 'leads.sqlite'), { readOnly: true });
    try {
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
      const rows = db
        .prepare("SELECT email, count(*) AS n FROM leads WHERE email LIKE 'crash-%' GROUP BY email")
        .all() as { email: string; n: number }[];
      const stored = new Map(rows.map((row) => [row.email, Number(row.n)]));
      const missing = acknowledged.filter((n) => stored.get(email(n)) !== 1);
      expect(missing.map(email)).toEqual([]);
      // Each acknowledged lead has its consent recorded and the link it was sent.
      const withoutConsent = db
        .prepare(
          "SELECT count(*) AS n FROM leads l WHERE email LIKE 'crash-%' AND NOT EXISTS (SELECT 1 FROM consent_events c WHERE c.lead_id = l.id)",
        )
        .get()!.n;
      expect(Number(withoutConsent)).toBe(0);
    } finally {
      db.close();
    }
  }, 240_000);
});
