import { roundBound } from '../../src/lib/stats/figure-intervals.ts';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeriesFromDisk, seriesProblems } from '../../src/lib/content/series-files.ts';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { TrendSchema } from '../../src/lib/schema/trend.ts';
import { readMarginWords } from '../../src/lib/stats/margin-words.ts';
import { marginWarnings } from '../../src/lib/validate-series.ts';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseQuestions, parseSurveyMeta } from '../../src/lib/survey/questionnaire.ts';
import { columnLetter, parseResponses, type Respondent } from '../../src/lib/survey/responses.ts';
import { computeValues, effectiveSampleSize } from '../../src/lib/survey/compute.ts';
import { loadSurvey } from '../../src/lib/survey/load.ts';
import { surveyFigure } from '../../src/lib/survey/figure.ts';
import { FigureSchema, type Figure } from '../../src/lib/schema/figure.ts';
import { figureValue } from '../../src/lib/chart/unit.ts';
import { downloadableFigure } from '../../src/lib/figures.ts';
import { figureToCsv, CSV_COLUMNS, CSV_SEGMENT_COLUMNS } from '../../src/lib/csv.ts';
import { baseNote, figureSourceLine, figureSubtitle, questionLine, surveyCredit } from '../../src/lib/chart/summary.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const small = fileURLToPath(new URL('fixtures/survey/small', import.meta.url));
const read = (name: string) => readFileSync(`${small}/survey/${name}`, 'utf8');
const questions = parseQuestions(read('questions.yaml'), 'questions.yaml');
const question = (id: string) => questions.find((q) => q.id === id)!;
const FILE = 'content/series/x/survey/responses.csv';
const HEADER = 'q1,q2,q3,q4,q5,q6,q7';

/** responses.csv with the fixture's header and the given data lines. */
const csv = (...lines: string[]) => [HEADER, ...lines].join('\n');
const responsesError = (text: string, weights?: string) => {
  try {
    parseResponses(text, FILE, questions, weights);
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
};

/** The Wilson interval written out again, independently of src/lib/stats/wilson.ts (z = 1.96). */
function wilsonByHand(successes: number, n: number): [number, number] {
  const p = successes / n;
  const z = 1.959963984540054;
  const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
  const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n)) * 1;
  return [Math.round((centre - half) * 1e6) / 1e4, Math.round((centre + half) * 1e6) / 1e4];
}

function smallFigures(): Figure[] {
  const survey = loadSurvey(small, root, 'test');
  const items = JSON.parse(readFileSync(`${small}/figures.json`, 'utf8')) as Record<string, unknown>[];
  return items.map((item) => FigureSchema.parse(surveyFigure(item, survey, 'figures.json')));
}

describe('questions.yaml', () => {
  it('reads every question type, options as strings or { value, label }', () => {
    expect(questions.map((q) => [q.id, q.type, q.number])).toEqual([
      ['q1', 'single', 1],
      ['q2', 'single', 2],
      ['q3', 'multiple', 3],
      ['q4', 'scale', 4],
      ['q5', 'number', 5],
      ['q6', 'scale', 6],
      ['q7', 'text', 7],
    ]);
    expect(question('q3').options).toEqual([
      { value: 'Kubernetes', label: 'Kubernetes' },
      { value: 'Terraform', label: 'Terraform' },
      { value: 'Helm', label: 'Helm' },
    ]);
  });

  it('names the file, the question and the field of a mistake', () => {
    const text = [
      '- { id: q1, wording: Role?, type: single }',
      '- { id: q2, wording: Cost?, type: number, unit: currency }',
      '- { id: q3, wording: Mood?, type: scale, scale: { min: 5, max: 1 } }',
      '- { id: q4, wording: Size?, type: choice }',
    ].join('\n');
    expect(() => parseQuestions(text, 'survey/questions.yaml')).toThrow(
      [
        'survey/questions.yaml: question #1 ("q1"): field "options" is required for a "single" question',
        'survey/questions.yaml: question #2 ("q2"): field "currency" is required with unit "currency" (e.g. "EUR")',
        'survey/questions.yaml: question #3 ("q3"): field "scale" must have min below max (5–1)',
        'survey/questions.yaml: question #4 ("q4"): field "type" must be one of "single", "multiple", "scale", "number" or "text"',
      ].join('\n'),
    );
  });

  it('refuses two answers that would share a segment id, and two segments with one key', () => {
    const text = [
      '- { id: size, wording: Size?, type: single, options: ["1000+", "1000"] }',
      '- { id: role, wording: Role?, type: single, options: [dev, ops] }',
    ].join('\n');
    const meta = [
      'population: engineers',
      'fielded: { from: 2024-05-06, to: 2024-05-31 }',
      'segments: [{ question: size }, { question: role, key: size }]',
    ].join('\n');
    expect(() => parseSurveyMeta(meta, 'survey.yaml', parseQuestions(text, 'questions.yaml'))).toThrow(
      [
        'survey.yaml: field "segments[0]": answers "1000+" and "1000" of "size" both give the segment id "size-1000": change one answer\'s value',
        'survey.yaml: field "segments[1].key" repeats the key "size" of another segment',
      ].join('\n'),
    );
  });

  it("refuses a merge of answers that are not the question's, or of one answer twice", () => {
    const meta = [
      'population: engineers',
      'fielded: { from: 2024-05-06, to: 2024-05-31 }',
      'segments:',
      '  - question: q1',
      '    merge: { "Operators and others": [ops, other], "Ops and managers": [ops, mgr], Alone: [dev] }',
    ].join('\n');
    expect(() => parseSurveyMeta(meta, 'survey/survey.yaml', questions)).toThrow(
      ['survey/survey.yaml: field "segments[0].merge.Alone" must name at least two answers'].join('\n'),
    );
    const twice = meta.replace(', Alone: [dev]', '');
    expect(() => parseSurveyMeta(twice, 'survey/survey.yaml', questions)).toThrow(
      [
        'survey/survey.yaml: field "segments[0].merge["Operators and others"][1]": "other" is not an answer of question "q1" ("dev", "ops", "mgr")',
        'survey/survey.yaml: field "segments[0].merge["Ops and managers"][0]": answer "ops" is already merged into "Operators and others"',
      ].join('\n'),
    );
  });

  it('refuses a segment question that is not single-choice', () => {
    const meta = 'population: engineers\nfielded: { from: 2024-05-06, to: 2024-05-31 }\nsegments: [{ question: q3 }]';
    expect(() => parseSurveyMeta(meta, 'survey/survey.yaml', questions)).toThrow(
      'survey/survey.yaml: field "segments[0].question" names "q3", a "multiple" question: segments need a single-choice question',
    );
  });
});

