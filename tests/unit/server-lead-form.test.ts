import { describe, expect, it } from 'vitest';
import { FIELD_LIMITS, LeadFormSchema } from '../../src/lib/schema/lead-form.ts';

const valid = {
  series: 'ml-trends',
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@analytical-engines.com',
  company: 'Analytical Engines Ltd',
  jobRole: 'Data scientist',
  consent: true,
  consentVersion: '2026-01-15',
};

/** The messages shown next to each field, for a form with these values. */
async function messages(input: Record<string, unknown>): Promise<Record<string, string[]>> {
  const result = await LeadFormSchema.safeParseAsync(input);
  if (result.success) return {};
  const byField: Record<string, string[]> = {};
  for (const issue of result.error.issues) (byField[issue.path.join('.')] ??= []).push(issue.message);
  return byField;
}

describe('LeadFormSchema accepts a complete form', () => {
  it('passes a valid form, with the optional fields at their defaults', async () => {
    const result = await LeadFormSchema.safeParseAsync(valid);
    expect(result.success).toBe(true);
    expect(result.data).toEqual({
      ...valid,
      marketingOptIn: false,
      website: '',
      profile: 'with-marketing',
      variant: '',
      // No `js=1`: sent without the beacon script's start, which the server then counts with the form.
      js: false,
    });
  });

  it("reads `js=1` (the beacon script counted the form start) and nothing else as the script's mark", async () => {
    expect((await LeadFormSchema.safeParseAsync({ ...valid, js: '1' })).data?.js).toBe(true);
    for (const js of ['0', 'true', '', null])
      expect((await LeadFormSchema.safeParseAsync({ ...valid, js })).data?.js).toBe(false);
  });

  it('treats an empty honeypot, which a form sends as null, as not filled in', async () => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, website: null });
    expect(result.data?.website).toBe('');
  });

  it('keeps the marketing opt-in when the reader ticks it', async () => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, marketingOptIn: true });
    expect(result.data?.marketingOptIn).toBe(true);
  });

  it('trims the email and writes it in lower case, so a repeat request finds the same lead', async () => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, email: '  Ada.Lovelace@Analytical-Engines.COM \n' });
    expect(result.data?.email).toBe('ada.lovelace@analytical-engines.com');
  });

  it('trims spaces around names, company and role', async () => {
    const result = await LeadFormSchema.safeParseAsync({
      ...valid,
      firstName: '  Ada ',
      lastName: '\tLovelace ',
      company: ' Analytical Engines Ltd ',
      jobRole: ' Data scientist',
    });
    expect(result.data).toMatchObject({
      firstName: 'Ada',
      lastName: 'Lovelace',
      company: 'Analytical Engines Ltd',
      jobRole: 'Data scientist',
    });
  });

  it('accepts names with accents and apostrophes', async () => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, firstName: 'Zoë', lastName: "O'Brien-Núñez" });
    expect(result.success).toBe(true);
  });

  it('accepts a name of exactly the limit, measured after trimming', async () => {
    const name = 'a'.repeat(FIELD_LIMITS.name);
    expect(await messages({ ...valid, firstName: name })).toEqual({});
    expect(await messages({ ...valid, firstName: `  ${name}  ` })).toEqual({});
  });
});

