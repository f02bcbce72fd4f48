/**
 * Every figure's data as a download, /<series>/figures/<id>.csv and .json: written straight to the
 * output when the build is done (for the published series, leaving out the figures only unpublished
 * trends use), and served by the dev server (all of them). (As 2,000 Astro endpoints at 1,000
 * trends they cost more build time than the 1,000 article pages.) Both carry each share's 95% interval
 * (src/lib/stats/figure-intervals.ts), or say that its base is not published.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { figureToCsv } from '../lib/csv.ts';
import { downloadableFigure } from '../lib/figures.ts';
import { readFigures } from '../lib/content/files.ts';
import { readSeriesFromDisk, seriesIdsOnDisk } from '../lib/content/series-files.ts';
import { buildNow } from '../lib/content/build-now.ts';
import { publishedFigures } from '../lib/publication.ts';
import { contentStore } from './build-cache.ts';
import { readSummaries } from '../lib/content/summaries.ts';

type Format = 'csv' | 'json';
const TYPES: Record<Format, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json' };

/** The body of one download. */
export function figureFile(
  figure: ReturnType<typeof readFigures>[number],
  format: Format,
  surveySize?: number,
  options: { synthetic?: boolean } = {},
): string {
  return format === 'csv'
    ? figureToCsv(figure, surveySize, options)
    : `${JSON.stringify(downloadableFigure(figure, surveySize, options), null, 2)}\n`;
}

export function figureFiles(): AstroIntegration {
  let root = process.cwd();
  return {
    name: 'figure-files',
    hooks: {
      'astro:config:setup': ({ config }) => {
        root = fileURLToPath(config.root);
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((request, response, next) => {
          const match = /^\/([^/]+)\/figures\/([^/]+)\.(csv|json)$/.exec(request.url?.split('?')[0] ?? '');
          const figure =
            match && seriesIdsOnDisk(root).includes(match[1]!)
              ? readFigures(root, match[1]!).find((f) => f.id === match[2])
              : undefined;
          if (!match || !figure) return next();
          const format = match[3] as Format;
          response.setHeader('Content-Type', TYPES[format]);
          const data = readSeriesFromDisk(root, match[1]!).data;
          response.end(figureFile(figure, format, data?.survey.respondents, { synthetic: data?.demonstration }));
        });
      },
      'astro:build:done': ({ dir, logger }) => {
        const started = Date.now();
        const now = buildNow();
        let written = 0;
        // Hard-linked from a store by content: only a figure whose data changed is written (synchronously:
        // thousands of small files cost less than the thread pool's round trips).
        const store = contentStore(root, 'figure-files-cache');
        for (const { id } of readSummaries(root, false, now).summaries) {
          const target = fileURLToPath(new URL(`${id}/figures/`, dir));
          mkdirSync(target, { recursive: true });
          const { trends, data } = readSeriesFromDisk(root, id);
          for (const figure of publishedFigures({ figures: readFigures(root, id), trends }, now).figures) {
            for (const format of ['csv', 'json'] as const) {
              store.put(
                figureFile(figure, format, data?.survey.respondents, { synthetic: data?.demonstration }),
                join(target, `${figure.id}.${format}`),
                `.${format}`,
              );
              written++;
            }
          }
        }
        store.prune();
        logger.info(`${written} figure downloads written (${Date.now() - started} ms)`);
      },
    },
  };
}
