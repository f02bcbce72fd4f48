import { describe, expect, it } from 'vitest';
import { mailboxDomain, normaliseMailbox } from '../../src/lib/mailbox.ts';

describe('the mailbox an address reaches', () => {
  it('is the same for every +tag, at any domain, and for any case', () => {
    for (const address of ['victim@company.example', 'victim+1@company.example', 'Victim+news+x@Company.Example']) {
      expect(normaliseMailbox(address)).toBe('victim@company.example');
    }
  });

  it('ignores the dots of a Gmail address, and takes googlemail.com for gmail.com', () => {
    for (const address of [
      'v.ictim@gmail.com',
      'V.I.C.T.I.M+a@gmail.com',
      'victim@googlemail.com',
      'vict.im+b@GoogleMail.com',
    ]) {
      expect(normaliseMailbox(address)).toBe('victim@gmail.com');
    }
  });

  it('keeps the dots of other domains, where they name other mailboxes', () => {
    expect(normaliseMailbox('a.b@company.example')).toBe('a.b@company.example');
    expect(normaliseMailbox('a.b@company.example')).not.toBe(normaliseMailbox('ab@company.example'));
  });

  it('keeps an address whose local part is only a tag as it is, trimmed and in lower case', () => {
    expect(normaliseMailbox(' +tag@company.example ')).toBe('+tag@company.example');
  });

  it('gives the domain the mailbox is at, as the per-domain limit counts it', () => {
    expect(mailboxDomain('Victim+1@Company.Example')).toBe('company.example');
    expect(mailboxDomain('v.ictim@googlemail.com')).toBe('gmail.com');
    expect(mailboxDomain('company.example.')).toBe('');
  });
});
