import type { Config } from '../config.ts';
import { emailHandler, smtpSender } from '../mail/outbox-email.ts';
import type { Services } from '../services.ts';
import { webhookHandler } from '../webhook/deliver.ts';
import { startOutboxWorker, type OutboxHandler } from './worker.ts';

const HOUR_MS = 60 * 60 * 1000;

/**
 * How long a worker holds a claimed row (outbox/worker.ts): longer than any one delivery can take with
 * its timeouts (a mail server answering each SMTP step just inside socketTimeout takes minutes), else a
 * second process claims the row and sends it again. A process that dies frees its rows after this.
 */
export const DELIVERY_LEASE_MS = 10 * 60_000;

/**
 * Starts the server process's outbox worker on the gate's store, with a handler for each kind of delivery
 * the configuration sets up (email with SMTP_URL, the CRM webhook with LEADS_WEBHOOK_URL); returns a
 * function that stops it once the delivery in hand is done.
 */
export function startDelivery(
  services: Services,
  root: string,
  log: (message: string) => void = console.error,
): () => Promise<void> {
  const { config, store } = services;
  const links = services;
  const handlers: Record<string, OutboxHandler> = {};
  if (config.SMTP_URL) handlers.email = emailHandler({ store, links, config, root, send: smtpSender(config) });
  if (config.LEADS_WEBHOOK_URL && config.LEADS_WEBHOOK_SECRET) {
    handlers.webhook = webhookHandler({ url: config.LEADS_WEBHOOK_URL, secret: config.LEADS_WEBHOOK_SECRET });
  }
  const worker = startOutboxWorker({
    store,
    handlers,
    // From OUTBOX_RETRY_SECONDS (30 s by default) doubling up to 6 hours: twelve attempts span about two days.
    backoff: { baseMs: config.OUTBOX_RETRY_SECONDS * 1000, capMs: 6 * HOUR_MS, maxAttempts: 12 },
    leaseMs: DELIVERY_LEASE_MS,
    // A receiver that failed 5 times in a row is left alone as long as a row waits for its first retry.
    breaker: { failures: 5, cooldownMs: config.OUTBOX_RETRY_SECONDS * 1000 },
    log,
  });
  return () => worker.stop();
}

/** What the start-up log says about delivery; never the mail server's password. */
export function describeDelivery(config: Config): string {
  const where: Record<Config['REPORT_DELIVERY'], string> = {
    page: 'on the page',
    email: 'by email only',
    both: 'on the page and by email',
  };
  const server = config.SMTP_URL ? new URL(config.SMTP_URL) : undefined;
  const smtp = server ? `, sent through ${server.protocol}//${server.host} as ${config.MAIL_FROM}` : '';
  const pending = config.SMTP_URL
    ? ''
    : '; marketing opt-ins stay pending: set SMTP_URL to send their confirmation emails';
  const webhook = config.LEADS_WEBHOOK_URL
    ? `\nLeads webhook: every stored lead, consent change and erasure is POSTed to ${new URL(config.LEADS_WEBHOOK_URL).origin}`
    : '';
  return `Report links: ${where[config.REPORT_DELIVERY]}${smtp}${pending}${webhook}`;
}