describe('responses.csv', () => {
  it('reads answers by type: an option, several, a scale point, a number, text, or none', () => {
    const { respondents, weighted } = parseResponses(read('responses.csv'), FILE, questions);
    expect(weighted).toBe(false);
    expect(respondents).toHaveLength(12);
    expect(respondents[0]).toEqual({
      row: 2,
      weight: 1,
      answers: { q1: 'dev', q2: 'small', q3: ['Kubernetes', 'Terraform'], q4: 10, q5: 3, q6: 5, q7: 'I like it' },
    });
    expect(respondents[8]!.answers.q5).toBeUndefined();
  });

  it('names file, row (as a spreadsheet numbers it) and column of an answer that is not an option', () => {
    expect(responsesError(csv('dev,small,Kubernetes,10,3,5,', 'dev,medium,Kubernetes,10,3,5,'))).toBe(
      `${FILE}: row 3, column B "q2": "medium" is not an answer of question "q2" ("small", "1000+")`,
    );
    expect(responsesError(csv('dev,small,Kubernetes;Ansible,10,3,5,'))).toBe(
      `${FILE}: row 2, column C "q3": "Ansible" is not an answer of question "q3" ("Kubernetes", "Terraform", "Helm")`,
    );
  });

  it('names a malformed number and a scale point out of range', () => {
    expect(responsesError(csv('dev,small,Helm,10,"1,200",5,', 'dev,small,Helm,11,3,5,'))).toBe(
      [
        `${FILE}: row 2, column E "q5": "1,200" is not a number (write digits with a "." for decimals, e.g. 1200.50)`,
        `${FILE}: row 3, column D "q4": "11" is not a point of the scale 0–10`,
      ].join('\n'),
    );
  });

  it('names a missing column and an unknown one', () => {
    expect(responsesError('q1,q2,q3,q4,q5,q6,comment\ndev,small,Helm,10,3,5,x')).toBe(
      [
        `${FILE}: has no column "q7" for question 7 of questions.yaml`,
        `${FILE}: column G "comment" is neither a question id in questions.yaml nor the weights column`,
      ].join('\n'),
    );
  });

  it('names a weight that is not positive, and reads the weights column', () => {
    const weighted = (w1: string, w2: string) =>
      `${HEADER},weight\ndev,small,Helm,10,3,5,,${w1}\nops,small,Helm,10,3,5,,${w2}`;
    expect(responsesError(weighted('1.5', '0'))).toBe(
      `${FILE}: row 3, column H "weight": the weight must be a positive number, not "0"`,
    );
    expect(responsesError(weighted('', '-2'))).toBe(
      [
        `${FILE}: row 2, column H "weight": the weight must be a positive number, not empty`,
        `${FILE}: row 3, column H "weight": the weight must be a positive number, not "-2"`,
      ].join('\n'),
    );
    const parsed = parseResponses(weighted('1.5', '0.5'), FILE, questions);
    expect(parsed.respondents.map((r) => r.weight)).toEqual([1.5, 0.5]);
  });

  it('names the row of a cell too many, and of a quotation mark never closed', () => {
    expect(responsesError(csv('dev,small,Helm,10,3,5,', 'dev,small,Helm,10,3,5,,extra'))).toBe(
      `${FILE}: row 3 has 8 cells, but the header row has 7 (a comma too many or too few, or a cell with a comma not in quotes)`,
    );
    expect(responsesError(csv('dev,small,Helm,10,3,5,', 'dev,small,Helm,10,3,5,"open'))).toBe(
      `${FILE}: row 3 opens a quotation mark that is never closed`,
    );
  });

  it('letters columns as a spreadsheet does', () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });
});

