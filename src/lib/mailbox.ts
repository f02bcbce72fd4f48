/**
 * The mailbox an email address reaches, as the per-recipient mail limit counts it: `victim+1@` and
 * `victim@` reach one inbox, and so do `v.ictim@gmail.com` and `victim@googlemail.com`. Forms can be sent
 * with any address; without this, every variant would get a fresh share of emails.
 *
 * - lower case throughout (the form already lower-cases; a mailbox's case is not reliably meaningful);
 * - a `+tag` is dropped at every domain (sub-addressing per RFC 5233 is the common convention; a provider
 *   that gives `+` another meaning only makes two mailboxes share one limit, never one get two);
 * - at gmail.com and googlemail.com (one service), dots in the local part are ignored.
 *
 * Written here rather than taken from a library: `validator`'s normalizeEmail drops tags only at the
 * providers it knows, and `normalize-email` is unmaintained; the rule is three lines and tested.
 */
const GMAIL = new Set(['gmail.com', 'googlemail.com']);

function split(address: string): { local: string; domain: string } {
  const text = address.trim().toLowerCase();
  const at = text.lastIndexOf('@');
  if (at < 0) return { local: text, domain: '' };
  const domain = text.slice(at + 1).replace(/\.$/, '');
  return { local: text.slice(0, at), domain: GMAIL.has(domain) ? 'gmail.com' : domain };
}

export function normaliseMailbox(address: string): string {
  const { local, domain } = split(address);
  const plus = local.indexOf('+');
  // A local part that is only a tag ("+x@") is kept whole: there is nothing else to name the mailbox by.
  let box = plus > 0 ? local.slice(0, plus) : local;
  if (domain === 'gmail.com') box = box.replace(/\./g, '');
  return domain ? `${box}@${domain}` : box;
}

/** The domain a mailbox is at (googlemail.com counted as gmail.com), for the per-domain mail limit. */
export function mailboxDomain(address: string): string {
  const text = address.trim().toLowerCase();
  return text.includes('@') ? split(text).domain : '';
}
