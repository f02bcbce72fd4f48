/**
 * `npm run bench:survey [-- 500 5000]`: computes every kind of figure (shares, top-2-box, NPS, mean,
 * median, quartiles), each by a 3-answer segment question, from N generated respondents to the unit tests'
 * questionnaire, and prints the milliseconds per figure (the fastest of BENCH_RUNS runs, 3). Every reader
 * of figures.json in one process shares the figures computed from an unchanged survey, so a build pays
 * this about twice (the build, and its content check). Targets, per figure: under 100 ms at 500
 * respondents and under 1 s at 5,000, so a survey of 20 figures adds seconds, not minutes, to a build. The
 * bootstrapped statistics (mean, median, quartiles) take the time: 2,000 resamples of every respondent.
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { root } from '../tests/build/project-copy.ts';
import { parseQuestions, parseSurveyMeta } from '../src/lib/survey/questionnaire.ts';
import { parseResponses } from '../src/lib/survey/responses.ts';
import { surveyFigure } from '../src/lib/survey/figure.ts';
import type { Computation } from '../src/lib/survey/compute.ts';

const sizes = process.argv.slice(2).map(Number);
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));
const dir = join(root, 'tests/unit/fixtures/survey/small/survey');
const questions = parseQuestions(readFileSync(join(dir, 'questions.yaml'), 'utf8'), 'questions.yaml');
const meta = parseSurveyMeta(readFileSync(join(dir, 'survey.yaml'), 'utf8'), 'survey.yaml', questions);

/** N respondents, without randomness: every answer a function of the row. */
function responses(n: number): string {
  const tools = ['Kubernetes', 'Kubernetes;Terraform', 'Terraform;Helm', 'Helm', '', 'Kubernetes;Helm'];
  const lines = ['q1,q2,q3,q4,q5,q6,q7'];
  for (let i = 1; i <= n; i++) {
    const row = [
      ['dev', 'ops', 'mgr'][i % 3],
      i % 4 === 0 ? 'small' : '1000+',
      tools[i % 6],
      i % 11,
      (i * 7) % 40,
      (i % 5) + 1,
      '',
    ];
    lines.push(row.join(','));
  }
  return lines.join('\n');
}

const figures: [string, Computation][] = [
  ['q3', 'shares'],
  ['q6', 'top2box'],
  ['q4', 'nps'],
  ['q5', 'mean'],
  ['q5', 'median'],
  ['q5', 'quartiles'],
];

console.log(`load average ${loadavg()[0]!.toFixed(2)}; fastest of ${runs} runs; segments by q1 (3 answers)`);
for (const n of sizes.length > 0 ? sizes : [500, 5000]) {
  const survey = { dir: 'bench', questions, meta, responses: parseResponses(responses(n), 'bench.csv', questions) };
  const cells = figures.map(([question, compute]) => {
    let best = Infinity;
    for (let r = 0; r < runs; r++) {
      const started = performance.now();
      // A new survey object each run: figures computed from one survey are kept, and would not be recomputed.
      surveyFigure({ id: 'bench', survey: { question, compute, segmentBy: 'q1' } }, { ...survey }, 'figures.json');
      best = Math.min(best, performance.now() - started);
    }
    return `${compute} ${best.toFixed(0)} ms`;
  });
  console.log(`${n} respondents: ${cells.join(', ')}`);
}
