import type { Lead, MarketingStatus, StoredRow } from './types.ts';

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
  };
}
