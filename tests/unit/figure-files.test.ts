import { describe, expect, it } from 'vitest';
import { figureFile } from '../../src/integrations/figure-files.ts';
import type { Figure } from '../../src/lib/schema/figure.ts';
import { barsFigure, pairedFigure } from './fixtures/figures.ts';

interface JsonRow {
  label: string;
  value: number;
  ci95: { low: number; high: number } | null;
  previousCi95?: { low: number; high: number } | null;
}
/** The JSON download of a figure, as the series' dataset reader gives it (with its series). */
const json = (figure: Figure) =>
  JSON.parse(figureFile({ ...figure, series: 'ml-trends-2021' }, 'json', 403)) as {
    base?: { text: string; n?: number; quote: string };
    baseNote: string;
    questionNote: string;
    rows: JsonRow[];
    interval: { method: string; note: string };
  };

describe('JSON download', () => {
  it('gives each row its 95% interval, to one decimal, and names the method', () => {
    const figure = json(barsFigure());
    expect(figure.rows[0]).toMatchObject({ label: 'Infrastructure and operations leaders', value: 57 });
    expect(figure.rows[0]!.ci95).toEqual({ low: 52.1, high: 61.7 });
    expect(figure.interval.method).toBe('95% Wilson score interval');
    expect(figure.interval.note).toContain('in percent, rounded to one decimal');
    expect(figure.rows[0]).not.toHaveProperty('previousCi95');
  });

  it('gives no interval where no source states the base, and says so', () => {
    const figure = json(barsFigure({ n: null }));
    expect(figure).not.toHaveProperty('base');
    expect(figure.baseNote).toBe('Survey of 403; base not published.');
    expect(figure.rows.map((row) => row.ci95)).toEqual([null, null, null, null]);
    expect(figure.interval.note).toContain('No source states the base and its size, so no value has an interval.');
  });

  it("gives a stated base with the source's words, without the source's internal key", () => {
    const figure = json(barsFigure());
    expect(figure.base).toEqual({
      text: 'All respondents',
      n: 403,
      quote: 'all 403 respondents answered this question (test fixture)',
    });
    expect(figure.baseNote).toMatch(/^All respondents \(n = 403\), in the words of .*: “all 403 respondents/);
    expect(figure.questionNote).toBe('Question reconstructed from the finding.');
  });

  it("computes previous values over the previous edition's n, and leaves them null where it is unknown", () => {
    const known = json(pairedFigure({ previousN: 250 }));
    expect(known.rows[0]!.previousCi95).toEqual({ low: 65.1, high: 76.3 });
    const unknown = json(pairedFigure({ previousN: null }));
    expect(unknown.rows[0]!.ci95).toEqual({ low: 79, high: 86.4 });
    expect(unknown.rows[0]!.previousCi95).toBeNull();
    expect(unknown.interval.note).toContain(
      "No source states the previous edition's base and its size, so its values have no interval.",
    );
  });
});
