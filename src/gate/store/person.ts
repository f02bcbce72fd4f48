/** What both stores share when they look for a person's rows. */
import type { ErasedLead } from './types.ts';

/** The email as a whole address, not part of a longer one (`grace.ada@…` or `…@example.community`). */
export const holdsEmail = (email: string) => {
  const quoted = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^a-z0-9._%+-])${quoted}($|[^a-z0-9.-]|\\.($|[^a-z0-9-]))`, 'i');
};

/** The text with every whole occurrence of the email replaced by `[erased]` (as `holdsEmail` finds it). */
export const scrubEmail = (text: string, email: string) => {
  const quoted = email.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(?<![a-z0-9._%+-])${quoted}(?![a-z0-9-]|\\.[a-z0-9-])`, 'gi'), ERASED);
};

/** What replaces the address in another person's lead: their lead stays, the erased person's address goes. */
export const ERASED = '[erased]';

/**
 * Where `show` lists, and an erasure counts, the leads of other people whose fields (company, name, user
 * agent…) hold the address: those leads are kept, with the address replaced by `[erased]`.
 */
export const OTHER_LEADS = 'other_leads';

/** The leads a `DELETE … RETURNING public_id, series` removed, as an erasure's notice names them. */
export const erasedLeads = (rows: readonly { public_id: string; series: string }[]): ErasedLead[] =>
  rows.map((row) => ({ publicId: row.public_id, series: row.series }));

/** The tables an erasure always reports, even when it removed nothing from them. */
export const emptyErasure = () => ({ leads: 0, consent_events: 0, report_links: 0, downloads: 0 });
