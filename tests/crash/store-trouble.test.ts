import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, submitAction, type RunningServer } from '../integration/server.ts';
import { fillDisk, smallDisk } from '../setup/small-disk.ts';

/**
 * The real server (`npm start`) and its SQLite lead store in trouble an operator can cause or meet: the
 * live database read with the sqlite3 shell, then the server killed (`kill -9`); a full disk.
 */
const SERIES = 'ml-trends-2021';
let server: RunningServer | undefined;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  if (server) {
    await server.stop().catch(() => {});
    server = undefined;
  }
  for (const step of cleanup.splice(0).reverse()) step();
});

/** One form through the Action, as the enhanced form sends it. */
const submit = (origin: string, email: string) => submitAction(origin, email, SERIES);

const acknowledged = (answer: { status: number; body: string }) =>
  answer.status === 200 && answer.body.includes(`/${SERIES}/report/download/`);

describe('the lead database read from outside while the server runs', () => {
  it('keeps every acknowledged form after the sqlite3 shell counted the leads and the server was killed', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mt-outside-read-'));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000' });
    const stored: string[] = [];
    const send = async (prefix: string, n: number) => {
      const answers = await Promise.all(
        Array.from({ length: n }, async (_, i) => {
          const email = `${prefix}-${i}@analytical-engines.example`;
          return acknowledged(await submit(server!.origin, email)) ? email : undefined;
        }),
      );
      stored.push(...answers.filter((email) => email !== undefined));
    };
    await send('before', 20);
    const file = join(dataDir, 'leads.sqlite');
    const read = spawnSync('/usr/bin/sqlite3', [file, 'select count(*) from leads'], { encoding: 'utf8' });
    expect({ status: read.status, count: read.stdout.trim() }).toEqual({ status: 0, count: '20' });
    await send('after', 200);
    expect(stored).toHaveLength(220);
    await server.kill();
    rmSync(server.dataDir, { recursive: true, force: true });
    server = undefined;

    const db = new DatabaseSync(file, { readOnly: true });
    try {
      const emails = new Set((db.prepare('SELECT email FROM leads').all() as { email: string }[]).map((r) => r.email));
      expect(stored.filter((email) => !emails.has(email))).toEqual([]);
      expect(db.prepare('PRAGMA integrity_check').all()).toEqual([{ integrity_check: 'ok' }]);
    } finally {
      db.close();
    }
  });
});

// A real full disk: DATA_DIR on a small tmpfs, which only root can mount.
describe.skipIf(process.getuid?.() !== 0)('the server on a full disk', () => {
  it('answers every form 503 saying nothing was kept, fails /healthz, stays up, and takes forms again', async () => {
    const { dir: dataDir, unmount } = smallDisk('4m', 'mt-full-disk-');
    cleanup.push(unmount);
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000' });
    expect(acknowledged(await submit(server.origin, 'before@analytical-engines.example'))).toBe(true);
    const filler = join(dataDir, 'filler');
    fillDisk(filler);

    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => submit(server!.origin, `full-${i}@analytical-engines.example`)),
    );
    expect(answers.map((a) => a.status)).toEqual(Array<number>(20).fill(503));
    expect(answers[0]!.body).toContain('nothing you sent was kept');
    const health = await fetch(`${server.origin}/healthz`);
    expect(health.status).toBe(503);
    // The free-space margin speaks first (tests/crash/nearly-full-disk.test.ts).
    expect(await health.json()).toMatchObject({ status: 'failing', store: 'disk nearly full' });

    rmSync(filler);
    expect(acknowledged(await submit(server.origin, 'after@analytical-engines.example'))).toBe(true);
    expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
    const store = await server.openStore();
    try {
      const leads = await store.listLeads();
      expect(leads.map((l) => l.email)).toEqual([
        'before@analytical-engines.example',
        'after@analytical-engines.example',
      ]);
    } finally {
      await store.close();
    }
  });
});
