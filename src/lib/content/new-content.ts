/** Writes what `npm run new:series` and `npm run new:trend` create, refusing to overwrite anything. */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import {
  AuthoringError,
  checkSeriesId,
  checkSlug,
  editionOf,
  FALLBACK_DEFAULTS,
  nextTrendFile,
  seriesYaml,
  slugFromTitle,
  trendMdx,
  type ExistingTrend,
} from '../authoring.ts';
import { isoDate } from '../format.ts';
import { readSeries } from './files.ts';
import { TREND_SUMMARY } from './placeholders.ts';
import { SERIES_DIR, seriesIdsOnDisk } from './series-files.ts';

export interface NewTrend {
  series: string;
  title: string;
  /** URL segment; from the title when not given. */
  slug?: string;
  summary?: string;
  /** YYYY-MM-DD; today (UTC) when not given. */
  published?: string;
  /** Flag names for messages, as the command line spells them. */
  flags?: { series: string; title: string; slug: string };
}

const CLI_FLAGS = { series: '--series', title: '--title', slug: '--slug' };

/** Creates `content/series/<series>/trends/NN-<slug>.mdx`, a draft; returns its path relative to `root`. */
export function createTrend(root: string, options: NewTrend): string {
  const flags = options.flags ?? CLI_FLAGS;
  const series = checkSeriesId(options.series, flags.series);
  const folder = join(root, SERIES_DIR, series);
  if (!existsSync(join(folder, 'series.yaml'))) {
    const known = seriesIdsOnDisk(root);
    throw new AuthoringError(
      `${flags.series} "${series}": there is no ${SERIES_DIR}/${series}/series.yaml. ${known.length > 0 ? `Series: ${known.join(', ')}.` : 'Create one with npm run new:series -- <id>.'}`,
    );
  }
  const title = options.title?.trim();
  if (!title)
    throw new AuthoringError(
      `${flags.title} is missing: give the trend's title, e.g. ${flags.title} "Budgets grow again".`,
    );
  if (title.length > 120)
    throw new AuthoringError(`${flags.title} is ${title.length} characters: a title has at most 120.`);
  const slug = options.slug ? checkSlug(options.slug, flags.slug) : slugFromTitle(title);
  if (!slug) {
    throw new AuthoringError(
      `${flags.title} "${title}" gives no Latin letter or digit for the URL: pass ${flags.slug} as well, e.g. ${flags.slug} budgets-2022.`,
    );
  }
  const published = options.published ?? isoDate(new Date());
  if (
    !/^\d{4}-\d{2}-\d{2}$/.test(published) ||
    !new Date(`${published}T00:00:00Z`).toISOString().startsWith(published)
  ) {
    throw new AuthoringError(`--published "${published}" must be a date (YYYY-MM-DD) that exists on the calendar.`);
  }
  const dir = join(folder, 'trends');
  mkdirSync(dir, { recursive: true });
  const existing: ExistingTrend[] = readdirSync(dir)
    .filter((name) => name.endsWith('.mdx'))
    .map((name) => {
      const order: unknown = parseFrontmatter(readFileSync(join(dir, name), 'utf8')).frontmatter.order;
      return { name, order: typeof order === 'number' ? order : undefined };
    });
  const { name, order } = nextTrendFile(existing, slug, options.slug ? flags.slug : flags.title);
  const author = readSeries(root, series).author;
  const text = trendMdx({ order, title, summary: options.summary?.trim() || TREND_SUMMARY, published, author });
  writeFileSync(join(dir, name), text, { flag: 'wx' });
  return `${SERIES_DIR}/${series}/trends/${name}`;
}

/** Creates `content/series/<id>/` with series.yaml, an empty figures.json and a first trend (a draft); returns the files. */
export function createSeries(root: string, options: { id: string | undefined; title?: string; now?: Date }): string[] {
  const id = checkSeriesId(options.id);
  const folder = join(root, SERIES_DIR, id);
  if (existsSync(folder))
    throw new AuthoringError(`the series id "${id}" is taken: ${SERIES_DIR}/${id}/ exists; nothing was written.`);
  const now = options.now ?? new Date();
  const newest = seriesIdsOnDisk(root)
    .map((other) => readSeries(root, other))
    // The newest real edition: a demonstration series' author and consent text are not a new series' to copy.
    .sort((a, b) => Number(a.demonstration ?? false) - Number(b.demonstration ?? false) || b.edition - a.edition)[0];
  const defaults = newest ? { author: newest.author, language: newest.language, ...newest.report } : FALLBACK_DEFAULTS;
  const title = options.title?.trim() || `TODO: the title of ${id}`;
  mkdirSync(join(folder, 'trends'), { recursive: true });
  writeFileSync(
    join(folder, 'series.yaml'),
    seriesYaml({ id, title, edition: editionOf(id, now.getUTCFullYear()), defaults }),
    { flag: 'wx' },
  );
  writeFileSync(join(folder, 'figures.json'), '[]\n', { flag: 'wx' });
  const trend = createTrend(root, { series: id, title: 'First trend', published: isoDate(now) });
  return [`${SERIES_DIR}/${id}/series.yaml`, `${SERIES_DIR}/${id}/figures.json`, trend];
}
