import { describe, expect, it } from 'vitest';
import { CSV_COLUMNS, csvField, figureToCsv } from '../../src/lib/csv.ts';
import { barsFigure, numberFigure, pairedFigure } from './fixtures/figures.ts';
import { realFigure } from './fixtures/real-content.ts';

/** Lines of a CSV file, without the empty string after the final line end. */
const lines = (csv: string) => csv.split('\r\n').slice(0, -1);

/** The fields of one CSV line (RFC 4180: a quoted field may hold commas and doubled quotes). */
const fieldsOf = (line: string) =>
  [...line.matchAll(/(?:^|,)("(?:[^"]|"")*"|[^,]*)/g)].map(([, field]) =>
    field!.startsWith('"') ? field!.slice(1, -1).replace(/""/g, '"') : field!,
  );

/** One column of the second line (the first row) of a figure's CSV. */
const firstRow = (csv: string) => {
  const fields = fieldsOf(lines(csv)[1]!);
  return (column: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(column)];
};

describe('figureToCsv', () => {
  it('starts with the documented header row', () => {
    expect(lines(figureToCsv(barsFigure()))[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('writes one line per row, with base and source repeated on each', () => {
    const source = 'Algorithmia blog: I&O leaders are the most common decision-makers,https://example.com/io-leaders';
    const method = '95% Wilson score interval';
    const question = 'Who sets the priorities for AI/ML at your organization?,reconstructed';
    const quote =
      '“all 403 respondents answered this question (test fixture)” (Algorithmia blog: I&O leaders are the most common decision-makers)';
    const base = `All respondents (n = 403),403,${quote}`;
    expect(lines(figureToCsv(barsFigure({ multiSelect: false }))).slice(1)).toEqual([
      `io-decision-makers,Infrastructure and operations leaders,${question},57,,percent,false,${base},false,,,,${source},52.1,61.7,,,${method},`,
      `io-decision-makers,CTOs,${question},39,,percent,false,${base},false,,,,${source},34.4,43.8,,,${method},`,
      `io-decision-makers,CIOs,${question},35,,percent,false,${base},false,,,,${source},30.5,39.8,,,${method},`,
      `io-decision-makers,Heads of data science,${question},31,,percent,false,${base},false,,,,${source},26.7,35.7,,,${method},`,
    ]);
  });

  it('says "Survey of 403; base not published" where no source states the base, and quotes nothing', () => {
    const at = firstRow(figureToCsv(barsFigure({ n: null }), 403));
    expect([at('base'), at('n'), at('base_quote')]).toEqual(['Survey of 403; base not published', '', '']);
    expect(at('question_wording')).toBe('reconstructed');
  });

  it('cites a source by author, outlet, date and title, marked as a translation, never by its internal key', () => {
    const csv = figureToCsv(numberFigure());
    expect(csv).toContain('"Louis Columbus, Forbes, January 2021: Article on the survey (read in translation)"');
    expect(csv).not.toContain('P-FORBES-ZH');
  });

  it("gives previous-edition values their own base, not this edition's", () => {
    const at = firstRow(figureToCsv(pairedFigure({ previousN: 250 })));
    expect([at('base'), at('n'), at('previous_base'), at('previous_n')]).toEqual([
      'All respondents (n = 403)',
      '403',
      'Respondents to the 2020 edition (n = 250)',
      '250',
    ]);
    expect(at('previous_base_quote')).toContain('all 250 respondents');
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
      .map((line) => {
        const fields = fieldsOf(line);
        return [fields[CSV_COLUMNS.indexOf('value')], fields[CSV_COLUMNS.indexOf('previous_value')]];
      });
    expect(values).toEqual([
      ['83', '71'],
      ['20', '7'],
    ]);
  });

  it('leaves n empty where it was not published, and marks derived rows', () => {
    const figure = barsFigure({ n: null, rows: [{ label: 'Computed', value: 30, derived: true }], note: 'Derived.' });
    const at = firstRow(figureToCsv(figure));
    expect(at('n')).toBe('');
    expect(at('derived')).toBe('true');
  });

  it('gives the 95% interval of each share, to one decimal, with the method', () => {
    const at = firstRow(figureToCsv(barsFigure()));
    expect([at('ci95_low'), at('ci95_high')]).toEqual(['52.1', '61.7']);
    expect(at('ci95_method')).toBe('95% Wilson score interval');
    expect(at('interval_note')).toBe('');
  });

  it('leaves the interval empty where n is not published, and says why on the row', () => {
    const at = firstRow(figureToCsv(barsFigure({ n: null })));
    expect([at('n'), at('ci95_low'), at('ci95_high')]).toEqual(['', '', '']);
    expect(at('interval_note')).toBe('No interval: base not published');
  });

  it('says which edition lacks its base where a paired row has no interval', () => {
    const note = (figure: Parameters<typeof figureToCsv>[0]) => firstRow(figureToCsv(figure))('interval_note');
    expect(note(pairedFigure({ n: null, previousN: null }))).toBe("No interval: neither edition's base is published");
    expect(note(pairedFigure({ n: null, previousN: 250 }))).toBe('No interval for value: base not published');
  });

  it("gives a previous value the interval over the previous edition's n, or none where that n is unknown", () => {
    const known = fieldsOf(lines(figureToCsv(pairedFigure({ previousN: 250 })))[1]!);
    const at = (fields: string[], column: (typeof CSV_COLUMNS)[number]) => fields[CSV_COLUMNS.indexOf(column)];
    expect([at(known, 'previous_ci95_low'), at(known, 'previous_ci95_high')]).toEqual(['65.1', '76.3']);
    expect(at(known, 'interval_note')).toBe('');
    const unknown = fieldsOf(lines(figureToCsv(pairedFigure({ previousN: null })))[1]!);
    expect([at(unknown, 'ci95_low'), at(unknown, 'previous_ci95_low'), at(unknown, 'previous_ci95_high')]).toEqual([
      '79.0',
      '',
      '',
    ]);
    expect(at(unknown, 'interval_note')).toBe('No interval for previous_value: base not published');
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
    const question = 'Who sets the priorities for AI/ML at your organization?,reconstructed';
    expect(csv).toContain(`io-decision-makers,"Languages, frameworks",${question},49,`);
    expect(csv).toContain(`io-decision-makers,"The ""core"" team",${question},20,`);
    expect(csv).toContain(`io-decision-makers,"Two\nlines",${question},10,`);
  });

  it('exports the values of the real io-decision-makers figure as published, with no base no source states', () => {
    const rows = lines(figureToCsv(realFigure('io-decision-makers'), 403))
      .slice(1)
      .map(fieldsOf);
    const column = (name: (typeof CSV_COLUMNS)[number]) => rows.map((fields) => fields[CSV_COLUMNS.indexOf(name)]);
    expect(column('value')).toEqual(['57', '39', '35', '31']);
    expect(new Set(column('base'))).toEqual(new Set(['Survey of 403; base not published']));
    expect(new Set(column('ci95_low'))).toEqual(new Set(['']));
    expect(column('label')).toEqual(['Infrastructure and operations leaders', 'CTOs', 'CIOs', 'Heads of data science']);
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
