import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/gate/store/sqlite.ts';
import { NO_SOURCE, type CountRow } from '../../src/gate/analytics/events.ts';

/** `npm run stats` on a real SQLite file in DATA_DIR: the funnel in words, and the same as JSON. */
let dataDir: string;
beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'stats-cli-'));
});
afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

const stats = (...args: string[]) =>
  spawnSync(process.execPath, [join(import.meta.dirname, '../../scripts/stats.ts'), ...args], {
    env: { ...process.env, DATA_DIR: dataDir },
    encoding: 'utf8',
  });
const row = (page: string, event: CountRow['event'], count: number, extra: Partial<CountRow> = {}): CountRow => ({
  day: '2026-03-01',
  page,
  event,
  variant: '',
  ...NO_SOURCE,
  count,
  ...extra,
});

it('prints the funnel per series with the share of each step, visitors, referrers and campaigns', async () => {
  const store = await openSqliteStore(join(dataDir, 'leads.sqlite'));
  await store.analytics.addCounts(
    [
      row('/ml-trends-2021/teams/', 'view', 40, { referrer: 'news.example.com' }),
      row('/ml-trends-2021/teams/', 'cta_seen', 10, { utmSource: 'newsletter', utmMedium: 'email' }),
      row('/ml-trends-2021/report/', 'view', 8),
      row('/ml-trends-2021/report/', 'form_start', 4),
      row('/ml-trends-2021/report/', 'submit', 2),
      row('/privacy/', 'view', 3),
    ],
    [{ day: '2026-03-01', visitor: 'a'.repeat(32) }],
    { maxSourcesPerDay: 10, maxVisitorsPerDay: 10 },
  );
  await store.close();

  const text = stats();
  expect(text.status).toBe(0);
  expect(text.stdout).toContain('Series ml-trends-2021');
  expect(text.stdout).toMatch(/ {2}view {7}\s+48\n/);
  expect(text.stdout).toMatch(/ {2}cta_seen\s+10\s+21% of the step before/);
  expect(text.stdout).toMatch(/ {2}submit\s+2\s+50% of the step before/);
  expect(text.stdout).toMatch(/Other pages \(views\):\n\s+3 {2}\/privacy\//);
  expect(text.stdout).toMatch(/2026-03-01 {2}1\n/);
  expect(text.stdout).toMatch(/40 {2}news\.example\.com/);

  const json = JSON.parse(stats('--json').stdout) as {
    series: { id: string; funnel: { event: string; count: number }[] }[];
    days: { visitors: number }[];
  };
  expect(json.series.map((s) => s.id)).toEqual(['ml-trends-2021']);
  expect(json.series[0]!.funnel.map((s) => s.count)).toEqual([48, 10, 4, 2, 0, 0]);
  expect(json.days.map((d) => d.visitors)).toEqual([1]);
});

it('refuses an unknown argument, and a DATA_DIR without a lead database', () => {
  expect(stats('--csv').status).toBe(2);
  const missing = stats();
  expect(missing.status).toBe(1);
  expect(missing.stderr).toContain(`No lead database at ${join(dataDir, 'leads.sqlite')}`);
});
