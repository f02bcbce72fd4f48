import { z } from 'astro/zod';
import { knownFields } from './issues.ts';
import { chartKinds } from '../chart/kinds/index.ts';
import { SourceSchema } from './source.ts';

/** What the dataset says where no source documents a fact (e.g. whether answers were multi-select). */
export const NOT_PUBLISHED = 'not published';

/** The chart kinds the figure system can draw: each has its module in `src/lib/chart/kinds/`. */
export const ChartKindSchema = z.enum(['bars', 'paired', 'stacked', 'number', 'nested'], {
  error: (): string => {
    const kinds = Object.values(chartKinds).map((k) => `"${k.kind}" (${k.description})`);
    return `must be one of ${kinds.slice(0, -1).join(', ')} or ${kinds.at(-1)}`;
  },
});

/** The units a figure's values may have. */
export const UNITS = ['percent', 'count', 'currency', 'days', 'score'] as const;

const percentage = z
  .number({ error: 'must be a number (a percentage from 0 to 100)' })
  .min(0, 'is a percentage and must be between 0 and 100')
  .max(100, 'is a percentage and must be between 0 and 100');

/** One bar (or one segment of a stacked bar). */
export const FigureRowSchema = knownFields({
  /** What the value counts, as shown on the axis and in the table. */
  label: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** The value, in the figure's unit (percent of the base for a share; checked against the unit below). */
  value: z.number({ error: 'must be a number' }).refine(Number.isFinite, 'must be a finite number'),
  /** The value's 95% interval where it was computed from responses (a share's Wilson interval, a mean's). */
  interval: knownFields(
    { low: z.number({ error: 'must be a number' }), high: z.number({ error: 'must be a number' }) },
    { error: 'must be an object { "low", "high" }' },
  ).optional(),
  /** For "paired" figures: the value from the previous edition of the survey. */
  previous: percentage.optional(),
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

/** One segment's value of a row; a cell answered by fewer than the series' minimum n has no value at all. */
export const SegmentRowSchema = knownFields({
  label: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  value: z.number({ error: 'must be a number' }).optional(),
  interval: knownFields({ low: z.number(), high: z.number() }).optional(),
  suppressed: z.literal(true).optional(),
});

/** One segment of respondents (e.g. "size-1000", "1,000+ employees") and its values, row by row. */
export const SegmentSchema = knownFields({
  id: z.string({ error: 'is required' }).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
  label: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  n: z.number({ error: 'must be a whole number' }).int().nonnegative(),
  rows: z.array(SegmentRowSchema),
});

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
        error:
          'is required: quote the source\'s own words for the base (and its size); where no source states the base, remove "base"',
      })
      .min(1, "must not be empty: quote the source's own words for the base"),
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
  /** Replaced by `base.n`: a size needs the source's words for the base beside it. */
  n: z
    .never({ error: 'is no longer a field: a base\'s size is "base.n", beside the source\'s words in "base.quote"' })
    .optional(),
  /** Unit of every value: a share of the base (percent), a count, an amount of money, a number of days, a score. */
  unit: z.enum(UNITS, { error: `must be one of ${UNITS.map((u) => `"${u}"`).join(', ')}` }),
  /** ISO 4217 code of the currency (e.g. "EUR"), where `unit` is "currency". */
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 currency code in capitals, e.g. "EUR"')
    .optional(),
  /** For a "score": the scale its values lie on (1-5 for a mean rating, -100 to 100 for a Net Promoter Score). */
  scale: knownFields(
    { min: z.number({ error: 'must be a number' }), max: z.number({ error: 'must be a number' }) },
    { error: 'must be an object { "min", "max" }' },
  ).optional(),
  /** Values by segment (role, company size), computed from responses; a cell under the minimum n has no value. */
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
  if (figure.unit === 'percent') {
    figure.rows.forEach((row, i) => {
      if (!percentage.safeParse(row.value).success)
        ctx.addIssue({
          code: 'custom',
          path: ['rows', i, 'value'],
          message: 'is a percentage and must be between 0 and 100',
        });
    });
  }
  if (figure.unit === 'currency' && figure.currency === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['currency'],
      message: 'is required where "unit" is "currency" (e.g. "EUR")',
    });
  }
  if (figure.unit !== 'currency' && figure.currency !== undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['currency'],
      message: `names a currency, but "unit" is "${figure.unit}": remove it`,
    });
  }
  const values = figure.rows.flatMap((row) => [row.value, ...(row.previous === undefined ? [] : [row.previous])]);
  if (figure.unit === 'percent' && values.every((value) => value <= 1) && values.some((value) => value > 0)) {
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
