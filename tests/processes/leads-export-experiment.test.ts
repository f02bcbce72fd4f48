import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Experiment } from '../../src/lib/schema/series.ts';
import { undecidedExperimentLines } from '../../src/gate/lead-commands.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { createSqlite, type SqliteUnderTest } from '../unit/fixtures/stores.ts';

/**
 * `npm run leads -- export` warns on stderr while an experiment on a series it exports is not decided: the CSV's
 * `latest_variant` must not be tallied per variant before `decidedOn` (docs/funnel-statistics.md, "Experiments").
 */
const EXPERIMENT: Experiment = {
  id: 'form-length',
  variants: [
    { id: 'full', form: 'full' },
    { id: 'short', form: 'short' },
  ],
  metric: 'submit/view',
  sampleSize: 10,
};
const experiments = [{ series: 's', experiment: EXPERIMENT }];
let db: SqliteUnderTest;
let store: LeadStore;

beforeEach(async () => {
  db = createSqlite();
  store = await db.open();
});
afterEach(async () => {
  await db.dispose();
});

/** `readers` distinct readers of each variant's report page on `day`, each sending a form. */
async function readersOn(day: string, readers: number) {
  const seen = ['full', 'short'].flatMap((variant) =>
    Array.from({ length: readers }, (_, i) =>
      (['view', 'submit'] as const).map((event) => ({
        day,
        page: '/s/report/',
        event,
        variant: `form-length:${variant}`,
        visitor: `${variant}-${i}`.padEnd(32, '0'),
      })),
    ).flat(),
  );
  await store.analytics.addCounts([], [], { maxSourcesPerDay: 10, maxVisitorsPerDay: 1000 }, seen);
}

describe('the export warning while an experiment is not decided', () => {
  it('names each undecided experiment of the exported series, with the rule', async () => {
    await readersOn('2026-03-01', 4);
    const lines = await undecidedExperimentLines(store.analytics, experiments, undefined, '2026-03-02');
    expect(lines).toEqual([
      "Experiment form-length on series s is not decided yet: do not tally these leads by latest_variant (or the webhook's submission.variant) until its result is final, the UTC day after every variant reaches the sample size (`npm run stats -- --json` then gives the day it was reached as decidedOn).",
    ]);
    // Another series' export says nothing of it.
    expect(await undecidedExperimentLines(store.analytics, experiments, 'other', '2026-03-02')).toEqual([]);
  });

  it('says nothing once the sample was reached on an earlier UTC day; the day it is reached, still warns', async () => {
    await readersOn('2026-03-01', 10);
    expect(await undecidedExperimentLines(store.analytics, experiments, 's', '2026-03-01')).toHaveLength(1);
    expect(await undecidedExperimentLines(store.analytics, experiments, 's', '2026-03-02')).toEqual([]);
  });
});
