import type { Lead, MarketingStatus, StoredRow, Submission } from './types.ts';

/**
 * A `leads` row as either store gives it back, as a Lead: SQLite keeps dates as ISO text and the opt-in
 * as 0/1, PostgreSQL gives Date objects and booleans.
 */
export function toLead(row: StoredRow): Lead {
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  const nullable = (value: unknown) => (typeof value === 'string' ? value : null);
  const date = (value: unknown) => (value instanceof Date ? value : new Date(text(value)));
  return {
    id: Number(row.id),
    publicId: text(row.public_id),
    series: text(row.series),
    email: text(row.email),
    firstName: text(row.first_name),
    lastName: text(row.last_name),
    company: text(row.company),
    jobRole: text(row.job_role),
    consentVersion: text(row.consent_version),
    consentAt: date(row.consent_at),
    marketingOptIn: row.marketing_opt_in === 1 || row.marketing_opt_in === true,
    userAgent: nullable(row.user_agent),
    ipHash: nullable(row.ip_hash),
    submissions: Number(row.submissions),
    marketingStatus: text(row.marketing_status) as MarketingStatus,
    createdAt: date(row.created_at),
    updatedAt: date(row.updated_at),
    identityConfirmed: row.identity_confirmed_at !== null && row.identity_confirmed_at !== undefined,
  };
}

/**
 * A `submissions` row (or, with `prefix`, its columns as an export query names them) as a Submission,
 * from either store.
 */
export function toSubmission(row: StoredRow, prefix = ''): Submission {
  const text = (value: unknown) => (typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '');
  const nullable = (value: unknown) => (typeof value === 'string' ? value : null);
  const date = (value: unknown) => (value instanceof Date ? value : new Date(text(value)));
  const column = (name: string) => row[`${prefix}${name}`];
  return {
    firstName: text(column('first_name')),
    lastName: text(column('last_name')),
    company: text(column('company')),
    jobRole: text(column('job_role')),
    consentVersion: text(column('consent_version')),
    consentAt: date(column('consent_at')),
    marketingOptIn: column('marketing_opt_in') === 1 || column('marketing_opt_in') === true,
    userAgent: nullable(column('user_agent')),
    ipHash: nullable(column('ip_hash')),
    submittedAt: date(column('submitted_at')),
    variant: text(column('variant')),
  };
}
