/**
 * `npm start`: validates the configuration, builds the site when the sources are newer than the last
 * build, applies the lead store's migrations, then serves the site on HOST:PORT (src/gate/http: static
 * files, the on-demand routes, headers, /healthz, graceful shutdown on SIGTERM) and drains the outbox
 * (emails, webhook calls) with one worker, printing the URL.
 * `--build` builds even when nothing changed; `--build-only` builds when needed and exits without touching
 * the lead store (an image's build step: the container's `npm start` then finds the build up to date).
 * `--no-build` (or START_NO_BUILD=1, set by the image) never builds: a build made with other settings is refused.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { configOrExit } from '../src/gate/cli-config.ts';
import { prepareDataDir } from '../src/gate/data-dir.ts';
import { checkAddress, orExit, warnAboutSettings } from '../src/gate/start-checks.ts';
import { openGate, type Gate } from '../src/gate/gate.ts';
import { recordServerStore, STORE_MOVE_ENV, storeTakeover } from '../src/gate/store-identity.ts';
import { bakedBuildRefusal, buildForbidden } from '../src/gate/baked-build.ts';
import { findReportOrLog } from '../src/gate/report-file.ts';
import { readSite } from '../src/lib/content/files.ts';
import { readSummaries } from '../src/lib/content/summaries.ts';
import { BUILD_STAMP, buildSettings, readStamp } from '../src/lib/build-stamp.ts';
import { exitOnSignals, serve } from '../src/gate/http/server.ts';
import { describeDelivery } from '../src/gate/outbox/start.ts';

const root = process.cwd();
const stamp = join(root, BUILD_STAMP);
/** What a build is made from: a newer file among these, or another SITE_URL, means building again. */
const inputs = ['src', 'content', 'public', 'astro.config.mjs', 'package-lock.json'];

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

const config = configOrExit();
warnAboutSettings(config);
/** What the build must have been made with: this SITE_URL and this REPORT_PDF. */
const wanted = buildSettings();
const buildOnly = process.argv.includes('--build-only');
// A DATA_DIR whose store.json names another store (PostgreSQL, and now SQLite) is not taken over silently:
// checked first, as it is about the leads, whatever else is wrong.
const takeover = buildOnly ? undefined : storeTakeover(config);
if (takeover && !['1', 'true', 'yes'].includes((process.env[STORE_MOVE_ENV] ?? '').trim().toLowerCase())) {
  console.error(takeover);
  process.exit(1);
}
if (takeover) console.warn(`${STORE_MOVE_ENV} is set: this DATA_DIR moves to the store of these settings.`);
// In the Docker image (START_NO_BUILD=1), the build made in the image is served as it is, or refused.
const noBuild = buildForbidden();
const refusal = bakedBuildRefusal(root, wanted);
if (refusal) {
  console.error(refusal);
  process.exit(1);
}
// Before any build: a server already on PORT, an unusable DATA_DIR or a damaged lead database stops here,
// saying what to do. (A build under a running server would change the files it serves.) The gate opened
// here (src/gate/gate.ts: the one lead store of this process, migrated, and the services on it) is the
// one the server then serves with.
let gate: Gate | undefined;
if (!buildOnly) {
  await orExit(() => checkAddress(config));
  await orExit(() => prepareDataDir(config));
  gate = await orExit(() => openGate(config));
  // DATA_DIR/store.json: `npm run leads` refuses to answer from another store than this one.
  recordServerStore(config);
}
const { PORT: port, HOST: host } = config;
/** No build, one made with other settings (SITE_URL, the report PDF), or a source newer than it. */
const stale = () => {
  if (!existsSync(stamp)) return true;
  const made = readStamp(readFileSync(stamp, 'utf8'));
  if (made.site !== wanted.site || made.report !== wanted.report) return true;
  return Math.max(...inputs.map((p) => newest(join(root, p)))) > statSync(stamp).mtimeMs;
};
if (!noBuild && (process.argv.includes('--build') || stale())) {
  console.log('Building the site...');
  // The build writes its stamp (src/integrations/build-stamp.ts) with the moment it decided by.
  const build = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    stdio: 'inherit',
  });
  if (build.status !== 0) {
    await gate?.close();
    process.exit(build.status ?? 1);
  }
} else {
  console.log('The build is up to date.');
}
if (!gate) process.exit(0);

const { store } = gate.services;
console.log(`Lead store: ${await store.describe()}, schema version ${(await store.migrations()).at(-1)}`);

// /healthz checks the report of every series the build published (a series whose trends are all drafts has none).
const builtAt = readStamp(readFileSync(stamp, 'utf8')).builtAt ?? new Date();
const published = readSummaries(root, false, builtAt).summaries.map((s) => s.id);
for (const id of published.filter((id) => !findReportOrLog(config.reportDir, id))) {
  console.warn(
    `REPORT_DIR (${config.reportDir}) holds no report for ${id}: until it does, its form answers that the report is being prepared, and /healthz answers 503.`,
  );
}
const server = await serve({
  root,
  services: gate.services,
  https: wanted.site.startsWith('https:'),
  series: published,
});
await gate.startWork(root);
// On SIGTERM the outbox worker finishes the email or webhook call in hand after the last request, so
// that it is not cut off halfway and sent again once its lease runs out; the store closes last.
const open = gate;
exitOnSignals({ ...server, close: () => server.close().finally(() => open.close()) });
const shown = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
console.log(describeDelivery(config));
console.log(`\n${readSite(root).name} is being served at http://${shown}:${port}/  (Ctrl+C to stop)`);
