import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, figureToCsv } from '../../src/lib/csv.ts';
import { barsFigure, numberFigure, pairedFigure } from './fixtures/figures.ts';
import { realFigure } from './fixtures/real-content.ts';

/** Lines of a CSV file, without the empty string after the final line end. */
const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

describe('figureToCsv', () => {
  it('starts with the documented header row', () => {
    expect(lines(figureToCsv(barsFigure()))[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('writes one line per row, with base and source repeated on each', () => {
    const source = 'Algorithmia blog: I&O leaders are the most common decision-makers,https://example.com/io-leaders';
    const method = '95% Wilson score interval';
    expect(lines(figureToCsv(barsFigure({ multiSelect: false }))).slice(1)).toEqual([
      `io-decision-makers,Infrastructure and operations leaders,57,,percent,false,All respondents,403,false,,,${source},52.1,61.7,,,${method},`,
      `io-decision-makers,CTOs,39,,percent,false,All respondents,403,false,,,${source},34.4,43.8,,,${method},`,
      `io-decision-makers,CIOs,35,,percent,false,All respondents,403,false,,,${source},30.5,39.8,,,${method},`,
      `io-decision-makers,Heads of data science,31,,percent,false,All respondents,403,false,,,${source},26.7,35.7,,,${method},`,
    ]);
  });

  it('cites a source by author, outlet, date and title, marked as a translation, never by its internal key', () => {
    const csv = figureToCsv(numberFigure());
    expect(csv).toContain('"Louis Columbus, Forbes, January 2021: Article on the survey (read in translation)"');
    expect(csv).not.toContain('P-FORBES-ZH');
  });

  it("gives previous-edition values their own base, not this edition's", () => {
    const [, first] = lines(figureToCsv(pairedFigure({ previousN: 250 })));
    expect(first!.split(',').slice(6, 11)).toEqual([
      'All respondents',
      '403',
      'false',
      'Respondents to the 2020 edition',
      '250',
    ]);
  });

  it('ends every line, the last one included, with CRLF', () => {
    const csv = figureToCsv(barsFigure());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.split('\n')).toHaveLength(6);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes previous-edition values for a paired figure', () => {
    const values = lines(figureToCsv(pairedFigure()))
      .slice(1)
      .map((line) => line.split(',').slice(2, 4));
    expect(values).toEqual([
      ['83', '71'],
      ['20', '7'],
    ]);
  });

  it('leaves n empty where it was not published, and marks derived rows', () => {
    const figure = barsFigure({ n: null, rows: [{ label: 'Computed', value: 30, derived: true }], note: 'Derived.' });
    const fields = lines(figureToCsv(figure))[1]!.split(',');
    expect(fields[CSV_COLUMNS.indexOf('n')]).toBe('');
    expect(fields[CSV_COLUMNS.indexOf('derived')]).toBe('true');
  });

  it('gives the 95% interval of each share, to one decimal, with the method', () => {
    const [, first] = lines(figureToCsv(barsFigure()));
    const fields = first!.split(',');
    const at = (column: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(column)];
    expect([at('ci95_low'), at('ci95_high')]).toEqual(['52.1', '61.7']);
    expect(at('ci95_method')).toBe('95% Wilson score interval');
    expect(at('interval_note')).toBe('');
  });

  it('leaves the interval empty where n is not published, and says why on the row', () => {
    const [, first] = lines(figureToCsv(barsFigure({ n: null })));
    const fields = first!.split(',');
    const at = (column: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(column)];
    expect([at('n'), at('ci95_low'), at('ci95_high')]).toEqual(['', '', '']);
    expect(at('interval_note')).toBe('No interval: the base (n) is not published');
  });

  it('says which edition lacks its base where a paired row has no interval', () => {
    const note = (figure: Parameters<typeof figureToCsv>[0]) =>
      lines(figureToCsv(figure))[1]!.split(',')[CSV_COLUMNS.indexOf('interval_note')];
    expect(note(pairedFigure({ n: null, previousN: null }))).toBe(
      "No interval: neither edition's base (n) is published",
    );
    expect(note(pairedFigure({ n: null, previousN: 250 }))).toBe(
      'No interval for value: the base (n) is not published',
    );
  });

  it("gives a previous value the interval over the previous edition's n, or none where that n is unknown", () => {
    const known = lines(figureToCsv(pairedFigure({ previousN: 250 })))[1]!.split(',');
    const at = (fields: string[], column: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(column)];
    expect([at(known, 'previous_ci95_low'), at(known, 'previous_ci95_high')]).toEqual(['65.1', '76.3']);
    expect(at(known, 'interval_note')).toBe('');
    const unknown = lines(figureToCsv(pairedFigure({ previousN: null })))[1]!.split(',');
    expect([at(unknown, 'ci95_low'), at(unknown, 'previous_ci95_low'), at(unknown, 'previous_ci95_high')]).toEqual([
      '79.0',
      '',
      '',
    ]);
    expect(at(unknown, 'interval_note')).toBe(
      "No interval for previous_value: the previous edition's base (n) is not published",
    );
  });

  it("credits a row's own source, not the figure's, on that row", () => {
    const figure = pairedFigure();
    figure.rows[1]!.source = {
      key: 'P-CDO',
      title: 'Spend more',
      outlet: 'Trade press',
      via: 'mirror',
      confidence: 'PR',
    };
    const [first, second] = lines(figureToCsv(figure)).slice(1);
    expect(first).toContain('Algorithmia blog: investments');
    expect(second).toContain('Trade press: Spend more (read via a mirror)');
    expect(second).not.toContain('P-CDO');
  });

  it('quotes labels with commas, quotes or line breaks as RFC 4180 asks', () => {
    const figure = barsFigure({
      rows: [
        { label: 'Languages, frameworks', value: 49 },
        { label: 'The "core" team', value: 20 },
        { label: 'Two\nlines', value: 10 },
      ],
    });
    const csv = figureToCsv(figure);
    expect(csv).toContain('io-decision-makers,"Languages, frameworks",49,');
    expect(csv).toContain('io-decision-makers,"The ""core"" team",20,');
    expect(csv).toContain('io-decision-makers,"Two\nlines",10,');
  });

  it('exports the values of the real io-decision-makers figure as published', () => {
    const rows = lines(figureToCsv(realFigure('io-decision-makers'))).slice(1);
    expect(rows.map((line) => line.split(',')[2])).toEqual(['57', '39', '35', '31']);
    expect(rows.map((line) => line.split(',')[1])).toEqual([
      'Infrastructure and operations leaders',
      'CTOs',
      'CIOs',
      'Heads of data science',
    ]);
  });
});

describe('csvField', () => {
  it('writes missing values as empty fields and leaves plain text alone', () => {
    expect([csvField(null), csvField(undefined), csvField(0), csvField(false), csvField('CTOs')]).toEqual([
      '',
      '',
      '0',
      'false',
      'CTOs',
    ]);
  });

  it('quotes a field with a carriage return', () => {
    expect(csvField('a\rb')).toBe('"a\rb"');
  });
});
