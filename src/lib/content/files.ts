/** Reading content files outside Astro (scripts, the build integration). */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'astro/zod';
import { FigureSchema, type Figure } from '../schema/figure.ts';
import { SeriesSchema, type SeriesData } from '../schema/series.ts';
import { SiteSchema, type SiteData } from '../schema/site.ts';
import { formatIssues } from '../schema/issues.ts';

/** Where the site configuration is, relative to the project root. */
export const SITE_FILE = 'content/site.yaml';

/** YAML text parsed by the same YAML reader as MDX frontmatter. */
export function parseYaml(text: string): Record<string, unknown> {
  return parseFrontmatter(`---\n${text}\n---\n`).frontmatter;
}

/** A YAML file's data. */
export function readYamlFile(path: string): Record<string, unknown> {
  return parseYaml(readFileSync(path, 'utf8'));
}

/** `content/series/<id>/series.yaml`, validated. */
export function readSeries(root: string, id: string): SeriesData {
  return SeriesSchema.parse(readYamlFile(`${root}/content/series/${id}/series.yaml`));
}

/** The text of `content/site.yaml`, validated; a problem names the file and the field. */
export function parseSite(text: string): SiteData {
  const result = SiteSchema.safeParse(parseYaml(text));
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

const SeriesFigureSchema = FigureSchema.and(z.object({ series: z.string() }));

/**
 * `content/series/<id>/figures.json`, each figure validated and marked with its series, as the collection
 * has it; only the figures with the ids in `only`, when given.
 */
export function readFigures(root: string, id: string, only?: readonly string[]): (Figure & { series: string })[] {
  const items = JSON.parse(readFileSync(`${root}/content/series/${id}/figures.json`, 'utf8')) as { id?: unknown }[];
  return items
    .filter((item) => !only || only.includes(item.id as string))
    .map((item) => SeriesFigureSchema.parse({ ...item, series: id }));
}
