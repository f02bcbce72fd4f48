/**
 * `npm run leads -- export [--series <id>]`: prints every lead as CSV on stdout (header row, one lead
 * per line), with how many times the report was downloaded. Reads DATA_DIR like the server.
 */
import { existsSync } from 'node:fs';
import { untrustedCsvField } from '../src/lib/csv.ts';
import { configOrExit } from '../src/server/cli-config.ts';
import { openStore, sqliteFile } from '../src/server/store/index.ts';

const USAGE = 'Usage: npm run leads -- export [--series <series-id>]';
const [command, ...rest] = process.argv.slice(2);
if (command !== 'export') {
  console.error(USAGE);
  process.exit(2);
}
const seriesAt = rest.indexOf('--series');
const series = seriesAt === -1 ? undefined : rest[seriesAt + 1];
if (seriesAt !== -1 && !series) {
  console.error(USAGE);
  process.exit(2);
}

const config = configOrExit();
const database = sqliteFile(config);
if (config.LEAD_STORE === 'sqlite' && !existsSync(database)) {
  // A mistyped DATA_DIR would otherwise create an empty database and export nothing.
  console.error(`No lead database at ${database}. Set DATA_DIR to the directory the server uses.`);
  process.exit(1);
}
const store = await openStore(config);
const columns = [
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
];
const lines = [columns.join(',')];
for (const lead of await store.listLeads(series)) {
  lines.push(
    [
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
      await store.countDownloads(lead.id),
      lead.createdAt.toISOString(),
      lead.updatedAt.toISOString(),
    ]
      .map(untrustedCsvField)
      .join(','),
  );
}
await store.close();
process.stdout.write(`${lines.join('\n')}\n`);
