/**
 * `npm run check:content`: validates every series without building the site: schemas of series.yaml,
 * figures.json and the trend frontmatter, references from articles into the dataset, series order, and
 * percentages typed by hand. Prints one line per problem (file:line: message) and exits 1 on any.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import type { z } from 'astro/zod';
import { FigureSchema, type Figure } from '../src/lib/schema/figure.ts';
import { SeriesSchema, SurveySchema } from '../src/lib/schema/series.ts';
import { TrendSchema } from '../src/lib/schema/trend.ts';
import { ReportSectionSchema } from '../src/lib/schema/report-section.ts';
import { validateSeries, type TrendSource } from '../src/lib/validate-series.ts';
import { readYamlFile } from '../src/lib/content/files.ts';
import { formatIssues } from '../src/lib/schema/issues.ts';

const root = process.cwd();
const base = join(root, process.env.CONTENT_DIR ?? 'content/series');
const problems: string[] = [];

function parse<S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> | undefined {
  const result = schema.safeParse(data);
  if (result.success) return result.data;
  problems.push(...formatIssues(result.error.issues).map((issue) => `${where}: ${issue}`));
  return undefined;
}

let trendCount = 0;
for (const dir of (await readdir(base, { withFileTypes: true })).filter((d) => d.isDirectory())) {
  const folder = join(base, dir.name);
  const rel = (path: string) => relative(root, path);
  const seriesFile = join(folder, 'series.yaml');
  const seriesData = parse(SeriesSchema, readYamlFile(seriesFile), rel(seriesFile));

  const figuresFile = join(folder, 'figures.json');
  const figures: Figure[] = [];
  try {
    const items = JSON.parse(await readFile(figuresFile, 'utf8')) as unknown[];
    items.forEach((item, i) => {
      const id = (item as { id?: string }).id ?? `#${i + 1}`;
      const figure = parse(FigureSchema, item, `${rel(figuresFile)}: figure "${id}"`);
      if (figure) figures.push(figure);
    });
  } catch (error) {
    problems.push(`${rel(figuresFile)}: ${(error as Error).message}`);
  }

  const trends: TrendSource[] = [];
  const trendsDir = join(folder, 'trends');
  for (const name of (await readdir(trendsDir)).filter((n) => n.endsWith('.mdx')).sort()) {
    const file = join(trendsDir, name);
    const source = await readFile(file, 'utf8');
    const data = parse(TrendSchema, parseFrontmatter(source).frontmatter, rel(file));
    if (data) trends.push({ file: rel(file), data, source });
  }
  trendCount += trends.length;
  const sectionsDir = join(folder, 'report');
  const sections = [];
  for (const name of (await readdir(sectionsDir).catch(() => [])).filter((n) => n.endsWith('.mdx')).sort()) {
    const file = join(sectionsDir, name);
    const source = await readFile(file, 'utf8');
    parse(ReportSectionSchema, parseFrontmatter(source).frontmatter, rel(file));
    sections.push({ file: rel(file), source });
  }
  problems.push(
    ...validateSeries({
      id: dir.name,
      figuresFile: rel(figuresFile),
      figures,
      trends,
      surveyFacts: Object.keys(SurveySchema.shape),
      seriesFile: rel(seriesFile),
      keyNumbers: seriesData?.report.keyNumbers,
      sections,
    }),
  );
}

if (problems.length > 0) {
  console.error(`Content check failed with ${problems.length} problem(s):`);
  for (const problem of problems) console.error(`  ${problem}`);
  process.exit(1);
}
console.log(`Content check passed: ${trendCount} trends, every figure sourced, every percentage from the dataset.`);
