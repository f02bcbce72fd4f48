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
 *
 * When SQLite rolls back the whole transaction itself (a full disk, an I/O error, no memory), or the COMMIT
 * fails, nothing of the group was stored: every write of it rejects with that error, those that ran before
 * the failure included, and the next group starts afresh. Nothing is thrown out of the flush, which runs
 * outside any request (an exception there would end the process).
 */
export function groupCommit(db: DatabaseSync): GroupCommit {
  let queue: Job[] = [];

  function flush() {
    if (queue.length === 0) return;
    const jobs = queue;
    queue = [];
    /** How each job ended, in order: its value, or its own error (its savepoint rolled back). */
    const outcomes: ({ value: unknown } | { error: Error })[] = [];
    /** Nothing of the group is kept: every job rejects, with its own error when it had one. */
    const abandon = (cause: unknown) => {
      if (db.isTransaction) {
        try {
          db.exec('ROLLBACK');
        } catch {
          // The connection rolls back on its own when it cannot (SQLite ends a failed transaction).
        }
      }
      jobs.forEach((job, i) => {
        const outcome = outcomes[i];
        job.reject(outcome && 'error' in outcome ? outcome.error : asError(cause));
      });
    };
    try {
      db.exec('BEGIN IMMEDIATE');
    } catch (error) {
      abandon(error);
      return;
    }
    for (const job of jobs) {
      try {
        db.exec('SAVEPOINT job');
        const value = job.work();
        db.exec('RELEASE job');
        outcomes.push({ value });
      } catch (error) {
        // SQLite rolled back the whole transaction: the jobs before this one went with it.
        if (!db.isTransaction) {
          abandon(error);
          return;
        }
        try {
          db.exec('ROLLBACK TO job');
          db.exec('RELEASE job');
        } catch {
          abandon(error);
          return;
        }
        outcomes.push({ error: asError(error) });
      }
    }
    try {
      db.exec('COMMIT');
    } catch (error) {
      abandon(error);
      return;
    }
    jobs.forEach((job, i) => {
      const outcome = outcomes[i]!;
      if ('error' in outcome) job.reject(outcome.error);
      else job.resolve(outcome.value);
    });
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
