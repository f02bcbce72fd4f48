/**
 * Generates `virtual:series-manifest`: one small summary per series (its `series.yaml`, the number of
 * published trends, the report's key numbers), read from the content files, and whether this is `astro dev`,
 * which shows unpublished trends (decided by the command: a build run with NODE_ENV=test is still a build). The on-demand routes import
 * it instead of `astro:content`, so the server bundle holds no articles.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readSummaries } from '../lib/content/summaries.ts';

const ID = 'virtual:series-manifest';
const RESOLVED = `\0${ID}`;

export function seriesManifest(): AstroIntegration {
  let root = process.cwd();
  let built: ReturnType<typeof readSummaries> | undefined;
  return {
    name: 'series-manifest',
    hooks: {
      // Says what the build leaves out: a trend dated in the future by mistake must not vanish silently.
      'astro:build:start': ({ logger }) => {
        built = readSummaries(root, false);
        for (const line of built.leftOut) logger.info(line);
      },
      'astro:config:setup': ({ config, command, updateConfig }) => {
        root = fileURLToPath(config.root);
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'series-manifest',
                resolveId: (id: string) => (id === ID ? RESOLVED : undefined),
                load(id: string) {
                  if (id !== RESOLVED) return undefined;
                  const includesUnpublished = command === 'dev';
                  // A build reads the content once, at its start; the dev server on every load.
                  const { summaries, files } =
                    (command === 'build' && built) || readSummaries(root, includesUnpublished);
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
