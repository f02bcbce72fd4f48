/**
 * The report form's visible fields and how errors on hidden ones are shown: shared by the server
 * page and the browser script, so kept free of the schema library.
 */

/** The fields a reader fills in, with their labels: where errors are shown. */
export const VISIBLE_FIELDS = {
  firstName: 'First name',
  lastName: 'Last name',
  email: 'Work email',
  company: 'Company',
  jobRole: 'Job role',
  consent: 'Consent',
} as const;

/** An error on a field the reader cannot see (hidden fields) can only be fixed by reloading. */
export const HIDDEN_FIELD_ERROR = 'The form could not be sent. Reload the page and try again.';

export function hiddenFieldError(fields: Record<string, unknown>): string | undefined {
  return Object.keys(fields).some((name) => !(name in VISIBLE_FIELDS)) ? HIDDEN_FIELD_ERROR : undefined;
}