describe('computed figures, checked against an independent computation', () => {
  const { respondents } = parseResponses(read('responses.csv'), FILE, questions);

  it('shares of a multiple-choice question add to more than 100%, each with its Wilson interval', () => {
    // q3: 11 of 12 answered (row 6 is empty). Kubernetes 7, Terraform 5, Helm 4 of 11.
    const { rows, asked, answered, effectiveN, unit } = computeValues(question('q3'), respondents, 'shares');
    expect([asked, answered, effectiveN, unit]).toEqual([12, 11, 11, 'percent']);
    expect(rows.map((r) => [r.label, r.value, r.interval.low, r.interval.high])).toEqual([
      ['Kubernetes', 63.6364, ...wilsonByHand(7, 11)],
      ['Terraform', 45.4545, ...wilsonByHand(5, 11)],
      ['Helm', 36.3636, ...wilsonByHand(4, 11)],
    ]);
    // 7/11 by the formula: centre 0.6011, half 0.2473 → 35.4–84.8 (checked once with a calculator).
    expect(rows[0]!.interval.low).toBeCloseTo(35.4, 1);
    expect(rows[0]!.interval.high).toBeCloseTo(84.8, 1);
    expect(rows.reduce((sum, r) => sum + r.value, 0)).toBeGreaterThan(100);
  });

  it('NPS: % promoters (9–10) minus % detractors (0–6), with a normal-approximation interval', () => {
    // q4: 10 9 7 6 3 10 8 0 9 10 5 9: promoters 6, passives 2, detractors 4 of 12. NPS = (6 − 4)/12 = 16.7.
    // Variance of the +1/0/−1 score: 0.5 + 0.3333 − 0.1667² = 0.8056; SE = √(0.8056/12) = 0.2591;
    // 1.96 · 0.2591 = 0.5078 → −34.1 to 67.4.
    const { rows, unit } = computeValues(question('q4'), respondents, 'nps');
    expect(unit).toBe('score');
    // Kept unrounded (to four decimals) for the downloads; pages round them.
    expect(rows.map((r) => r.label)).toEqual(['Net Promoter Score']);
    expect(rows[0]!.value).toBe(16.6667);
    expect(rows[0]!.interval.low).toBeCloseTo(-34.1, 1);
    expect(rows[0]!.interval.high).toBeCloseTo(67.4, 1);
  });

  it('NPS groups: the shares of detractors (0–6), passives (7–8) and promoters (9–10), each with its interval', () => {
    // q4: 10 9 7 6 3 10 8 0 9 10 5 9: detractors 4, passives 2, promoters 6 of 12.
    const { rows, unit, answered } = computeValues(question('q4'), respondents, 'nps-groups');
    expect([unit, answered]).toEqual(['percent', 12]);
    expect(rows.map((r) => [r.label, r.value, r.interval.low, r.interval.high])).toEqual([
      ['Detractors', 33.3333, ...wilsonByHand(4, 12)],
      ['Passives', 16.6667, ...wilsonByHand(2, 12)],
      ['Promoters', 50, ...wilsonByHand(6, 12)],
    ]);
    // The score is the last share minus the first.
    const nps = computeValues(question('q4'), respondents, 'nps').rows[0]!.value;
    expect(rows[2]!.value - rows[0]!.value).toBeCloseTo(nps, 3);
  });

  it('mean of a number with a seeded bootstrap interval close to the t interval, the same at every run', () => {
    // q5 (days), 11 answers: 3 5 2 10 8 4 6 1 7 3 2; sum 51, mean 4.636. Sample SD 2.838; SE 0.8557;
    // t(10, 0.975) = 2.228 → 2.73 to 6.54. A percentile bootstrap is a little narrower at n = 11.
    const first = computeValues(question('q5'), respondents, 'mean');
    expect(first.unit).toBe('days');
    expect(first.rows[0]!.value).toBe(4.6364);
    const { low, high } = first.rows[0]!.interval;
    expect(low).toBeGreaterThan(2.73 - 0.3);
    expect(low).toBeLessThan(4.0);
    expect(high).toBeLessThan(6.54 + 0.3);
    expect(high).toBeGreaterThan(5.3);
    expect(computeValues(question('q5'), respondents, 'mean')).toEqual(first);
  });

  it('median and quartiles by simple-statistics, top-2-box of a scale', () => {
    // q5 sorted: 1 2 2 3 3 4 5 6 7 8 10. Linear interpolation (type 7, R's and numpy's default) at position
    // (n − 1)p from 0: median at 5 → 4; lower quartile at 2.5, between 2 and 3 → 2.5; upper at 7.5 → 6.5.
    expect(computeValues(question('q5'), respondents, 'quartiles').rows.map((r) => [r.label, r.value])).toEqual([
      ['Lower quartile', 2.5],
      ['Median', 4],
      ['Upper quartile', 6.5],
    ]);
    // q6: 5 4 4 2 3 5 4 1 3 5 2 4 → 4 or 5 in 7 of 12 = 58.3%.
    const top = computeValues(question('q6'), respondents, 'top2box').rows[0]!;
    expect([top.label, top.value, top.interval.low, top.interval.high]).toEqual([
      'Agree or Strongly agree',
      58.3333,
      ...wilsonByHand(7, 12),
    ]);
  });

  it('weights: weighted shares, and a Wilson interval over the Kish effective sample size', () => {
    const people: Respondent[] = [
      { row: 2, weight: 1, answers: { q1: 'dev' } },
      { row: 3, weight: 1, answers: { q1: 'ops' } },
      { row: 4, weight: 2, answers: { q1: 'dev' } },
      { row: 5, weight: 2, answers: { q1: 'mgr' } },
    ];
    // Σw = 6, Σw² = 10 → n_eff = 3.6. Developer: (1 + 2)/6 = 50%.
    expect(effectiveSampleSize([1, 1, 2, 2])).toBeCloseTo(3.6, 10);
    expect(computeValues(question('q1'), people, 'shares').effectiveN).toBe(3.6);
    const dev = computeValues(question('q1'), people, 'shares').rows[0]!;
    const p = 0.5;
    const n = 3.6;
    const z = 1.959963984540054;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n))) / (1 + (z * z) / n);
    expect(dev).toEqual({
      label: 'Developer',
      value: 50,
      interval: { low: Math.round((centre - half) * 1e6) / 1e4, high: Math.round((centre + half) * 1e6) / 1e4 },
    });
  });
});

