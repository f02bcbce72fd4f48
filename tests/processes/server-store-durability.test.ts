import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/gate/store/sqlite.ts';

/**
 * The SQLite store in a process of its own (tests/unit/fixtures/store-child.ts), read from outside while it
 * runs, then killed with SIGKILL: every write it acknowledged must be in the file when it is opened again.
 */
const child = join(import.meta.dirname, '../unit/fixtures/store-child.ts');

let dir: string;
let file: string;
let holder: ChildProcess | undefined;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-durability-'));
  file = join(dir, 'leads.sqlite');
});
afterEach(() => {
  if (holder && holder.exitCode === null && holder.signalCode === null) holder.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

/** Starts the holding process; resolves once its stores are open, with a way to ask it for writes. */
async function hold() {
  const started = spawn(process.execPath, [child, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  holder = started;
  const lines = createInterface({ input: started.stdout });
  const acknowledged: string[] = [];
  let waiting: (() => void) | undefined;
  let ready!: () => void;
  const isReady = new Promise<void>((resolve) => (ready = resolve));
  lines.on('line', (line) => {
    if (line === 'ready') ready();
    if (line.startsWith('ok ')) acknowledged.push(line.slice(3));
    if (line === 'done') waiting?.();
  });
  await isReady;
  return {
    acknowledged,
    write: (prefix: string, n: number) =>
      new Promise<void>((resolve) => {
        waiting = resolve;
        started.stdin.write(`write ${prefix} ${n}\n`);
      }),
    kill: () =>
      new Promise<void>((resolve) => {
        started.once('exit', () => resolve());
        started.kill('SIGKILL');
      }),
  };
}

const outside: Record<string, (sql: string) => { status: number | null; stdout: string; stderr: string }> = {
  'the sqlite3 shell': (sql) => spawnSync('/usr/bin/sqlite3', [file, sql], { encoding: 'utf8' }),
  "Python's sqlite3": (sql) =>
    spawnSync(
      'python3',
      [
        '-c',
        'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print(c.execute(sys.argv[2]).fetchone()[0]); c.close()',
        file,
        sql,
      ],
      { encoding: 'utf8' },
    ),
};

describe('the SQLite store, read from outside while the server holds it', () => {
  it.each(Object.keys(outside))(
    'keeps every acknowledged lead after %s counts the leads and the server is killed',
    async (reader) => {
      const server = await hold();
      await server.write('before', 20);
      const read = outside[reader]!('select count(*) from leads');
      expect({ status: read.status, stderr: read.stderr, count: read.stdout.trim() }).toEqual({
        status: 0,
        stderr: '',
        count: '20',
      });
      await server.write('after', 200);
      await server.kill();
      expect(server.acknowledged).toHaveLength(220);

      const reopened = await openSqliteStore(file);
      try {
        const stored = new Set((await reopened.listLeads()).map((l) => l.email));
        expect(server.acknowledged.filter((email) => !stored.has(email))).toEqual([]);
        expect(await reopened.checkIntegrity()).toEqual([]);
      } finally {
        await reopened.close();
      }
    },
  );
});
