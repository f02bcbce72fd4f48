/**
 * The one reader of a series folder on disk (`content/series/<id>/`), for the build's cross-file
 * validation, `npm run check:content` and the tests. Schema problems are collected, each naming the
 * file and the field, and the valid parts are read anyway so that every problem shows in one pass.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'astro/zod';
import { surveyFigures } from '../survey/figure.ts';
import { OWN_SURVEY } from '../schema/source.ts';
import { FigureSchema, type Figure } from '../schema/figure.ts';
import { formatIssues } from '../schema/issues.ts';
import { ReportSectionSchema, type ReportSectionData } from '../schema/report-section.ts';
import { SeriesSchema, SurveySchema, type SeriesData } from '../schema/series.ts';
import { TrendSchema } from '../schema/trend.ts';
import { validateSeries, type SeriesContent, type TrendSource } from '../validate-series.ts';
import { readFrontmatter, readYamlFile } from './files.ts';
import { placeholderProblems } from './placeholders.ts';

/** Where the series folders are, relative to the project root. */
export const SERIES_DIR = 'content/series';

export interface SeriesOnDisk {
  id: string;
  /** Paths relative to the project root. */
  seriesFile: string;
  figuresFile: string;
  /** series.yaml, or undefined when it does not pass its schema. */
  data: SeriesData | undefined;
  /** The figures that pass the schema, in file order. */
  figures: Figure[];
  /** Ids of the figures that fail the schema, or "all" when figures.json cannot be read. */
  unreadFigures: readonly string[] | 'all';
  /** The articles whose frontmatter passes the schema, by file name. */
  trends: TrendSource[];
  /** The article files whose frontmatter does not. */
  unreadTrends: readonly string[];
  /** Report-only sections, by file name. */
  sections: { file: string; source: string; data: ReportSectionData | undefined }[];
  /** Schema problems as `file: field "…" message` lines. */
  problems: string[];
}

/** Ids of every series: the folders under content/series/ that hold a series.yaml. */
export function seriesIdsOnDisk(root: string): string[] {
  const base = join(root, SERIES_DIR);
  if (!existsSync(base)) return [];
  return readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'series.yaml')))
    .map((d) => d.name)
    .sort();
}

/** Reads `content/series/<id>/`: series.yaml, figures.json, trends/*.mdx and report/*.mdx. */
export function readSeriesFromDisk(root: string, id: string): SeriesOnDisk {
  const folder = `${SERIES_DIR}/${id}`;
  const problems: string[] = [];
  const parse = <S extends z.ZodType>(schema: S, data: unknown, where: string): z.output<S> | undefined => {
    const result = schema.safeParse(data);
    if (result.success) return result.data;
    problems.push(...formatIssues(result.error.issues).map((issue) => `${where}: ${issue}`));
    return undefined;
  };
  const mdxFiles = (dir: string) => {
    const names = existsSync(join(root, dir)) ? readdirSync(join(root, dir)).sort() : [];
    // Only .mdx is read: an article saved as Markdown would be left out of the site without a word.
    for (const name of names.filter((n) => /\.(?:md|markdown)$/i.test(n))) {
      const rename = name.replace(/\.[^.]+$/, '.mdx');
      problems.push(`${dir}/${name}: is not read: articles are .mdx files; rename it to ${rename}.`);
    }
    return names.filter((name) => name.endsWith('.mdx')).map((name) => `${dir}/${name}`);
  };
  const read = (file: string) => readFileSync(join(root, file), 'utf8');

  /** What `read` returns, or undefined with its problem (a YAML syntax error) recorded. */
  const attempt = <T>(read: () => T): T | undefined => {
    try {
      return read();
    } catch (error) {
      problems.push((error as Error).message);
      return undefined;
    }
  };
  const frontmatter = (file: string, source: string) => attempt(() => readFrontmatter(source, file));

  const seriesFile = `${folder}/series.yaml`;
  const yaml = attempt(() => readYamlFile(join(root, seriesFile), seriesFile));
  const data = yaml && parse(SeriesSchema, yaml, seriesFile);
  const figuresFile = `${folder}/figures.json`;
  const computed = surveyFigures(join(root, folder), root, figuresFile);
  const { figures, unreadFigures } = readFigures(read, figuresFile, problems, parse, computed);
  const unreadTrends: string[] = [];
  const trends = mdxFiles(`${folder}/trends`).flatMap((file) => {
    const source = read(file);
    const fields = frontmatter(file, source);
    const trend = fields && parse(TrendSchema, fields, file);
    if (!trend) unreadTrends.push(file);
    return trend ? [{ file, data: trend, source }] : [];
  });
  const sections = mdxFiles(`${folder}/report`).map((file) => {
    const source = read(file);
    const fields = frontmatter(file, source);
    return { file, source, data: fields && parse(ReportSectionSchema, fields, file) };
  });
  return { id, seriesFile, figuresFile, data, figures, unreadFigures, trends, unreadTrends, sections, problems };
}

