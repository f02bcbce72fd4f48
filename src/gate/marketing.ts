import type { Config } from './config.ts';
import { accessIssuedAt, type LinkIssuer } from './link-issuer.ts';
import type { Lead, LeadStore } from './store/index.ts';
import { webhookRows } from './webhook/events.ts';

/**
 * The double opt-in's two links, as the routes use them: the emailed confirmation (`confirm` tokens)
 * and the unsubscribe (`unsubscribe` tokens, in every marketing email and its List-Unsubscribe header).
 */

/** An unsubscribe link keeps working this long: mail clients show it for as long as the email is kept. */
export const UNSUBSCRIBE_TTL_MS = 2 * 365 * 24 * 60 * 60 * 1000;

export const confirmHref = (series: string, token: string) => `/${series}/report/confirm/${token}/`;
export const unsubscribeHref = (series: string, token: string) => `/${series}/report/unsubscribe/${token}/`;
/** The paths of the unsubscribe link: the GET page, and the POST that one-click unsubscribe sends. */
export const UNSUBSCRIBE_PATH = /^\/([a-z0-9-]+)\/report\/unsubscribe\/([A-Za-z0-9_-]{1,200}\.[A-Za-z0-9_-]{43})\/$/;

/**
 * What a marketing link found: the lead it names, when the link was issued (if it says), and whether
 * pressing it would confirm an unsubscribed reader again; or why there is none.
 */
export type LinkedLead =
  | { ok: true; lead: Lead; issuedAt?: Date | undefined; mayResubscribe?: boolean }
  | { ok: false; reason: 'invalid' | 'expired' };

/** The lead a confirmation or unsubscribe token names, in the series of the URL it came in. */
export async function leadOfLink(
  { store, links }: { store: LeadStore; links: LinkIssuer },
  purpose: 'confirm' | 'unsubscribe',
  series: string,
  token: string,
): Promise<LinkedLead> {
  const verdict = links.verify(token, purpose);
  if (!verdict.ok) return { ok: false, reason: verdict.reason === 'expired' ? 'expired' : 'invalid' };
  const lead = verdict.claims.series === series ? await store.findLead(verdict.claims.lead) : undefined;
  if (!lead || lead.series !== series) return { ok: false, reason: 'invalid' };
  const issuedAt = accessIssuedAt(verdict.nonce, verdict.claims.expiresAt);
  // A confirmation link issued after the reader's last unsubscribe (one a new ticked form asked for).
  const mayResubscribe =
    purpose === 'confirm' &&
    lead.marketingStatus === 'unsubscribed' &&
    issuedAt !== undefined &&
    (await store.consentHistory(lead.id)).every(
      (event) => event.event !== 'marketing-unsubscribed' || event.at < issuedAt,
    );
  return { ok: true, lead, issuedAt, mayResubscribe };
}

/**
 * Applies the change a marketing link asks for, recorded in the consent history and, with
 * LEADS_WEBHOOK_URL, sent to the CRM (consent.changed) in the same transaction; the lead as it is after,
 * whether it changed or not. The one place a confirmation or an unsubscribe is carried out: the gate's
 * one-click POST (src/gate/http/unsubscribe.ts) and the link page's button both call it.
 */
export async function changeByLink(
  services: { store: LeadStore; links: LinkIssuer; config: Config },
  to: 'confirmed' | 'unsubscribed',
  series: string,
  token: string,
): Promise<LinkedLead> {
  const found = await leadOfLink(services, to === 'confirmed' ? 'confirm' : 'unsubscribe', series, token);
  if (!found.ok) return found;
  const at = new Date();
  const enqueue = webhookRows(services.config, 'consent.changed', at, `marketing-${to}`);
  const result = await services.store.changeMarketing(found.lead.publicId, to, at, enqueue, found.issuedAt);
  return result ? { ok: true, lead: result.lead } : { ok: false, reason: 'invalid' };
}
