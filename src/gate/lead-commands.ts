import { untrustedCsvField } from '../lib/csv.ts';
import type { Config } from './config.ts';
import type { ErasureLog } from './erasure-log.ts';
import type { Erasure, LeadStore } from './store/index.ts';
import { ERASED, OTHER_LEADS } from './store/person.ts';
import { erasureRows } from './webhook/events.ts';
import type { Experiment } from '../lib/schema/series.ts';
import type { AnalyticsStore } from './store/types.ts';
import { experimentOf, readExperimentReaders } from './analytics/summary.ts';

/** What `npm run leads` does with an open store: each command returns what it prints. */

const EXPORT_COLUMNS = [
  'id',
  'series',
  'email',
  'first_name',
  'last_name',
  'company',
  'job_role',
  'marketing_opt_in',
  'consent_version',
  'consent_at',
  'submissions',
  'downloads',
  'created_at',
  'updated_at',
  // Whether marketing emails may be sent (double opt-in): none, pending, confirmed or unsubscribed.
  'marketing_status',
  // Whether name, company, role and consent were proven by the mailbox (a confirmed opt-in); until then
  // they are what the first form said, which anyone could have sent with this address.
  'identity_confirmed',
  // What the latest form said, and when: kept as sent, never written over the lead (see identity_confirmed).
  'latest_submitted_at',
  'latest_first_name',
  'latest_last_name',
  'latest_company',
  'latest_job_role',
  // The experiment variant the latest form's page showed (report.experiment in series.yaml); empty: none.
  'latest_variant',
];

/**
 * Every lead (of one series, when given) as CSV, with how many times the report was downloaded and what
 * its latest form said: one query, whatever the number of leads.
 */
export async function exportCsv(store: LeadStore, series?: string): Promise<string> {
  const lines = [EXPORT_COLUMNS.join(',')];
  for (const { lead, downloads, latest } of await store.exportLeads(series)) {
    const cells = [
      lead.id,
      lead.series,
      lead.email,
      lead.firstName,
      lead.lastName,
      lead.company,
      lead.jobRole,
      lead.marketingOptIn,
      lead.consentVersion,
      lead.consentAt.toISOString(),
      lead.submissions,
      downloads,
      lead.createdAt.toISOString(),
      lead.updatedAt.toISOString(),
      lead.marketingStatus,
      lead.identityConfirmed,
      latest?.submittedAt.toISOString(),
      latest?.firstName,
      latest?.lastName,
      latest?.company,
      latest?.jobRole,
      latest?.variant,
    ];
    lines.push(cells.map(untrustedCsvField).join(','));
  }
  return `${lines.join('\n')}\n`;
}

/** Everything kept about a person, every row as stored, as JSON; and a note when there is nothing. */
/**
 * One line per experiment, of `series` (or of every series when left out), not decided on `today` (UTC, YYYY-MM-DD):
 * until its result is final (the UTC day after the sample is reached; `decidedOn` is then the day it was reached) a
 * count of leads per variant is a peek, not a result. `leads export`
 * prints these on stderr, so that the CSV on stdout stays clean.
 */
export async function undecidedExperimentLines(
  analytics: AnalyticsStore,
  experiments: readonly { series: string; experiment: Experiment }[],
  series: string | undefined,
  today: string,
): Promise<string[]> {
  const exported = experiments.filter((e) => series === undefined || e.series === series);
  const readers = await readExperimentReaders(analytics, exported);
  return exported
    .filter((e) => experimentOf(e.series, e.experiment, [], today, readers).decidedOn === null)
    .map(
      (e) =>
        `Experiment ${e.experiment.id} on series ${e.series} is not decided yet: do not tally these leads by latest_variant (or the webhook's submission.variant) until its result is final, the UTC day after every variant reaches the sample size (\`npm run stats -- --json\` then gives the day it was reached as decidedOn).`,
    );
}

