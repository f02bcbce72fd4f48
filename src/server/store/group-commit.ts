import type { DatabaseSync } from 'node:sqlite';

/** One write waiting for the next commit. */
interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (reason: Error) => void;
}

export interface GroupCommit {
  /** Runs `work` in the next group's transaction; settles once that transaction is committed. */
  write<T>(this: void, work: () => T): Promise<T>;
  /** Commits the writes waiting now (before the database closes). */
  flush(this: void): void;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Group commit: the writes that requests make in the same turn of the event loop run in one transaction,
 * each in a savepoint of its own (a failing write is rolled back alone and rejects alone), and share one
 * COMMIT, so one fsync instead of one per write. Every promise settles after the COMMIT: a write that
 * resolved is on disk (with `synchronous = FULL`).
 */
export function groupCommit(db: DatabaseSync): GroupCommit {
  let queue: Job[] = [];

  function flush() {
    if (queue.length === 0) return;
    const jobs = queue;
    queue = [];
    const settle: (() => void)[] = [];
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      for (const job of jobs) job.reject(asError(error));
      return;
    }
    for (const job of jobs) {
      db.exec('SAVEPOINT job');
      try {
        const value = job.work();
        db.exec('RELEASE job');
        settle.push(() => job.resolve(value));
      } catch (error) {
        db.exec('ROLLBACK TO job');
        db.exec('RELEASE job');
        settle.push(() => job.reject(asError(error)));
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      if (db.isTransaction) db.exec('ROLLBACK');
      for (const job of jobs) job.reject(asError(error));
      return;
    }
    for (const done of settle) done();
  }

  return {
    write: <T>(work: () => T) =>
      new Promise<T>((resolve, reject) => {
        queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
        if (queue.length === 1) setImmediate(flush);
      }),
    flush,
  };
}
