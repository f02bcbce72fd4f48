import type { Lead, OutboxInput } from '../store/index.ts';

/** The emails the outbox sends; each names its lead, and is written when it is sent, from the lead as it is then. */
export type EmailTemplate = 'report-link' | 'confirm-marketing';

/**
 * An outbox row asking for an email to a lead. Nothing of the request is kept for the links: its Host
 * header is the client's to choose (see `emailOrigin`).
 */
export function emailRow(template: EmailTemplate, lead: Lead, requestedAt: Date): OutboxInput {
  return { topic: 'email', payload: { template, lead: lead.publicId, requestedAt: requestedAt.toISOString() } };
}
