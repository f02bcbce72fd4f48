import { createHmac } from 'node:crypto';
import type { OutboxHandler } from '../outbox/worker.ts';

/** The headers of a delivery: what a receiver reads to check it and to drop a repeat. */
export const WEBHOOK_HEADERS = {
  signature: 'X-Leads-Signature',
  timestamp: 'X-Leads-Timestamp',
  idempotencyKey: 'Idempotency-Key',
  event: 'X-Leads-Event',
} as const;

/** How long one delivery may take, the answer included. */
export const WEBHOOK_TIMEOUT_MS = 10_000;

/** `v1=` and the hex HMAC-SHA256, keyed with LEADS_WEBHOOK_SECRET, of `<timestamp>.<body>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/**
 * The outbox handler of the `webhook` topic: POSTs the event as JSON to LEADS_WEBHOOK_URL, signed, with
 * the row's idempotency key (the same on every retry) in the header and the body. Any answer but 2xx,
 * or none within the timeout, fails the attempt, to be retried with backoff.
 */
export function webhookHandler({
  url,
  secret,
  timeoutMs = WEBHOOK_TIMEOUT_MS,
}: {
  url: string;
  secret: string;
  timeoutMs?: number;
}): OutboxHandler {
  return async (item) => {
    const body = JSON.stringify({ id: item.idempotencyKey, ...item.payload });
    const timestamp = Math.floor(Date.now() / 1000);
    const response = await fetch(url, {
      method: 'POST',
      body,
      redirect: 'error',
      signal: AbortSignal.timeout(timeoutMs),
      headers: {
        'Content-Type': 'application/json',
        'User-Agent': 'ml-trends-leads-webhook/1',
        [WEBHOOK_HEADERS.signature]: signWebhook(secret, timestamp, body),
        [WEBHOOK_HEADERS.timestamp]: String(timestamp),
        [WEBHOOK_HEADERS.idempotencyKey]: item.idempotencyKey,
        [WEBHOOK_HEADERS.event]: String(item.payload.type),
      },
    }).catch((error: unknown) => {
      if (error instanceof Error && error.name === 'TimeoutError') {
        throw new Error(`no answer from the webhook within ${timeoutMs / 1000} s`, { cause: error });
      }
      throw error;
    });
    // The body is read (and dropped) so that the connection can be reused.
    await response.arrayBuffer().catch(() => undefined);
    if (!response.ok) throw new Error(`HTTP ${response.status} from the webhook`);
  };
}
