import type { Lead, OutboxInput } from '../store/index.ts';

/** The emails the outbox sends; each names its lead, and is written when it is sent, from the lead as it is then. */
export type EmailTemplate = 'report-link' | 'confirm-marketing';

/** An outbox row asking for an email to a lead; `origin` is where the form was sent, for the links. */
export function emailRow(template: EmailTemplate, lead: Lead, origin: string, requestedAt: Date): OutboxInput {
  return { topic: 'email', payload: { template, lead: lead.publicId, origin, requestedAt: requestedAt.toISOString() } };
}
