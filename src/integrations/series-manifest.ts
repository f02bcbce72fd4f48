/**
 * Generates `virtual:series-manifest`: one small summary per series (its `series.yaml`, the number of
 * published trends, the report's key numbers), read from the content files, and whether this is `astro dev`,
 * which shows unpublished trends (decided by the command: a build run with NODE_ENV=test is still a build). The on-demand routes import
 * it instead of `astro:content`, so the server bundle holds no articles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { readFigures, readSeries } from '../lib/content/files.ts';
import { buildNow } from '../lib/content/build-now.ts';
import { TrendSchema } from '../lib/schema/trend.ts';
import { visibleTrends } from '../lib/publication.ts';
import { byEditionDesc, keyNumberOf, type SeriesSummary } from '../lib/series-summary.ts';

const ID = 'virtual:series-manifest';
const RESOLVED = `\0${ID}`;

/** What the publication rules read of a trend's frontmatter. */
const PublicationFields = TrendSchema.pick({ draft: true, published: true });

/**
 * The summaries of every series under `content/series/`, and the files they were read from. Only trends
 * published at `now` are counted, and only series with one are listed, unless `includeUnpublished`
 * (`npm run dev`). A trend whose frontmatter is broken is counted: the build's validation names it.
 */
export function readSummaries(
  root: string,
  includeUnpublished: boolean,
  now: Date = buildNow(),
): { summaries: SeriesSummary[]; files: string[] } {
  const base = join(root, 'content/series');
  const files: string[] = [];
  const ids = readdirSync(base, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(base, d.name, 'series.yaml')))
    .map((d) => d.name);
  const summaries = ids.map((id): SeriesSummary => {
    const dir = join(base, id);
    files.push(join(dir, 'series.yaml'), join(dir, 'figures.json'));
    const data = readSeries(root, id);
    const trendDir = join(dir, 'trends');
    const trends = existsSync(trendDir) ? readdirSync(trendDir).filter((name) => name.endsWith('.mdx')) : [];
    files.push(...trends.map((name) => join(trendDir, name)));
    const published = visibleTrends(
      trends.map((name) => {
        const fields = PublicationFields.safeParse(
          parseFrontmatter(readFileSync(join(trendDir, name), 'utf8')).frontmatter,
        );
        return { data: fields.success ? fields.data : { draft: false, published: new Date(0) } };
      }),
      now,
      includeUnpublished,
    );
    const figures = readFigures(
      root,
      id,
      data.report.keyNumbers.map((ref) => ref.figure),
    );
    const keyNumbers = data.report.keyNumbers.map((ref) => keyNumberOf(figures, ref));
    return { id, href: `/${id}/`, data, trendCount: published.length, keyNumbers };
  });
  return { summaries: summaries.filter((s) => s.trendCount > 0).sort(byEditionDesc), files };
}

export function seriesManifest(): AstroIntegration {
  return {
    name: 'series-manifest',
    hooks: {
      'astro:config:setup': ({ config, command, updateConfig }) => {
        const root = fileURLToPath(config.root);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'series-manifest',
                resolveId: (id: string) => (id === ID ? RESOLVED : undefined),
                load(id: string) {
                  if (id !== RESOLVED) return undefined;
                  const includesUnpublished = command === 'dev';
                  const { summaries, files } = readSummaries(root, includesUnpublished);
                  for (const file of files) this.addWatchFile(file);
                  return `export default ${JSON.stringify(summaries)};\nexport const includesUnpublished = ${includesUnpublished};`;
                },
              },
            ],
          },
        });
      },
    },
  };
}
