import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { keyIntervalText, keyNumberOf } from '../../src/lib/series-summary.ts';

/** Round 9: the key numbers (47%, 11.0 days, +12) were shown without the interval their figures carry. */
describe('a key number computed from the survey', () => {
  const { figures } = readSeriesFromDisk(process.cwd(), 'platform-engineering-2024');

  it('carries its 95% interval as the figure’s table writes it', () => {
    const nps = keyNumberOf(figures, { figure: 'platform-nps', label: 'Net Promoter Score' });
    expect(nps.valueText).toBe('+12');
    expect(nps.interval).toMatch(/^\+\d+ to \+\d+$/);
    const days = keyNumberOf(figures, { figure: 'onboarding-days', label: 'Mean' });
    expect(days.interval).toMatch(/^\d+\.\d to \d+\.\d days$/);
    expect(keyNumberOf(figures, { figure: 'platform-by-size', label: 'Yes, in use' }).interval).toMatch(/^\d+–\d+%$/);
  });

  it('has none where the figure carries none (a published figure states no interval of its own)', () => {
    const { figures: ml } = readSeriesFromDisk(process.cwd(), 'ml-trends-2021');
    const figure = ml.find((f) => !f.survey)!;
    expect(keyIntervalText(figure, figure.rows[0]!.label)).toBeUndefined();
  });
});
