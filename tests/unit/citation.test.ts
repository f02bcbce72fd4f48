import { describe, expect, it } from 'vitest';
import { citationBibtex, citationPlain, citationText, sourceByline, sourceTitle } from '../../src/lib/citation.ts';
import { publicFigure, sourceIndex } from '../../src/lib/figures.ts';
import { numberFigure, pairedFigure } from './fixtures/figures.ts';

describe('citing a source', () => {
  it('names author, outlet and date, then the title marked as a translation', () => {
    const { source } = numberFigure();
    expect(sourceByline(source)).toBe('Louis Columbus, Forbes, January 2021');
    expect(sourceTitle(source)).toBe('Article on the survey (read in translation)');
    expect(citationText(source)).toBe(
      'Louis Columbus, Forbes, January 2021: Article on the survey (read in translation)',
    );
  });

  it('falls back to the title alone where nothing else is known', () => {
    expect(citationText({ key: 'X', title: 'A post', confidence: 'AB' })).toBe('A post');
  });
});

describe('citing an article', () => {
  const work = {
    author: 'The editors',
    title: 'Budgets grew',
    kind: 'article' as const,
    series: 'ML trends',
    publisher: 'Site',
    published: new Date('2021-03-02T00:00:00Z'),
    url: 'https://example.org/a/',
    datasetVersion: '2021.abcdef12',
  };

  it('gives the publication date alone for an article never updated', () => {
    expect(citationPlain(work)).toContain('(2021, March 2). Budgets grew.');
    expect(citationBibtex(work, 'a')).not.toContain('Updated');
  });

  it('adds the date of the last update to an updated article, in the line and in BibTeX', () => {
    const updated = { ...work, updated: new Date('2026-12-06T00:00:00Z') };
    expect(citationPlain(updated)).toContain('(2021, March 2; updated 2026, December 6). Budgets grew.');
    expect(citationBibtex(updated, 'a')).toMatch(/note += \{Updated 2026-12-06\. Dataset version 2021\.abcdef12\}/);
  });
});

describe('what readers may download', () => {
  it("drops every internal source key, the rows' own included", () => {
    const figure = pairedFigure();
    figure.rows[1]!.source = { key: 'P-CDO', title: 'Spend more', confidence: 'PR' };
    const json = JSON.stringify(publicFigure(figure));
    expect(json).not.toMatch(/"key"|B-INVEST|P-CDO/);
    expect(json).toContain('Spend more');
  });
});

describe('sourceIndex', () => {
  it('lists the sources of figures and those trends name without a figure, once each, primary first, with their uses', () => {
    const report = { key: 'RT-REPORT', title: 'The report', confidence: 'RT' } as const;
    const index = sourceIndex(
      [numberFigure(), pairedFigure()],
      [
        { title: 'Trend 7: Alignment', sources: [report] },
        { title: 'Trend 10: MLOps', sources: [report, numberFigure().source] },
      ],
    );
    // The report itself, then the publisher's blog, then others (press, books) by who published them.
    expect(index.map((entry) => [entry.source.key, entry.usedFor])).toEqual([
      ['RT-REPORT', ['Trend 7: Alignment', 'Trend 10: MLOps']],
      ['B-INVEST', ['More organizations grew their AI/ML budgets, and by more']],
      ['P-FORBES-ZH', ['Three in four put AI/ML ahead of other IT work', 'Trend 10: MLOps']],
    ]);
  });
});
