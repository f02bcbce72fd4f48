import { describe, expect, it } from 'vitest';
import { homeLead, homeLeadProblems } from '../../src/lib/home-lead.ts';
import { barsFigure, pairedFigure } from './fixtures/figures.ts';

const figures = [barsFigure(), pairedFigure()];
const lead = {
  figure: 'budget-growth',
  label: 'Increased it by more than 50%',
  headline: '{value} raised their budget by more than half, up from {previous}',
};

describe('the home page lead (home.lead)', () => {
  it('puts the row’s numbers from the dataset into the headline', () => {
    const built = homeLead(lead, figures)!;
    expect(built.figure.id).toBe('budget-growth');
    expect(built.headline).toBe('20% raised their budget by more than half, up from 7%');
  });

  it('follows a corrected value: the headline is never typed twice', () => {
    const corrected = pairedFigure({
      rows: [
        { label: 'Increased the AI/ML budget', value: 83, previous: 71 },
        { label: 'Increased it by more than 50%', value: 21, previous: 7 },
      ],
    });
    expect(homeLead(lead, [corrected])!.headline).toMatch(/^21% raised/);
  });

  it('leads with nothing while its figure is not published, and when the series names no lead', () => {
    expect(homeLead(lead, [barsFigure()])).toBeUndefined();
    expect(homeLead(undefined, figures)).toBeUndefined();
  });

  it('finds nothing wrong with a lead whose figure, row and placeholders resolve', () => {
    expect(homeLeadProblems(lead, figures)).toEqual([]);
  });
});
