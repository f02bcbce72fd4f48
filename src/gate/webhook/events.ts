import type { Config } from '../config.ts';
import type { Announce, ConsentEventKind, Enqueue, FormFields, Lead, OutboxInput } from '../store/index.ts';

/**
 * The CRM hand-off's events, as outbox rows written with the change they report (LEADS_WEBHOOK_URL):
 * `lead.stored` for every submission stored (new or repeat), `consent.changed` for every marketing
 * confirmation or unsubscribe, each a snapshot of the lead at that moment; and `lead.erased` for every lead
 * an erasure (`npm run leads -- delete`, or retention) removed, naming it by its public id and series only.
 * The snapshot is the lead as stored: a repeat form never changes its name, company, role or consent
 * (anyone can type an address), so `lead.stored` carries what that form said apart, as `submission`.
 */
export type LeadEventType = 'lead.stored' | 'consent.changed' | 'lead.erased';

/** The lead as the CRM gets it: its public id, never the row number. */
function snapshot(lead: Lead) {
  return {
    id: lead.publicId,
    series: lead.series,
    email: lead.email,
    firstName: lead.firstName,
    lastName: lead.lastName,
    company: lead.company,
    jobRole: lead.jobRole,
    consentVersion: lead.consentVersion,
    consentAt: lead.consentAt.toISOString(),
    marketingOptIn: lead.marketingOptIn,
    marketingStatus: lead.marketingStatus,
    submissions: lead.submissions,
    createdAt: lead.createdAt.toISOString(),
    updatedAt: lead.updatedAt.toISOString(),
    // Whether name, company, role and consent were proven by the mailbox (a confirmed opt-in).
    identityConfirmed: lead.identityConfirmed,
  };
}

/** What one form said, as `lead.stored` carries it: the sender's words, not (yet) the lead's. */
export type SubmissionEvent = FormFields;

/**
 * The row a form enqueues for the webhook: `lead.stored`, the lead as stored, and what this form said
 * as `submission`; none without LEADS_WEBHOOK_URL.
 */
export function storedRows(config: Pick<Config, 'LEADS_WEBHOOK_URL'>, at: Date, submission: SubmissionEvent): Enqueue {
  return (lead) => {
    if (!config.LEADS_WEBHOOK_URL) return [];
    const row = leadEventRow('lead.stored', lead, at);
    return [
      {
        ...row,
        payload: { ...row.payload, submission: { ...submission, consentAt: submission.consentAt.toISOString() } },
      },
    ];
  };
}

export function leadEventRow(type: LeadEventType, lead: Lead, at: Date, change?: ConsentEventKind): OutboxInput {
  return {
    topic: 'webhook',
    payload: { type, occurredAt: at.toISOString(), ...(change && { change }), lead: snapshot(lead) },
  };
}

/** The rows a lead write enqueues for the webhook; none without LEADS_WEBHOOK_URL. */
export function webhookRows(
  config: Pick<Config, 'LEADS_WEBHOOK_URL'>,
  type: LeadEventType,
  at: Date,
  change?: ConsentEventKind,
): Enqueue {
  return (lead) => (config.LEADS_WEBHOOK_URL ? [leadEventRow(type, lead, at, change)] : []);
}

/**
 * The rows an erasure (`npm run leads -- delete`, or retention) enqueues for the webhook, one `lead.erased`
 * per lead; none without LEADS_WEBHOOK_URL. The CRM finds the record by the `id` that `lead.stored` gave it:
 * the notice holds nothing personal, so the outbox keeps nothing of the person it erased. Its time is taken
 * when the store calls it, inside the erasure's transaction, after any write that went before.
 */
export function erasureRows(config: Pick<Config, 'LEADS_WEBHOOK_URL'>): Announce {
  return (leads) => {
    if (!config.LEADS_WEBHOOK_URL) return [];
    const occurredAt = new Date().toISOString();
    const type: LeadEventType = 'lead.erased';
    return leads.map((lead) => ({
      topic: 'webhook' as const,
      payload: { type, occurredAt, lead: { id: lead.publicId, series: lead.series } },
    }));
  };
}
