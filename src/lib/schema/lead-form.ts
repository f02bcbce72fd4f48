import { z } from 'astro/zod';
import { isPersonalEmailDomain } from '../personal-email.ts';

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

/** A person's name: readable text with at least one letter, in any script. */
const name = (missing: string) => text(missing, FIELD_LIMITS.name).regex(/\p{L}/u, 'Write your name with letters.');

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

export const LeadFormSchema = z.object({
  /** The series whose report is requested (a hidden field). */
  series: z.string({ error: 'The form is missing its series.' }).regex(/^[a-z0-9-]{1,80}$/, 'Unknown series.'),
  firstName: name('Enter your first name.'),
  lastName: name('Enter your last name.'),
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
  company: text('Enter your company.', FIELD_LIMITS.company),
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
});

export type LeadForm = z.output<typeof LeadFormSchema>;
export type LeadFormField = keyof LeadForm;
