/**
 * The summaries of every series (its `series.yaml`, the number of published trends, the report's key
 * numbers), read from the content files: what the series manifest of the build (src/integrations/
 * series-manifest.ts) holds, and what `npm start` reads to know which series the build published.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { readFigures, readSeries } from './files.ts';
import { buildNow } from './build-now.ts';
import { z } from 'astro/zod';
import { TrendFields } from '../schema/trend.ts';
import { publicationStatus, publishedFigures, visibleTrends, withKeyNumbers } from '../publication.ts';
import { isoDate } from '../format.ts';
import { byEditionDesc, keyNumberOf, type SeriesSummary } from '../series-summary.ts';
import { surveyCredit } from '../chart/summary.ts';
import { homeLead } from '../home-lead.ts';

/** What the publication rules read of a trend's frontmatter (the other fields are the build's to check). */
const PublicationFields = z.object({
  draft: TrendFields.shape.draft,
  published: TrendFields.shape.published,
  figures: TrendFields.shape.figures,
  keyFigure: TrendFields.shape.keyFigure,
});

/**
 * The summaries of every series under `content/series/`, and the files they were read from. Only trends
 * published at `now` are counted, and only series with one are listed, unless `includeUnpublished`
 * (`npm run dev`). A trend whose frontmatter is broken is counted: the build's validation names it.
 * `leftOut` has a line per series that leaves trends out, naming each and why (a draft, or scheduled), and
 * one per series that leaves key numbers out (`publishedFigures`: their figure waits for its trends).
 */
export function readSummaries(
  root: string,
  includeUnpublished: boolean,
  now: Date = buildNow(),
): { summaries: SeriesSummary[]; files: string[]; leftOut: string[] } {
  const base = join(root, 'content/series');
  const files: string[] = [];
  const leftOut: string[] = [];
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
    const all = trends.map((name) => {
      const fields = PublicationFields.safeParse(
        parseFrontmatter(readFileSync(join(trendDir, name), 'utf8')).frontmatter,
      );
      return { name, data: fields.success ? fields.data : { draft: false, published: new Date(0), figures: [] } };
    });
    const published = visibleTrends(all, now, includeUnpublished);
    const unpublished = all.filter((trend) => !published.includes(trend));
    if (unpublished.length > 0) {
      const why = ({ name, data }: (typeof all)[number]) =>
        publicationStatus(data, now) === 'draft'
          ? `${name} (draft: true)`
          : `${name} (scheduled for ${isoDate(data.published)}, after this build's day, ${isoDate(now)})`;
      leftOut.push(
        `${id}: ${unpublished.length} trend${unpublished.length === 1 ? '' : 's'} left out of this build: ${unpublished.map(why).join(', ')}`,
      );
    }
    const refs = data.report.keyNumbers;
    const out = publishedFigures(
      {
        figures: readFigures(root, id, [
          ...refs.map((ref) => ref.figure),
          ...(data.home ? [data.home.lead.figure] : []),
          ...(data.index?.numbers ?? []).map((ref) => ref.figure),
        ]),
        trends: all,
        keyNumbers: refs,
        ...(data.index?.numbers ? { indexNumbers: data.index.numbers } : {}),
      },
      now,
      includeUnpublished,
    );
    if (out.withheld.length > 0) {
      const n = out.withheld.length;
      const what = out.withheld.map(
        ({ index, figure, usedBy }) =>
          `report.keyNumbers[${index}] (${figure}, used only by ${usedBy.map((t) => t.name).join(', ')})`,
      );
      leftOut.push(
        `${id}: ${n} key number${n === 1 ? '' : 's'} left out of this build until a published trend uses ${n === 1 ? 'its figure' : 'their figures'}: ${what.join(', ')}`,
      );
    }
    const keyNumbers = out.keyNumbers.map((ref) =>
      keyNumberOf(out.figures, ref, data.survey.respondents, surveyCredit(data), data.language),
    );
    const indexNumbers = data.index?.numbers
      ? out.indexNumbers.map((ref) =>
          keyNumberOf(out.figures, ref, data.survey.respondents, surveyCredit(data), data.language),
        )
      : undefined;
    const summaryData = withKeyNumbers(data, out.keyNumbers);
    const lead = data.home ? homeLead(data.home.lead, out.figures) : undefined;
    return {
      id,
      href: `/${id}/`,
      data: summaryData,
      trendCount: published.length,
      keyNumbers,
      ...(indexNumbers ? { indexNumbers } : {}),
      ...(lead ? { homeLead: lead } : {}),
    };
  });
  return { summaries: summaries.filter((s) => s.trendCount > 0).sort(byEditionDesc), files, leftOut };
}
