import { describe, expect, it } from 'vitest';
import { figureToCsv } from '../../src/lib/csv.ts';
import { downloadableFigure } from '../../src/lib/figures.ts';
import { figureTable } from '../../src/lib/chart/describe.ts';
import { barsFigure, nestedFigure } from './fixtures/figures.ts';
import { realFigure } from './fixtures/real-content.ts';

/**
 * The downloads give what the chart shows: a nested bar's derived parts ("Neither cut nor grew",
 * "Other answers") are rows of the CSV and JSON too, marked derived, with an interval where n is known.
 */
/** One CSV line's cells (RFC 4180: a quoted cell may hold commas and doubled quotes). */
const cells = (line: string): string[] =>
  [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map((m) =>
    m[1]!.startsWith('"') ? m[1]!.slice(1, -1).replaceAll('""', '"') : m[1]!,
  );

const csvRows = (csv: string): Record<string, string>[] => {
  const [header, ...lines] = csv.split('\r\n').slice(0, -1);
  const columns = cells(header!);
  return lines.map((line): Record<string, string> =>
    Object.fromEntries(cells(line).map((cell, i) => [columns[i]!, cell])),
  );
};

describe('downloads of a nested figure', () => {
  it('list the derived parts the chart and its table show, with derived = true (team-size, n not published)', () => {
    const figure = realFigure('team-size');
    const table = figureTable(figure).rows.filter((row) => row.derived);
    expect(table.map((row) => [row.label, row.value])).toEqual([
      ['Neither cut nor grew', 49],
      ['Reduced, or another answer', 24],
    ]);
    const json = downloadableFigure(figure);
    expect(json.rows.map((row) => [row.label, row.value, row.derived ?? false, row.ci95])).toEqual([
      ['Did not reduce their AI/ML team', 76, false, null],
      ['Increased their AI/ML team', 27, false, null],
      ['Neither cut nor grew', 49, true, null],
      ['Reduced, or another answer', 24, true, null],
    ]);
    const csv = csvRows(figureToCsv(figure));
    expect(csv.map((row) => [row.label, row.value, row.derived])).toEqual([
      ['Did not reduce their AI/ML team', '76', 'false'],
      ['Increased their AI/ML team', '27', 'false'],
      ['Neither cut nor grew', '49', 'true'],
      ['Reduced, or another answer', '24', 'true'],
    ]);
    expect(figureToCsv(figure, 403)).toContain(',reconstructed,49,,percent,true,Survey of 403; base not published,,,');
  });

  it('give a derived part the 95% interval of a share of the same base where n is known', () => {
    const figure = nestedFigure({ n: 403 });
    const json = downloadableFigure(figure);
    const derived = json.rows.filter((row) => row.derived);
    expect(derived.length).toBeGreaterThan(0);
    for (const row of derived) {
      expect(row.ci95).not.toBeNull();
      expect(row.ci95!.low).toBeLessThan(row.value);
      expect(row.ci95!.high).toBeGreaterThan(row.value);
    }
    const csv = csvRows(figureToCsv(figure)).filter((row) => row.derived === 'true');
    expect(csv).toHaveLength(derived.length);
    for (const row of csv) expect(Number(row.ci95_low)).toBeLessThan(Number(row.value));
  });

  it("leave out the print-only title of a report chapter's exhibit: it is no part of the data", () => {
    const figure = realFigure('models-in-production');
    expect(figure.exhibitTitle).toBeTruthy();
    expect(downloadableFigure(figure)).not.toHaveProperty('exhibitTitle');
  });

  it('add nothing to a figure whose chart shows only its published rows', () => {
    const figure = barsFigure();
    expect(downloadableFigure(figure).rows).toHaveLength(figure.rows.length);
    expect(csvRows(figureToCsv(figure))).toHaveLength(figure.rows.length);
  });
});
