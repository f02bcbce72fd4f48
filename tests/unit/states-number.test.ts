import { describe, expect, it } from 'vitest';
import { statesNumber } from '../../src/lib/states-number.ts';

/** Issue 20 round 9: no card shows a number whose value its headline also states, in digits or in words. */
describe('whether a headline states a number', () => {
  it('finds a share said in words, qualified or not', () => {
    expect(
      statesNumber(
        'Deploying a trained model took a month or more, nearly two in three respondents said',
        64,
        'percent',
      ),
    ).toBe(true);
    expect(
      statesNumber('Over four in five raised AI/ML budgets year on year; one in five by over half', 83, 'percent'),
    ).toBe(true);
    expect(
      statesNumber('Three in four did not cut AI/ML teams in 2020; over one in four grew them', 27, 'percent'),
    ).toBe(true);
    expect(
      statesNumber('More than half of respondents ranked governance their top ML concern in 2020', 56, 'percent'),
    ).toBe(true);
    expect(
      statesNumber('Nearly half struggled in 2020 to make their machine learning tools work together', 49, 'percent'),
    ).toBe(true);
    expect(statesNumber('A third of teams shipped weekly', 34, 'percent')).toBe(true);
    expect(statesNumber('Two-thirds of teams shipped weekly', 66, 'percent')).toBe(true);
  });

  it('finds a share or a count said in digits', () => {
    expect(statesNumber('64% wait a month or more', 64, 'percent')).toBe(true);
    expect(statesNumber('Only 40 percent ran more than 50 models', 40, 'percent')).toBe(true);
    expect(statesNumber('Teams ran 1,200 models', 1200, 'count')).toBe(true);
  });

  it('does not find a number the headline does not state', () => {
    expect(
      statesNumber('Machine learning went first where it promised both to save money and to earn it', 40, 'percent'),
    ).toBe(false);
    // "50 models" is a threshold, not the share of 40%; "two in five" would be.
    expect(statesNumber('Large companies ran more than 50 machine learning models in 2020', 40, 'percent')).toBe(false);
    // A share far from the number: one in five is not 83%.
    expect(statesNumber('One in five raised budgets by over half', 83, 'percent')).toBe(false);
    // A year is not a count of 2020.
    expect(statesNumber('What changed in 2020', 20, 'percent')).toBe(false);
  });
});