describe('weighted means and quantiles', () => {
  it('weight each answer: mean Σwx/Σw, median the first value whose cumulative weight reaches half', () => {
    const people: Respondent[] = [1, 2, 3, 4].map((days, i) => ({
      row: i + 2,
      weight: i < 2 ? 1 : 2,
      answers: { q5: days },
    }));
    // (1·1 + 2·1 + 3·2 + 4·2) / 6 = 17/6 = 2.83. Cumulative weights 1, 2, 4, 6: half (3) is reached at 3.
    expect(computeValues(question('q5'), people, 'mean').rows[0]!.value).toBe(2.8333);
    expect(computeValues(question('q5'), people, 'median').rows[0]!.value).toBe(3);
    // Unweighted, the same four answers have mean 2.5 and median 2.5.
    const equal = people.map((p) => ({ ...p, weight: 1 }));
    expect(computeValues(question('q5'), equal, 'mean').rows[0]!.value).toBe(2.5);
    expect(computeValues(question('q5'), equal, 'median').rows[0]!.value).toBe(2.5);
  });
});

describe('a figure computed from the survey', () => {
  it('is an ordinary figure: exact wording, unit, rows with intervals, computed base, own-survey source', () => {
    const [tools, nps, days] = smallFigures();
    expect(tools!.question).toBe('Which of these tools does your team use? Select all that apply.');
    expect(tools!.multiSelect).toBe(true);
    expect(tools!.base).toEqual({ text: 'Respondents who answered, of 12 asked', n: 11 });
    expect(figureSourceLine(tools!, { title: 'ignored' })).toBe(
      'Source: Survey of 12 platform engineers, fielded 6–31 May 2024, question Q3.',
    );
    expect(questionLine(tools!)).toBe(
      'Question, as asked: “Which of these tools does your team use? Select all that apply.”',
    );
    expect(baseNote(tools!)).toBe('Respondents who answered, of 12 asked (n = 11), computed from the responses');
    expect(figureSubtitle(nps!)).toBe(
      'Net Promoter Score (% promoters minus % detractors) of all respondents (n = 12)',
    );
    expect([days!.unit, figureSubtitle(days!)]).toEqual([
      'days',
      'Mean among respondents who answered, of 12 asked (n = 11)',
    ]);
  });

  it('merges the answers a segment names into one group, placed where its first answer was', () => {
    const survey = loadSurvey(small, root, 'test');
    const merged = {
      ...survey,
      meta: {
        ...survey.meta,
        segments: [{ question: 'q1', label: 'Role', merge: { 'Operators and managers': ['ops', 'mgr'] } }],
      },
    };
    const figure = FigureSchema.parse(
      surveyFigure(
        { id: 'nps', title: 'NPS', kind: 'by-segment', survey: { question: 'q4', compute: 'nps', segmentBy: 'q1' } },
        merged,
        'figures.json',
      ),
    );
    const within = survey.responses.respondents.filter((r) => r.answers.q1 === 'ops' || r.answers.q1 === 'mgr');
    const expected = computeValues(question('q4'), within, 'nps');
    expect(figure.segments!.map((s) => [s.id, s.label, s.n])).toEqual([
      ['q1-dev', 'Developer', survey.responses.respondents.filter((r) => r.answers.q1 === 'dev').length],
      ['q1-operators-and-managers', 'Operators and managers', expected.answered],
    ]);
    expect(figure.segments![1]!.rows[0]!.value).toBe(expected.rows[0]!.value);
  });

  it('suppresses a segment under the minimum n: no value and no interval, in the figure and its downloads', () => {
    const [tools] = smallFigures();
    // Under 1,000: rows 2, 3, 8, 9 → 4 answers, under the fixture's minimum of 5. 1,000+: 7 answered
    // (row 6 did not), but the total less 1,000+ would give the small firms' values: it is withheld too
    // (complementary suppression).
    expect(tools!.segments).toEqual([
      {
        id: 'size-small',
        label: 'Under 1,000 employees',
        group: 'Company size',
        n: 4,
        rows: [
          { label: 'Kubernetes', suppressed: true },
          { label: 'Terraform', suppressed: true },
          { label: 'Helm', suppressed: true },
        ],
      },
      {
        id: 'size-1000',
        label: '1,000+ employees',
        group: 'Company size',
        n: 7,
        complementary: true,
        rows: [
          { label: 'Kubernetes', suppressed: true },
          { label: 'Terraform', suppressed: true },
          { label: 'Helm', suppressed: true },
        ],
      },
    ]);
    const json = downloadableFigure(tools!);
    // The bounds to one decimal, as the download says; the values themselves unrounded.
    expect(json.rows.map((r) => r.ci95)).toEqual(
      tools!.rows.map((r) => ({ low: roundBound(r.interval!.low), high: roundBound(r.interval!.high) })),
    );
    expect(json.rows.map((r) => r.value)).toEqual([63.6364, 45.4545, 36.3636]);
    expect(json.interval.method).toBe('95% Wilson score interval over the effective sample size (Kish)');
    const small = json.segments![0]!.rows;
    expect(small.every((r) => !('value' in r) && !('interval' in r))).toBe(true);
    const lines = figureToCsv(tools!).trim().split('\r\n');
    expect(lines[0]).toBe([...CSV_COLUMNS, ...CSV_SEGMENT_COLUMNS].join(','));
    // The total's lines leave the segment columns empty; a figure without segments has none (csv.test.ts).
    expect(lines[1]!.endsWith(',,')).toBe(true);
    const segmentLines = lines.filter((line) => line.includes(',size-small,'));
    expect(segmentLines).toHaveLength(3);
    for (const line of segmentLines) {
      const fields = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      expect(fields[CSV_COLUMNS.indexOf('value')]).toBe('');
      expect(fields[CSV_COLUMNS.indexOf('ci95_low')]).toBe('');
      expect(fields[CSV_COLUMNS.indexOf('interval_note')]).toBe('Suppressed: fewer than 5 answers in this segment');
    }
    const big = lines.filter((line) => line.includes(',size-1000,'));
    expect(big).toHaveLength(3);
    for (const line of big) {
      const fields = line.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/);
      expect(fields[CSV_COLUMNS.indexOf('value')]).toBe('');
      expect(fields[CSV_COLUMNS.indexOf('interval_note')]).toBe(
        'Suppressed: withheld so that a segment with fewer than 5 answers cannot be worked out from the total',
      );
    }
  });

  it('is computed once per unchanged survey, whichever reader asks', () => {
    const survey = loadSurvey(small, root, 'test');
    expect(loadSurvey(small, root, 'test')).toBe(survey);
    const item = { id: 'f', title: 'x', kind: 'bars', survey: { question: 'q5', compute: 'quartiles' } };
    expect(surveyFigure(item, survey, 'figures.json')).toBe(surveyFigure({ ...item }, survey, 'figures.json'));
  });

  it('refuses to compute from a free-text question, naming the figure', () => {
    const survey = loadSurvey(small, root, 'test');
    expect(() =>
      surveyFigure(
        { id: 'comments', title: 'x', kind: 'bars', survey: { question: 'q7', compute: 'shares' } },
        survey,
        'figures.json',
      ),
    ).toThrow(
      'figures.json: figure "comments": field "survey.compute": question "q7" is free text, which is never published: no figure may compute from it',
    );
  });

  it('refuses a computed field typed by hand beside "survey", and an undeclared segment question', () => {
    const survey = loadSurvey(small, root, 'test');
    const item = { id: 'f', title: 'x', kind: 'bars', survey: { question: 'q3', compute: 'shares' } };
    expect(() => surveyFigure({ ...item, rows: [] }, survey, 'figures.json')).toThrow(
      'figures.json: figure "f": field "rows" is computed from tests/unit/fixtures/survey/small/survey/responses.csv: remove it (the figure has "survey")',
    );
    expect(() =>
      surveyFigure({ ...item, survey: { question: 'q3', compute: 'shares', segmentBy: 'q5' } }, survey, 'figures.json'),
    ).toThrow(
      'figures.json: figure "f": field "survey.segmentBy" names "q5", which tests/unit/fixtures/survey/small/survey/survey.yaml does not list under "segments"',
    );
  });
});

