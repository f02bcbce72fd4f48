import { z } from 'astro/zod';
import { knownFields } from './issues.ts';

/** Frontmatter of a report-only section (`report/*.mdx`), printed in the PDF but not on the site. */
export const ReportSectionSchema = knownFields({
  /** Heading of the section. */
  title: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** Where the section goes: before the trends or after them. */
  placement: z.enum(['before-trends', 'after-trends'], { error: 'must be "before-trends" or "after-trends"' }),
  /** Position among the sections with the same placement. */
  order: z.number({ error: 'is required (1, 2, 3, ...)' }).int().positive(),
});

export type ReportSectionData = z.output<typeof ReportSectionSchema>;
