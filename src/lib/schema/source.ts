import { z } from 'astro/zod';
import { knownFields } from './issues.ts';

/** How a figure was obtained, from the facts file's confidence scale. */
export const ConfidenceSchema = z.enum(['RT', 'AB', 'PR', 'DER'], {
  error: "must be one of RT (report text), AB (the publisher's blog), PR (secondary source), DER (derived)",
});

/** What an own survey's source line names: who was asked, how many answered, and when. */
export const OWN_SURVEY = 'own survey';

/**
 * Where a value was seen. Every figure carries one: a published source (with its confidence code), or
 * (`kind: "own survey"`) the publisher's own responses, which the loader writes from survey/survey.yaml.
 */
export const SourceSchema = knownFields(
  {
    /** "own survey" where the values are computed from the publisher's own responses (set by the loader). */
    kind: z.literal(OWN_SURVEY, { error: `must be "${OWN_SURVEY}" or left out` }).optional(),
    /** An own survey's population, e.g. "platform engineers". */
    population: z.string().min(1, 'must not be empty').optional(),
    /** An own survey's number of respondents (rows of responses.csv). */
    respondents: z.number().int().positive().optional(),
    /** When an own survey was fielded (YYYY-MM-DD). */
    fielded: z.object({ from: z.string(), to: z.string() }).optional(),
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
    /**
     * How a reader gets a source that has no public address, printed after its title in every list of sources,
     * e.g. "available from its publisher".
     */
    access: z.string().min(1, 'must not be empty').max(120, 'must be at most 120 characters').optional(),
    /** How the value was obtained: report text, the publisher's blog, a secondary source, or derived. */
    confidence: ConfidenceSchema.optional(),
  },
  { error: 'is required: every figure needs a source with key, title and confidence' },
).superRefine(
  (source, ctx) => {
    const own = source.kind === OWN_SURVEY;
    if (!own && source.confidence === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['confidence'],
        message: "must be one of RT (report text), AB (the publisher's blog), PR (secondary source), DER (derived)",
      });
    }
    if (own && source.confidence !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['confidence'], message: 'is for published sources, not an own survey' });
    }
    for (const field of ['population', 'respondents', 'fielded'] as const) {
      if (own && source[field] === undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is required for an own survey` });
      }
      if (!own && source[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `is only for an own survey (kind "${OWN_SURVEY}")` });
      }
    }
    // Also where another field is wrong: a missing confidence is named with a missing key or title.
  },
  { when: (payload) => typeof payload.value === 'object' && payload.value !== null && !Array.isArray(payload.value) },
);

export type Source = z.output<typeof SourceSchema>;

/** Whether a source is the publisher's own survey (its values computed from the responses). */
export function isOwnSurvey(source: Pick<Source, 'kind'>): boolean {
  return source.kind === OWN_SURVEY;
}

/** How each confidence level is named under a chart and in the report's sources. */
export const CONFIDENCE_LABELS: Record<NonNullable<Source['confidence']>, string> = {
  RT: 'report text',
  AB: 'publisher’s blog',
  PR: 'secondary source',
  DER: 'derived',
};
