import { z } from 'astro/zod';
import { knownFields } from './issues.ts';
import { chartKinds } from '../chart/kinds/index.ts';
import { isOwnSurvey, SourceSchema } from './source.ts';
import { COMPUTATIONS } from '../survey/computations.ts';

/** What the dataset says where no source documents a fact (e.g. whether answers were multi-select). */
export const NOT_PUBLISHED = 'not published';

/** The chart kinds the figure system can draw: each has its module in `src/lib/chart/kinds/`. */
export const ChartKindSchema = z.enum(['bars', 'paired', 'stacked', 'number', 'nested', 'by-segment'], {
  error: (): string => {
    const kinds = Object.values(chartKinds).map((k) => `"${k.kind}" (${k.description})`);
    return `must be one of ${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
  },
});

/** A value: a percentage from 0 to 100 where the figure's unit is percent (checked with the figure). */
const value = z.number({ error: 'must be a number (a percentage from 0 to 100)' }).finite('must be a finite number');

const PERCENT_RANGE = 'is a percentage and must be between 0 and 100';

/** The units a figure's values can be in. */
export const UNITS = ['percent', 'count', 'currency', 'days', 'score'] as const;

/** A 95% interval computed from the responses, in the figure's unit. */
export const IntervalSchema = knownFields(
  {
    low: z.number({ error: 'must be a number' }),
    high: z.number({ error: 'must be a number' }),
  },
  { error: 'must be an object { "low", "high" }' },
).refine((interval) => interval.low <= interval.high, { message: 'must have low at most high', path: ['high'] });

/** One value of a segment; a suppressed one (fewer answers than the series' minimum n) has no value at all. */
export const SegmentRowSchema = knownFields({
  label: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  value: value.optional(),
  interval: IntervalSchema.optional(),
  /** True where the segment has fewer answers than the minimum n: no value is published. */
  suppressed: z.literal(true).optional(),
}).superRefine((row, ctx) => {
  if (row.suppressed && (row.value !== undefined || row.interval !== undefined)) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'must be left out where the value is suppressed' });
  }
  if (!row.suppressed && row.value === undefined) {
    ctx.addIssue({ code: 'custom', path: ['value'], message: 'is required unless the value is suppressed' });
  }
});

/** The figure's values among respondents of one segment (e.g. "1,000+ employees"). */
export const SegmentSchema = knownFields({
  /** Id in URLs and `<Stat segment>`: "size-1000". */
  id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9 and dashes)'),
  /** The segment as readers see it: the answer's label ("1,000+ employees"). */
  label: z.string().min(1, 'must not be empty'),
  /** What the segments are a breakdown by ("Company size"). */
  group: z.string().min(1, 'must not be empty'),
  /** Respondents in the segment who answered the figure's question. */
  n: z.number().int().nonnegative(),
  /**
   * True where the segment has enough answers but is withheld all the same (complementary suppression): it
   * is the next smallest group of a breakdown in which exactly one other group is under the minimum n.
   */
  complementary: z.literal(true).optional(),
  rows: z.array(SegmentRowSchema),
  /** For "nps-groups": the segment's Net Promoter Score with its 95% interval, set by the loader (none if withheld). */
  score: z.object({ value, interval: IntervalSchema }).optional(),
});

/** How a figure is computed from the series' own responses (survey/questions.yaml, survey/responses.csv). */
export const FigureSurveySchema = knownFields(
  {
    /** The question's id in questions.yaml. */
    question: z.string({ error: 'is required (a question id from survey/questions.yaml)' }).min(1),
    compute: z.enum(COMPUTATIONS, {
      error: `must be one of ${COMPUTATIONS.slice(0, -1)
        .map((c) => `"${c}"`)
        .join(', ')} or "${COMPUTATIONS.at(-1)}"`,
    }),
    /**
     * For "histogram": the width of each bar, in the question's unit (7 for a bar a week of days). Left out, a bar
     * per unit where the answers are whole numbers spanning at most 60, else a round width giving about 30 bars.
     */
    binWidth: z.number({ error: 'must be a number' }).positive('must be more than 0').finite().optional(),
    /**
     * For "tail-share": the percentile the tail starts at, from 50 to 99 (default 90: the respondents at or above
     * the 90th percentile, the top tenth).
     */
    atOrAbove: z
      .number({ error: 'must be a whole number from 50 to 99 (a percentile)' })
      .int('must be a whole number from 50 to 99 (a percentile)')
      .min(50, 'must be a whole number from 50 to 99 (a percentile)')
      .max(99, 'must be a whole number from 50 to 99 (a percentile)')
      .optional(),
    /**
     * For "histogram", set by the loader: the count of respondents in each bin (answers `from` ≤ answer < `to`),
     * and whether the answers are whole numbers (a bin of width 1 then holds one answer).
     */
    bins: z
      .object({
        width: z.number().positive(),
        whole: z.boolean(),
        bins: z.array(z.object({ from: z.number(), to: z.number(), count: z.number().int().nonnegative() })).min(1),
      })
      .optional(),
    /** A segment question of survey.yaml: the figure is also computed within each of its answers. */
    segmentBy: z.string().min(1, 'must not be empty').optional(),
    /**
     * With `segmentBy`, for shares of a single-choice question (each group's shares add to 100%): "stacked" draws
     * one 100% bar per group, all respondents first, rather than a panel per group.
     */
    draw: z.literal('stacked', { error: 'must be "stacked" (one 100% bar per group), or be left out' }).optional(),
    /** The question's position in questions.yaml ("Q7"), set by the loader. */
    number: z.number().int().positive().optional(),
    /** How the values' intervals were computed, set by the loader. */
    intervalMethod: z.string().min(1).optional(),
    /** The Kish effective sample size of the base (base.n when unweighted), set by the loader. */
    effectiveN: z.number().nonnegative().optional(),
    /** For "top2box": the scale's ends (1 and 5), so the subtitle can say "4–5 of 5"; set by the loader. */
    points: z.object({ min: z.number().int(), max: z.number().int() }).optional(),
    /**
     * True where every answer is a whole number and the figure gives percentiles of them (median, quartiles,
     * spread): those are written whole ("9 days", not "9.0 days"), and an interval of no width is written "4 days at both ends".
     * Set by the loader.
     */
    wholeAnswers: z.literal(true).optional(),
    /** True where the rows are a scale's points in order (shares of a scale question), set by the loader. */
    ordered: z.literal(true).optional(),
    /** The series' minimum n for a segment's values to be shown, set by the loader. */
    minimumN: z.number().int().positive().optional(),
    /** For "nps-groups": the Net Promoter Score of all who answered, with its 95% interval, set by the loader. */
    score: z.object({ value, interval: IntervalSchema }).optional(),
    /**
     * With `segmentBy`: how many times group `of`'s value (of row `label`, else the first row) is that of the
     * groups `over` taken together, for prose to bind with `<Ratio figure>`. The loader sets `value` and its 95%
     * bootstrap `interval` (src/lib/survey/compute.ts, `ratioValue`).
     */
    ratio: knownFields(
      {
        of: z.string({ error: 'is required (the id of the group divided)' }).min(1),
        over: z
          .array(z.string().min(1), { error: 'is required (the ids of the groups divided by, taken together)' })
          .min(1, 'must name at least one group'),
        label: z.string().min(1).optional(),
        value: z.number().optional(),
        interval: IntervalSchema.optional(),
      },
      { error: 'must be an object { "of", "over", "label"? }' },
    ).optional(),
  },
  { error: 'must be an object { "question", "compute", "segmentBy"? }' },
);

/** One bar (or one segment of a stacked bar). */
export const FigureRowSchema = knownFields({
  /** What the value counts, as shown on the axis and in the table. */
  label: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** The value, in the figure's unit: for percent, in percent of the base. */
  value,
  /** For "paired" figures: the value from the previous edition of the survey. */
  previous: value.optional(),
  /** The value's 95% interval where it is computed from the responses (else from the base's n, for shares). */
  interval: IntervalSchema.optional(),
  /** True where the value was computed (e.g. 100 minus the published shares), not published. */
  derived: z.boolean().default(false),
  /** Where this row comes from, when it differs from the figure's source. */
  source: SourceSchema.optional(),
  /**
   * For "nested" figures: the name of this row's own part of the bar. The innermost answer's part is the
   * answer ("Grew it"); an outer answer's part is what it holds beyond the answer inside it ("Kept the
   * same size"). Defaults to the answer's first word, and "Not <that word>" for an outer answer.
   */
  segment: z
    .string()
    .min(1, 'must not be empty')
    .max(40, 'must be at most 40 characters: it is written inside a bar')
    .optional(),
});

const QUOTE_REQUIRED =
  'is required: quote the source\'s own words for the base (and its size); where no source states the base, remove "base"';

/**
 * The base of a figure's percentages, as a source states it. An editor cannot claim a base (or its size)
 * without the source's own words for it: `quote` is required, and `source` names the figure's source or a
 * row's (by key; the figure's by default).
 */
export const BaseSchema = knownFields(
  {
    /** Who answered, as the page names it (e.g. "All respondents"). */
    text: z.string({ error: 'is required (who answered, e.g. "All respondents")' }).min(1, 'must not be empty'),
    /** Number of respondents in the base, where the source states it: the 95% intervals are computed from it. */
    n: z.number({ error: 'must be a whole number' }).int().positive().optional(),
    /** The source's own words for the base, quoted exactly (shown in quotation marks with the source). */
    quote: z
      .string({
        error: QUOTE_REQUIRED,
      })
      .min(1, "must not be empty: quote the source's own words for the base")
      .optional(),
    /** Key of the source that states the base: the figure's (default) or one of its rows' sources. */
    source: z.string().min(1, 'must not be empty').optional(),
  },
  {
    error:
      'must be an object { "text", "quote", "n"?, "source"? } with the source\'s words for the base, or left out where no source states it',
  },
);

/** One chart of the dataset: a survey question, its base where a source states it, and its published values. */
export const FigureSchema = knownFields({
  /** For "nested" figures: the name of the bar's part outside every answer (default "Other answers"). */
  otherSegment: z
    .string()
    .min(1, 'must not be empty')
    .max(40, 'must be at most 40 characters: it is written in the bar')
    .optional(),
  /** Unique id, used by `<Figure id>` and `<Stat figure>` (kebab-case). */
  id: z
    .string({ error: 'is required' })
    .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9 and dashes)'),
  /** Headline of the chart, written as a finding. */
  title: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /**
   * Print only: the title of the exhibit a single share opens in a report chapter, where the single shares its
   * trend lists are drawn together (`data-with`): their joint finding, in words. The web draws no such exhibit.
   */
  exhibitTitle: z.string().min(1, 'must not be empty').optional(),
  /** The survey question: the source's exact words, or our reconstruction of it from the finding. */
  question: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /**
   * Whether `question` is the wording a source published ("published": quoted exactly) or one written here
   * from the published finding ("reconstructed", shown as "reconstructed from the published finding").
   */
  questionWording: z.enum(['published', 'reconstructed'], {
    error:
      'must be "published" (the question is a source\'s exact words) or "reconstructed" (written here from the finding)',
  }),
  /**
   * Who the percentages are of, only where a source states it: its words quoted, the source named. Left out
   * where no source states the base: every output then says "base not published" and computes no interval.
   */
  base: BaseSchema.optional(),
  /**
   * Where no source states the base but the value is of a part of the sample only, that part, lower case
   * ("organizations with more than 25,000 employees"): the pop-up names it in place of the whole survey.
   */
  subgroup: z.string().min(1, 'must not be empty: name the part of the sample the value is of').optional(),
  /** Replaced by `base.n`: a size needs the source's words for the base beside it. */
  n: z
    .never({ error: 'is no longer a field: a base\'s size is "base.n", beside the source\'s words in "base.quote"' })
    .optional(),
  /** Unit of every value: percent of the base, a count, an amount of money, days, or a score (NPS, a scale). */
  unit: z.enum(UNITS, { error: 'must be "percent", "count", "currency", "days" or "score"' }),
  /** For unit "count": the period each count is of ("week": "9.1 a week"); set by the survey loader. */
  per: z.enum(['day', 'week', 'month', 'year']).optional(),
  /** For unit "currency": the ISO 4217 code, e.g. "EUR". */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. "EUR"')
    .optional(),
  /**
   * For unit "score": the scale its values lie on, which the chart's axis spans (1-5 for a mean rating).
   * A Net Promoter Score's (-100 to 100) is known from `survey.compute`; left out, it is read from the values.
   */
  scale: knownFields(
    { min: z.number({ error: 'must be a number' }), max: z.number({ error: 'must be a number' }) },
    { error: 'must be an object { "min", "max" }' },
  ).optional(),
  /** Where the values are computed from the series' own responses: the question and the computation. */
  survey: FigureSurveySchema.optional(),
  /** With `survey.segmentBy`: the values within each segment, a suppressed cell without a value. */
  segments: z.array(SegmentSchema).optional(),
  /**
   * True where a source documents that respondents could pick several answers (shares may add to more
   * than 100%), false where it documents one answer each, "not published" where no source says.
   */
  multiSelect: z.union([z.boolean(), z.literal(NOT_PUBLISHED)], {
    error: `must be true, false or "${NOT_PUBLISHED}" (where no source documents the answer format)`,
  }),
  /** How the figure is drawn. */
  kind: ChartKindSchema,
  /** For "paired" figures: the names of the two editions, current first. */
  seriesLabels: z.tuple([z.string().min(1), z.string().min(1)]).optional(),
  /** For "paired" figures: the previous edition's base, only where a source states it (as `base`). */
  previousBase: BaseSchema.optional(),
  /** Replaced by `previousBase.n`. */
  previousN: z
    .never({
      error: 'is no longer a field: the previous edition\'s base size is "previousBase.n", with "previousBase.quote"',
    })
    .optional(),
  /** The values, in the order they are drawn. */
  rows: z.array(FigureRowSchema).min(1, 'must list at least one row'),
  /** Where the values were published. */
  source: SourceSchema,
  /** A caveat shown under the chart (derivations, conflicting readings). */
  note: z.string().optional(),
}).superRefine((figure, ctx) => {
  const seen = new Set<string>();
  figure.rows.forEach((row, i) => {
    if (i === 0 && figure.otherSegment !== undefined && figure.kind !== 'nested') {
      ctx.addIssue({
        code: 'custom',
        path: ['otherSegment'],
        message: `names a part of a "nested" bar, but this figure's kind is "${figure.kind}": remove it`,
      });
    }
    if (row.segment !== undefined && figure.kind !== 'nested') {
      ctx.addIssue({
        code: 'custom',
        path: ['rows', i, 'segment'],
        message: `names a part of a "nested" bar, but this figure's kind is "${figure.kind}": remove it`,
      });
    }
    if (seen.has(row.label)) {
      ctx.addIssue({ code: 'custom', path: ['rows', i, 'label'], message: `repeats the label "${row.label}"` });
    }
    seen.add(row.label);
  });
  chartKinds[figure.kind].validate(figure, (path, message) => ctx.addIssue({ code: 'custom', path, message }));
  const percent = figure.unit === 'percent';
  figure.rows.forEach((row, i) => {
    for (const field of ['value', 'previous'] as const) {
      const v = row[field];
      if (percent && v !== undefined && (v < 0 || v > 100)) {
        ctx.addIssue({ code: 'custom', path: ['rows', i, field], message: PERCENT_RANGE });
      }
    }
  });
  if (figure.unit === 'currency' && figure.currency === undefined) {
    ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is required with unit "currency" (e.g. "EUR")' });
  }
  if (figure.unit !== 'currency' && figure.currency !== undefined) {
    ctx.addIssue({ code: 'custom', path: ['currency'], message: 'is only for unit "currency"' });
  }
  const own = isOwnSurvey(figure.source);
  for (const field of ['base', 'previousBase'] as const) {
    if (figure[field] && figure[field].quote === undefined && !own) {
      ctx.addIssue({ code: 'custom', path: [field, 'quote'], message: QUOTE_REQUIRED });
    }
  }
  if ((figure.survey !== undefined) !== own) {
    ctx.addIssue({
      code: 'custom',
      path: ['survey'],
      message: own
        ? 'is required where the source is an own survey (the loader computes such figures)'
        : 'is set, but the source is not an own survey',
    });
  }
  // A figure computed by segment draws every group: a chart of the total alone would hide what it compares.
  if (figure.survey?.segmentBy !== undefined && figure.kind !== 'by-segment') {
    ctx.addIssue({
      code: 'custom',
      path: ['kind'],
      message: `is "${figure.kind}", but the figure is computed by segment ("survey.segmentBy"): use "by-segment", which draws every group`,
    });
  }
  if (figure.segments && !figure.survey?.segmentBy) {
    ctx.addIssue({
      code: 'custom',
      path: ['segments'],
      message: 'are computed from the responses with "survey.segmentBy"',
    });
  }
  const values = figure.rows.flatMap((row) => [row.value, ...(row.previous === undefined ? [] : [row.previous])]);
  if (percent && values.every((value) => value <= 1) && values.some((value) => value > 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['rows'],
      message: 'has every value at 1 or less: values are percentages, so 57% is written 57, not 0.57',
    });
  }
  const keys = new Set([figure.source.key, ...figure.rows.flatMap((row) => (row.source ? [row.source.key] : []))]);
  for (const field of ['base', 'previousBase'] as const) {
    const key = figure[field]?.source;
    if (key !== undefined && !keys.has(key)) {
      ctx.addIssue({
        code: 'custom',
        path: [field, 'source'],
        message: `names the source "${key}", which is neither this figure's source nor a row's (${[...keys].map((k) => `"${k}"`).join(', ')})`,
      });
    }
  }
  if (figure.rows.some((row) => row.derived) && !figure.note) {
    ctx.addIssue({
      code: 'custom',
      path: ['note'],
      message: 'is required when a row is derived: say how it was computed',
    });
  }
});

export type FigureInput = z.input<typeof FigureSchema>;
export type Figure = z.output<typeof FigureSchema>;
export type FigureRow = z.output<typeof FigureRowSchema>;
export type ChartKind = z.output<typeof ChartKindSchema>;
export type FigureBase = z.output<typeof BaseSchema>;
export type FigureSegment = z.output<typeof SegmentSchema>;
export type FigureUnit = (typeof UNITS)[number];
