import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { assignVariant } from '../../src/gate/analytics/experiment.ts';
import { ExperimentSchema, type Experiment } from '../../src/lib/schema/series.ts';

const experiment = (extra: Partial<Experiment> = {}): Experiment => ({
  id: 'form-length',
  variants: [
    { id: 'full', form: 'full' },
    { id: 'short', form: 'short' },
  ],
  metric: 'submit/view',
  sampleSize: 100,
  ...extra,
});
const visitors = Array.from({ length: 4000 }, (_, i) =>
  createHash('sha256').update(`v${i}`).digest('hex').slice(0, 32),
);

describe('assigning a variant', () => {
  it('gives a visitor the same variant every time, and splits visitors as declared', () => {
    for (const visitor of visitors.slice(0, 50)) {
      expect(assignVariant(experiment(), visitor).id).toBe(assignVariant(experiment(), visitor).id);
    }
    const share = (e: Experiment, id: string) =>
      visitors.filter((v) => assignVariant(e, v).id === id).length / visitors.length;
    expect(share(experiment(), 'short')).toBeGreaterThan(0.46);
    expect(share(experiment(), 'short')).toBeLessThan(0.54);
    expect(share(experiment({ split: [90, 10] }), 'short')).toBeGreaterThan(0.08);
    expect(share(experiment({ split: [90, 10] }), 'short')).toBeLessThan(0.12);
  });

  it('reshuffles visitors for another experiment id, and shows the control to one it cannot count', () => {
    const moved = visitors.filter(
      (v) => assignVariant(experiment(), v).id !== assignVariant(experiment({ id: 'form-length-2' }), v).id,
    ).length;
    expect(moved / visitors.length).toBeGreaterThan(0.4);
    expect(assignVariant(experiment(), undefined).id).toBe('full');
  });
});

describe('an experiment in series.yaml', () => {
  it('names what is wrong: a repeated variant, a split that does not add up, another metric', () => {
    const problems = (value: unknown) =>
      ExperimentSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')} ${i.message}`) ?? [];
    expect(problems({ ...experiment(), variants: [{ id: 'a' }, { id: 'a' }] })).toEqual([
      'variants.1.id repeats the variant id "a"',
    ]);
    expect(problems({ ...experiment(), split: [50, 40] })).toEqual(['split must add up to 100']);
    expect(problems({ ...experiment(), split: [100] })).toEqual(['split must give one share per variant (2)']);
    expect(problems({ ...experiment(), metric: 'submit/cta_seen' })[0]).toMatch(/^metric must be "submit\/view"/);
    expect(problems(experiment())).toEqual([]);
    // A title is one line of text, the dashboard's name for the experiment.
    expect(problems({ ...experiment(), title: 'Does a shorter form bring more forms?' })).toEqual([]);
    expect(problems({ ...experiment(), title: '  ' })).toEqual(['title must not be empty']);
    expect(problems({ ...experiment(), title: 'x'.repeat(121) })).toEqual([
      'title must be at most 120 characters: one line',
    ]);
  });

  it("takes a variant's call to action (the submit button's wording), and names the field when it is wrong", () => {
    const problems = (cta: unknown) =>
      ExperimentSchema.safeParse({ ...experiment(), variants: [{ id: 'a' }, { id: 'b', cta }] }).error?.issues.map(
        (i) => `${i.path.join('.')} ${i.message}`,
      ) ?? [];
    expect(problems('Send me the report')).toEqual([]);
    expect(problems('')).toEqual(['variants.1.cta must not be empty']);
    expect(problems('Get the report now, free, with all the charts and tables')).toEqual([
      "variants.1.cta must be at most 40 characters: a button's wording",
    ]);
    expect(problems(12)).toEqual(['variants.1.cta must be the submit button\'s wording, e.g. "Send me the report"']);
    expect(problems('Get 47% more')).toEqual([
      'variants.1.cta has a share typed by hand; a button asks for the report in words',
    ]);
    expect(
      ExperimentSchema.parse({ ...experiment(), variants: [{ id: 'a' }, { id: 'b', cta: 'Send it' }] }).variants[1],
    ).toEqual({ id: 'b', cta: 'Send it' });
  });
});
