import { createTransport } from 'nodemailer';
import { readSeries, readSite } from '../../lib/content/files.ts';
import { ownOrigin } from '../../lib/site-url.ts';
import type { Config } from '../config.ts';
import type { LinkIssuer } from '../link-issuer.ts';
import type { OutboxHandler } from '../outbox/worker.ts';
import type { LeadStore } from '../store/index.ts';
import { confirmHref, UNSUBSCRIBE_TTL_MS, unsubscribeHref } from '../marketing.ts';
import { confirmMarketingEmail, reportLinkEmail, type Email, type EmailContext } from './messages.ts';

/** Sends one email; the id makes every retry of one outbox row the same message (the same Message-ID). */
export type SendEmail = (email: Email, id: string) => Promise<void>;

/** nodemailer's timeouts, in milliseconds; `socketTimeout` is per wait for the server, not for the whole exchange. */
export const SMTP_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 } as const;

/** Whether a host name is this machine's loopback: localhost, 127.0.0.0/8 or ::1. */
function loopback(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, '');
  return host === 'localhost' || host.endsWith('.localhost') || /^127(\.\d{1,3}){3}$/.test(host) || host === '::1';
}

/**
 * Whether the connection must be upgraded with STARTTLS before anything is sent: smtp:// to any host but
 * loopback (a local relay). A server that offers no STARTTLS then gets nothing (the attempt fails and is
 * retried), never the reader's address and link in plaintext. smtps:// is TLS from the start.
 */
export function requiresStartTls(url: string | undefined): boolean {
  if (!url) return false;
  const parsed = new URL(url);
  return parsed.protocol === 'smtp:' && !loopback(parsed.hostname);
}

/**
 * Sends through SMTP_URL with nodemailer, from MAIL_FROM. Timeouts stay well inside the outbox lease, so
 * that a hung mail server fails the attempt rather than letting a second worker send the same email.
 */
export function smtpSender(config: Pick<Config, 'SMTP_URL' | 'MAIL_FROM'>): SendEmail {
  const transport = createTransport(
    { url: config.SMTP_URL, ...SMTP_TIMEOUTS, ...(requiresStartTls(config.SMTP_URL) && { requireTLS: true }) },
    { from: config.MAIL_FROM },
  );
  const domain = /@([^>\s]+)>?\s*$/.exec(config.MAIL_FROM ?? '')?.[1] ?? 'localhost';
  return async (email, id) => {
    await transport.sendMail({ ...email, messageId: `<${id}@${domain}>` });
  };
}

/**
 * The origin every emailed link starts with: SITE_URL, else the server's own address (HOST and PORT,
 * `localhost` for a wildcard HOST). Never the Host header of the form's request: a client could name any
 * site there, and our own emails would then carry its links (required in production: config.ts).
 */
export function emailOrigin(config: Pick<Config, 'SITE_URL' | 'HOST' | 'PORT'>): string {
  return config.SITE_URL ? new URL(config.SITE_URL).origin : ownOrigin(config.HOST, config.PORT);
}

export interface EmailHandlerOptions {
  store: LeadStore;
  links: LinkIssuer;
  config: Pick<Config, 'SITE_URL' | 'HOST' | 'PORT'>;
  /** The project root, where the series' and the site's texts are read. */
  root: string;
  send: SendEmail;
}

/** The outbox handler of the `email` topic: writes the email the row asks for, with fresh links, and sends it. */
export function emailHandler({ store, links, config, root, send }: EmailHandlerOptions): OutboxHandler {
  const siteName = readSite(root).name;
  return async (item) => {
    const { template, lead: publicId, requestedAt } = item.payload as Record<string, string>;
    const lead = await store.findLead(String(publicId));
    // Erased since it was asked for: there is nobody to write to.
    if (!lead) return;
    const series = readSeries(root, lead.series);
    const origin = emailOrigin(config);
    const now = new Date();
    // Marketing is pending or on: every email then carries the one-click unsubscribe.
    const onList = lead.marketingStatus === 'pending' || lead.marketingStatus === 'confirmed';
    const unsubscribe = onList
      ? links.issue('unsubscribe', lead.publicId, lead.series, now, UNSUBSCRIBE_TTL_MS)
      : undefined;
    const context: EmailContext = {
      to: lead.email,
      // Greeted by name only when the mailbox confirmed it: a form alone may come from anyone who typed
      // this address, and our email would carry their text ("Hello," instead).
      firstName: lead.identityConfirmed ? lead.firstName : '',
      // The name the series' pages wear: its own brand where it has one.
      siteName: series.brand ?? siteName,
      sender: series.author,
      reportTitle: series.report.title,
      pageUrl: `${origin}/${lead.series}/report/`,
      requestedAt: new Date(String(requestedAt)),
      unsubscribeUrl: unsubscribe && `${origin}${unsubscribeHref(lead.series, unsubscribe.token)}`,
    };
    if (template === 'report-link') {
      const link = await links.downloadLink(lead, now);
      const email = reportLinkEmail({ ...context, downloadUrl: `${origin}${link.url}`, expiresAt: link.expiresAt });
      return send(email, item.idempotencyKey);
    }
    if (template === 'confirm-marketing') {
      // Confirmed since it was asked for, or unsubscribed after the form that asked: nothing to confirm.
      // An unsubscribed reader whose later form ticked the box gets it: their one way back on the list.
      if (lead.marketingStatus === 'unsubscribed') {
        const asked = new Date(String(requestedAt));
        const history = await store.consentHistory(lead.id);
        if (history.some((event) => event.event === 'marketing-unsubscribed' && event.at >= asked)) return;
      } else if (lead.marketingStatus !== 'pending') return;
      // Bound to the form that asked (its outbox row's `requestedAt` is that form's `consentAt`): the link's
      // page shows that form's details, and only those can be adopted.
      const confirm = links.confirm(lead, new Date(String(requestedAt)), now);
      const confirmUrl = `${origin}${confirmHref(lead.series, confirm.token)}`;
      return send(confirmMarketingEmail({ ...context, confirmUrl, expiresAt: confirm.expiresAt }), item.idempotencyKey);
    }
    throw new Error(`unknown email template "${String(template)}"`);
  };
}
