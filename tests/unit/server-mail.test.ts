import { describe, expect, it } from 'vitest';
import { confirmMarketingEmail, reportLinkEmail, type EmailContext } from '../../src/server/mail/messages.ts';
import { emailOrigin } from '../../src/server/mail/outbox-email.ts';

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
      expect(part).toContain('It was sent by The ML Trends editorial team (ML Trends).');
      expect(part).toContain('on February 1, 2026');
    }
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