function readFigures(
  read: (file: string) => string,
  file: string,
  problems: string[],
  parse: (schema: typeof FigureSchema, data: unknown, where: string) => Figure | undefined,
  computed: (item: Record<string, unknown>) => Record<string, unknown>,
): { figures: Figure[]; unreadFigures: string[] | 'all' } {
  let items: unknown;
  try {
    items = JSON.parse(read(file));
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    problems.push(missing ? `${file}: is missing` : `${file}: is not valid JSON (${(error as Error).message})`);
    return { figures: [], unreadFigures: 'all' };
  }
  if (!Array.isArray(items)) {
    problems.push(`${file}: must be a JSON array of figures`);
    return { figures: [], unreadFigures: 'all' };
  }
  const figures: Figure[] = [];
  const unreadFigures: string[] = [];
  items.forEach((item, i) => {
    const id = (item as { id?: unknown } | null)?.id;
    const name = typeof id === 'string' && id !== '' ? id : `#${i + 1}`;
    // A figure computed from the series' own survey: a problem in the survey files names them.
    let written: unknown = item;
    try {
      if (item !== null && typeof item === 'object') written = computed(item as Record<string, unknown>);
    } catch (error) {
      // A problem in the survey files stops every figure computed from them: said once.
      if (!problems.includes((error as Error).message)) problems.push((error as Error).message);
      unreadFigures.push(name);
      return;
    }
    const figure = parse(FigureSchema, written, `${file}: figure "${name}"`);
    if (figure && figures.some((f) => f.id === figure.id)) {
      problems.push(`${file}: figure "${name}": field "id" is used twice in this series; figure ids must be unique.`);
    } else if (figure) figures.push(figure);
    else unreadFigures.push(name);
  });
  return { figures, unreadFigures };
}

/** What the cross-file checks need of a series read from disk. */
export function seriesContent(series: SeriesOnDisk, now?: Date): SeriesContent {
  return {
    now,
    figures: series.figures,
    unreadFigures: series.unreadFigures,
    trends: series.trends,
    unreadTrends: series.unreadTrends,
    surveyFacts: Object.keys(SurveySchema.shape),
    seriesFile: series.seriesFile,
    keyNumbers: series.data?.report.keyNumbers,
    parts: series.data?.report.parts,
    experiment: series.data?.report.experiment,
    homeLead: series.data?.home?.lead,
    indexLead: series.data?.index?.lead.figure,
    sections: series.sections.map((s) => ({ file: s.file, source: s.source, placement: s.data?.placement })),
  };
}

/**
 * Where figures are computed from the series' own responses, series.yaml's survey facts must agree with
 * them: `survey.respondents` is the number of rows of responses.csv, which the source line names.
 */
function ownSurveyProblems(series: SeriesOnDisk): string[] {
  const own = series.figures.find((figure) => figure.source.kind === OWN_SURVEY);
  const stated = series.data?.survey.respondents;
  if (!own || stated === undefined || stated === own.source.respondents) return [];
  return [
    `${series.seriesFile}: field "survey.respondents" is ${stated}, but ${series.figuresFile.replace(/figures\.json$/, 'survey/responses.csv')} holds ${own.source.respondents} responses, which the source lines name: make them agree.`,
  ];
}

/** Every problem of a series: its schema problems, then those across files. */
export function seriesProblems(series: SeriesOnDisk, now?: Date): string[] {
  return [
    ...series.problems,
    ...ownSurveyProblems(series),
    ...validateSeries(seriesContent(series, now)),
    ...placeholderProblems(series.seriesFile, series.data, series.trends),
  ];
}
