import { z } from 'astro/zod';
import { knownFields } from './issues.ts';
import { CalendarDateSchema } from './date.ts';
import { SourceSchema } from './source.ts';

/** A reference to one row of a figure: the value shown for the trend in the series index. */
export const RowRefSchema = knownFields({
  /** Figure id in figures.json. */
  figure: z.string({ error: 'is required (a figure id)' }).min(1),
  /** Row label in that figure, exactly as written there. */
  label: z.string({ error: 'is required (a row label of the figure)' }).min(1),
  /**
   * What the share said or did, shown after the number where the row label does not read as a sentence
   * (a chart's "Infrastructure and operations leaders" becomes "say infrastructure and operations leaders
   * help set AI/ML priorities").
   */
  says: z.string().min(1, 'must not be empty').optional(),
  /**
   * What the number counts, in a few words, beside it in the home page's index of trends ("grew the team",
   * "run more than 50 models"): the headline under it makes the claim, so this label does not repeat it.
   */
  counts: z.string().min(1, 'must not be empty').max(32, 'must be at most 32 characters').optional(),
});

/**
 * Two segment ids of a figure (e.g. [size-1000, size-1-99]) whose values of the row a key number shows, "71% vs
 * 23%", instead of the total: for a headline that contrasts two groups.
 */
export const ContrastSchema = z.tuple([z.string().min(1), z.string().min(1)], {
  error: 'must be two segment ids, e.g. [size-1000, size-1-99]',
});

/** A key number: a row of a figure, or (`contrast`) two groups' values of it. */
export const KeyRefSchema = knownFields({
  ...RowRefSchema.shape,
  /** The two groups whose values are shown instead of the total (see `ContrastSchema`). */
  contrast: ContrastSchema.optional(),
});

/** The fields of a trend's frontmatter, each checked alone. */
export const TrendFields = knownFields({
  /** Position in the series, 1..N without gaps. */
  order: z
    .number({ error: 'is required: the position of the trend in the series (1, 2, 3, ...)' })
    .int('must be a whole number')
    .positive('must be 1 or more'),
  /** Headline of the article. */
  title: z.string({ error: 'is required' }).min(1, 'must not be empty').max(120, 'must be at most 120 characters'),
  /** One or two sentences for lists, feeds and search results. */
  summary: z.string({ error: 'is required' }).min(1, 'must not be empty').max(240, 'must be at most 240 characters'),
  /** Publication date (YYYY-MM-DD). */
  published: CalendarDateSchema,
  /** Date of the last substantive change (YYYY-MM-DD), if any: the article's dateModified and the sitemap's lastmod. */
  updated: CalendarDateSchema.optional(),
  /**
   * What the update changed, in one sentence ("Added the O'Reilly chapter (August 2021) as a source of the 64%."):
   * required with `updated`, shown beside "Updated <date>" on the article.
   */
  updateNote: z.string().min(1, 'must not be empty').max(240, 'must be at most 240 characters').optional(),
  /** Who wrote it. */
  author: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** Every figure id the article uses, in `<Figure>` or `<Stat>`. */
  figures: z.array(z.string()).default([]),
  /** Sources behind statements that no figure carries (a trend without a chart still names its sources). */
  sources: z.array(SourceSchema).default([]),
  /** The headline number shown for this trend in the series index. */
  keyFigure: KeyRefSchema.optional(),
  /**
   * "scene" when the article opens on an invented scene rather than on a finding: at most three per series, and
   * the first paragraph must say it is hypothetical ("Picture a…", "Suppose…"). `npm run check:content` counts them.
   */
  opening: z.enum(['scene'], { error: 'must be "scene" (or left out when the article opens on a finding)' }).optional(),
  /** Drafts are built in development only. */
  draft: z.boolean().default(false),
});

/** Frontmatter of one trend article (`trends/NN-slug.mdx`). */
export const TrendSchema = TrendFields.superRefine((trend, ctx) => {
  if (trend.updated && !trend.updateNote) {
    ctx.addIssue({
      code: 'custom',
      path: ['updateNote'],
      message: 'is required when "updated" is set: say in one sentence what the update changed',
    });
  }
  if (trend.updateNote && !trend.updated) {
    ctx.addIssue({
      code: 'custom',
      path: ['updateNote'],
      message: 'needs "updated" (the date of the change it describes)',
    });
  }
  if (trend.updated && trend.updated.getTime() < trend.published.getTime()) {
    const day = (date: Date) => date.toISOString().slice(0, 10);
    ctx.addIssue({
      code: 'custom',
      path: ['updated'],
      message: `is ${day(trend.updated)}, before "published" (${day(trend.published)}): an update comes after the publication`,
    });
  }
});

export type TrendData = z.output<typeof TrendSchema>;
export type RowRef = z.output<typeof RowRefSchema>;
export type KeyRef = z.output<typeof KeyRefSchema>;
