import { describe, expect, it } from 'vitest';
import { keyNumberLabelProblem } from '../../src/lib/key-number-label.ts';

describe('keyNumberLabelProblem', () => {
  it.each([
    'say infrastructure and operations leaders help set AI/ML priorities',
    'Increased the AI/ML budget',
    'Did not reduce the team',
    'Rank governance, security and auditability as the top concern',
    'Prioritize AI/ML over other IT initiatives',
    'need a month or longer to deploy a trained model',
  ])('passes a label that reads as a sentence after its number: %s', (label) => {
    expect(keyNumberLabelProblem(label)).toBeUndefined();
  });

  it.each(['Infrastructure and operations leaders', 'CTOs'])('fails a bare job title: %s', (label) => {
    expect(keyNumberLabelProblem(label)).toMatch(/reads as a share of job titles/);
  });

  it.each([
    'Integration and compatibility of ML technologies, languages and frameworks',
    'More than 50 models in production',
    'A month or longer to deploy a trained model',
  ])('fails a noun phrase: %s', (label) => {
    expect(keyNumberLabelProblem(label)).toMatch(/reads as a noun phrase/);
  });
});
