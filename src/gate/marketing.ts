import type { Config } from './config.ts';
import { accessIssuedAt, confirmFormAt, type LinkIssuer } from './link-issuer.ts';
import type { Lead, LeadStore, Submission } from './store/index.ts';
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
 * What a marketing link found: the lead it names, when the link was issued (an older confirmation link)
 * or which ticked form asked for it (`formAt`), that form as it was sent when it can be shown and adopted
 * (`form`), and whether pressing it would confirm an unsubscribed reader again; after a confirmation,
 * whether the form's details were adopted. Or why there is none.
 */
export type LinkedLead =
  | {
      ok: true;
      lead: Lead;
      issuedAt?: Date | undefined;
      formAt?: Date | undefined;
      form?: Submission | undefined;
      mayResubscribe?: boolean;
      adopted?: boolean;
      /** After a change by link: whether it changed anything (a repeated confirmation does not). */
      changed?: boolean;
    }
  | { ok: false; reason: 'invalid' | 'expired' };

/**
 * The one ticked form of the lead sent at `formAt`, as it was sent; undefined when there is none or more
 * than one (two forms in one millisecond: neither can be told apart, so neither is shown nor adopted).
 * The store adopts by the same rule (`LeadStore.changeMarketing`).
 */
async function formOfLink(store: LeadStore, lead: Lead, formAt: Date): Promise<Submission | undefined> {
  const forms = (await store.listSubmissions(lead.id)).filter(
    (form) => form.marketingOptIn && form.consentAt.getTime() === formAt.getTime(),
  );
  return forms.length === 1 ? forms[0] : undefined;
}

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
  // A confirmation link names the ticked form that asked for it; an older one says only when it was issued.
  const formAt = purpose === 'confirm' ? confirmFormAt(verdict.nonce, verdict.claims.expiresAt) : undefined;
  const issuedAt = formAt ? undefined : accessIssuedAt(verdict.nonce, verdict.claims.expiresAt);
  const since = formAt ?? issuedAt;
  // A confirmation link of a form sent after the reader's last unsubscribe (or, older, issued after it).
  const mayResubscribe =
    purpose === 'confirm' &&
    lead.marketingStatus === 'unsubscribed' &&
    since !== undefined &&
    (await store.consentHistory(lead.id)).every(
      (event) => event.event !== 'marketing-unsubscribed' || event.at < since,
    );
  // The form's details are shown only while there is something to confirm.
  const form =
    formAt && (lead.marketingStatus === 'pending' || mayResubscribe)
      ? await formOfLink(store, lead, formAt)
      : undefined;
  return { ok: true, lead, issuedAt, formAt, form, mayResubscribe };
}

/**
 * Applies the change a marketing link asks for, recorded in the consent history and, with
 * LEADS_WEBHOOK_URL, sent to the CRM (consent.changed) in the same transaction; the lead as it is after,
 * whether it changed or not. The one place a confirmation or an unsubscribe is carried out: the gate's
 * one-click POST (src/gate/http/unsubscribe.ts) and the link page's buttons both call it. A confirmation
 * adopts the details of the form its link names only with `adopt` (the reader pressed "these are my
 * details"); without it, it confirms the emails and keeps who the lead is.
 */
export async function changeByLink(
  services: { store: LeadStore; links: LinkIssuer; config: Config },
  to: 'confirmed' | 'unsubscribed',
  series: string,
  token: string,
  { adopt = false }: { adopt?: boolean } = {},
): Promise<LinkedLead> {
  const found = await leadOfLink(services, to === 'confirmed' ? 'confirm' : 'unsubscribe', series, token);
  if (!found.ok) return found;
  const at = new Date();
  const enqueue = webhookRows(services.config, 'consent.changed', at, `marketing-${to}`);
  const adopting = to === 'confirmed' && adopt && found.form !== undefined;
  const result = await services.store.changeMarketing(found.lead.publicId, to, at, enqueue, {
    issuedAt: found.issuedAt,
    formAt: found.formAt,
    adopt: adopting,
  });
  return result
    ? { ok: true, lead: result.lead, adopted: adopting && result.changed, changed: result.changed }
    : { ok: false, reason: 'invalid' };
}
