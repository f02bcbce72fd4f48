/**
 * `npm run demo:survey`: writes the fictional "Platform engineering survey 2024" of the demonstration series
 * (content/series/platform-engineering-2024/survey/): its questionnaire (questions.yaml), its fielding facts
 * (survey.yaml) and 500 synthetic respondents (responses.csv). No person answered it: every answer is drawn
 * from a seeded pseudo-random source (d3-random's linear congruential generator), so the same seed writes
 * the same files, byte for byte, and the series' figures are reproducible. `--seed <n>` and `--out <dir>`
 * change the seed and the folder; `--check` writes nothing and fails where the files on disk differ.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { randomInt, randomLcg, randomLogNormal, randomNormal } from 'd3-random';
import { stringify } from 'yaml';

/** The seed the committed files were written with. */
export const DEMO_SEED = 2024;
export const DEMO_RESPONDENTS = 500;
export const DEMO_DIR = 'content/series/platform-engineering-2024/survey';

interface Option {
  value: string;
  label: string;
}

/** The questionnaire, in the shape of questions.yaml (see docs/authoring.md, "Run your own survey"). */
export const QUESTIONS = [
  {
    id: 'role',
    wording: 'Which of these best describes your role?',
    type: 'single',
    options: [
      { value: 'platform', label: 'Platform engineer' },
      { value: 'sre', label: 'Site reliability engineer' },
      { value: 'developer', label: 'Application developer' },
      { value: 'manager', label: 'Engineering manager' },
    ],
  },
  {
    id: 'size',
    wording: 'How many people work at your company?',
    type: 'single',
    options: [
      { value: '1-99', label: '1–99 employees' },
      { value: '100-999', label: '100–999 employees' },
      { value: '1000+', label: '1,000+ employees' },
    ],
  },
  {
    id: 'region',
    wording: 'Where are you based?',
    type: 'single',
    options: [
      { value: 'europe', label: 'Europe' },
      { value: 'north-america', label: 'North America' },
      { value: 'asia-pacific', label: 'Asia-Pacific' },
      { value: 'elsewhere', label: 'Elsewhere' },
    ],
  },
  {
    id: 'platform',
    wording: 'Does your company run an internal developer platform?',
    type: 'single',
    options: [
      { value: 'yes', label: 'Yes, in use' },
      { value: 'building', label: 'Being built' },
      { value: 'no', label: 'No' },
    ],
  },
  {
    id: 'offers',
    wording: 'Which of these does your internal platform offer? Select all that apply.',
    type: 'multiple',
    // Asked only of respondents whose company has or is building a platform.
    askedIf: { question: 'platform', answers: ['yes', 'building'] },
    options: [
      { value: 'pipelines', label: 'Build and deploy pipelines' },
      { value: 'environments', label: 'Environments on demand' },
      { value: 'observability', label: 'Logs, metrics and traces' },
      { value: 'secrets', label: 'Secrets management' },
      { value: 'catalog', label: 'A service catalog' },
      { value: 'costs', label: 'Cost reports' },
    ],
  },
  {
    id: 'satisfaction',
    wording: 'How satisfied are you with the tools your team uses to ship changes?',
    type: 'scale',
    scale: {
      min: 1,
      max: 5,
      labels: {
        1: 'Very dissatisfied',
        2: 'Dissatisfied',
        3: 'Neither satisfied nor dissatisfied',
        4: 'Satisfied',
        5: 'Very satisfied',
      },
    },
  },
  {
    id: 'recommend',
    wording: 'How likely are you to recommend your internal platform to a colleague at another company?',
    type: 'scale',
    askedIf: { question: 'platform', answers: ['yes', 'building'] },
    scale: { min: 0, max: 10, labels: { 0: 'Not at all likely', 10: 'Extremely likely' } },
  },
  {
    id: 'onboarding',
    wording: 'In working days, how long does a new engineer on your team take to ship a first change to production?',
    type: 'number',
    unit: 'days',
  },
  {
    id: 'deploys',
    wording: 'How many times a week does your team deploy to production?',
    type: 'number',
    unit: 'count',
    per: 'week',
  },
  {
    id: 'change',
    wording: 'What would you change first about how your team ships software?',
    type: 'text',
  },
] as const;

/** What survey.yaml says about fielding: population, dates, segment questions and the minimum n. */
export const SURVEY_META = {
  population: 'software engineers and engineering managers',
  fielded: { from: '2024-09-02', to: '2024-09-27' },
  segments: [
    { question: 'role', label: 'Role', key: 'role' },
    { question: 'size', label: 'Company size', key: 'size' },
    // Fewer than 30 answer "Elsewhere": its values are suppressed, and Asia-Pacific's withheld with them (the
    // total and the other regions would give them by subtraction), so the demo shows suppression at work.
    { question: 'region', label: 'Region', key: 'region' },
    { question: 'platform', label: 'Platform status', key: 'platform' },
  ],
  minimumN: 30,
};

/** Words the free-text answers are made of: each answer is unique, and none is ever published. */
const TEXT_PARTS = {
  verb: ['Automate', 'Shorten', 'Document', 'Simplify', 'Speed up', 'Drop', 'Standardize', 'Test'],
  what: ['the release checklist', 'staging', 'code review', 'our Terraform', 'the on-call handover', 'flaky tests'],
  why: ['so new people find it', 'before the next audit', 'to cut waiting', 'because it breaks weekly'],
};

type Random = () => number;

