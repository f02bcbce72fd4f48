import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { confirmMarketingEmail, reportLinkEmail, type Email, type EmailContext } from '../../src/gate/mail/messages.ts';
import { emailHandler, emailOrigin } from '../../src/gate/mail/outbox-email.ts';
import { confirmFormAt, createLinkIssuer } from '../../src/gate/link-issuer.ts';
import { openSqliteStore } from '../../src/gate/store/sqlite.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';

const context: EmailContext = {
  to: 'ada@example.com',
  firstName: 'Ada',
  siteName: 'ML Trends',
  sender: 'The ML Trends editorial team',
  reportTitle: 'Trends in ML',
  pageUrl: 'https://reports.example.com/ml-trends/report/',
  requestedAt: new Date('2026-02-01T10:00:00Z'),
};
const link = { downloadUrl: 'https://reports.example.com/dl/x/', expiresAt: new Date('2026-02-08T10:00:00Z') };

describe('the emails', () => {
  it('greets by a name that reads as one, and writes no stranger-typed link, address or markup into an email', () => {
    for (const name of ['Ada', 'Jean-Luc', "O'Brien", 'J. R.', 'José María', 'Zoë']) {
      const email = reportLinkEmail({ ...context, ...link, firstName: name });
      expect(email.text.startsWith(`Hello ${name},\n`)).toBe(true);
    }
    // Anyone can type someone else's address in the form: what they type as a name must not make our
    // email carry their link or their markup.
    for (const name of [
      'evil.example',
      'Win at www.evil.example',
      'http://evil.example',
      'me@evil.example',
      '<b>x</b>',
    ]) {
      const email = reportLinkEmail({ ...context, ...link, firstName: name });
      expect(email.text.startsWith('Hello,\n')).toBe(true);
      expect(email.html).toContain('<p>Hello,</p>');
      expect(`${email.text}${email.html}`).not.toContain('evil');
      expect(email.html).not.toContain('<b>');
    }
  });

  it('says when the link stops working, and who sent the email and why, in both parts', () => {
    const email = reportLinkEmail({ ...context, ...link });
    for (const part of [email.text, email.html]) {
      expect(part).toContain('The link works until February 8, 2026.');
      expect(part).toContain('It was sent by the ML Trends editorial team (ML Trends).');
      expect(part).toContain('on February 1, 2026');
    }
  });

  it('names a sender called "The …" with a small "the" mid-sentence, and a person as written', () => {
    expect(reportLinkEmail({ ...context, ...link }).text).not.toContain('sent by The ');
    const person = reportLinkEmail({ ...context, ...link, sender: 'Theo Martin' });
    expect(person.text).toContain('It was sent by Theo Martin (ML Trends).');
    const team = reportLinkEmail({ ...context, ...link, sender: 'Thecla Data' });
    expect(team.text).toContain('It was sent by Thecla Data (ML Trends).');
  });

  it('carries the one-click unsubscribe headers only for a reader on the list', () => {
    expect(reportLinkEmail({ ...context, ...link }).headers).toEqual({});
    const unsubscribeUrl = 'https://reports.example.com/ml-trends/report/unsubscribe/t/';
    const email = confirmMarketingEmail({
      ...context,
      unsubscribeUrl,
      confirmUrl: 'https://c/',
      expiresAt: link.expiresAt,
    });
    expect(email.headers).toEqual({
      'List-Unsubscribe': `<${unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
    expect(email.html).toContain(`<a href="${unsubscribeUrl}">Unsubscribe</a>`);
  });
});

describe('the origin of emailed links', () => {
  it('is SITE_URL when set, else the address the server listens on, localhost for a wildcard', () => {
    expect(emailOrigin({ SITE_URL: 'https://reports.example.com/', HOST: '0.0.0.0', PORT: 4321 })).toBe(
      'https://reports.example.com',
    );
    expect(emailOrigin({ HOST: '127.0.0.1', PORT: 8080 })).toBe('http://127.0.0.1:8080');
    expect(emailOrigin({ HOST: '0.0.0.0', PORT: 8080 })).toBe('http://localhost:8080');
    expect(emailOrigin({ HOST: '::1', PORT: 8080 })).toBe('http://[::1]:8080');
  });
});

describe('the greeting of an email the outbox writes', () => {
  let dir: string;
  let store: LeadStore;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'mail-greeting-'));
    store = await openSqliteStore(join(dir, 'leads.sqlite'));
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** The emails the real handler writes for a lead, from the real store and link issuer, as sent. */
  const links = () => createLinkIssuer(store, 'x'.repeat(32), 7 * 24 * 60 * 60 * 1000);
  async function emailsFor(publicId: string, template: 'report-link' | 'confirm-marketing', requestedAt = new Date()) {
    const sent: Email[] = [];
    const handler = emailHandler({
      store,
      links: links(),
      config: { SITE_URL: 'https://reports.example.com', HOST: 'localhost', PORT: 4321 },
      root: process.cwd(),
      send: (email) => {
        sent.push(email);
        return Promise.resolve();
      },
    });
    const payload = { template, lead: publicId, requestedAt: requestedAt.toISOString() };
    await handler({ id: 1, topic: 'email', payload, idempotencyKey: 'k' } as never);
    return sent;
  }

  const form = {
    series: 'ml-trends-2021',
    email: 'ada@example.com',
    firstName: 'Ada',
    lastName: 'Lovelace',
    company: 'AE',
    jobRole: 'CTO',
    consentVersion: 'v1',
    consentAt: new Date(),
    marketingOptIn: true,
    userAgent: null,
    ipHash: null,
  };

  it('greets by name only once the mailbox confirmed it, never with what a form alone said', async () => {
    // A stranger sends the form first with this address, and a name of 40 harmless-looking characters.
    const { lead } = await store.upsertLead({ ...form, firstName: 'Visit our partner Megadeals today Ada' });
    const [report] = await emailsFor(lead.publicId, 'report-link');
    expect(report!.text.startsWith('Hello,\n')).toBe(true);
    expect(report!.html).toContain('<p>Hello,</p>');
    expect(`${report!.text}${report!.html}`).not.toContain('Megadeals');
    const [confirm] = await emailsFor(lead.publicId, 'confirm-marketing');
    expect(confirm!.text.startsWith('Hello,\n')).toBe(true);

    // The owner of the mailbox sends the form, ticked, follows the emailed confirmation link (which names
    // that form) and says the details it shows are theirs.
    const formAt = new Date(form.consentAt.getTime() + 1000);
    await store.upsertLead({ ...form, consentAt: formAt });
    const [own] = await emailsFor(lead.publicId, 'confirm-marketing', formAt);
    const token = /\/report\/confirm\/([^/\s]+)\//.exec(own!.text)![1]!;
    const verdict = links().verify(token, 'confirm');
    expect(verdict.ok && confirmFormAt(verdict.nonce, verdict.claims.expiresAt)).toEqual(formAt);
    expect(`${own!.text}${own!.html}`).not.toContain('Megadeals');
    await store.changeMarketing(lead.publicId, 'confirmed', new Date(), undefined, { formAt, adopt: true });
    const [after] = await emailsFor(lead.publicId, 'report-link');
    expect(after!.text.startsWith('Hello Ada,\n')).toBe(true);
  });

  it("signs a series' email with the series' own brand, else the site's name", async () => {
    const { lead: ml } = await store.upsertLead(form);
    const [mlEmail] = await emailsFor(ml.publicId, 'report-link');
    expect(mlEmail!.text).toMatch(/It was sent by .+ \(ML Trends\)\./);
    const { lead: demo } = await store.upsertLead({ ...form, series: 'platform-engineering-2024' });
    const [demoEmail] = await emailsFor(demo.publicId, 'report-link');
    expect(demoEmail!.text).toMatch(/It was sent by .+ \(Platform Survey\)\./);
    expect(demoEmail!.text).not.toContain('ML Trends');
  });

  it('sends an unsubscribed reader a confirmation only for a form sent after the unsubscribe', async () => {
    const { lead } = await store.upsertLead(form);
    const before = new Date();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.changeMarketing(lead.publicId, 'unsubscribed', new Date());
    // Asked for before the unsubscribe (a late outbox row): nothing is sent.
    expect(await emailsFor(lead.publicId, 'confirm-marketing', before)).toEqual([]);
    // Asked for again after it, with the box ticked: the link to come back is sent; the status waits for it.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await store.upsertLead(form);
    const [again] = await emailsFor(lead.publicId, 'confirm-marketing');
    expect(again!.subject).toMatch(/^Confirm:/);
    expect((await store.findLead(lead.publicId))?.marketingStatus).toBe('unsubscribed');
  });
});
