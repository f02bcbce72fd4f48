import { randomUUID } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { LeadStore, OutboxInput, OutboxItem } from './types.ts';

/**
 * The PostgreSQL store's outbox: rows written with the lead in its transaction, leased to one worker at a
 * time across every server (`FOR UPDATE SKIP LOCKED`: a worker passes over the rows another is claiming,
 * instead of waiting for them), retried until delivered.
 */

type Row = Record<string, unknown>;
const date = (value: unknown) => (value instanceof Date ? value : null);

function toItem(row: Row): OutboxItem {
  return {
    id: Number(row.id),
    leadId: row.lead_id === null ? null : Number(row.lead_id),
    topic: row.topic as string,
    payload: row.payload as Record<string, unknown>,
    idempotencyKey: row.idempotency_key as string,
    createdAt: row.created_at as Date,
    attempts: Number(row.attempts),
    nextAttemptAt: row.next_attempt_at as Date,
    lastError: typeof row.last_error === 'string' ? row.last_error : null,
    doneAt: date(row.done_at),
    gaveUpAt: date(row.gave_up_at),
  };
}

type OutboxMethods = Pick<LeadStore, 'claimOutbox' | 'completeOutbox' | 'failOutbox' | 'listOutbox'>;

/** Puts rows in the outbox on `client`, inside the caller's transaction. */
export async function enqueue(
  client: PoolClient,
  leadId: number | null,
  items: readonly OutboxInput[],
  now: Date,
): Promise<void> {
  for (const item of items) {
    await client.query(
      `INSERT INTO outbox (lead_id, topic, payload, idempotency_key, created_at, next_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $5)`,
      [leadId, item.topic, JSON.stringify(item.payload), randomUUID(), now],
    );
  }
}

export function postgresOutbox(pool: Pool): OutboxMethods {
  return {
    async claimOutbox(owner, now, leaseMs, limit, topic) {
      const { rows } = await pool.query<Row>(
        `UPDATE outbox SET lease_owner = $1, lease_until = $2, attempts = attempts + 1
         WHERE id IN (
           SELECT id FROM outbox
           WHERE done_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $3
             AND (lease_until IS NULL OR lease_until <= $3) AND ($5::text IS NULL OR topic = $5)
           ORDER BY next_attempt_at, id LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING *`,
        [owner, new Date(now.getTime() + leaseMs), now, limit, topic ?? null],
      );
      return rows.map(toItem).sort((a, b) => +a.nextAttemptAt - +b.nextAttemptAt || a.id - b.id);
    },
    async completeOutbox(id, owner, at) {
      const { rowCount } = await pool.query(
        `UPDATE outbox SET done_at = $1, payload = '{}', last_error = NULL, lease_owner = NULL, lease_until = NULL
         WHERE id = $2 AND lease_owner = $3 AND done_at IS NULL`,
        [at, id, owner],
      );
      return (rowCount ?? 0) > 0;
    },
    async failOutbox(id, owner, error, retryAt, at) {
      const { rowCount } = await pool.query(
        `UPDATE outbox SET last_error = $1, next_attempt_at = coalesce($2, next_attempt_at),
           gave_up_at = CASE WHEN $2::timestamptz IS NULL THEN $3::timestamptz END, lease_owner = NULL, lease_until = NULL
         WHERE id = $4 AND lease_owner = $5 AND done_at IS NULL`,
        [error.slice(0, 1000), retryAt, at, id, owner],
      );
      return (rowCount ?? 0) > 0;
    },
    async listOutbox() {
      return (await pool.query<Row>('SELECT * FROM outbox WHERE done_at IS NULL ORDER BY id')).rows.map(toItem);
    },
  };
}
