import { z } from 'astro/zod';
import { knownFields } from './issues.ts';

/** How a figure was obtained, from the facts file's confidence scale. */
export const ConfidenceSchema = z.enum(['RT', 'AB', 'PR', 'DER'], {
  error: "must be one of RT (report text), AB (the publisher's blog), PR (secondary source), DER (derived)",
});

/** Where a published value was seen. Every figure carries one. */
export const SourceSchema = knownFields(
  {
    /** Short key of the source, as listed in the research notes (e.g. "B-IO"); internal, never shown to readers. */
    key: z.string({ error: 'is required (the source key, e.g. "B-IO")' }).min(1, 'must not be empty'),
    /** Title of the article, post, book or report, shown under the chart. */
    title: z.string({ error: 'is required (the name shown under the chart)' }).min(1, 'must not be empty'),
    /** Who published the original (e.g. "Forbes", "Algorithmia blog"), where known. */
    outlet: z.string().min(1, 'must not be empty').optional(),
    /** Who wrote it, where known. */
    author: z.string().min(1, 'must not be empty').optional(),
    /** When it was published, as precisely as known (e.g. "January 2021", "11 February 2021"). */
    date: z.string().min(1, 'must not be empty').optional(),
    /** Where the link is not the original: "mirror" (a copy elsewhere) or "translation"; shown with the title. */
    via: z.enum(['mirror', 'translation'], { error: 'must be "mirror" or "translation"' }).optional(),
    /** Link to the source, where one exists. */
    url: z.url({ protocol: /^https?$/, error: 'must be an absolute http(s) URL' }).optional(),
    /** How the value was obtained: report text, the publisher's blog, a secondary source, or derived. */
    confidence: ConfidenceSchema,
  },
  { error: 'is required: every figure needs a source with key, title and confidence' },
);

export type Source = z.output<typeof SourceSchema>;

/** How each confidence level is named under a chart and in the report's sources. */
export const CONFIDENCE_LABELS: Record<Source['confidence'], string> = {
  RT: 'report text',
  AB: 'publisher’s blog',
  PR: 'secondary source',
  DER: 'derived',
};
