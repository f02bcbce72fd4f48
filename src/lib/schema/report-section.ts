import { z } from 'astro/zod';
import { knownFields } from './issues.ts';

/** Frontmatter of a report-only section (`report/*.mdx`), printed in the PDF but not on the site. */
export const ReportSectionSchema = knownFields({
  /** Heading of the section. */
  title: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /**
   * Where the section goes: before the trends or after them, or `summary`: the report's executive summary,
   * printed after the contents (at most one per series).
   */
  placement: z.enum(['summary', 'before-trends', 'after-trends'], {
    error: 'must be "summary", "before-trends" or "after-trends"',
  }),
  /** Position among the sections with the same placement. */
  order: z.number({ error: 'is required (1, 2, 3, ...)' }).int().positive(),
});

export type ReportSectionData = z.output<typeof ReportSectionSchema>;
