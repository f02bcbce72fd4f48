import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeries } from '../../src/lib/content/files.ts';
import type { Figure } from '../../src/lib/schema/figure.ts';
import { copyOfProject, root } from './project-copy.ts';

/**
 * A synthetic series of `n` trends, each with a figure and a `<Stat>`, built two ways for `npm run
 * bench:build`: in a copy of this project, and in a control, Astro's examples/blog
 * (bench/blog-example/) rendering the same articles, with the components stubbed.
 */
export const BENCH_SERIES = 'bench-series';
const REAL = join(root, 'content/series/ml-trends-2021');

const WORDS = (
  'teams budgets models production governance data platform operations leaders survey respondents ' +
  'deployment monitoring training pipelines infrastructure priorities organizations adoption results'
).split(' ');

/** About 600 words of plain prose, different for each trend and paragraph. */
function prose(trend: number, paragraph: number): string {
  const sentences = Array.from({ length: 8 }, (_, s) => {
    const words = Array.from({ length: 12 }, (_, w) => WORDS[(trend * 7 + paragraph * 5 + s * 3 + w) % WORDS.length]);
    return `${words.join(' ').replace(/^./, (c) => c.toUpperCase())}.`;
  });
  return sentences.join(' ');
}

/** The MDX of trend `i` of `n`: frontmatter, prose, one `<Stat>`, one `<Figure>`. */
function article(i: number, figure: Figure): string {
  const label = figure.rows[0]!.label;
  return `---
order: ${i}
title: "Synthetic trend number ${i}"
summary: "A generated article for the build benchmark, with one figure and one number from the dataset."
published: 2021-01-05
author: The benchmark
figures: [${figure.id}]
keyFigure: { figure: ${figure.id}, label: ${JSON.stringify(label)} }
---

${prose(i, 0)}

## What the numbers say

${prose(i, 1)} In this trend, <Stat figure="${figure.id}" label=${JSON.stringify(label)} /> of respondents agreed.

<Figure id="${figure.id}" />

## What it means

${prose(i, 2)}

${prose(i, 3)}
`;
}

/** Writes `content/series/bench-series/` with `n` trends into `dir`; returns the article files' texts by name. */
/** Up to four parts, each a run of consecutive trends, with its first trend's figure as its key figure. */
function syntheticParts(figures: Figure[]) {
  // As many parts of `size` as the trends fill: 5 trends make parts of 2, 2 and 1, not a fourth, empty one.
  const size = Math.ceil(figures.length / Math.min(4, figures.length));
  const count = Math.ceil(figures.length / size);
  return Array.from({ length: count }, (_, p) => {
    const own = figures.slice(p * size, (p + 1) * size);
    return {
      title: `Synthetic part ${p + 1}`,
      summary: `Trends ${p * size + 1} to ${p * size + own.length} of the benchmark series, generated for the build benchmark.`,
      keyFigure: { figure: own[0]!.id, label: own[0]!.rows[0]!.label },
      trends: own.map((_, k) => `trend-${p * size + k + 1}`),
    };
  });
}

/** An executive summary with one number and one chart from each of three figures. */
function syntheticSummary(figures: Figure[]): string {
  const findings = figures.map(
    (f) =>
      `A finding of the benchmark: <Stat figure="${f.id}" label=${JSON.stringify(f.rows[0]!.label)} /> said so.\n\n<Figure id="${f.id}" />`,
  );
  return `---\ntitle: Executive summary\nplacement: summary\norder: 1\n---\n\n${findings.join('\n\n')}\n`;
}

