import { describe, expect, it } from 'vitest';
import { typeset, typesetFigure } from '../../src/lib/typography.ts';
import { numberFigure, stackedFigure } from './fixtures/figures.ts';

describe('typeset', () => {
  it('curls quotes and apostrophes and sets en and em dashes and ellipses', () => {
    expect(typeset(`The team's "pilot" -- 2020--2021 --- ran 'late'...`)).toBe(
      'The team’s “pilot” – 2020–2021 — ran ‘late’…',
    );
  });

  it('leaves text without straight punctuation as it is', () => {
    expect(typeset('AI/ML budgets rose in 2021 (n = 403).')).toBe('AI/ML budgets rose in 2021 (n = 403).');
  });
});

describe('typesetFigure', () => {
  it('sets every text readers see: title, question, base, labels, note and source title, and keeps ids and keys', () => {
    const figure = typesetFigure(
      stackedFigure({
        title: `"Priority" rose`,
        note: `"Stayed the same" is derived -- 100% minus the rest.`,
        rows: [
          { label: `"Up"`, value: 64 },
          { label: 'Same', value: 30, derived: true },
          { label: 'Down', value: 6 },
        ],
      }),
    );
    expect(figure.title).toBe('“Priority” rose');
    expect(figure.note).toBe('“Stayed the same” is derived – 100% minus the rest.');
    expect(figure.rows[0]!.label).toBe('“Up”');
    expect(figure.id).toBe('ai-priority-change');
    const number = typesetFigure(
      numberFigure({ source: { key: "K'1", title: `Louis's "article"`, confidence: 'PR' } }),
    );
    expect(number.source).toEqual({ key: "K'1", title: 'Louis’s “article”', confidence: 'PR' });
  });
});
