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

const percentage = z
  .number({ error: 'must be a number (a percentage from 0 to 100)' })
  .min(0, 'is a percentage and must be between 0 and 100')
  .max(100, 'is a percentage and must be between 0 and 100');

/** One bar (or one segment of a stacked bar). */
export const FigureRowSchema = knownFields({
  /** What the value counts, as shown on the axis and in the table. */
  label: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** The published value, in percent of the base. */
  value: percentage,
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

/** One chart of the dataset: a survey question, its base and its published values. */
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
  /** The survey question in our words: no source publishes the exact wording (shown as "paraphrased"). */
  question: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** Who answered: the base of the percentages. */
  base: z.string({ error: 'is required (e.g. "All respondents")' }).min(1, 'must not be empty'),
  /**
   * Number of respondents in the base, only where a source documents the base (shown as "n = 403");
   * null where it does not (shown as "survey of 403", the survey's size, which is not the base).
   */
  n: z.number({ error: 'must be a whole number, or null where it is not published' }).int().positive().nullable(),
  /** Unit of every value. Only percentages of the base for now. */
  unit: z.literal('percent', { error: 'must be "percent"' }),
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
  /** For "paired" figures: who answered in the previous edition, the base of the `previous` values. */
  previousBase: z.string().min(1, 'must not be empty').optional(),
  /** For "paired" figures: respondents in the previous edition's base, or null where it was not published. */
  previousN: z
    .number({ error: 'must be a whole number, or null where it is not published' })
    .int()
    .positive()
    .nullable()
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
  const values = figure.rows.flatMap((row) => [row.value, ...(row.previous === undefined ? [] : [row.previous])]);
  if (values.every((value) => value <= 1) && values.some((value) => value > 0)) {
    ctx.addIssue({
      code: 'custom',
      path: ['rows'],
      message: 'has every value at 1 or less: values are percentages, so 57% is written 57, not 0.57',
    });
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
