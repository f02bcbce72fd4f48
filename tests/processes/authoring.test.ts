import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as prettier from 'prettier';
import { afterEach, describe, expect, it } from 'vitest';
import {
  checkSeriesId,
  editionOf,
  FALLBACK_DEFAULTS,
  nextTrendFile,
  seriesYaml,
  slugFromTitle,
} from '../../src/lib/authoring.ts';
import { parseYaml } from '../../src/lib/content/files.ts';
import { createSeries, createTrend } from '../../src/lib/content/new-content.ts';
import { readSeriesFromDisk, seriesProblems } from '../../src/lib/content/series-files.ts';

const root = resolve(import.meta.dirname, '../..');
const node = join(root, 'node_modules/.bin/node');
let dir: string | undefined;

/**
 * A temporary folder holding a copy of the project's content, where the commands run: the ML trends series
 * only (the counts below are its own), without the demonstration series computed from responses.
 */
function contentCopy(): string {
  dir = mkdtempSync(join(tmpdir(), 'mt-authoring-'));
  cpSync(join(root, 'content'), join(dir, 'content'), { recursive: true });
  for (const series of readdirSync(join(dir, 'content/series'))) {
    if (series !== 'ml-trends-2021') rmSync(join(dir, 'content/series', series), { recursive: true, force: true });
  }
  return dir;
}

afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

/** Runs `npm run <name> -- ...args` as npm does (node on the script), in `cwd`. */
function run(cwd: string, script: string, ...args: string[]) {
  const result = spawnSync(node, [join(root, 'scripts', script), ...args], { cwd, encoding: 'utf8' });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

/** `npm run check:content` in `cwd`. */
const checkContent = (cwd: string) => run(cwd, 'check-content.ts');

describe('slugs, ids and numbers of new content', () => {
  it('makes a URL slug of a title, transliterating accents and dropping punctuation', () => {
    expect(slugFromTitle('Café résumé: what’s next?')).toBe('cafe-resume-whats-next');
    expect(slugFromTitle('Über-große Modelle & MLOps')).toBe('ueber-grosse-modelle-and-mlops');
    expect(slugFromTitle('  ¿Qué pasa?  ')).toBe('que-pasa');
    expect(slugFromTitle('日本語')).toBe('');
  });

  it('numbers the next trend after the highest order, with as many digits as the files use', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({
      name: `${String(i + 1).padStart(2, '0')}-t${i + 1}.mdx`,
      order: i + 1,
    }));
    expect(nextTrendFile(ten, 'new-one', '--title')).toEqual({ name: '11-new-one.mdx', order: 11 });
    expect(nextTrendFile([], 'first', '--title')).toEqual({ name: '01-first.mdx', order: 1 });
    expect(nextTrendFile([{ name: '0001-a.mdx', order: 1 }], 'b', '--title').name).toBe('0002-b.mdx');
    expect(() => nextTrendFile(ten, 't3', '--title')).toThrow(
      '--title gives the slug "t3", which trends/03-t3.mdx already has: choose another title, or pass --slug.',
    );
  });

  it('refuses a series id that cannot be a folder and a URL, or that the site uses', () => {
    expect(checkSeriesId('ml-trends-2022')).toBe('ml-trends-2022');
    for (const bad of ['ML-Trends', 'ml_trends', '-ml', 'ml--trends', 'a/b', '../x']) {
      expect(() => checkSeriesId(bad), bad).toThrow(/must be lowercase letters, digits and single dashes/);
    }
    expect(() => checkSeriesId('pagefind')).toThrow(/a path the site itself uses/);
    expect(() => checkSeriesId(undefined)).toThrow('the series id is missing');
  });

  it('takes the edition from the year the id ends with', () => {
    expect(editionOf('ml-trends-2022', 2026)).toBe(2022);
    expect(editionOf('ml-trends', 2026)).toBe(2026);
  });
});

describe('series.yaml of a new series', () => {
  it('is formatted as npm run format:check wants it, and reads back as written, quotes and all', async () => {
    const title = `Editors' "choice": l'été`;
    const text = seriesYaml({
      id: 'x-2030',
      title,
      edition: 2030,
      defaults: { ...FALLBACK_DEFAULTS, author: "O'Brien's team" },
    });
    const options = await prettier.resolveConfig(join(root, 'content/series/x/series.yaml'));
    expect(await prettier.check(text, { ...options, filepath: 'series.yaml' })).toBe(true);
    expect(parseYaml(text)).toMatchObject({ title, author: "O'Brien's team", edition: 2030 });
  });
});

