import { readdir, readFile } from 'node:fs/promises';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader } from 'astro/loaders';
import { surveyFigures } from '../lib/survey/figure.ts';
import { SURVEY_FILES } from '../lib/survey/load.ts';

/**
 * Loads every `content/series/<series>/figures.json` into one collection. A figure with `"survey"` is
 * computed first from the series' own responses (`survey/questions.yaml`, `survey.yaml`, `responses.csv`,
 * read once per series), so the schema parses it like a hand-written one. Figure ids are unique within
 * their series, so entry ids are `<series>/<figure id>`; each entry records its series. Errors name the
 * file (and the field, through the collection schema).
 */
export function seriesFigures(base = 'content/series'): Loader {
  return {
    name: 'series-figures',
    async load(context) {
      const { store, config, watcher, logger } = context;
      const root = fileURLToPath(config.root);
      const baseDir = fileURLToPath(new URL(`${base}/`, config.root));
      const loadAll = async () => {
        const entries: { id: string; data: Record<string, unknown>; filePath: string }[] = [];
        for (const series of (await readdir(baseDir, { withFileTypes: true })).filter((d) => d.isDirectory())) {
          const path = `${baseDir}${series.name}/figures.json`;
          const file = relative(root, path);
          let items: unknown;
          try {
            items = JSON.parse(await readFile(path, 'utf8'));
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
            throw new Error(`${file}: is not valid JSON (${(error as Error).message})`, { cause: error });
          }
          if (!Array.isArray(items)) throw new Error(`${file}: must be a JSON array of figures`);
          const computed = surveyFigures(`${baseDir}${series.name}`, root, file);
          let usesSurvey = false;
          for (const [index, item] of items.entries()) {
            const id = (item as { id?: unknown } | null)?.id;
            if (typeof id !== 'string' || id === '') throw new Error(`${file}: figure #${index + 1} has no "id" field`);
            const entryId = `${series.name}/${id}`;
            if (entries.some((entry) => entry.id === entryId))
              throw new Error(`${file}: figure id "${id}" is used twice; figure ids must be unique within a series`);
            const figure = computed(item as Record<string, unknown>);
            usesSurvey ||= figure !== item;
            const data = await context.parseData({
              id: entryId,
              data: { ...figure, series: series.name },
              filePath: file,
            });
            entries.push({ id: entryId, data, filePath: file });
          }
          watcher?.add(path);
          if (usesSurvey) {
            for (const name of Object.values(SURVEY_FILES)) watcher?.add(`${baseDir}${series.name}/survey/${name}`);
          }
        }
        store.clear();
        for (const entry of entries) store.set(entry);
        logger.info(`Loaded ${entries.length} figures`);
      };
      await loadAll();
      watcher?.on('change', (changed) => {
        if (changed.startsWith(baseDir) && /(?:figures\.json|\/survey\/[^/]+)$/.test(changed)) void loadAll();
      });
    },
  };
}
