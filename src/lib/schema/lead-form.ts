import { z } from 'astro/zod';

/**
 * The report request form. Messages are written for the reader and shown next to each field.
 * Checks that need the series (its job roles and consent version) are added by the action.
 */

/** Personal mailbox providers: the form asks for a work address. */
export const PERSONAL_EMAIL_DOMAINS = new Set([
  'gmail.com',
  'googlemail.com',
  'yahoo.com',
  'yahoo.co.uk',
  'hotmail.com',
  'outlook.com',
  'live.com',
  'msn.com',
  'aol.com',
  'icloud.com',
  'me.com',
  'mac.com',
  'proton.me',
  'protonmail.com',
  'gmx.com',
  'gmx.de',
  'gmx.net',
  'mail.com',
  'yandex.com',
  'yandex.ru',
  'zoho.com',
  'qq.com',
  '163.com',
  'web.de',
]);

export const FIELD_LIMITS = { name: 80, company: 120, email: 254, role: 80 } as const;

const text = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, missing)
    .max(max, `Keep this under ${max + 1} characters.`)
    // eslint-disable-next-line no-control-regex
    .regex(/^[^\u0000-\u001f\u007f]*$/, 'Use letters, digits and punctuation only, on one line.');

export const LeadFormSchema = z.object({
  /** The series whose report is requested (a hidden field). */
  series: z.string({ error: 'The form is missing its series.' }).regex(/^[a-z0-9-]{1,80}$/, 'Unknown series.'),
  firstName: text('Enter your first name.', FIELD_LIMITS.name),
  lastName: text('Enter your last name.', FIELD_LIMITS.name),
  email: z
    .string({ error: 'Enter your work email address.' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter your work email address.')
    .max(FIELD_LIMITS.email, `Keep this under ${FIELD_LIMITS.email + 1} characters.`)
    .pipe(z.email({ error: 'Enter a valid email address, like name@company.com.' }))
    .refine(
      (email) => !PERSONAL_EMAIL_DOMAINS.has(email.split('@')[1] ?? ''),
      'Use your work email address rather than a personal one.',
    ),
  company: text('Enter your company.', FIELD_LIMITS.company),
  jobRole: text('Choose your role.', FIELD_LIMITS.role),
  /** The required consent checkbox. */
  consent: z.boolean().refine((given) => given, 'Tick the box to agree, so that we can send you the report.'),
  /** Version of the consent text shown with the form (a hidden field). */
  consentVersion: z.string({ error: 'The form is missing its consent version.' }).min(1).max(40),
  /** The optional marketing opt-in. */
  marketingOptIn: z.boolean().default(false),
  /** Honeypot: hidden from people, filled in by bots. A form sends it empty, which arrives as null. */
  website: z
    .string()
    .max(500)
    .nullish()
    .transform((value) => value ?? ''),
});

export type LeadForm = z.output<typeof LeadFormSchema>;
export type LeadFormField = keyof LeadForm;