describe('npm run new:series', () => {
  it('creates series.yaml, an empty figures.json and a first trend that pass check:content', () => {
    const cwd = contentCopy();
    const created = run(cwd, 'new-series.ts', 'ml-trends-2022', '--title', '2022 enterprise trends in ML');
    expect(created.err).toBe('');
    expect(created.status).toBe(0);
    const folder = join(cwd, 'content/series/ml-trends-2022');
    expect(readdirSync(folder).sort()).toEqual(['figures.json', 'series.yaml', 'trends']);
    expect(readdirSync(join(folder, 'trends'))).toEqual(['01-first-trend.mdx']);
    expect(JSON.parse(readFileSync(join(folder, 'figures.json'), 'utf8'))).toEqual([]);
    const series = readSeriesFromDisk(cwd, 'ml-trends-2022');
    expect(seriesProblems(series)).toEqual([]);
    expect(series.data).toMatchObject({ title: '2022 enterprise trends in ML', edition: 2022 });
    expect(series.trends.map((t) => t.data)).toMatchObject([{ order: 1, title: 'First trend', draft: true }]);
    const check = checkContent(cwd);
    expect(check.err).toBe('');
    expect(check.out).toContain('Content check passed: 11 trends');
  });

  it('takes who writes it and the form from the newest real series, never from a demonstration', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'mt-authoring-'));
    dir = cwd;
    // The project's content as it is: the ML series (2021) and the demonstration series (2024).
    cpSync(join(root, 'content'), join(cwd, 'content'), { recursive: true });
    const created = run(cwd, 'new-series.ts', 'team-survey-2025');
    expect(created.status, created.err).toBe(0);
    const made = readSeriesFromDisk(cwd, 'team-survey-2025').data!;
    const real = readSeriesFromDisk(cwd, 'ml-trends-2021').data!;
    expect(made.author).toBe(real.author);
    expect(made.report.consent.text).toBe(real.report.consent.text);
    expect(made.report.consent.text).not.toMatch(/demonstration/);
  });

  it('refuses to overwrite an existing series, and a bad id, naming it, and writes nothing', () => {
    const cwd = contentCopy();
    const before = readFileSync(join(cwd, 'content/series/ml-trends-2021/series.yaml'), 'utf8');
    const taken = run(cwd, 'new-series.ts', 'ml-trends-2021');
    expect(taken.status).toBe(1);
    expect(taken.err).toContain('npm run new:series: the series id "ml-trends-2021" is taken');
    expect(readFileSync(join(cwd, 'content/series/ml-trends-2021/series.yaml'), 'utf8')).toBe(before);
    // The command's wiring is checked once above; the other refusals, in-process (each process costs 0.3 s).
    expect(() => createSeries(cwd, { id: 'ML Trends' })).toThrow('the series id "ML Trends" must be lowercase letters');
    expect(existsSync(join(cwd, 'content/series/ML Trends'))).toBe(false);
  });
});

describe('npm run check:content warnings', () => {
  it('prints a margin-of-error warning with the file and line, and still passes', () => {
    const cwd = contentCopy();
    // A margin needs a base a source states: this copy gives the figure one (no ML-trends source does).
    const dataset = join(cwd, 'content/series/ml-trends-2021/figures.json');
    const figures = JSON.parse(readFileSync(dataset, 'utf8')) as { id: string; base?: unknown }[];
    figures.find((f) => f.id === 'io-decision-makers')!.base = {
      text: 'All respondents',
      quote: 'all 403 respondents answered',
      n: 403,
    };
    writeFileSync(dataset, JSON.stringify(figures, null, 2));
    const file = 'content/series/ml-trends-2021/trends/08-io-leaders.mdx';
    const before = readFileSync(join(cwd, file), 'utf8').trimEnd();
    const line = before.split('\n').length + 2;
    writeFileSync(
      join(cwd, file),
      `${before}\n\nCTOs lead CIOs, <Stat figure="io-decision-makers" label="CTOs" /> to <Stat figure="io-decision-makers" label="CIOs" />.\n`,
    );
    const check = checkContent(cwd);
    expect(check.err).toBe('');
    expect(check.status).toBe(0);
    expect(check.out).toContain('Content check: 1 warning(s), which do not fail the check');
    expect(check.out).toContain(
      `warning: ${file}:${line}: the sentence compares "CTOs" (39%, 95% interval 34–44%) and "CIOs" (35%, 95% interval 31–40%) of figure "io-decision-makers" ("lead")`,
    );
    expect(check.out).toContain('Content check passed: 10 trends');
  });
});

describe('npm run new:trend', () => {
  it('creates the next numbered draft with the slug from the title, which passes check:content', () => {
    const cwd = contentCopy();
    const created = run(cwd, 'new-trend.ts', '--series', 'ml-trends-2021', '--title', 'Qué pasa: MLOps & the “edge”?');
    expect(created.err).toBe('');
    expect(created.out).toContain('content/series/ml-trends-2021/trends/11-que-pasa-mlops-and-the-edge.mdx');
    const series = readSeriesFromDisk(cwd, 'ml-trends-2021');
    const trend = series.trends.find((t) => t.file.endsWith('11-que-pasa-mlops-and-the-edge.mdx'));
    expect(trend?.data).toMatchObject({ order: 11, title: 'Qué pasa: MLOps & the “edge”?', draft: true, figures: [] });
    expect(checkContent(cwd).out).toContain('Content check passed: 11 trends');
  });

  it('refuses a duplicate slug, a missing title and an unknown series, naming the flag', () => {
    const cwd = contentCopy();
    const duplicate = run(cwd, 'new-trend.ts', '--series', 'ml-trends-2021', '--title', 'Governance');
    expect(duplicate.status).toBe(1);
    expect(duplicate.err).toContain('--title gives the slug "governance", which trends/05-governance.mdx already has');
    // The command's wiring is checked once above; the other refusals, in-process (each process costs 0.3 s).
    const refusal = (options: Partial<Parameters<typeof createTrend>[1]>) => () =>
      createTrend(cwd, { series: 'ml-trends-2021', title: 'X', ...options });
    expect(refusal({ title: 'New', slug: 'teams' })).toThrow(
      '--slug gives the slug "teams", which trends/02-teams.mdx already has',
    );
    expect(refusal({ title: '' })).toThrow('--title is missing');
    expect(refusal({ series: '' })).toThrow('--series is missing');
    expect(refusal({ series: 'nope' })).toThrow(
      '--series "nope": there is no content/series/nope/series.yaml. Series: ml-trends-2021.',
    );
    expect(refusal({ published: '2021-02-30' })).toThrow('--published "2021-02-30" must be a date');
    expect(readdirSync(join(cwd, 'content/series/ml-trends-2021/trends'))).toHaveLength(10);
  });
});
