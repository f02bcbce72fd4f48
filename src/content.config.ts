import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';
import { FigureSchema } from './lib/schema/figure.ts';
import { SeriesSchema } from './lib/schema/series.ts';
import { TrendSchema } from './lib/schema/trend.ts';
import { ReportSectionSchema } from './lib/schema/report-section.ts';
import { seriesFigures } from './data/figures-loader.ts';
import { articleSlug } from './lib/content/article-slug.ts';

const base = './content/series';
const seriesOf = (entry: string) => entry.split('/')[0]!;
/** "ml-trends-2021/trends/08-io-leaders.mdx" -> "ml-trends-2021/io-leaders" */
const articleId = ({ entry }: { entry: string }) => `${seriesOf(entry)}/${articleSlug(entry)}`;

const series = defineCollection({
  loader: glob({ base, pattern: '*/series.yaml', generateId: ({ entry }) => seriesOf(entry) }),
  schema: SeriesSchema,
});

const figures = defineCollection({
  loader: seriesFigures(base),
  schema: FigureSchema.safeExtend({ series: z.string() }),
});

const trends = defineCollection({
  loader: glob({ base, pattern: '*/trends/*.mdx', generateId: articleId }),
  schema: TrendSchema,
});

const reportSections = defineCollection({
  loader: glob({ base, pattern: '*/report/*.mdx', generateId: articleId }),
  schema: ReportSectionSchema,
});

export const collections = { series, figures, trends, reportSections };
