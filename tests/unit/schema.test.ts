import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { describe, expect, it } from 'vitest';
import { FigureSchema } from '../../src/lib/schema/figure.ts';
import { fieldPath, formatIssues } from '../../src/lib/schema/issues.ts';
import { SeriesSchema } from '../../src/lib/schema/series.ts';
import { TrendSchema } from '../../src/lib/schema/trend.ts';
import { realFigureData, seriesDir } from './fixtures/real-content.ts';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8'));
}

/** The editor-facing messages for a figure that must be rejected. */
function figureErrors(data: unknown): string[] {
  const result = FigureSchema.safeParse(data);
  expect(result.success, 'the figure should be rejected').toBe(false);
  return result.error ? formatIssues(result.error.issues) : [];
}

describe('issue messages', () => {
  it('writes nested paths the way an editor finds them in JSON', () => {
    expect(fieldPath(['rows', 2, 'value'])).toBe('rows[2].value');
    expect(fieldPath(['source', 'key'])).toBe('source.key');
    expect(fieldPath([0, 'label'])).toBe('[0].label');
  });

  it('puts the field in front of the message, and leaves messages without a path as they are', () => {
    expect(
      formatIssues([
        { path: ['keyFigure', 'label'], message: 'is required' },
        { path: [], message: 'The file is empty.' },
      ]),
    ).toEqual(['field "keyFigure.label" is required', 'The file is empty.']);
  });
});

describe('FigureSchema', () => {
  it('accepts the well-formed fixture the broken ones are made from', () => {
    expect(FigureSchema.safeParse(fixture('valid-figure')).success).toBe(true);
  });

  it.each([
    ['no-source', ['field "source" is required: every figure needs a source with key, title and confidence']],
    [
      'source-without-key-title-confidence',
      [
        'field "source.key" is required (the source key, e.g. "B-IO")',
        'field "source.title" is required (the name shown under the chart)',
        'field "source.confidence" must be one of RT (report text), AB (the publisher\'s blog), PR (secondary source), DER (derived)',
      ],
    ],
    ['percentage-over-100', ['field "rows[0].value" is a percentage and must be between 0 and 100']],
    ['negative-value', ['field "rows[1].value" is a percentage and must be between 0 and 100']],
    ['stacked-not-100', ['field "rows" of a "stacked" figure must add up to 100 (parts of a whole), but add up to 70']],
    [
      'paired-incomplete',
      [
        'field "rows[1].previous" is required on every row of a "paired" figure (the previous edition value)',
        'field "seriesLabels" is required for a "paired" figure, e.g. ["2021 edition", "2020 edition"]',
      ],
    ],
    ['derived-without-note', ['field "note" is required when a row is derived: say how it was computed']],
    [
      'bad-kind',
      [
        'field "kind" must be one of "bars" (ranked shares), "paired" (this edition vs the previous one), "stacked" (parts of a whole), "number" (one value as a number on a 0–100 number line), "nested" (answers inside one another, in one 100% bar) or "by-segment" (every group beside all respondents)',
      ],
    ],
    ['id-not-kebab', ['field "id" must be kebab-case (a-z, 0-9 and dashes)']],
    ['repeated-label', ['field "rows[1].label" repeats the label "Infrastructure and operations leaders"']],
    ['no-rows', ['field "rows" must list at least one row']],
    ['fractional-n', ['field "base.n" must be a whole number']],
    // Point 2 of issue 20: a base (and its size) only with the source's words for it.
    [
      'base-without-quote',
      [
        'field "base.quote" is required: quote the source\'s own words for the base (and its size); where no source states the base, remove "base"',
      ],
    ],
    [
      'n-without-base',
      ['field "n" is no longer a field: a base\'s size is "base.n", beside the source\'s words in "base.quote"'],
    ],
    [
      'base-source-unknown',
      ['field "base.source" names the source "P-CDO", which is neither this figure\'s source nor a row\'s ("B-IO")'],
    ],
    [
      'question-wording-missing',
      [
        'field "questionWording" must be "published" (the question is a source\'s exact words) or "reconstructed" (written here from the finding)',
      ],
    ],
  ])('rejects broken-figures/%s.json, naming the field', (name, messages) => {
    expect(figureErrors(fixture(`broken-figures/${name}`))).toEqual(messages);
  });

  it('rejects a source link that is not http(s), as its message promises', () => {
    expect(figureErrors(fixture('broken-figures/source-url-not-http'))).toContain(
      'field "source.url" must be an absolute http(s) URL',
    );
  });

  it('refuses values that are all fractions of 1, which would be drawn as shares under 1%', () => {
    const figure = structuredClone(fixture('valid-figure')) as { rows: { value: number }[] };
    for (const row of figure.rows) row.value = row.value / 100;
    expect(figureErrors(figure)).toEqual([
      'field "rows" has every value at 1 or less: values are percentages, so 57% is written 57, not 0.57',
    ]);
  });

  it('accepts stacked shares with decimals that add up to 100', () => {
    const data = fixture('valid-figure') as Record<string, unknown>;
    const rows = [
      { label: 'a', value: 33.3 },
      { label: 'b', value: 33.3 },
      { label: 'c', value: 33.4 },
    ];
    expect(FigureSchema.safeParse({ ...data, kind: 'stacked', rows }).success).toBe(true);
  });

  it('marks rows as published (not derived) unless the dataset says otherwise', () => {
    const figure = FigureSchema.parse(fixture('valid-figure'));
    expect(figure.rows.map((r) => r.derived)).toEqual([false, false]);
  });
});