function writeSeries(dir: string, n: number): Map<string, string> {
  const base = JSON.parse(readFileSync(join(REAL, 'figures.json'), 'utf8')) as Figure[];
  // A real bar chart of several rows as the model, without its note (which speaks of the real figure): every
  // figure of the real series may carry a note, so none is required to have none.
  const found = base.find((f) => f.kind === 'bars' && f.rows.length > 1);
  if (!found) throw new Error(`synthetic series: ${REAL}/figures.json has no bar chart of several rows to copy`);
  const model: Figure = { ...found };
  delete model.note;
  const figures = Array.from({ length: n }, (_, i) => ({
    ...model,
    id: `bench-figure-${i + 1}`,
    title: `Synthetic figure ${i + 1}`,
  }));
  const target = join(dir, 'content/series', BENCH_SERIES);
  mkdirSync(join(target, 'trends'), { recursive: true });
  writeFileSync(join(target, 'figures.json'), JSON.stringify(figures, null, 2));
  const series = readSeries(root, 'ml-trends-2021');
  const keyFigures = figures.slice(0, 3);
  while (keyFigures.length < 3) keyFigures.push(figures[0]!);
  // JSON is YAML: series.yaml as JSON keeps the generator free of a YAML writer.
  // The real series' home lead names a real figure: the synthetic one leads with its first figure's first row.
  const lead = { figure: figures[0]!.id, label: figures[0]!.rows[0]!.label, headline: '{value} in the first figure' };
  const yaml = {
    ...series,
    ...(series.home ? { home: { ...series.home, lead } } : {}),
    // The real index leads with and quotes real figures: the synthetic one with its own last figure (not the
    // home page's first) and quotes its first.
    ...(series.index
      ? {
          index: {
            ...series.index,
            lead: { figure: figures.at(-1)!.id, title: figures.at(-1)!.title },
            numbers: [{ figure: figures[0]!.id, label: figures[0]!.rows[0]!.label }],
          },
        }
      : {}),
    title: `Benchmark series of ${n} trends`,
    shortTitle: 'Benchmark',
    report: {
      ...series.report,
      keyNumbers: keyFigures.map((f, k) => ({ figure: f.id, label: f.rows[k % f.rows.length]!.label })),
      parts: syntheticParts(figures),
    },
  };
  writeFileSync(join(target, 'series.yaml'), JSON.stringify(yaml, null, 2));
  cpSync(join(REAL, 'report'), join(target, 'report'), { recursive: true });
  // The real summary quotes the real dataset: the synthetic one quotes its own three figures.
  writeFileSync(join(target, 'report/summary.mdx'), syntheticSummary(keyFigures));
  const articles = new Map<string, string>();
  figures.forEach((figure, k) => {
    const name = `${String(k + 1).padStart(4, '0')}-trend-${k + 1}.mdx`;
    const text = article(k + 1, figure);
    writeFileSync(join(target, 'trends', name), text);
    articles.set(name, text);
  });
  return articles;
}

/** A copy of this project whose only series is the synthetic one. */
export function benchProject(n: number): { dir: string; articles: Map<string, string> } {
  const dir = copyOfProject();
  rmSync(join(dir, 'content/series'), { recursive: true, force: true });
  return { dir, articles: writeSeries(dir, n) };
}

/** Astro's own examples/blog, vendored with the stubs of `<Figure>` and `<Stat>` (see bench/blog-example/README.md). */
const EXAMPLE = join(root, 'bench/blog-example');

/**
 * The example's own frontmatter names (`description`, `pubDate`) added to a generated article, whose text is
 * otherwise the same as the project's.
 */
function asExamplePost(text: string): string {
  const summary = /^summary: (.*)$/m.exec(text)?.[1];
  const published = /^published: (.*)$/m.exec(text)?.[1];
  if (!summary || !published) throw new Error('a generated article lacks its summary or published date');
  return text.replace(/^---\n/, `---\ndescription: ${summary}\npubDate: ${published}\n`);
}

/**
 * A `node_modules` of links to each of the project's packages, so that what Astro keeps in
 * `node_modules/.astro` (the example's cache) is the copy's own and goes with it.
 */
function linkModules(dir: string): void {
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  for (const name of readdirSync(join(root, 'node_modules'))) {
    if (name === '.astro' || name === '.vite') continue;
    symlinkSync(join(root, 'node_modules', name), join(modules, name));
  }
}

/** The control: Astro's examples/blog with the same articles (its own posts left out), components stubbed. */
export function controlProject(articles: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mt-control-'));
  cpSync(EXAMPLE, dir, { recursive: true, filter: (path) => !path.endsWith('README.md') });
  mkdirSync(join(dir, 'src/content/blog'), { recursive: true });
  for (const [name, text] of articles) writeFileSync(join(dir, 'src/content/blog', name), asExamplePost(text));
  linkModules(dir);
  return dir;
}
