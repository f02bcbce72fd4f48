/**
 * The report form's visible fields and how errors on hidden ones are shown: shared by the server
 * page and the browser script, so kept free of the schema library.
 */

/** The fields a reader fills in, with their labels: where errors are shown. */
export const VISIBLE_FIELDS = {
  email: 'Work email',
  jobRole: 'Job role',
  firstName: 'First name',
  lastName: 'Last name',
  company: 'Company',
  consent: 'Consent',
} as const;

/**
 * Which profile fields (name and company) a form shows, decided by the server for each page:
 * - `with-marketing`: a new reader; asked only when they tick the marketing box;
 * - `ask`: a second download from a browser the gate knows, whose lead has no name or company yet;
 * - `never`: a known reader whose lead already has them.
 */
export const PROFILE_ASKS = ['with-marketing', 'ask', 'never'] as const;
export type ProfileAsk = (typeof PROFILE_ASKS)[number];

/** Whether this form must carry a name and a company. */
export const profileRequired = (ask: ProfileAsk, marketingOptIn: boolean) =>
  ask === 'ask' || (ask === 'with-marketing' && marketingOptIn);

/** Whether a lead still lacks a profile answer. */
export const profileMissing = (lead: { firstName: string; lastName: string; company: string }) =>
  lead.firstName === '' || lead.lastName === '' || lead.company === '';

/** An error on a field the reader cannot see (hidden fields) can only be fixed by reloading. */
export const HIDDEN_FIELD_ERROR = 'The form could not be sent. Reload the page and try again.';

export function hiddenFieldError(fields: Record<string, unknown>): string | undefined {
  return Object.keys(fields).some((name) => !(name in VISIBLE_FIELDS)) ? HIDDEN_FIELD_ERROR : undefined;
}
