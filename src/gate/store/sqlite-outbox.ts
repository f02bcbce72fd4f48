import { randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import type { GroupCommit } from './group-commit.ts';
import type { LeadStore, OutboxInput, OutboxItem } from './types.ts';

/** The SQLite store's outbox: rows written with the lead, leased to one worker at a time, retried until delivered. */

type Row = Record<string, string | number | null>;
const date = (value: string | number | null | undefined) => (value == null ? null : new Date(String(value)));

function toItem(row: Row): OutboxItem {
  return {
    id: Number(row.id),
    leadId: row.lead_id === null ? null : Number(row.lead_id),
    topic: String(row.topic),
    payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
    idempotencyKey: String(row.idempotency_key),
    createdAt: new Date(String(row.created_at)),
    attempts: Number(row.attempts),
    nextAttemptAt: new Date(String(row.next_attempt_at)),
    lastError: row.last_error === null ? null : String(row.last_error),
    doneAt: date(row.done_at),
    gaveUpAt: date(row.gave_up_at),
  };
}

type OutboxMethods = Pick<LeadStore, 'claimOutbox' | 'completeOutbox' | 'failOutbox' | 'listOutbox'>;

/** The outbox methods, and `enqueue` for the store's own writes (to call inside their transaction). */
export function sqliteOutbox(
  db: DatabaseSync,
  { write }: Pick<GroupCommit, 'write'>,
): OutboxMethods & { enqueue: (leadId: number | null, items: readonly OutboxInput[], now: Date) => void } {
  const insert = db.prepare(
    `INSERT INTO outbox (lead_id, topic, payload, idempotency_key, created_at, next_attempt_at)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const claim = db.prepare(`
    UPDATE outbox SET lease_owner = $owner, lease_until = $until, attempts = attempts + 1
    WHERE id IN (
      SELECT id FROM outbox
      WHERE done_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $now
        AND (lease_until IS NULL OR lease_until <= $now) AND ($topic IS NULL OR topic = $topic)
      ORDER BY next_attempt_at, id LIMIT $limit)
    RETURNING *`);
  const complete = db.prepare(`
    UPDATE outbox SET done_at = ?, payload = '{}', last_error = NULL, lease_owner = NULL, lease_until = NULL
    WHERE id = ? AND lease_owner = ? AND done_at IS NULL`);
  const fail = db.prepare(`
    UPDATE outbox SET last_error = $error, next_attempt_at = coalesce($retryAt, next_attempt_at),
      gave_up_at = CASE WHEN $retryAt IS NULL THEN $at END, lease_owner = NULL, lease_until = NULL
    WHERE id = $id AND lease_owner = $owner AND done_at IS NULL`);
  return {
    enqueue: (leadId, items, now) => {
      for (const item of items) {
        const at = now.toISOString();
        insert.run(leadId, item.topic, JSON.stringify(item.payload), randomUUID(), at, at);
      }
    },
    claimOutbox: (owner, now, leaseMs, limit, topic) =>
      write(() => {
        const rows = claim.all({
          owner,
          until: new Date(now.getTime() + leaseMs).toISOString(),
          now: now.toISOString(),
          limit,
          topic: topic ?? null,
        }) as Row[];
        return rows.map(toItem).sort((a, b) => +a.nextAttemptAt - +b.nextAttemptAt || a.id - b.id);
      }),
    completeOutbox: (id, owner, at) => write(() => Number(complete.run(at.toISOString(), id, owner).changes) > 0),
    failOutbox: (id, owner, error, retryAt, at) =>
      write(
        () =>
          Number(
            fail.run({
              error: error.slice(0, 1000),
              retryAt: retryAt?.toISOString() ?? null,
              at: at.toISOString(),
              id,
              owner,
            }).changes,
          ) > 0,
      ),
    listOutbox: () =>
      write(() => (db.prepare('SELECT * FROM outbox WHERE done_at IS NULL ORDER BY id').all() as Row[]).map(toItem)),
  };
}
