import { formatDate } from '../../lib/format.ts';

/**
 * The emails the gate sends, as pure functions of what they say: a plain-text and an HTML part each, the
 * sender and the reason for the email at the foot, and, when the reader is on the marketing list, the
 * one-click unsubscribe of RFC 8058 in the headers and the text.
 */

export interface Email {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

/** Who the email is to and about; links are absolute. */
export interface EmailContext {
  to: string;
  /** A confirmed first name (see `Lead.identityConfirmed`), or '' to greet with "Hello," alone. */
  firstName: string;
  /** The site's name, and who sends the report (the series author). */
  siteName: string;
  sender: string;
  reportTitle: string;
  /** The report page the reader filled in the form on, and when. */
  pageUrl: string;
  requestedAt: Date;
  /** Present when the reader is on (or asked to join) the marketing list. */
  unsubscribeUrl?: string | undefined;
}

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/**
 * A first name as the greeting shows it: letters (any script), spaces, hyphens, apostrophes, and a dot
 * only at the end of a word ("J. R."). Anything else (a domain, a URL, an address, markup) may come from
 * a stranger who typed someone else's address in the form: the greeting is then "Hello," alone, so that
 * our email never carries what they wanted to send.
 */
const NAME = /^(?:\p{L}\p{M}*|['’-]|\.(?=\s|$)|\s)+$/u;
const greeting = (firstName: string) => (firstName.length <= 40 && NAME.test(firstName) ? ` ${firstName}` : '');

/** RFC 8058: a mail client's "unsubscribe" button POSTs `List-Unsubscribe=One-Click` to the https link. */
function listHeaders(unsubscribeUrl: string | undefined): Record<string, string> {
  if (!unsubscribeUrl) return {};
  return { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}

/** A sender's name mid-sentence: "The ML Trends editorial team" as "the ML Trends …"; a person's name as written. */
const inSentence = (name: string) => name.replace(/^The (?=\S)/, 'the ');

/** Why the reader gets this, who sends it, and how to stop marketing emails: the same in both parts. */
function foot(context: EmailContext): { text: string[]; html: string } {
  const why =
    `You get this email because this address asked for "${context.reportTitle}" on ${context.pageUrl} ` +
    `on ${formatDate(context.requestedAt)}. It was sent by ${inSentence(context.sender)} (${context.siteName}).`;
  const unsubscribe = context.unsubscribeUrl
    ? `To stop emails about future editions, unsubscribe: ${context.unsubscribeUrl}`
    : 'You are not on any mailing list: no other email follows unless you ask for it.';
  const link = context.unsubscribeUrl
    ? `<a href="${escape(context.unsubscribeUrl)}">Unsubscribe</a> from emails about future editions.`
    : escape(unsubscribe);
  return {
    text: ['--', why, unsubscribe],
    html: `<hr><p style="color:#555;font-size:13px">${escape(why)}<br>${link}</p>`,
  };
}

/**
 * An email from its parts: the greeting, then `text` (lines) and `html` (paragraphs), then the foot,
 * in both parts; the unsubscribe headers when the reader is on the list.
 */
function compose(context: EmailContext, subject: string, text: string[], html: string[]): Email {
  const { text: footText, html: footHtml } = foot(context);
  return {
    to: context.to,
    subject,
    text: [`Hello${greeting(context.firstName)},`, '', ...text, '', ...footText].join('\n'),
    html: [
      '<!doctype html><html lang="en"><head><meta charset="utf-8">',
      `<title>${escape(subject)}</title></head>`,
      '<body style="font-family:sans-serif;line-height:1.5;max-width:36em">',
      `<p>Hello${escape(greeting(context.firstName))},</p>`,
      ...html,
      footHtml,
      '</body></html>',
    ].join('\n'),
    headers: listHeaders(context.unsubscribeUrl),
  };
}

/** The download link of the report, with when it stops working. */
export function reportLinkEmail(context: EmailContext & { downloadUrl: string; expiresAt: Date }): Email {
  const until = formatDate(context.expiresAt);
  return compose(
    context,
    `Your report: ${context.reportTitle}`,
    [
      `Here is your copy of "${context.reportTitle}" (PDF):`,
      context.downloadUrl,
      '',
      `The link works until ${until}. After that, ask for the report again on ${context.pageUrl}`,
    ],
    [
      `<p>Here is your copy of <strong>${escape(context.reportTitle)}</strong>.</p>`,
      `<p><a href="${escape(context.downloadUrl)}">Download the report (PDF)</a></p>`,
      `<p>The link works until ${escape(until)}. After that, ask for the report again on`,
      `<a href="${escape(context.pageUrl)}">the report page</a>.</p>`,
    ],
  );
}

/**
 * The double opt-in: the reader confirms that they want emails about future editions. It names the form
 * only by when it was sent, never by what it said (anyone can type this address, and the email would
 * carry their words): the link's page shows the details, to the mailbox owner alone, before any button.
 */
export function confirmMarketingEmail(context: EmailContext & { confirmUrl: string; expiresAt: Date }): Email {
  const sent = `${formatDate(context.requestedAt)} at ${context.requestedAt.toISOString().slice(11, 16)} UTC`;
  const after = `The link works until ${formatDate(context.expiresAt)}. If you did not ask, ignore this email: you will not be added.`;
  const check = 'The link shows the name, company and role that form gave: confirm only if you want these emails.';
  return compose(
    context,
    `Confirm: emails about future editions of ${context.reportTitle}`,
    [
      `A form sent with this address on ${sent} asked for occasional emails about future editions of "${context.reportTitle}".`,
      check,
      context.confirmUrl,
      '',
      after,
    ],
    [
      `<p>A form sent with this address on ${escape(sent)} asked for occasional emails about future editions of <strong>${escape(context.reportTitle)}</strong>.</p>`,
      `<p>${escape(check)}</p>`,
      `<p><a href="${escape(context.confirmUrl)}">Check the details and confirm</a></p>`,
      `<p>${escape(after)}</p>`,
    ],
  );
}