describe('LeadFormSchema tells the reader what to fix, next to the right field', () => {
  it('asks a new reader for email, role and consent only', async () => {
    expect(await messages({})).toEqual({
      series: ['The form is missing its series.'],
      email: ['Enter your work email address.'],
      jobRole: ['Choose your role.'],
      consent: ['Tick the box to agree, so that we can send you the report.'],
      consentVersion: ['The form is missing its consent version.'],
    });
  });

  it("accepts a new reader's form without name and company, and keeps them empty", async () => {
    const short: Record<string, unknown> = { ...valid };
    for (const field of ['firstName', 'lastName', 'company']) delete short[field];
    const result = await LeadFormSchema.safeParseAsync(short);
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ firstName: '', lastName: '', company: '', profile: 'with-marketing' });
  });

  it.each([
    ['a second download', { profile: 'ask' }],
    ['the marketing opt-in', { marketingOptIn: 'on' }],
  ])("asks for name and company with %s, alongside the other fields' problems", async (_case, extra) => {
    expect(await messages({ ...valid, firstName: '', lastName: ' ', company: '', email: 'x', ...extra })).toEqual({
      email: ['Enter a valid email address, like name@company.com.'],
      firstName: ['Enter your first name.'],
      lastName: ['Enter your last name.'],
      company: ['Enter your company.'],
    });
  });

  it('never asks a known reader for them, even with the marketing opt-in', async () => {
    expect(await messages({ ...valid, firstName: '', company: '', profile: 'never', marketingOptIn: 'on' })).toEqual(
      {},
    );
  });

  it('refuses a profile setting it does not know', async () => {
    expect(Object.keys(await messages({ ...valid, profile: 'skip' }))).toEqual(['profile']);
  });

  it.each([
    ['firstName', 'Enter your first name.'],
    ['lastName', 'Enter your last name.'],
    ['email', 'Enter your work email address.'],
    ['company', 'Enter your company.'],
    ['jobRole', 'Choose your role.'],
  ])('asks for %s when it is empty or only spaces and the form asked for it', async (field, message) => {
    expect(await messages({ ...valid, profile: 'ask', [field]: '' })).toEqual({ [field]: [message] });
    expect(await messages({ ...valid, profile: 'ask', [field]: '   ' })).toEqual({ [field]: [message] });
  });

  it.each([
    ['firstName', FIELD_LIMITS.name],
    ['lastName', FIELD_LIMITS.name],
    ['company', FIELD_LIMITS.company],
    ['jobRole', FIELD_LIMITS.role],
  ])('refuses %s one character over its limit', async (field, limit) => {
    expect(await messages({ ...valid, [field]: 'x'.repeat(limit + 1) })).toEqual({
      [field]: [`Keep this under ${limit + 1} characters.`],
    });
  });

  it('says "under 81 characters" for an 81-character first name', async () => {
    expect(await messages({ ...valid, firstName: 'x'.repeat(81) })).toEqual({
      firstName: ['Keep this under 81 characters.'],
    });
  });

  it('refuses an email over 254 characters', async () => {
    const email = `${'a'.repeat(64)}@${'b'.repeat(185)}.com`;
    expect(email).toHaveLength(254);
    expect((await messages({ ...valid, email: `a${email}` })).email).toContain('Keep this under 255 characters.');
  });

  it.each(['ada', 'ada@', '@example.com', 'ada@example', 'ada lovelace@example.com', 'ada@@example.com'])(
    'refuses the malformed email %j',
    async (email) => {
      expect(await messages({ ...valid, email })).toEqual({
        email: ['Enter a valid email address, like name@company.com.'],
      });
    },
  );

  it.each(['ada@gmail.com', 'Ada@GMAIL.com', ' ada@hotmail.com ', 'ada@proton.me', 'ada@yahoo.co.uk'])(
    'asks for a work address instead of the personal %j',
    async (email) => {
      expect(await messages({ ...valid, email })).toEqual({
        email: ['Use your work email address rather than a personal one.'],
      });
    },
  );

  it('accepts a company address at a domain that only contains a personal one', async () => {
    expect(await messages({ ...valid, email: 'ada@notgmail.com' })).toEqual({});
  });

  it('asks the reader to tick the consent box', async () => {
    expect(await messages({ ...valid, consent: false })).toEqual({
      consent: ['Tick the box to agree, so that we can send you the report.'],
    });
  });

  it('refuses a series that is not a series id', async () => {
    expect(await messages({ ...valid, series: '../admin' })).toEqual({ series: ['Unknown series.'] });
    expect(await messages({ ...valid, series: 'ML-Trends' })).toEqual({ series: ['Unknown series.'] });
  });

  it('reports each wrong field at once, and nothing for the right ones', async () => {
    const found = await messages({ ...valid, profile: 'ask', firstName: '', email: 'ada@gmail.com', consent: false });
    expect(Object.keys(found).sort()).toEqual(['consent', 'email', 'firstName']);
  });

  it('keeps a filled-in honeypot so that the action can turn the bot away', async () => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, website: 'https://spam.example' });
    expect(result.data?.website).toBe('https://spam.example');
  });
});

