/**
 * The answer page of a form sent without JavaScript (Post/Redirect/Get): the report page answers the POST
 * with 303 to `?answer=<token>` (see `LinkIssuer.answer`), and shows here what the POST would have shown.
 * A reload fetches this page again: it stores nothing, sends nothing and counts nothing.
 */
import type { Services } from './services.ts';
import { readAnswer } from './link-issuer.ts';

export interface AnswerShown {
  /** The link on the page (REPORT_DELIVERY page or both; `emailedTo` with both). */
  ready?: { downloadUrl: string; expiresAt: string; firstName: string; returning: false; emailedTo?: string };
  /** The link went by email only. */
  sent?: { email: string; firstName: string };
  /** The confirmation email (double opt-in) went to this address. */
  confirmSentTo?: string;
}

/**
 * What the answer `token` for `series` shows, or undefined when it is not one (forged, expired, another
 * series', its lead erased since). The name is the one the form gave (its submission's), not the lead's.
 */
export async function formAnswer(
  services: Pick<Services, 'verify' | 'store' | 'downloadLink'>,
  series: string,
  token: string,
  now = new Date(),
): Promise<AnswerShown | undefined> {
  const verdict = services.verify(token, 'answer', now);
  if (!verdict.ok || verdict.claims.series !== series) return undefined;
  const answer = readAnswer(verdict.nonce);
  const lead = answer && (await services.store.findLead(verdict.claims.lead));
  if (!answer || !lead || lead.series !== series) return undefined;
  const form = (await services.store.listSubmissions(lead.id)).find(
    (s) => s.consentAt.getTime() === answer.sentAt.getTime(),
  );
  const firstName = form?.firstName ?? '';
  const confirmSentTo = answer.confirm ? lead.email : undefined;
  if (answer.delivery === 'email') return { sent: { email: lead.email, firstName }, confirmSentTo };
  // The link this form was given (issued when it was sent), or its one renewal: never a later form's.
  const link = await services.downloadLink(lead, now, { issuedBy: answer.sentAt });
  return {
    ready: {
      downloadUrl: link.url,
      expiresAt: link.expiresAt.toISOString(),
      firstName,
      returning: false,
      ...(answer.delivery === 'both' && { emailedTo: lead.email }),
    },
    confirmSentTo,
  };
}