describe('the real dataset', () => {
  const items = realFigureData();

  it(`parses every figure of ${seriesDir}/figures.json without a problem`, () => {
    const problems = items.flatMap((item, i) => {
      const result = FigureSchema.safeParse(item);
      return result.success ? [] : formatIssues(result.error.issues).map((p) => `#${i + 1}: ${p}`);
    });
    expect(problems).toEqual([]);
    expect(items.length).toBeGreaterThan(0);
  });

  it('gives every figure, as written in the file, a source with a key, a title and a confidence', () => {
    // Checked on the raw JSON, so it holds even if the schema ever made the source optional.
    for (const item of items as { id?: string; source?: Record<string, unknown> }[]) {
      expect(typeof item.source?.key, item.id).toBe('string');
      expect(typeof item.source?.title, item.id).toBe('string');
      expect(['RT', 'AB', 'PR', 'DER'], item.id).toContain(item.source?.confidence);
    }
  });

  it('uses every figure id once', () => {
    const ids = items.map((item) => FigureSchema.parse(item).id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});

describe('TrendSchema', () => {
  const valid = {
    order: 1,
    title: 'Machine learning budgets keep climbing into 2021',
    summary: 'Most large organizations moved AI/ML up their IT priorities.',
    published: '2021-01-05',
    author: 'The ML Trends editorial team',
    figures: ['budget-growth'],
    keyFigure: { figure: 'budget-growth', label: 'Increased the AI/ML budget' },
  };
  const errors = (data: unknown) => {
    const result = TrendSchema.safeParse(data);
    expect(result.success, 'the frontmatter should be rejected').toBe(false);
    return result.error ? formatIssues(result.error.issues) : [];
  };

  it('refuses an update dated before the publication', () => {
    expect(errors({ ...valid, updated: '2012-01-20', updateNote: 'Added a source.' })).toEqual([
      'field "updated" is 2012-01-20, before "published" (2021-01-05): an update comes after the publication',
    ]);
    expect(TrendSchema.safeParse({ ...valid, updated: '2021-01-05', updateNote: 'Added a source.' }).success).toBe(
      true,
    );
  });

  it('requires a note of what changed with an update, and no note without one', () => {
    expect(errors({ ...valid, updated: '2021-02-01' })).toEqual([
      'field "updateNote" is required when "updated" is set: say in one sentence what the update changed',
    ]);
    expect(errors({ ...valid, updateNote: 'Added a source.' })).toEqual([
      'field "updateNote" needs "updated" (the date of the change it describes)',
    ]);
    const trend = TrendSchema.parse({ ...valid, updated: '2021-02-01', updateNote: 'Added a source.' });
    expect(trend.updateNote).toBe('Added a source.');
  });

  it('accepts valid frontmatter and reads the publication date as a Date', () => {
    const trend = TrendSchema.parse(valid);
    expect(trend.published).toBeInstanceOf(Date);
    expect(trend.published.toISOString()).toBe('2021-01-05T00:00:00.000Z');
    expect(trend.draft).toBe(false);
  });

  it('reads the frontmatter of an article file the same way', () => {
    const source =
      '---\norder: 2\ntitle: Teams\nsummary: Teams grew.\npublished: 2021-01-12\nauthor: Editors\n---\nBody';
    const trend = TrendSchema.parse(parseFrontmatter(source).frontmatter);
    expect(trend.published.toISOString()).toBe('2021-01-12T00:00:00.000Z');
    expect(trend.figures).toEqual([]);
  });

  it('names the order field when it is missing', () => {
    const withoutOrder: Record<string, unknown> = { ...valid };
    delete withoutOrder.order;
    expect(errors(withoutOrder)).toEqual([
      'field "order" is required: the position of the trend in the series (1, 2, 3, ...)',
    ]);
  });

  it('refuses order 0 and fractional orders', () => {
    expect(errors({ ...valid, order: 0 })).toEqual(['field "order" must be 1 or more']);
    expect(errors({ ...valid, order: 1.5 })).toEqual(['field "order" must be a whole number']);
  });

  it('refuses a date that does not exist instead of publishing "Invalid Date"', () => {
    expect(errors({ ...valid, published: '2021-13-45' })).toEqual([
      'field "published" must be a date (YYYY-MM-DD) that exists on the calendar',
    ]);
    expect(errors({ ...valid, published: 'next Tuesday' })).toEqual([
      'field "published" must be a date (YYYY-MM-DD) that exists on the calendar',
    ]);
  });

  it('refuses a day past the end of the month instead of rolling over into the next', () => {
    expect(errors({ ...valid, published: '2021-02-30' })).toEqual([
      'field "published" must be a date (YYYY-MM-DD) that exists on the calendar',
    ]);
  });

  it('names the key figure label when it is missing', () => {
    expect(errors({ ...valid, keyFigure: { figure: 'budget-growth' } })).toEqual([
      'field "keyFigure.label" is required (a row label of the figure)',
    ]);
  });

  it('keeps titles short enough for lists and cards', () => {
    expect(errors({ ...valid, title: 'x'.repeat(121) })).toEqual(['field "title" must be at most 120 characters']);
  });
});

describe('fields an editor misspells', () => {
  it('are refused with the field they resemble, never dropped', () => {
    const trend = TrendSchema.safeParse({
      order: 1,
      title: 'A trend',
      summary: 'What it says.',
      published: '2021-01-05',
      author: 'Editors',
      Draft: true,
      keyfigure: { figure: 'budget-growth', label: 'Increased the AI/ML budget' },
    });
    expect(trend.error && formatIssues(trend.error.issues)).toEqual([
      'field "Draft" is not a known field. Did you mean "draft"?',
      'field "keyfigure" is not a known field. Did you mean "keyFigure"?',
    ]);
    const figure = structuredClone(fixture('valid-figure')) as { rows: Record<string, unknown>[] };
    figure.rows[0]!.dervied = true;
    figure.rows[1]!.sources = figure.rows[1]!.source ?? { key: 'PR', title: 'Trade press', confidence: 'PR' };
    expect(figureErrors(figure)).toEqual([
      'field "rows[0].dervied" is not a known field. Did you mean "derived"?',
      'field "rows[1].sources" is not a known field. Did you mean "source"?',
    ]);
    const seriesFile = parseFrontmatter(
      `---\n${readFileSync(new URL(`../../${seriesDir}/series.yaml`, import.meta.url), 'utf8').replace(/^language:/m, 'langauge:')}\n---\n`,
    ).frontmatter;
    const parsed = SeriesSchema.safeParse(seriesFile);
    expect(parsed.error && formatIssues(parsed.error.issues)).toEqual([
      'field "langauge" is not a known field. Did you mean "language"?',
    ]);
  });
});

describe('SeriesSchema', () => {
  it(`accepts the real ${seriesDir}/series.yaml`, () => {
    const yaml = readFileSync(new URL(`../../${seriesDir}/series.yaml`, import.meta.url), 'utf8');
    const result = SeriesSchema.safeParse(parseFrontmatter(`---\n${yaml}\n---\n`).frontmatter);
    expect(result.error ? formatIssues(result.error.issues) : []).toEqual([]);
    expect(result.data?.survey.respondents).toBe(403);
  });

  it('refuses a language that is not a language tag, which would become <html lang>', () => {
    const yaml = readFileSync(new URL(`../../${seriesDir}/series.yaml`, import.meta.url), 'utf8');
    for (const [language, ok] of [
      ['German', false],
      ['en_GB', false],
      ['de', true],
      ['en-GB', true],
      ['pt-BR', true],
    ] as const) {
      const data = parseFrontmatter(
        `---\n${yaml.replace(/^language: en$/m, `language: ${language}`)}\n---\n`,
      ).frontmatter;
      const result = SeriesSchema.safeParse(data);
      expect(result.error ? formatIssues(result.error.issues) : [], language).toEqual(
        ok ? [] : ['field "language" must be a language tag, like en, en-GB or de'],
      );
    }
  });

  it("takes a brand of the series' own, one short line, for its header, footer, cards and report page", () => {
    const yaml = readFileSync(new URL(`../../${seriesDir}/series.yaml`, import.meta.url), 'utf8');
    for (const [brand, errors] of [
      ['Platform Survey', []],
      ["''", ['field "brand" must not be empty: leave it out to use the site\'s name']],
      [`'${'x'.repeat(41)}'`, ['field "brand" must be at most 40 characters: it sits on one line of the header']],
      ['[a, b]', ['field "brand" must be a name, like "Platform Survey"']],
    ] as const) {
      const data = parseFrontmatter(`---\n${yaml}\nbrand: ${brand}\n---\n`).frontmatter;
      const result = SeriesSchema.safeParse(data);
      expect(result.error ? formatIssues(result.error.issues) : [], brand).toEqual(errors);
    }
  });

  it('names the edition field when it is not a year', () => {
    const result = SeriesSchema.safeParse({ edition: 'twenty-one' });
    expect(result.error ? formatIssues(result.error.issues) : []).toContain(
      'field "edition" must be a year, e.g. 2021',
    );
  });
});

describe('FigureSchema units', () => {
  const valid = () => fixture('valid-figure') as Record<string, unknown> & { rows: { value: number }[] };

  it('accepts days, counts and scores beyond 100, and an NPS below zero', () => {
    const days = { ...valid(), unit: 'days', kind: 'bars', rows: [{ label: 'Median', value: 120 }] };
    expect(FigureSchema.safeParse(days).success).toBe(true);
    const nps = { ...valid(), unit: 'score', scale: { min: -100, max: 100 }, rows: [{ label: 'NPS', value: -12 }] };
    expect(FigureSchema.safeParse(nps).success).toBe(true);
  });

  it('names the currency a money figure lacks, and the one a share does not need', () => {
    expect(figureErrors({ ...valid(), unit: 'currency' })).toContain(
      'field "currency" is required with unit "currency" (e.g. "EUR")',
    );
    expect(figureErrors({ ...valid(), currency: 'EUR' })).toContain('field "currency" is only for unit "currency"');
    expect(figureErrors({ ...valid(), unit: 'euros' })[0]).toMatch(/field "unit" must be "percent", "count"/);
  });
});