describe('a ratio between groups ("survey.ratio")', () => {
  it('needs groups to compare, and names a group that is not one of the figure', () => {
    const survey = loadSurvey(small, root, 'test');
    const ratio = { of: 'a', over: ['b'] };
    expect(() =>
      surveyFigure(
        { id: 'r', title: 'x', kind: 'bars', survey: { question: 'q3', compute: 'shares', ratio } },
        survey,
        'figures.json',
      ),
    ).toThrow('figures.json: figure "r": field "survey.ratio" compares groups: it needs "survey.segmentBy"');
    expect(() =>
      surveyFigure(
        { id: 'r', title: 'x', kind: 'by-segment', survey: { question: 'q4', compute: 'nps', segmentBy: 'q1', ratio } },
        survey,
        'figures.json',
      ),
    ).toThrow('field "survey.ratio": a ratio is of "shares", "top2box", "mean", "median", not "nps"');
  });
});

describe('the content check (npm run check:content)', () => {
  it('computes survey figures too, and names file, row and column of a bad response', () => {
    const dir = mkdtempSync(join(tmpdir(), 'survey-check-'));
    try {
      cpSync(small, join(dir, 'content/series/own'), { recursive: true });
      const good = readSeriesFromDisk(dir, 'own');
      expect(good.figures.map((f) => [f.id, f.unit, f.source.kind])).toEqual([
        ['tools-used', 'percent', 'own survey'],
        ['platform-nps', 'score', 'own survey'],
        ['days-to-ship', 'days', 'own survey'],
      ]);
      // series.yaml's survey.respondents must agree with responses.csv (12 rows), which the source line names.
      const yaml = readFileSync(join(root, 'content/series/ml-trends-2021/series.yaml'), 'utf8');
      writeFileSync(join(dir, 'content/series/own/series.yaml'), yaml);
      expect(seriesProblems(readSeriesFromDisk(dir, 'own')).filter((p) => p.includes('survey.respondents'))).toEqual([
        'content/series/own/series.yaml: field "survey.respondents" is 403, but content/series/own/survey/responses.csv holds 12 responses, which the source lines name: make them agree.',
      ]);
      writeFileSync(
        join(dir, 'content/series/own/series.yaml'),
        yaml.replace(/^ {2}respondents: 403$/m, '  respondents: 12'),
      );
      expect(seriesProblems(readSeriesFromDisk(dir, 'own')).filter((p) => p.includes('survey.respondents'))).toEqual(
        [],
      );
      const responses = join(dir, 'content/series/own/survey/responses.csv');
      writeFileSync(
        responses,
        readFileSync(responses, 'utf8').replace('ops,small,Kubernetes,0,1,1,', 'ops,small,K8s,0,1,1,'),
      );
      const bad = readSeriesFromDisk(dir, 'own');
      expect(bad.problems.filter((p) => p.includes('responses.csv'))).toEqual([
        'content/series/own/survey/responses.csv: row 9, column C "q3": "K8s" is not an answer of question "q3" ("Kubernetes", "Terraform", "Helm")',
      ]);
      expect(bad.unreadFigures).toEqual(['tools-used', 'platform-nps', 'days-to-ship']);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the figure schema for computed figures', () => {
  const valid = JSON.parse(readFileSync(new URL('fixtures/valid-figure.json', import.meta.url), 'utf8')) as Record<
    string,
    unknown
  >;
  const problems = (figure: Record<string, unknown>) => {
    const result = FigureSchema.safeParse(figure);
    return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };
  const [tools] = smallFigures();

  it('keeps percentages between 0 and 100, and lets other units go past 100', () => {
    const rows = [{ label: 'Mean', value: 120 }];
    expect(problems({ ...valid, rows })).toEqual(['rows.0.value: is a percentage and must be between 0 and 100']);
    expect(problems({ ...valid, kind: 'number', unit: 'days', rows })).toEqual([]);
  });

  it('asks for an ISO code with a currency, and refuses one elsewhere', () => {
    const rows = [{ label: 'Mean', value: 1200 }];
    expect(problems({ ...valid, kind: 'number', unit: 'currency', rows })).toEqual([
      'currency: is required with unit "currency" (e.g. "EUR")',
    ]);
    expect(problems({ ...valid, kind: 'number', unit: 'currency', currency: 'EUR', rows })).toEqual([]);
    expect(problems({ ...valid, currency: 'EUR' })).toEqual(['currency: is only for unit "currency"']);
  });

  it('ties an own-survey source to "survey", and a published one to a confidence code and a quoted base', () => {
    expect(problems({ ...tools!, survey: undefined })).toEqual([
      'survey: is required where the source is an own survey (the loader computes such figures)',
      'segments: are computed from the responses with "survey.segmentBy"',
    ]);
    const source = valid.source as Record<string, unknown>;
    expect(problems({ ...valid, source: { ...source, confidence: undefined } })).toEqual([
      "source.confidence: must be one of RT (report text), AB (the publisher's blog), PR (secondary source), DER (derived)",
    ]);
    expect(problems({ ...valid, base: { text: 'All respondents', n: 403 } })).toEqual([
      'base.quote: is required: quote the source\'s own words for the base (and its size); where no source states the base, remove "base"',
    ]);
  });
});

describe('the margin-of-error warning on a computed figure', () => {
  it('names the values and intervals in the figure’s unit, not in percent', () => {
    const survey = loadSurvey(small, root, 'test');
    const item = { id: 'days-quartiles', title: 'x', kind: 'bars', survey: { question: 'q5', compute: 'quartiles' } };
    const figure = FigureSchema.parse(surveyFigure(item, survey, 'figures.json'));
    const [, median, upper] = figure.rows;
    const source = [
      '---',
      'order: 1',
      'title: "Days"',
      'summary: "How long it takes."',
      'published: 2024-06-01',
      'author: Us',
      'figures: [days-quartiles]',
      '---',
      'The slowest quarter took <Stat figure="days-quartiles" label="Upper quartile" />, more than the median of <Stat figure="days-quartiles" label="Median" />.',
    ].join('\n');
    const trend = { file: 'trends/01-days.mdx', source, data: TrendSchema.parse(parseFrontmatter(source).frontmatter) };
    const { words } = readMarginWords(root);
    const days = (row: typeof median) =>
      `${row!.value} days, 95% interval ${row!.interval!.low}–${row!.interval!.high} days`;
    expect(marginWarnings({ figures: [figure], trends: [trend], surveyFacts: [] }, words)).toEqual([
      `trends/01-days.mdx:9: the sentence compares "Upper quartile" (${days(upper)}) and "Median" (${days(median)}) of figure "days-quartiles" ("more than"), but their intervals overlap: the difference is within the margin of error. Say that the two are close, or compare them without a direction.`,
    ]);
  });
});

describe('a skip rule (askedIf): who was asked a question', () => {
  const withRule = (rule: string) =>
    [
      '- { id: q1, wording: Role?, type: single, options: [dev, ops, mgr] }',
      '- { id: q2, wording: Tools?, type: multiple, options: [k8s, tf] }',
      `- { id: q3, wording: Recommend?, type: scale, scale: { min: 0, max: 10 }, ${rule} }`,
    ].join('\n');

  it('names the file, the question and the field of a rule that cannot hold', () => {
    const error = (rule: string) => {
      try {
        parseQuestions(withRule(rule), 'survey/questions.yaml');
      } catch (e) {
        return (e as Error).message;
      }
      return 'no error';
    };
    expect(error('askedIf: { question: q9, answers: [dev] }')).toBe(
      'survey/questions.yaml: question #3 ("q3"): field "askedIf.question" names "q9", which is not a question before it',
    );
    expect(error('askedIf: { question: q1, answers: [dev, cto] }')).toBe(
      'survey/questions.yaml: question #3 ("q3"): field "askedIf.answers[1]" names "cto", which is not an answer of "q1" ("dev", "ops", "mgr")',
    );
    expect(error('askedIf: { question: q1, answers: [] }')).toBe(
      'survey/questions.yaml: question #3 ("q3"): field "askedIf.answers" must list at least one answer',
    );
    expect(error('askedIf: { question: q1 }')).toContain('field "askedIf.answers"');
  });

  const rules = parseQuestions(withRule('askedIf: { question: q1, answers: [dev, ops] }'), 'questions.yaml');
  const responses = (...lines: string[]) => parseResponses(['q1,q2,q3', ...lines].join('\n'), FILE, rules);

  it('names file, row and column of an answer from a respondent who was not asked', () => {
    expect(() => responses('dev,k8s,9', 'mgr,tf,7')).toThrow(
      `${FILE}: row 3, column C "q3": "7" answers a question this respondent was not asked (asked only where "q1" is "dev" or "ops")`,
    );
  });

  it('counts as asked only those the rule selects: the base is asked against answered', () => {
    const { respondents } = responses('dev,k8s,10', 'ops,tf,', 'mgr,tf,', 'mgr,,', 'dev,k8s,3');
    const values = computeValues(rules[2]!, respondents, 'nps');
    expect([values.asked, values.answered]).toEqual([3, 2]);
  });

  it('gives a figure the true base, naming who was asked', () => {
    const survey = loadSurvey(small, root, 'test');
    const ruled = {
      ...survey,
      questions: survey.questions.map((q) =>
        q.id === 'q4' ? { ...q, askedIf: { question: 'q2', answers: ['1000+'] } } : q,
      ),
    };
    const asked = survey.responses.respondents.filter((r) => r.answers.q2 === '1000+');
    const answered = asked.filter((r) => r.answers.q4 !== undefined);
    const figure = FigureSchema.parse(
      surveyFigure({ id: 'nps', title: 'NPS', kind: 'number', survey: { question: 'q4', compute: 'nps' } }, ruled, 'f'),
    );
    expect(figure.base!.n).toBe(answered.length);
    expect(figure.base!.text).toBe(
      answered.length === asked.length
        ? `All ${asked.length} respondents asked: those answering “1,000+ employees” to Q2`
        : `Respondents who answered, of ${asked.length} asked: those answering “1,000+ employees” to Q2`,
    );
  });

  it('is in the demonstration series: only respondents with a platform were asked to recommend it', () => {
    const demo = readSeriesFromDisk(root, 'platform-engineering-2024');
    const nps = demo.figures.find((f) => f.id === 'platform-nps')!;
    const csvRows = readFileSync(join(root, 'content/series/platform-engineering-2024/survey/responses.csv'), 'utf8')
      .trim()
      .split('\n')
      .slice(1);
    const withPlatform = csvRows.filter((line) => /^[^,]*,[^,]*,[^,]*,(yes|building),/.test(line)).length;
    expect(withPlatform).toBeLessThan(500);
    expect(nps.base!.text).toBe(
      `All ${withPlatform} respondents asked: those answering “Yes, in use” or “Being built” to Q4`,
    );
    expect(nps.base!.text).not.toContain('of 500 asked');
  });
});

describe('a demonstration series (series.yaml demonstration: true): its data are said to be synthetic', () => {
  const demo = readSeriesFromDisk(root, 'platform-engineering-2024');
  const nps = demo.figures.find((f) => f.id === 'platform-nps')!;
  const credit = surveyCredit(demo.data!);
  const SAID = 'Synthetic data: no real respondents.';

  it('in every chart’s source line (page, images, social cards and the PDF draw it)', () => {
    expect(figureSourceLine(nps, credit)).toBe(
      'Source: Survey of 500 software engineers and engineering managers, fielded 2–27 September 2024, question Q7. Synthetic data: no real respondents.',
    );
    // A series that is not a demonstration says nothing of the kind.
    expect(figureSourceLine(nps, { ...credit, synthetic: false })).not.toContain('Synthetic');
  });

  it('in the CSV and JSON downloads', () => {
    const lines = figureToCsv(nps, 500, { synthetic: true }).trim().split('\r\n').slice(1);
    expect(lines.length).toBeGreaterThan(1);
    for (const line of lines) expect(line).toContain(SAID);
    expect(figureToCsv(nps, 500)).not.toContain('Synthetic');
    expect(downloadableFigure(nps, 500, { synthetic: true }).dataNote).toBe(SAID);
    expect('dataNote' in downloadableFigure(nps, 500)).toBe(false);
  });
});

describe('a computed figure title with values', () => {
  const survey = loadSurvey(small, root, 'test');
  const titled = (title: string) =>
    FigureSchema.parse(
      surveyFigure(
        { id: 'nps', title, kind: 'by-segment', survey: { question: 'q4', compute: 'nps', segmentBy: 'q1' } },
        survey,
        'figures.json',
      ),
    );

  it('writes a group’s value where the title names the group’s id in braces, as the chart writes it', () => {
    const figure = titled('Developers: {q1-dev}');
    const dev = figure.segments!.find((s) => s.id === 'q1-dev')!;
    expect(figure.title).toBe(`Developers: ${figureValue(figure, dev.rows[0]!.value!)}`);
    expect(figure.title).not.toContain('{');
  });

  it('refuses a name in braces that is no group of the figure, naming file, figure and field', () => {
    expect(() => titled('Nobody: {q1-nobody}')).toThrow(
      /figures\.json: figure "nps": field "title": "\{q1-nobody\}" is not a group of the figure \(q1-dev/,
    );
  });
});