/** Picks an option by weights (they need not add up to 1). */
function pick<T>(random: Random, options: readonly T[], weights: readonly number[]): T {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let x = random() * total;
  for (const [i, option] of options.entries()) {
    x -= weights[i]!;
    if (x < 0) return option;
  }
  return options.at(-1)!;
}

const clamp = (x: number, low: number, high: number) => Math.min(high, Math.max(low, x));
const values = (id: string) =>
  (QUESTIONS.find((q) => q.id === id) as { options: readonly Option[] }).options.map((o) => o.value);

/**
 * One synthetic respondent. The answers lean on one another the way the fictional story needs them to:
 * large companies run a platform more often, engineers with a platform onboard faster and deploy more
 * often, platform engineers recommend their platform more than developers do.
 */
function respondent(id: number, random: Random, normal: Random, days: Random, int: (n: number) => number) {
  const role = pick(random, values('role'), [0.34, 0.18, 0.33, 0.15]);
  const size = pick(random, values('size'), [0.26, 0.4, 0.34]);
  // "Elsewhere" gets few answers on purpose: under the minimum n, its values are suppressed.
  const region = pick(random, values('region'), [0.47, 0.34, 0.15, 0.04]);
  const adoption = { '1-99': [0.22, 0.18, 0.6], '100-999': [0.48, 0.22, 0.3], '1000+': [0.71, 0.16, 0.13] }[size]!;
  const platform = pick(random, values('platform'), adoption);
  const has = platform === 'yes';
  const offerOdds = [0.86, 0.52, 0.71, 0.58, 0.34, 0.21];
  const offers =
    platform === 'no'
      ? ''
      : values('offers')
          .filter((_, i) => random() < offerOdds[i]! * (has ? 1 : 0.6))
          .join(';');
  const satisfaction = Math.round(clamp(3.1 + (has ? 0.5 : -0.2) + normal() * 0.95, 1, 5));
  const lean = { platform: 1.6, sre: 0.6, developer: -0.4, manager: 0.9 }[role]!;
  const recommend = platform === 'no' ? '' : `${Math.round(clamp(7.2 + lean + normal() * 2, 0, 10))}`;
  // One in twelve leaves the onboarding question blank: it was asked of all, answered by fewer.
  const onboarding = random() < 1 / 12 ? '' : `${Math.max(1, Math.round(days() * (has ? 0.7 : 1.15)))}`;
  const deploys = `${Math.max(0, Math.round(clamp((has ? 9 : 4) + normal() * (has ? 5 : 3), 0, 60)))}`;
  const change =
    random() < 0.4
      ? ''
      : `${TEXT_PARTS.verb[int(TEXT_PARTS.verb.length)]} ${TEXT_PARTS.what[int(TEXT_PARTS.what.length)]} ${
          TEXT_PARTS.why[int(TEXT_PARTS.why.length)]
        } (respondent ${id})`;
  return {
    role,
    size,
    region,
    platform,
    offers,
    satisfaction: `${satisfaction}`,
    recommend,
    onboarding,
    deploys,
    change,
  };
}

/** A CSV field: quoted where it holds a comma, a quotation mark or a line break (RFC 4180). */
const csvField = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The three files of the demonstration survey, by name, for `seed`. */
export function demoSurveyFiles(seed = DEMO_SEED, count = DEMO_RESPONDENTS): Record<string, string> {
  const random = randomLcg(seed);
  const normal = randomNormal.source(random)(0, 1);
  // Days to a first change: skewed, a median near 10 working days and a long tail.
  const days = randomLogNormal.source(random)(Math.log(10), 0.55);
  const int = (n: number) => randomInt.source(random)(n)();
  const columns = QUESTIONS.map((q) => q.id);
  const rows = Array.from({ length: count }, (_, i) => respondent(i + 1, random, normal, days, int));
  const csv = [columns.join(','), ...rows.map((row) => columns.map((c) => csvField(row[c])).join(','))].join('\n');
  const header = (what: string) =>
    `# The fictional "Platform engineering survey 2024": ${what}. Written by scripts/generate-demo-survey.ts\n# (seed ${seed}); do not edit by hand: change the script and run \`npm run demo:survey\`.\n`;
  return {
    'questions.yaml': header('its questionnaire') + stringify(QUESTIONS, { lineWidth: 0, singleQuote: true }),
    'survey.yaml': header('how it was fielded') + stringify(SURVEY_META, { lineWidth: 0, singleQuote: true }),
    'responses.csv': `${csv}\n`,
  };
}

function main() {
  const { values: args } = parseArgs({
    options: { seed: { type: 'string' }, out: { type: 'string' }, check: { type: 'boolean' } },
  });
  const seed = args.seed === undefined ? DEMO_SEED : Number(args.seed);
  if (!Number.isSafeInteger(seed)) throw new Error(`--seed must be a whole number, not "${args.seed}"`);
  const dir = args.out ?? DEMO_DIR;
  const files = demoSurveyFiles(seed);
  if (args.check) {
    const stale = Object.entries(files).filter(([name, text]) => {
      try {
        return readFileSync(join(dir, name), 'utf8') !== text;
      } catch {
        return true;
      }
    });
    if (stale.length > 0) {
      console.error(
        `${stale.map(([name]) => join(dir, name)).join(', ')}: differ from the script's output; run npm run demo:survey`,
      );
      process.exit(1);
    }
    console.log(`${dir}: up to date (seed ${seed})`);
    return;
  }
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  console.log(
    `Wrote ${Object.keys(files)
      .map((name) => join(dir, name))
      .join(', ')} (${DEMO_RESPONDENTS} respondents, seed ${seed})`,
  );
}

if (import.meta.main) main();
