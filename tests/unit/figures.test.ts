import { describe, expect, it } from 'vitest';
import { closest, figureProblem, figureSources, getFigure, getRow, rowProblem } from '../../src/lib/figures.ts';
import { barsFigure, pairedFigure, stackedFigure } from './fixtures/figures.ts';
import { realFigure } from './fixtures/real-content.ts';

const figures = [barsFigure(), pairedFigure(), stackedFigure()];

describe('closest', () => {
  it('suggests the candidate a typo was meant to be', () => {
    expect(closest('io-decision-maker', ['budget-growth', 'io-decision-makers'])).toBe('io-decision-makers');
    expect(closest('budget-grwoth', ['budget-growth', 'io-decision-makers'])).toBe('budget-growth');
  });

  it('ignores case when comparing', () => {
    expect(closest('ctos', ['CIOs', 'CTOs'])).toBe('CTOs');
  });

  it('suggests nothing when no candidate is close', () => {
    expect(closest('regulations', ['budget-growth', 'io-decision-makers'])).toBeUndefined();
  });
});

describe('figureProblem', () => {
  it('has nothing to say about an id in the dataset', () => {
    expect(figureProblem(figures, 'budget-growth')).toBeUndefined();
  });

  it('names the unknown id and suggests the closest one', () => {
    expect(figureProblem(figures, 'budget-grwoth')).toBe(
      'there is no figure "budget-grwoth" in the dataset. Did you mean "budget-growth"?',
    );
  });

  it('lists the known ids when nothing is close', () => {
    expect(figureProblem(figures, 'regulations')).toBe(
      'there is no figure "regulations" in the dataset. Known: "io-decision-makers", "budget-growth", "ai-priority-change".',
    );
  });

  it("says that a new series' dataset is empty, rather than listing nothing", () => {
    expect(figureProblem([], 'budget-growth')).toBe(
      'there is no figure "budget-growth" in the dataset. It has none yet: each series has its own figures.json.',
    );
  });
});

describe('rowProblem', () => {
  const bars = barsFigure();
  const paired = pairedFigure();

  it('has nothing to say about a row label that exists', () => {
    expect(rowProblem(bars, 'CTOs')).toBeUndefined();
    expect(rowProblem(paired, 'Increased the AI/ML budget', true)).toBeUndefined();
  });

  it('names the figure and the unknown label, and suggests the closest label', () => {
    expect(rowProblem(bars, 'CTO')).toBe('figure "io-decision-makers" has no row labelled "CTO". Did you mean "CTOs"?');
  });

  it('refuses a previous-edition value from a figure that has none', () => {
    expect(rowProblem(bars, 'CTOs', true)).toBe(
      'row "CTOs" of figure "io-decision-makers" has no previous-edition value.',
    );
  });

  it('matches labels exactly, so a label that differs in case is not found', () => {
    expect(rowProblem(bars, 'ctos')).toBe(
      'figure "io-decision-makers" has no row labelled "ctos". Did you mean "CTOs"?',
    );
  });
});

describe('getFigure and getRow', () => {
  it('return the figure and the row an article asks for', () => {
    expect(getRow(getFigure(figures, 'io-decision-makers'), 'CIOs').value).toBe(35);
  });

  it('fail with the same message the validator gives', () => {
    expect(() => getFigure(figures, 'budget-grwoth')).toThrow('Did you mean "budget-growth"?');
    expect(() => getRow(barsFigure(), 'CTOs', true)).toThrow('has no previous-edition value');
  });
});

describe('figureSources', () => {
  it("lists the figure's own source first, then each other source of its rows once", () => {
    const figure = barsFigure({
      rows: [
        { label: 'a', value: 10, source: { key: 'P-TNS', title: 'The New Stack', confidence: 'PR' } },
        { label: 'b', value: 20, source: { key: 'P-TNS', title: 'The New Stack', confidence: 'PR' } },
        { label: 'c', value: 30, source: { key: 'B-IO', title: 'Same key as the figure', confidence: 'AB' } },
        { label: 'd', value: 40 },
      ],
    });
    expect(figureSources(figure).map((s) => s.key)).toEqual(['B-IO', 'P-TNS']);
    expect(figureSources(figure)[0]?.title).toBe(figure.source.title);
  });

  it('lists both sources of the real budget figure, whose second row has its own', () => {
    expect(figureSources(realFigure('budget-growth')).map((s) => s.key)).toEqual(['B-INVEST', 'P-CDO']);
  });
});
