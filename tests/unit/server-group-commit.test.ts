import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupCommit } from '../../src/server/store/group-commit.ts';

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

  it('commits what is waiting when flushed, before the database closes', async () => {
    const { write, flush } = groupCommit(db);
    const pending = write(() => db.prepare("INSERT INTO t (v) VALUES ('x')").run());
    flush();
    expect(count()).toBe(1);
    await pending;
  });
});
