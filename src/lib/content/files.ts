/** Reading content files outside Astro (scripts, the build integration). */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { z } from 'astro/zod';
import { FigureSchema, type Figure } from '../schema/figure.ts';
import { SeriesSchema, type SeriesData } from '../schema/series.ts';

/** A YAML file's data, parsed by the same YAML reader as MDX frontmatter. */
export function readYamlFile(path: string): Record<string, unknown> {
  return parseFrontmatter(`---\n${readFileSync(path, 'utf8')}\n---\n`).frontmatter;
}

/** `content/series/<id>/series.yaml`, validated. */
export function readSeries(root: string, id: string): SeriesData {
  return SeriesSchema.parse(readYamlFile(`${root}/content/series/${id}/series.yaml`));
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
