/**
 * `npm run stats`: the funnel the gate counted (src/gate/analytics), from the store the server uses: per
 * series, in two parts: on its pages (views → report box seen, per page) and on its report page (views →
 * form start → submit → confirmed → download), each rate of a named denominator; unique visitors per day;
 * top referrers and campaigns; new leads per day (lead rows stored, as on the dashboard).
 * `--json` prints the same as JSON, for scripts. By default the last 30 UTC days (the dashboard's default
 * period); `--since YYYY-MM-DD` starts at that day, `--all` takes every day (not the experiments:
 * each is counted from its first counted day).
 * The server writes what it counted once a second: a count made in the last second may not show yet.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { configOrExit } from '../src/gate/cli-config.ts';
import {
  earlierDay,
  firstDay,
  formatSummary,
  readExperimentCounts,
  readExperimentReaders,
  readRepeatForms,
  summarise,
} from '../src/gate/analytics/summary.ts';
import { pageTitles, shortNames } from '../src/gate/analytics/titles.ts';
import { openStore, sqliteFile } from '../src/gate/store/index.ts';
import { describeIdentity, storeIdentity } from '../src/gate/store-identity.ts';
import { readSummaries } from '../src/lib/content/summaries.ts';

const USAGE =
  'Usage: npm run --silent stats [-- --json] [-- --output FILE] [-- --since YYYY-MM-DD | --all] [-- --verbose] [-- --help]';
const HELP = `${USAGE}

Prints the funnel the gate counted, from the lead store the server uses (DATA_DIR, or DATABASE_URL for
PostgreSQL): per series, its pages and its report page, sources, visitors and new leads per day, and the
experiments' results.

  (no flag)            the last 30 UTC days, today included, as the dashboard shows by default
  --since YYYY-MM-DD   from that UTC day (today or earlier) to today, both included
  --all                every day stored
  --json               the same as JSON, for scripts (shares from 0 to 1)
  --output FILE        write to FILE instead of the terminal (with --json: a file a script can read)
  --verbose            say on stderr which settings file and lead store were read

The text is wrapped to the terminal's width; piped or into a file, to COLUMNS (80 when unset).
  --help               this text

For a script, run npm with --silent: without it npm prints its own banner on stdout before the JSON:
  npm run --silent stats -- --json | jq .totals
  npm run stats -- --json --output stats.json

Experiments are counted from their first counted day, whatever the period. The server writes what it
counted once a second: a count made in the last second may not show yet.
`;
const args = process.argv.slice(2);
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP);
  process.exit(0);
}
/** Refused arguments: the usage, what was wrong, and where the flags are explained; exit code 2. */
const refuse = (problem: string): never => {
  console.error(`npm run stats: ${problem}`);
  console.error(USAGE);
  console.error('npm run stats -- --help says what each flag does.');
  process.exit(2);
};
const json = args.includes('--json');
const all = args.includes('--all');
const verbose = args.includes('--verbose');
const valueOf = (flag: string) => {
  const at = args.indexOf(flag);
  if (at === -1) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) refuse(`${flag} needs a value.`);
  return value;
};
const asked = valueOf('--since');
const output = valueOf('--output');
const known = new Set(['--json', '--all', '--verbose', '--since', '--output']);
const values = new Set([asked, output].filter((v) => v !== undefined));
const unknown = args.filter((arg) => !known.has(arg) && !values.has(arg));
if (unknown.length > 0) refuse(`unknown ${unknown.length === 1 ? 'argument' : 'arguments'} ${unknown.join(' ')}.`);
if (asked !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asked)) refuse(`--since ${asked} is not a day as YYYY-MM-DD.`);
if (all && asked !== undefined) refuse('--since and --all cannot go together.');
// By default the dashboard's period: the last 30 UTC days, today included; `--all`: every day counted.
const DEFAULT_DAYS = 30;
const today = new Date().toISOString().slice(0, 10);
// A day that does not exist (2026-02-30) or has not begun counts nothing: refused, naming the flag.
if (asked !== undefined) {
  const real =
    !Number.isNaN(Date.parse(`${asked}T00:00:00Z`)) && new Date(`${asked}T00:00:00Z`).toISOString().startsWith(asked);
  const problem = !real ? 'is not a day of the calendar' : asked > today ? `is after today (${today}, UTC)` : undefined;
  if (problem) {
    console.error(`npm run stats: --since ${asked} ${problem}: give a UTC day up to today, as YYYY-MM-DD.`);
    process.exit(2);
  }
}
const since = all
  ? undefined
  : (asked ?? new Date(Date.now() - (DEFAULT_DAYS - 1) * 24 * 60 * 60 * 1000).toISOString().slice(0, 10));

const config = configOrExit({ quiet: !verbose });
if (verbose) console.error(`Lead store: ${describeIdentity(storeIdentity(config))}`);
if (config.LEAD_STORE === 'sqlite' && !existsSync(sqliteFile(config))) {
  console.error(
    `No lead database at ${sqliteFile(config)}. Set DATA_DIR (and DATABASE_URL, for PostgreSQL) as the server has them.`,
  );
  process.exit(1);
}
const store = await openStore(config).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
try {
  // The experiments the series declare (report.experiment in series.yaml), as the content on disk has them.
  const { summaries } = readSummaries(process.cwd(), false);
  const experiments = summaries.flatMap((s) =>
    s.data.report.experiment ? [{ series: s.id, experiment: s.data.report.experiment }] : [],
  );
  // The period's counts; the experiments' own counts from their first counted day, whatever --since says.
  const [{ counts, days }, leads, experimentCounts, experimentReaders, firstCounted] = await Promise.all([
    store.analytics.readAnalytics(since),
    store.listLeads(),
    readExperimentCounts(store.analytics, experiments),
    readExperimentReaders(store.analytics, experiments),
    store.analytics.firstAnalyticsDay(),
  ]);
  const repeatForms = await readRepeatForms(store, leads);
  const summary = summarise({
    counts,
    repeatForms: since ? repeatForms.filter((at) => at.toISOString().slice(0, 10) >= since) : repeatForms,
    days,
    experimentCounts,
    experimentReaders,
    leads: since ? leads.filter((l) => l.createdAt.toISOString().slice(0, 10) >= since) : leads,
    experiments,
    // Without a mail server no confirmation email is sent: the summary says so.
    confirmationEmails: Boolean(config.SMTP_URL),
    seriesIds: summaries.map((s) => s.id),
    // Pages by their titles, as the last build has them (the path when there is none).
    title: pageTitles(join(process.cwd(), 'dist/client')),
    // Trends by their short names (series.yaml report.parts[].heads), as the dashboard names them.
    shortName: shortNames(summaries.map((s) => ({ id: s.id, parts: s.data.report.parts }))),
    today,
    period: { from: since ?? null, to: today, days: all || asked ? null : DEFAULT_DAYS },
    countingBegan: earlierDay(firstCounted, firstDay({ counts: [], days: [], leads })),
  });
  // Text fits the terminal's width; piped or into a file, COLUMNS when set, else 80.
  const width = (output === undefined ? process.stdout.columns : undefined) ?? (Number(process.env.COLUMNS) || 80);
  const text = json ? `${JSON.stringify(summary, null, 2)}\n` : formatSummary(summary, width);
  if (output === undefined) process.stdout.write(text);
  else {
    writeFileSync(output, text);
    console.error(`Written to ${output}.`);
  }
} finally {
  await store.close();
}
