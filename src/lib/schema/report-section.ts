import { z } from 'astro/zod';
import { knownFields } from './issues.ts';

/** Frontmatter of a report section (`report/*.mdx`), printed in the PDF and, with `onSite`, on the sources page. */
export const ReportSectionSchema = knownFields({
  /** Heading of the section. */
  title: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /**
   * Where the section goes: before the trends or after them, `after-sources` (a colophon such as "About this
   * report", after the list of sources), or `summary`: the report's executive summary, printed after the
   * contents (at most one per series).
   */
  placement: z.enum(['summary', 'before-trends', 'after-trends', 'after-sources'], {
    error: 'must be "summary", "before-trends", "after-trends" or "after-sources"',
  }),
  /** Position among the sections with the same placement. */
  order: z.number({ error: 'is required (1, 2, 3, ...)' }).int().positive(),
  /**
   * Also published, ungated, on the series' sources-and-method page (`/<series>/sources/`): for a section
   * readers should be able to check before they give an email for the report, such as the methodology.
   */
  onSite: z.boolean({ error: 'must be true or false' }).default(false),
});

export type ReportSectionData = z.output<typeof ReportSectionSchema>;
