import { z } from 'astro/zod';

/** How a figure was obtained, from the facts file's confidence scale. */
export const ConfidenceSchema = z.enum(['RT', 'AB', 'PR', 'DER'], {
  error: 'must be one of RT (report text), AB (vendor blog), PR (press restatement), DER (derived)',
});

/** Where a published value was seen. Every figure carries one. */
export const SourceSchema = z.object(
  {
    /** Short key of the source, as listed in the research notes (e.g. "B-IO"). */
    key: z.string({ error: 'is required (the source key, e.g. "B-IO")' }).min(1, 'must not be empty'),
    /** Human-readable name of the source, shown under the chart. */
    title: z.string({ error: 'is required (the name shown under the chart)' }).min(1, 'must not be empty'),
    /** Link to the source, where one exists. */
    url: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
    /** How reliable the value is: report text, vendor blog, press restatement or derived. */
    confidence: ConfidenceSchema,
  },
  { error: 'is required: every figure needs a source with key, title and confidence' },
);

export type Source = z.output<typeof SourceSchema>;

/** How each confidence level is named under a chart and in the report's sources. */
export const CONFIDENCE_LABELS: Record<Source['confidence'], string> = {
  RT: 'report text',
  AB: "vendor's blog",
  PR: 'press restatement',
  DER: 'derived',
};
