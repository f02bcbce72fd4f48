/** Reading content files outside Astro (scripts, the build integration). */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'astro/zod';
import { FigureSchema, type Figure } from '../schema/figure.ts';
import { surveyFigures } from '../survey/figure.ts';
import { SeriesSchema, type SeriesData } from '../schema/series.ts';
import { SiteSchema, type SiteData } from '../schema/site.ts';
import { formatIssues } from '../schema/issues.ts';

/** Where the site configuration is, relative to the project root. */
export const SITE_FILE = 'content/site.yaml';

/**
 * YAML text parsed by the same YAML reader as MDX frontmatter. A syntax error names `file` and the line and
 * column in it: `content/series/s/series.yaml:19:13: is not valid YAML: bad indentation…`.
 */
export function parseYaml(text: string, file = 'the YAML'): Record<string, unknown> {
  try {
    return parseFrontmatter(`---\n${text}\n---\n`).frontmatter;
  } catch (error) {
    // The line `---` put in front shifts js-yaml's (0-based) line to the file's 1-based one.
    throw yamlError(error, file, 0, 'is not valid YAML');
  }
}

/** A YAML file's data; `file` names it in a syntax error (the path, when not given). */
export function readYamlFile(path: string, file = path): Record<string, unknown> {
  return parseYaml(readFileSync(path, 'utf8'), file);
}

/** The frontmatter of an MDX file; a YAML syntax error names `file` and the line and column in it. */
export function readFrontmatter(source: string, file: string): Record<string, unknown> {
  try {
    return parseFrontmatter(source).frontmatter;
  } catch (error) {
    throw yamlError(error, file, 1, 'the frontmatter is not valid YAML');
  }
}

/** js-yaml's exception as `file:line:column: what: reason`, its 0-based line moved by `shift`. */
function yamlError(error: unknown, file: string, shift: number, what: string): unknown {
  if (!(error instanceof Error) || error.name !== 'YAMLException') return error;
  const { mark, reason } = error as Error & { mark?: { line: number; column: number }; reason?: string };
  const at = mark ? `:${mark.line + shift}:${mark.column + 1}` : '';
  return new Error(`${file}${at}: ${what}: ${reason ?? error.message}`, { cause: error });
}

/** `content/series/<id>/series.yaml`, validated. */
export function readSeries(root: string, id: string): SeriesData {
  return SeriesSchema.parse(readYamlFile(`${root}/content/series/${id}/series.yaml`));
}

/** The text of `content/site.yaml`, validated; a problem names the file and the field. */
export function parseSite(text: string): SiteData {
  const result = SiteSchema.safeParse(parseYaml(text, SITE_FILE));
  if (result.success) return result.data;
  throw new Error(
    formatIssues(result.error.issues)
      .map((issue) => `${SITE_FILE}: ${issue}`)
      .join('\n'),
  );
}

/** `content/site.yaml` of the project at `root`, validated. */
export function readSite(root: string): SiteData {
  return parseSite(readFileSync(`${root}/${SITE_FILE}`, 'utf8'));
}

const SeriesFigureSchema = FigureSchema.safeExtend({ series: z.string() });

/**
 * `content/series/<id>/figures.json`, each figure validated and marked with its series, as the collection
 * has it (a figure with "survey" computed from the series' responses); only the figures with the ids in
 * `only`, when given.
 */
export function readFigures(root: string, id: string, only?: readonly string[]): (Figure & { series: string })[] {
  const file = `content/series/${id}/figures.json`;
  const items = JSON.parse(readFileSync(`${root}/${file}`, 'utf8')) as Record<string, unknown>[];
  const computed = surveyFigures(`${root}/content/series/${id}`, root, file);
  return items
    .filter((item) => !only || only.includes(item.id as string))
    .map((item) => SeriesFigureSchema.parse({ ...computed(item), series: id }));
}
