/**
 * `npm run leads -- <command>`, on the store the server uses (SQLite in DATA_DIR, or PostgreSQL at DATABASE_URL):
 * - `export [--series <id>]`: every lead as CSV on stdout, with how many times the report was downloaded (and on
 *   stderr, one line per experiment of those series not decided yet: do not tally its variants before then);
 * - `show <email>`: everything kept about a person, as JSON (a data-subject access request);
 * - `delete <email>`: erases the person's leads, links, downloads, consent events and any row holding the email
 *   (in other people's leads, the address is replaced by `[erased]`), also in the SQLite databases a restore kept
 *   aside in DATA_DIR;
 * - `backup <file>`: an online copy of the database to a new file, safe while the server runs (for PostgreSQL,
 *   a pg_dump archive: restore it with pg_restore);
 * - `restore <file>`: with the server stopped, puts a backup back (the SQLite file it replaces is kept aside;
 *   for PostgreSQL, pg_restore over the database), then erases again everyone erased since (the erasure log);
 * - `outbox`: the emails and webhook calls not delivered yet: pending, failing (with their last error) or given up.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { configOrExit } from '../src/gate/cli-config.ts';
import { erasureLog } from '../src/gate/erasure-log.ts';
import {
  backupStore,
  deletePerson,
  eraseFromKeptCopies,
  exportCsv,
  undecidedExperimentLines,
  outboxReport,
  restoreStore,
  showPerson,
} from '../src/gate/lead-commands.ts';
import { existingLinkSecret } from '../src/gate/secrets.ts';
import { openStore, sqliteFile } from '../src/gate/store/index.ts';
import {
  describeIdentity,
  MISMATCH_FLAG,
  serverStore,
  settingsMismatch,
  STORE_RECORD,
  storeIdentity,
  storeMismatch,
} from '../src/gate/store-identity.ts';
import { keptCopies, restoreBackup } from '../src/gate/store/restore.ts';
import { readSummaries } from '../src/lib/content/summaries.ts';

const USAGE = `Usage:
  npm run leads -- export [--series <series-id>]
  npm run leads -- show <email>
  npm run leads -- delete <email>
  npm run leads -- backup <file>
  npm run leads -- restore <file>
  npm run leads -- outbox
Each reads the store the server uses, and refuses when npm start last recorded another one in DATA_DIR;
${MISMATCH_FLAG} reads it anyway (when moving leads from one store to another).
delete and restore also refuse when REPORT_LINK_SECRET or LEADS_WEBHOOK_URL differ from the server's.`;

function usage(): never {
  console.error(USAGE);
  process.exit(2);
}

const given = process.argv.slice(2);
const mismatchOk = given.includes(MISMATCH_FLAG);
const [command, ...rest] = given.filter((arg) => arg !== MISMATCH_FLAG);
const argument = rest[0];
if (command === 'export') {
  if (rest.length > 0 && (rest[0] !== '--series' || !rest[1])) usage();
} else if (command === 'show' || command === 'delete') {
  if (!argument || !/^[^@\s]+@[^@\s]+$/.test(argument.trim())) usage();
} else if (command === 'outbox') {
  if (rest.length > 0) usage();
} else if ((command !== 'backup' && command !== 'restore') || !argument) {
  usage();
}

const config = configOrExit();
// On stderr, so that `export > leads.csv` stays clean CSV: which store is read, without a password.
console.error(`Lead store: ${describeIdentity(storeIdentity(config))}`);
const mismatch = storeMismatch(config);
if (mismatch && !mismatchOk) {
  console.error(mismatch.refusal);
  process.exit(1);
}
if (mismatch) console.error(mismatch.warning);
if (!serverStore(config.dataDir)) {
  console.error(
    `No server has recorded its store in ${config.dataDir}/${STORE_RECORD} (npm start does): make sure this is the store the server uses.`,
  );
}
// `delete` and `restore` act as the server would: the erasure log is keyed with its link secret, and the
// CRM it tells must hear of an erasure. Other settings than the server's refuse them; reading commands go on,
// saying what differs. A link secret is never made up here: the server's, or a refusal.
const changesPeople = command === 'delete' || command === 'restore';
const differences = settingsMismatch(config);
if (differences.length > 0) {
  console.error(differences.join('\n'));
  if (changesPeople) {
    console.error('Nothing was read or changed.');
    process.exit(1);
  }
}
const secret = existingLinkSecret(config);
if (changesPeople && !secret) {
  console.error(
    `REPORT_LINK_SECRET is not set here, and ${config.dataDir} holds no report-link-secret file: the erasure log is keyed with the server's link secret. Set REPORT_LINK_SECRET as the server has it. Nothing was read or changed.`,
  );
  process.exit(1);
}
// Erasures are logged (a keyed hash of the address, in DATA_DIR), so that a restore erases them again.
const log = () => erasureLog(config, secret!);
if (command === 'restore') {
  try {
    const file = resolve(argument!);
    console.log(
      await restoreStore(
        () => restoreBackup(config, file),
        () => openStore(config),
        log(),
        file,
      ),
    );
  } catch (error) {
    console.error((error as Error).message);
    process.exitCode = 1;
  }
  process.exit();
}
const database = sqliteFile(config);
if (config.LEAD_STORE === 'sqlite' && !existsSync(database)) {
  // A mistyped DATA_DIR would otherwise create an empty database and find nothing.
  console.error(
    `No lead database at ${database}. Set DATA_DIR (and DATABASE_URL, for PostgreSQL) as the server has them, in the environment or in a .env file in this directory.`,
  );
  process.exit(1);
}
const store = await openStore(config).catch((error: unknown) => {
  console.error((error as Error).message);
  process.exit(1);
});
try {
  if (command === 'export') {
    process.stdout.write(await exportCsv(store, rest[1]));
    // Each lead keeps the variant its form showed; tallied per variant before the decision, it is a peek.
    const { summaries } = readSummaries(process.cwd(), false);
    const experiments = summaries.flatMap((s) =>
      s.data.report.experiment ? [{ series: s.id, experiment: s.data.report.experiment }] : [],
    );
    const today = new Date().toISOString().slice(0, 10);
    for (const line of await undecidedExperimentLines(store.analytics, experiments, rest[1], today))
      console.error(line);
  }
  if (command === 'show') {
    const { json, note } = await showPerson(store, argument!);
    process.stdout.write(json);
    if (note) console.error(note);
  }
  if (command === 'delete') {
    console.log(await deletePerson(store, argument!, config, log()));
    // The databases a restore kept aside in DATA_DIR may hold the person too: erased there as well.
    if (config.LEAD_STORE === 'sqlite') {
      const { openSqliteStore } = await import('../src/gate/store/sqlite.ts');
      const said = await eraseFromKeptCopies(keptCopies(config), argument!, (file) => openSqliteStore(file));
      if (said) console.log(said);
    }
  }
  if (command === 'backup') console.log(await backupStore(store, resolve(argument!)));
  if (command === 'outbox') process.stdout.write(await outboxReport(store));
} catch (error) {
  // What the operator must fix (a backup file that exists, say) is said plainly.
  console.error((error as Error).message);
  process.exitCode = 1;
} finally {
  await store.close();
}
