import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/gate/store/group-commit.ts';

describe('groupCommit', () => {
  let dir: string;
  let db: DatabaseSync;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'group-commit-'));
    db = new DatabaseSync(join(dir, 'test.sqlite'));
    db.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (v TEXT UNIQUE NOT NULL)');
  });

  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const count = () => Number(db.prepare('SELECT count(*) AS n FROM t').get()!.n);

  it('commits the writes of one turn together, once, and settles each after the commit', async () => {
    const { write } = groupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const seenInTransaction: boolean[] = [];
    const writes = Array.from({ length: 20 }, (_, i) =>
      write(() => {
        seenInTransaction.push(db.isTransaction);
        return insert.run(`v${i}`).changes;
      }),
    );
    expect(count()).toBe(0);
    expect(await Promise.all(writes)).toEqual(Array<number>(20).fill(1));
    expect(seenInTransaction).toEqual(Array<boolean>(20).fill(true));
    expect(db.isTransaction).toBe(false);
    expect(count()).toBe(20);
  });

  it('rolls back and rejects a failing write alone, keeping the others of its group', async () => {
    const { write } = groupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    const results = await Promise.allSettled([
      write(() => insert.run('a')),
      write(() => {
        insert.run('b');
        insert.run('a'); // breaks UNIQUE: 'b' goes with it
      }),
      write(() => insert.run('c')),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(
      db
        .prepare('SELECT v FROM t ORDER BY v')
        .all()
        .map((row) => row.v),
    ).toEqual(['a', 'c']);
  });

  it('rejects every write of a group that the database rolled back whole (disk full), and goes on after', async () => {
    const { write } = groupCommit(db);
    const insert = db.prepare('INSERT INTO t (v) VALUES (?)');
    // The file may grow by two pages at most: as a full disk, SQLite rolls back the whole transaction.
    const pages = Number(db.prepare('PRAGMA page_count').get()!.page_count);
    db.exec(`PRAGMA max_page_count = ${pages + 2}`);
    const results = await Promise.allSettled([
      write(() => insert.run('small, run before the failure, then rolled back with it')),
      write(() => {
        for (let i = 0; i < 100; i++) insert.run(`${i} ${'x'.repeat(3000)}`);
      }),
      write(() => insert.run('small, after the failure')),
    ]);
    expect(results.map((r) => (r.status === 'rejected' ? (r.reason as Error).message : 'stored'))).toEqual(
      Array<string>(3).fill('database or disk is full'),
    );
    expect(db.isTransaction).toBe(false);
    expect(count()).toBe(0);
    // Room again: the next group commits.
    db.exec('PRAGMA max_page_count = 1073741823');
    await write(() => insert.run('later'));
    expect(count()).toBe(1);
  });

  it('commits what is waiting when flushed, before the database closes', async () => {
    const { write, flush } = groupCommit(db);
    const pending = write(() => db.prepare("INSERT INTO t (v) VALUES ('x')").run());
    flush();
    expect(count()).toBe(1);
    await pending;
  });
});
