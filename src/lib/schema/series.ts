import { z } from 'astro/zod';

/** The survey behind a series: shown on the home page, the methodology and the report. */
export const SurveySchema = z.object({
  /** Number of people who answered. */
  respondents: z.number({ error: 'must be a whole number' }).int().positive(),
  /** Who they are. */
  respondentsDescription: z.string().min(1),
  /** When the survey ran, as written in the sources (e.g. "November 2020"). */
  fielded: z.string().min(1),
  /** Which organizations qualified. */
  revenueFilter: z.string().min(1),
  /** How the sample was drawn. */
  sampling: z.string().min(1),
  /** Number of questions asked. */
  questions: z.number({ error: 'must be a whole number' }).int().positive(),
  /** What the questions covered. */
  topics: z.string().min(1),
});

/** `series.yaml`: one edition of a series. */
export const SeriesSchema = z.object({
  /** Full title of the series and of its report. */
  title: z.string({ error: 'is required' }).min(1),
  /** Short form for navigation. */
  shortTitle: z.string({ error: 'is required' }).min(1),
  /** Year of the edition; the newest edition is featured on the home page. */
  edition: z.number({ error: 'must be a year, e.g. 2021' }).int().min(2000).max(2100),
  /** Edition label, e.g. "Third annual edition". */
  editionLabel: z.string().min(1),
  /** One paragraph on what the series covers. */
  summary: z.string({ error: 'is required' }).min(1),
  /** Meta description for search and social cards. */
  description: z.string({ error: 'is required' }).min(1).max(300),
  /** Author shown on the report and the feed. */
  author: z.string({ error: 'is required' }).min(1),
  /** Language of the content (BCP 47). */
  language: z.string().default('en'),
  /** Facts about the survey. */
  survey: SurveySchema,
});

export type SeriesData = z.output<typeof SeriesSchema>;
export type Survey = z.output<typeof SurveySchema>;
