import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyMethod, surveyQuestionnaire } from '../../src/lib/survey/method.ts';

/**
 * What an own survey's sources page prints: how each number is computed (from the survey's own settings) and
 * the numbered questionnaire as asked. Read from the demonstration series' real files.
 */
const root = process.cwd();
const survey = loadSurvey(join(root, 'content/series/platform-engineering-2024'), root, 'test');

describe('an own survey’s method and questionnaire, as the sources page prints them', () => {
  it('numbers every question, with its exact wording, type, options and who was asked', () => {
    const items = surveyQuestionnaire(survey);
    expect(items.map((q) => q.number)).toEqual(survey.questions.map((_, i) => `Q${i + 1}`));
    expect(items.map((q) => q.wording)).toEqual(survey.questions.map((q) => q.wording));
    const offers = items.find((q) => q.wording.startsWith('Which of these does your internal platform offer'))!;
    expect(offers.type).toBe('Multiple choice: any number of answers');
    expect(offers.options).toContain('Cost reports');
    expect(offers.asked).toBe('those who answered “Yes, in use” or “Being built” to Q4');
    const size = items.find((q) => q.wording === 'How many people work at your company?')!;
    expect(size.type).toBe('Single choice');
    expect(size.asked).toBe('everyone');
    const recommend = items.find((q) => q.wording.startsWith('How likely are you to recommend'))!;
    expect(recommend.type).toBe('Scale from 0 (Not at all likely) to 10 (Extremely likely)');
    const onboarding = items.find((q) => q.wording.startsWith('In working days'))!;
    expect(onboarding.type).toBe('Number of days');
    const text = items.find((q) => q.wording.startsWith('What would you change first'))!;
    expect(text.type).toBe('Free text: the answers are not published');
    expect(text.options).toEqual([]);
  });

  it('states each interval method, the minimum n with complementary suppression, and the weights', () => {
    const method = Object.fromEntries(surveyMethod(survey).map(({ term, text }) => [term, text]));
    expect(method['Shares']).toMatch(/Wilson score interval/);
    expect(method['Means, medians and quartiles']).toMatch(/bootstrap.*4,000 resamples.*seed 20240601/);
    expect(method['Means, medians and quartiles']).toMatch(
      /whole days, every percentile .* an end can equal the value itself/,
    );
    expect(method['Net Promoter Score']).toMatch(/promoters \(9–10\).*detractors \(0–6\).*normal-approximation/);
    expect(method['Small groups']).toMatch(/fewer than 30 answers/);
    expect(method['Small groups']).toMatch(/next smallest group is withheld too/);
    expect(method['Weights']).toBe('None: every respondent counts once.');
  });

  it('states the ratio’s own bootstrap, 10,000 resamples against 4,000, only where a figure has a ratio', () => {
    // Review of issue 21: the sources page gave 4,000 resamples for every interval; a ratio's takes 10,000.
    const method = Object.fromEntries(surveyMethod(survey, { ratios: true }).map(({ term, text }) => [term, text]));
    expect(method['Ratios between groups']).toMatch(
      /10,000 times, each group’s respondents are resampled on their own/,
    );
    expect(method['Ratios between groups']).toMatch(/than a mean \(4,000\)/);
    expect(surveyMethod(survey).map((m) => m.term)).not.toContain('Ratios between groups');
  });

  it('defines the slowest tenth and its share of all days, only where a figure computes a tail-share', () => {
    const method = Object.fromEntries(surveyMethod(survey, { tails: true }).map(({ term, text }) => [term, text]));
    expect(method['Share held by the slowest']).toMatch(
      /at or above a percentile \(the 90th: the slowest tenth\), ties included/,
    );
    expect(method['Share held by the slowest']).toMatch(/4,000 resamples .*each resample finds its own percentile/);
    expect(surveyMethod(survey).map((m) => m.term)).not.toContain('Share held by the slowest');
  });

  it('says the intervals cover sampling noise only, not who chose to answer an opt-in survey', () => {
    const method = Object.fromEntries(surveyMethod(survey).map(({ term, text }) => [term, text]));
    expect(method['What the intervals cover']).toMatch(/sampling noise only/i);
    expect(method['What the intervals cover']).toMatch(/chose to (answer|take part)/);
  });

  it('names the answers a segment publishes as one group, only where the survey merges some', () => {
    // The demo merges none (its small region is suppressed, to show suppression): a merge is added here.
    const merged = {
      ...survey,
      meta: {
        ...survey.meta,
        segments: survey.meta.segments.map((segment) =>
          segment.question === 'region'
            ? { ...segment, merge: { 'Asia-Pacific and elsewhere': ['asia-pacific', 'elsewhere'] } }
            : segment,
        ),
      },
    };
    const method = Object.fromEntries(surveyMethod(merged).map(({ term, text }) => [term, text]));
    expect(method['Merged groups']).toContain(
      '“Asia-Pacific and elsewhere” counts the answers “Asia-Pacific” and “Elsewhere” together.',
    );
    expect(method['Merged groups']).not.toContain('(Asia-Pacific and Elsewhere)');
    const unmerged = survey;
    expect(surveyMethod(unmerged).map((m) => m.term)).not.toContain('Merged groups');
  });
});
