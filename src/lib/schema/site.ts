import { z } from 'astro/zod';
import { knownFields } from './issues.ts';

/** `content/site.yaml`: the site around the series. */
export const SiteSchema = knownFields({
  /** Site name: the header's brand, the home page title, after each page title, in the PDF creator. */
  name: z.string({ error: 'is required' }).min(1),
  /** Language of the pages that belong to no series (BCP 47, e.g. "en-US"); series pages use their own. */
  locale: z.string({ error: 'is required (e.g. "en-US")' }).min(2),
  /** Keywords of every report PDF, after the series id. */
  keywords: z.array(z.string().min(1)).default([]),
  /** Who the articles are written for, as the end of "says what it means for …" on the home page. */
  audience: z.string({ error: 'is required' }).min(1),
  /** The address readers write to about their data (deletion, questions): shown on the privacy page (/privacy/). */
  contact: z.email({ error: 'is required: an email address readers can write to about their data' }),
});

export type SiteData = z.output<typeof SiteSchema>;
