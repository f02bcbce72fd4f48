import { z } from 'astro/zod';
import { isPersonalEmailDomain } from '../personal-email.ts';
import { PROFILE_ASKS, profileRequired, type ProfileAsk } from '../lead-form-fields.ts';

/**
 * The report request form. Messages are written for the reader and shown next to each field.
 * Checks that need the series (its job roles and consent version) are added by the action.
 */

export const FIELD_LIMITS = { name: 80, company: 120, email: 254, role: 80 } as const;

const ONE_LINE = 'Use letters, digits and punctuation only, on one line.';

/**
 * One line of readable text: no control, format (zero-width, bidi override), private-use or unassigned
 * characters (Unicode category C), and no line or paragraph separators (Zl, Zp).
 */
const text = (missing: string, max: number) =>
  z
    .string({ error: missing })
    .trim()
    .min(1, { message: missing, abort: true })
    .max(max, `Keep this under ${max + 1} characters.`)
    .regex(/^[^\p{C}\p{Zl}\p{Zp}]*$/u, { message: ONE_LINE, abort: true });

/** Put by `LeadFormSchema` in place of a profile answer the form asked for and did not get. */
const MISSING = Symbol('missing profile answer');

/**
 * A profile answer (name, company): asked only on a second download or with the marketing opt-in (see
 * `ProfileAsk`), so absent or empty is ''; `missing` is said when the form asked for it.
 */
const answer = (max: number, missing: string) =>
  z
    .unknown()
    .optional()
    .transform((value, ctx) => {
      if (value !== MISSING) return value;
      ctx.addIssue({ code: 'custom', message: missing });
      return z.NEVER;
    })
    .pipe(
      z
        .string()
        .nullish()
        .transform((value) => (value ?? '').trim())
        .pipe(
          z
            .string()
            .max(max, `Keep this under ${max + 1} characters.`)
            .regex(/^[^\p{C}\p{Zl}\p{Zp}]*$/u, { message: ONE_LINE, abort: true }),
        ),
    );

/** A person's name: readable text with at least one letter, in any script (or nothing, when not asked). */
const name = (missing: string) =>
  answer(FIELD_LIMITS.name, missing).refine(
    (value) => value === '' || /\p{L}/u.test(value),
    'Write your name with letters.',
  );

/** What a reader is told when a profile answer the form asked for is missing. */
export const PROFILE_MISSING = {
  firstName: 'Enter your first name.',
  lastName: 'Enter your last name.',
  company: 'Enter your company.',
} as const;

/**
 * A checkbox as browsers send it: ticked is the value "on" (or the box's declared `value`), unticked is
 * no field at all. Anything else ("off", "false", an empty value) is not a tick.
 */
const checkbox = (declared = 'on') =>
  z
    .union([z.boolean(), z.string(), z.null()])
    .optional()
    .transform((value) => isTicked(value, declared));

/** Whether a checkbox's submitted value is a tick (see `checkbox`): also for showing the form again. */
export const isTicked = (value: unknown, declared = 'on') => value === true || value === 'on' || value === declared;

const LeadFormFields = z.object({
  /** The series whose report is requested (a hidden field). */
  series: z.string({ error: 'The form is missing its series.' }).regex(/^[a-z0-9-]{1,80}$/, 'Unknown series.'),
  firstName: name(PROFILE_MISSING.firstName),
  lastName: name(PROFILE_MISSING.lastName),
  email: z
    .string({ error: 'Enter your work email address.' })
    .trim()
    .toLowerCase()
    .min(1, 'Enter your work email address.')
    .max(FIELD_LIMITS.email, `Keep this under ${FIELD_LIMITS.email + 1} characters.`)
    .pipe(z.email({ error: 'Enter a valid email address, like name@company.com.', abort: true }))
    .refine(
      (email) => !isPersonalEmailDomain(email.split('@')[1] ?? ''),
      'Use your work email address rather than a personal one.',
    ),
  company: answer(FIELD_LIMITS.company, PROFILE_MISSING.company),
  jobRole: text('Choose your role.', FIELD_LIMITS.role),
  /** The required consent checkbox. */
  consent: checkbox().refine((given) => given, 'Tick the box to agree, so that we can send you the report.'),
  /** Version of the consent text shown with the form (a hidden field). */
  consentVersion: z.string({ error: 'The form is missing its consent version.' }).min(1).max(40),
  /** The optional marketing opt-in. */
  marketingOptIn: checkbox(),
  /** Honeypot: hidden from people, filled in by bots. A form sends it empty, which arrives as null. */
  website: z
    .string()
    .max(500)
    .nullish()
    .transform((value) => value ?? ''),
  /**
   * Which profile fields the page showed (a hidden field, see `ProfileAsk`): a page without it is a new
   * reader's. It decides only which answers are required; the server decides from its own records
   * whether an answer may fill in the lead.
   */
  profile: z
    .enum(PROFILE_ASKS, { error: 'The form could not be read.' })
    .nullish()
    .transform((value): ProfileAsk => value ?? 'with-marketing'),
  /**
   * The experiment variant the page showed (a hidden field; see `report.experiment` in series.yaml): the
   * Action keeps it only when the series declares it, else it records none.
   */
  variant: z
    .string()
    .max(40)
    .nullish()
    .transform((value) => (value && /^[a-z0-9][a-z0-9-]*$/.test(value) ? value : '')),
  /**
   * `1` when the beacon script counted the form's start (it adds this hidden field at the first input): a
   * form sent without it (no JavaScript, or no sendBeacon) has its start counted by the server with it.
   */
  js: z
    .unknown()
    .optional()
    .transform((value) => value === '1'),
});

/** The form as sent, every field as it came: what Astro reads a posted form into. */
const SentForm = z.object(
  Object.fromEntries(Object.keys(LeadFormFields.shape).map((key) => [key, z.unknown().optional()])) as Record<
    keyof typeof LeadFormFields.shape,
    z.ZodOptional<z.ZodUnknown>
  >,
);

/**
 * The form, with each profile answer it had to carry (by its `profile` field and the marketing box)
 * marked as missing when empty: each field then says its own problem, alongside all the others.
 */
export const LeadFormSchema = SentForm.transform((sent) => {
  // A field not sent stays absent (not `undefined`), as the fields' own schemas expect.
  const marked = Object.fromEntries(Object.entries(sent).filter(([, value]) => value !== undefined));
  const ask = sent.profile ?? 'with-marketing';
  if (!PROFILE_ASKS.includes(ask as ProfileAsk)) return marked;
  if (!profileRequired(ask as ProfileAsk, isTicked(sent.marketingOptIn))) return marked;
  for (const field of Object.keys(PROFILE_MISSING)) {
    const value = marked[field];
    if (typeof value !== 'string' || value.trim() === '') marked[field] = MISSING;
  }
  return marked;
}).pipe(LeadFormFields);

export type LeadForm = z.output<typeof LeadFormSchema>;
export type LeadFormField = keyof LeadForm;