export async function showPerson(store: LeadStore, email: string): Promise<{ json: string; note?: string }> {
  const record = await store.findPerson(email);
  const json = `${JSON.stringify({ email: record.email, tables: record.rows }, null, 2)}\n`;
  return record.leads.length === 0 && Object.values(record.rows).every((rows) => rows.length === 0)
    ? { json, note: `Nothing is kept about ${record.email}.` }
    : { json };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

/** Names of the tables as people say them, in the order they are reported. */
const TABLE_NAMES: Record<string, string> = {
  leads: 'lead',
  consent_events: 'consent event',
  report_links: 'report link',
  downloads: 'download',
  submissions: 'submission',
};

/** A sentence saying what an erasure removed, table by table. */
export function describeErasure(email: string, erased: Erasure): string {
  const total = Object.values(erased).reduce((sum, n) => sum + n, 0);
  if (total === 0) return `Nothing is kept about ${email}: nothing erased.`;
  const known = Object.entries(TABLE_NAMES).map(([table, name]) => plural(erased[table] ?? 0, name));
  const scrubbedRows = Object.entries(erased).filter(([key, n]) => key.startsWith('scrubbed:') && n > 0);
  const other = Object.entries(erased)
    .filter(([table, n]) => !(table in TABLE_NAMES) && table !== OTHER_LEADS && !table.startsWith('scrubbed:') && n > 0)
    .map(([table, n]) => `${plural(n, 'row')} of ${table}`);
  const scrubbedIn = [
    ...(erased[OTHER_LEADS] ? [plural(erased[OTHER_LEADS], 'other lead')] : []),
    ...scrubbedRows.map(([key, n]) => `${plural(n, 'row')} of ${key.slice('scrubbed:'.length)}`),
  ];
  const scrubbed =
    scrubbedIn.length > 0
      ? [`the address scrubbed from ${scrubbedIn.join(' and ')} of other people (replaced by ${ERASED}, the rows kept)`]
      : [];
  return `Erased ${email}: ${[...known, ...other, ...scrubbed].join(', ')}.`;
}

/**
 * Erases a person and says what went; with LEADS_WEBHOOK_URL, the CRM is told (`lead.erased`, by the
 * outbox). With `log`, the erasure is recorded there first (a keyed hash of the address), so that a
 * restore of an older backup erases the person again.
 */
export async function deletePerson(
  store: LeadStore,
  email: string,
  config: Pick<Config, 'LEADS_WEBHOOK_URL'> = {},
  log?: ErasureLog,
): Promise<string> {
  const normalised = email.trim().toLowerCase();
  log?.record(normalised);
  let notices = 0;
  const announce = erasureRows(config);
  const erased = await store.erasePerson(normalised, (leads) => {
    const rows = announce(leads);
    notices = rows.length;
    return rows;
  });
  const said = describeErasure(normalised, erased);
  if (notices > 0) return `${said} The CRM will be told: ${plural(notices, 'lead.erased event')} in the outbox.`;
  if (!erased.leads) return said;
  // The command reads its own environment: run without the server's, it cannot know there is a CRM to tell.
  return `${said} No CRM was told: LEADS_WEBHOOK_URL is not set here. If the server sends leads to a CRM, run this with the server's environment.`;
}

/** An online backup of the store to a new file. */
export async function backupStore(store: LeadStore, file: string): Promise<string> {
  await store.backup(file);
  return `Backed up ${plural((await store.listLeads()).length, 'lead')} to ${file}`;
}

/**
 * Puts a backup in place (`restore`, with the server stopped), then opens the store (`open`, which
 * applies the migrations a backup of an older release lacks) and erases again everyone the erasure log
 * names: people erased after the backup was made come back with it otherwise. When that fails (an
 * erased person still there after the erasure, say), the replaced database is put back (`undo`).
 */
export async function restoreStore(
  restore: () => Promise<{ note: string; undo?: () => Promise<string> }>,
  open: () => Promise<LeadStore>,
  log: ErasureLog,
  file: string,
): Promise<string> {
  const { note, undo } = await restore();
  let store: LeadStore | undefined;
  try {
    store = await open();
    const restored = (await store.listLeads()).length;
    const { erased, otherKey } = await log.replay(store);
    const kept = (await store.listLeads()).length;
    const people = erased === 1 ? '1 person' : `${erased} people`;
    const lines = [
      `Restored ${plural(restored, 'lead')} from ${file}.`,
      `Erased again ${people} erased after the backup was made (from the erasure log, ${log.file}): ${plural(kept, 'lead')} kept.`,
    ];
    if (otherKey > 0) {
      lines.push(
        `${plural(otherKey, 'line')} of the erasure log were written under another REPORT_LINK_SECRET and could not be matched: run the restore again with that secret set, or erase those people by address.`,
      );
    }
    if (note) lines.push(note);
    return lines.join('\n');
  } catch (error) {
    await store?.close().catch(() => {});
    store = undefined;
    if (!undo) throw error;
    const back = await undo().catch(
      (failed: unknown) =>
        `Putting the previous database back failed too (${(failed as Error).message}): ${note || 'restore it by hand.'}`,
    );
    throw new Error(`${(error as Error).message}\nThe backup was not restored. ${back}`, { cause: error });
  } finally {
    await store?.close();
  }
}

/**
 * Erases the person from the databases earlier restores kept aside in DATA_DIR (`leads.sqlite.before-restore-…`),
 * each opened as a store; what it says (nothing when there are none).
 */
export async function eraseFromKeptCopies(
  files: readonly string[],
  email: string,
  open: (file: string) => Promise<LeadStore>,
): Promise<string> {
  if (files.length === 0) return '';
  const failed: string[] = [];
  for (const file of files) {
    try {
      const store = await open(file);
      try {
        await store.erasePerson(email.trim().toLowerCase());
      } finally {
        await store.close();
      }
    } catch (error) {
      failed.push(`${file} (${(error as Error).message})`);
    }
  }
  const done = files.length - failed.length;
  const lines = [];
  if (done > 0) {
    const names = files.filter((file) => !failed.some((f) => f.startsWith(file)));
    lines.push(`Also erased from ${plural(done, 'database')} kept aside by a restore (${names.join(', ')}).`);
  }
  if (failed.length > 0) {
    lines.push(
      `Could not erase from ${plural(failed.length, 'database')} kept aside by a restore, which may still hold the person: ${failed.join('; ')}. Delete those files, or erase by hand.`,
    );
  }
  return lines.join('\n');
}

/** Whether an undelivered outbox row is waiting its first try, failing (to be tried again), or given up on. */
const outboxState = (item: { attempts: number; gaveUpAt: Date | null }) =>
  item.gaveUpAt ? 'given up' : item.attempts === 0 ? 'pending' : 'failing';

/** The outbox rows not delivered yet, one line each, and a count by state; the email or webhook is not shown. */
export async function outboxReport(store: LeadStore): Promise<string> {
  const items = await store.listOutbox();
  if (items.length === 0) return 'The outbox is empty: everything was delivered.\n';
  const counts = new Map<string, number>();
  const lines = items.map((item) => {
    const state = outboxState(item);
    counts.set(state, (counts.get(state) ?? 0) + 1);
    const next = item.gaveUpAt ? `gave up ${item.gaveUpAt.toISOString()}` : `next ${item.nextAttemptAt.toISOString()}`;
    const error = item.lastError ? `  last error: ${item.lastError.replace(/\s+/g, ' ').slice(0, 200)}` : '';
    return `#${item.id}  ${item.topic}  ${state}  ${plural(item.attempts, 'attempt')}  ${next}  since ${item.createdAt.toISOString()}${error}`;
  });
  const summary = [...counts].map(([state, n]) => `${n} ${state}`).join(', ');
  return `${lines.join('\n')}\n${plural(items.length, 'row')} not delivered: ${summary}.\n`;
}
