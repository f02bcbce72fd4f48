/** Reading content files outside Astro (scripts, the build integration). */
import { readFileSync } from 'node:fs';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { SeriesSchema, type SeriesData } from '../schema/series.ts';

/** A YAML file's data, parsed by the same YAML reader as MDX frontmatter. */
export function readYamlFile(path: string): Record<string, unknown> {
  return parseFrontmatter(`---\n${readFileSync(path, 'utf8')}\n---\n`).frontmatter;
}

/** `content/series/<id>/series.yaml`, validated. */
export function readSeries(root: string, id: string): SeriesData {
  return SeriesSchema.parse(readYamlFile(`${root}/content/series/${id}/series.yaml`));
}
