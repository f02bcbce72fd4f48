/**
 * Every figure's data as a download, /<series>/figures/<id>.csv and .json: written straight to the
 * output when the build is done, and served by the dev server. (As 2,000 Astro endpoints at 1,000
 * trends they cost more build time than the 1,000 article pages.)
 */
import { mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { figureToCsv } from '../lib/csv.ts';
import { publicFigure } from '../lib/figures.ts';
import { readFigures } from '../lib/content/files.ts';
import { seriesIdsOnDisk } from '../lib/content/series-files.ts';

type Format = 'csv' | 'json';
const TYPES: Record<Format, string> = { csv: 'text/csv; charset=utf-8', json: 'application/json' };

/** The body of one download. */
export function figureFile(figure: ReturnType<typeof readFigures>[number], format: Format): string {
  return format === 'csv' ? figureToCsv(figure) : `${JSON.stringify(publicFigure(figure), null, 2)}\n`;
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
          response.end(figureFile(figure, format));
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const started = Date.now();
        const writes = seriesIdsOnDisk(root).flatMap((id) => {
          const target = fileURLToPath(new URL(`${id}/figures/`, dir));
          mkdirSync(target, { recursive: true });
          return readFigures(root, id).flatMap((figure) =>
            (['csv', 'json'] as const).map((format) =>
              writeFile(join(target, `${figure.id}.${format}`), figureFile(figure, format)),
            ),
          );
        });
        await Promise.all(writes);
        logger.info(`${writes.length} figure downloads written (${Date.now() - started} ms)`);
      },
    },
  };
}
