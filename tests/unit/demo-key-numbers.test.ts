import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { keyNumberOf } from '../../src/lib/series-summary.ts';

/**
 * Review of issue 21: the demonstration report's key numbers were overall values (47%, +12) under a title about a
 * contrast. series.yaml now names the two groups (`contrast`), and each key number shows both groups' values,
 * computed here again from responses.csv by plain counting, never typed.
 */
const SERIES = 'platform-engineering-2024';
const root = process.cwd();
const { data, figures } = readSeriesFromDisk(root, SERIES);
const responses = parse<Record<string, string>>(
  readFileSync(join(root, 'content/series', SERIES, 'survey/responses.csv'), 'utf8'),
  { columns: true },
);
const percent = (part: number, whole: number) => `${Math.round((100 * part) / whole)}%`;
const score = (answers: number[]) => {
  const nps = Math.round(
    (100 * (answers.filter((a) => a >= 9).length - answers.filter((a) => a <= 6).length)) / answers.length,
  );
  return nps > 0 ? `+${nps}` : nps < 0 ? `\u2212${-nps}` : '0';
};

describe('the demonstration report’s key numbers', () => {
  const numbers = data!.report.keyNumbers.map((ref) => keyNumberOf(figures, ref));

  it('show the contrast the title draws: large against small companies, platform engineers against developers', () => {
    const inUse = (size: string) => {
      const group = responses.filter((r) => r.size === size);
      return percent(group.filter((r) => r.platform === 'yes').length, group.length);
    };
    expect(numbers[0]!.valueText).toBe(`${inUse('1000+')} vs ${inUse('1-99')}`);
    const recommend = (role: string) =>
      score(responses.filter((r) => r.role === role && r.recommend !== '').map((r) => Number(r.recommend)));
    expect(numbers[2]!.valueText).toBe(`${recommend('platform')} vs ${recommend('developer')}`);
  });

  it('name both groups with their n and interval, not the total’s', () => {
    const n = (size: string) => responses.filter((r) => r.size === size).length;
    expect(numbers[0]!.contrast?.map((c) => [c.label, c.n])).toEqual([
      ['1,000+ employees', n('1000+')],
      ['1–99 employees', n('1-99')],
    ]);
    expect(numbers[0]!.interval).toMatch(/^\d+–\d+% and \d+–\d+%$/);
    expect(numbers[0]!.base).toBe(`1,000+ employees, n = ${n('1000+')}; 1–99 employees, n = ${n('1-99')}`);
    expect(numbers[0]!.n).toBeUndefined();
    // A key number without a contrast keeps the total.
    expect(numbers[1]!.contrast).toBeUndefined();
    expect(numbers[1]!.valueText).toBe('9 days');
  });

  it('fails naming the key number where a contrast names a group the figure does not have', () => {
    expect(() =>
      keyNumberOf(figures, { figure: 'platform-by-size', label: 'Yes, in use', contrast: ['size-1000', 'size-huge'] }),
    ).toThrow(/contrast "size-huge": figure "platform-by-size" has no segment "size-huge"/);
  });
});