describe('LeadFormSchema takes checkbox values only as a browser sends them', () => {
  it.each(['on', true])('counts the consent box as ticked for %j', async (consent) => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, consent });
    expect(result.data?.consent).toBe(true);
  });

  it.each(['off', '', null, undefined, 'false', 'yes', '0', 'ON '])(
    'refuses the consent %j as not given',
    async (consent) => {
      expect(await messages({ ...valid, consent })).toEqual({
        consent: ['Tick the box to agree, so that we can send you the report.'],
      });
    },
  );

  it('records the marketing opt-in for "on"', async () => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, marketingOptIn: 'on' });
    expect(result.data?.marketingOptIn).toBe(true);
  });

  it.each(['off', '', null, 'false', 'yes', '1'])('records no marketing opt-in for %j', async (marketingOptIn) => {
    const result = await LeadFormSchema.safeParseAsync({ ...valid, marketingOptIn });
    expect(result.success).toBe(true);
    expect(result.data?.marketingOptIn).toBe(false);
  });
});

describe('LeadFormSchema keeps names to one line of readable text', () => {
  it.each([
    ['a line separator (U+2028)', 'Ada\u2028Lovelace'],
    ['a paragraph separator (U+2029)', 'Ada\u2029Lovelace'],
    ['a next-line control (U+0085)', 'Ada\u0085Lovelace'],
    ['a right-to-left override (U+202E)', '\u202eecalevoL'],
    ['a zero-width space (U+200B)', 'Ada\u200bLovelace'],
    ['a byte-order mark (U+FEFF)', 'A\ufeffda'],
    ['a private-use character (U+E000)', 'A\ue000da'],
  ])('refuses a first name with %s', async (_, firstName) => {
    expect(await messages({ ...valid, firstName })).toEqual({
      firstName: ['Use letters, digits and punctuation only, on one line.'],
    });
  });

  it.each(['lastName', 'company', 'jobRole'])('refuses a line separator in %s', async (field) => {
    expect((await messages({ ...valid, [field]: 'A\u2028B' }))[field]).toEqual([
      'Use letters, digits and punctuation only, on one line.',
    ]);
  });

  it.each([
    ['zero-width characters', '\u200b\u200c\u200d'],
    ['punctuation', '...'],
    ['digits', '12345'],
  ])('refuses a name made only of %s', async (_, lastName) => {
    expect((await messages({ ...valid, lastName })).lastName?.length).toBe(1);
  });

  it.each(['李小龍', 'Ærøskøbing', 'Łukasz', 'José María', 'Nguyễn', "d'Artagnan", 'Ó Súilleabháin', 'أحمد'])(
    'accepts the name %j',
    async (firstName) => {
      expect(await messages({ ...valid, firstName })).toEqual({});
    },
  );

  it('accepts a company made of digits and letters, like 3M', async () => {
    expect(await messages({ ...valid, company: '3M' })).toEqual({});
  });
});

describe('LeadFormSchema knows the personal mailbox providers from a maintained list', () => {
  it.each([
    'ada@hotmail.co.uk',
    'ada@pm.me',
    'ada@mail.gmail.com',
    'ada@eu.mail.yahoo.com',
    'ada@gmx.at',
    'ada@ymail.com',
    // Not on the package's list: on the project's own short list beside it.
    'ada@tutanota.com',
    'ada@tuta.io',
    'ada@fastmail.com',
    'ada@duck.com',
    'ada@posteo.de',
  ])('asks for a work address instead of %j', async (email) => {
    expect(await messages({ ...valid, email })).toEqual({
      email: ['Use your work email address rather than a personal one.'],
    });
  });

  it.each(['ada@acme.com.ar', 'ada@analytical-engines.co.uk', 'ada@mail.analytical-engines.com', 'ada@uni.ac.uk'])(
    'accepts the company address %j, whose public suffix is shared with personal providers',
    async (email) => {
      expect(await messages({ ...valid, email })).toEqual({});
    },
  );
});
