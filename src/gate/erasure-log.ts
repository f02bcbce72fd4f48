import { createHmac } from 'node:crypto';
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Config } from './config.ts';
import type { LeadStore } from './store/index.ts';

/**
 * The erasure log: one line per person erased on request (`npm run leads -- delete`), in DATA_DIR, kept
 * apart from the database and its backups, so that a restore of a backup made before an erasure can erase
 * the person again (`npm run leads -- restore`). It holds no address, only a keyed hash of it (HMAC-SHA-256
 * with a key derived from the link secret): without the key, it cannot be turned back into addresses by
 * trying likely ones. Each line names its key by a short id, so that a line written under another
 * REPORT_LINK_SECRET is reported rather than silently never matched.
 */

export const ERASURE_LOG_FILE = 'erasure-log';

export interface ErasureLog {
  /** Where it is kept. */
  file: string;
  /** Appends the person's line and syncs it to disk; before the erasure, so none goes unrecorded. */
  record(email: string, at?: Date): void;
  /**
   * Erases, in `store`, everyone the log names (by the emails of its leads); how many people were erased,
   * and how many lines were written under another key (and could not be matched).
   */
  replay(store: LeadStore): Promise<{ erased: number; otherKey: number }>;
}

const normalise = (email: string) => email.trim().toLowerCase();

export function erasureLog(config: Pick<Config, 'dataDir'>, secret: string): ErasureLog {
  const file = join(config.dataDir, ERASURE_LOG_FILE);
  const key = createHmac('sha256', secret).update('erasure-log-v1').digest();
  const keyId = createHmac('sha256', key).update('key-id').digest('hex').slice(0, 8);
  const hash = (email: string) => createHmac('sha256', key).update(normalise(email)).digest('hex');
  const lines = () =>
    existsSync(file)
      ? readFileSync(file, 'utf8')
          .split('\n')
          .map((line) => line.trim().split(/\s+/))
          .filter(([version]) => version === 'v1')
      : [];
  return {
    file,
    record(email, at = new Date()) {
      mkdirSync(config.dataDir, { recursive: true, mode: 0o700 });
      appendFileSync(file, `v1 ${keyId} ${hash(email)} ${at.toISOString()}\n`, { mode: 0o600 });
      const fd = openSync(file, 'r');
      try {
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    },
    async replay(store) {
      const entries = lines();
      const wanted = new Set(entries.filter(([, id]) => id === keyId).map(([, , digest]) => digest));
      const otherKey = entries.filter(([, id]) => id !== keyId).length;
      const emails = [...new Set((await store.listLeads()).map((lead) => lead.email))];
      let erased = 0;
      for (const email of emails.filter((e) => wanted.has(hash(e)))) {
        await store.erasePerson(email);
        erased++;
      }
      // Checked, not trusted: a backup could keep what an erasure deletes (a trigger, say).
      const left = new Set((await store.listLeads()).map((lead) => lead.email).filter((e) => wanted.has(hash(e))));
      if (left.size > 0) {
        const people = left.size === 1 ? '1 person' : `${left.size} people`;
        throw new Error(
          `After erasing again the people the erasure log names, the restored database still holds ${people} of them: something in the backup (a trigger or a rule?) keeps what an erasure deletes.`,
        );
      }
      return { erased, otherKey };
    },
  };
}
