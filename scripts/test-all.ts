/**
 * `npm test`: everything CI runs. Makes sure a browser is there (installing one where it can) and a
 * PostgreSQL for the store tests (its server programs installed where they can be; TEST_DATABASE_URL, the cluster `npm run db:test-start` recorded, or a
 * throwaway cluster started now and stopped at the end; TEST_POSTGRES=off skips them on purpose), runs the
 * static checks, each Vitest project (unit, integration, components, build, hostile, crash, postgres) and the Playwright
 * suite, each through its npm script, then prints one line `N passed, N failed` summed over all of them.
 * Exits non-zero when anything failed; a suite that crashed counts as a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { findChromium, INSTALL_HELP, installChromium } from '../src/integrations/browser.ts';
import { findPostgresBin, installPostgres, testDatabase } from '../tests/setup/postgres-cluster.ts';
import { vitestFailures, type VitestReport } from './test-tally.ts';

const reports = '.reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

interface Tally {
  name: string;
  passed: number;
  failed: number;
  skipped: number;
}
const tallies: Tally[] = [];

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): number {
  console.log(`\n$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status ?? 1;
}

function readJson<T>(path: string): T | undefined {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T) : undefined;
}

const browser = findChromium() ?? installChromium();
if (!browser) {
  console.error(INSTALL_HELP);
  process.exit(1);
}
console.log(`Browser for the end-to-end tests: ${browser.path} (${browser.origin})`);

// PostgreSQL's server programs, installed where they are missing and can be (root on Debian), as the browser is.
if (!process.env.TEST_DATABASE_URL && process.env.TEST_POSTGRES !== 'off' && !findPostgresBin()) installPostgres();
// One cluster for every project that needs it; where none can start, the PostgreSQL tests fail saying why.
const { database, stop: stopDatabase } = await testDatabase();
if ('url' in database) {
  process.env.TEST_DATABASE_URL = database.url;
  console.log(`PostgreSQL for the store tests: ${new URL(database.url).host}`);
} else if ('problem' in database) {
  console.error(database.problem);
} else {
  console.log('PostgreSQL tests skipped on purpose (TEST_POSTGRES=off).');
}
// Interrupted (Ctrl+C, CI's timeout): the cluster started here goes too.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopDatabase();
    process.exit(130);
  });
}

const checks: Tally = { name: 'checks', passed: 0, failed: 0, skipped: 0 };
for (const check of ['check:content', 'check:types', 'lint', 'format:check']) {
  if (run('npm', ['run', '--silent', check]) === 0) checks.passed++;
  else checks.failed++;
}
tallies.push(checks);

// Each Vitest project runs through its own npm script, so a crash in one still leaves the others' counts.
for (const project of ['unit', 'integration', 'components', 'build', 'hostile', 'crash', 'postgres']) {
  const output = `${reports}/vitest-${project}.json`;
  const status = run('npm', [
    'run',
    '--silent',
    `test:${project}`,
    '--',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${output}`,
  ]);
  const vitest = readJson<VitestReport>(output);
  tallies.push({
    name: project,
    passed: vitest?.numPassedTests ?? 0,
    // A run that crashed before reporting counts as one failure.
    failed: vitest ? vitestFailures(vitest, status) : 1,
    skipped: (vitest?.numPendingTests ?? 0) + (vitest?.numTodoTests ?? 0),
  });
}

const e2eStatus = run('npm', ['run', '--silent', 'test:e2e', '--', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_FILE: `${reports}/playwright.json`,
});
const e2e = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(
  `${reports}/playwright.json`,
);
tallies.push({
  name: 'playwright',
  passed: e2e?.stats.expected ?? 0,
  failed: e2e ? e2e.stats.unexpected + e2e.stats.flaky + (e2eStatus !== 0 && e2e.stats.unexpected === 0 ? 1 : 0) : 1,
  skipped: e2e?.stats.skipped ?? 0,
});

stopDatabase();

console.log('\nSummary');
for (const t of tallies)
  console.log(`  ${t.name.padEnd(11)} ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
const passed = tallies.reduce((sum, t) => sum + t.passed, 0);
const failed = tallies.reduce((sum, t) => sum + t.failed, 0);
const skipped = tallies.reduce((sum, t) => sum + t.skipped, 0);
console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
