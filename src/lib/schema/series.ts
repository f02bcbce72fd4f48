import { z } from 'astro/zod';
import { knownFields } from './issues.ts';
import { KeyRefSchema, RowRefSchema } from './trend.ts';

/** The survey behind a series: shown on the home page, the methodology and the report. */
export const SurveySchema = knownFields({
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
  /** Who ran the survey (e.g. "Algorithmia"): named in the report's survey facts. */
  publisher: z.string({ error: 'must be the name of whoever ran the survey' }).min(1, 'must not be empty').optional(),
  /** What the survey cannot tell, one plain sentence each: listed in the report's survey facts. */
  limits: z
    .array(z.string({ error: 'must be a sentence' }).min(1, 'must not be empty'), {
      error: 'must be a list of sentences (one "- ..." line each)',
    })
    .min(1, 'must list at least one limit, or be left out')
    .optional(),
});

/** A part of the printed report: a theme that groups trends, with its own opener page. */
export const ReportPartSchema = knownFields({
  /** Title on the part's opener page, in the contents and the running heads. */
  title: z.string({ error: 'is required' }).min(1, 'must not be empty'),
  /** One paragraph introducing the part, on its opener page. */
  summary: z.string({ error: 'is required (one paragraph)' }).min(1, 'must not be empty'),
  /** The one number the part's opener draws: a row of a figure; left out where no figure carries the part. */
  keyFigure: RowRefSchema.optional(),
  /** The part's trends, by slug (the article's file name without its number and .mdx), in any order. */
  trends: z
    .array(z.string({ error: 'must be a trend slug' }).min(1, 'must not be empty'), {
      error: 'must be a list of trend slugs, e.g. [investment, teams]',
    })
    .min(1, 'must list at least one trend'),
  /**
   * Print only: the short name of a chapter in the running heads, by trend slug ("deployment: The wait to
   * deploy"). A chapter's title states its finding with its number; a running head beside a chart would say it
   * again (issue 19, round 15). Left out, the running head names the chapter by its number.
   */
  heads: z
    .record(
      z.string(),
      z
        .string({ error: 'must be a short name for the chapter' })
        .min(1, 'must not be empty')
        .max(40, 'must be at most 40 characters: it fits a running head')
        .refine((text) => !/\d/.test(text), { error: 'has a digit: a running head names the chapter, not a value' }),
      { error: 'must map trend slugs to short names, e.g. { deployment: The wait to deploy }' },
    )
    .optional(),
  // That each key is one of the part's trends is checked with the trends themselves (src/lib/validate-series.ts),
  // after them: a misspelt trend is named as such, not as a running head that names no trend of the part.
});

/** A share typed by hand ("83%", "83 percent"), which the dataset would not keep in step. */
const TYPED_PERCENT = /(?<![\w.])\d+(?:[.,]\d+)?\s?(?:%|percent\b|per\s?cent\b|pct\b)/i;
/** Two lines say the same, whatever their case, spacing and final full stop. */
const same = (a: string, b: string) => {
  const plain = (text: string) =>
    text
      .toLowerCase()
      .replace(/\s+/g, ' ')
      .replace(/[.\s]+$/, '')
      .trim();
  return plain(a) === plain(b);
};

const EXPERIMENT_ID = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** A report page headline: one sentence, the report's argument, no share typed by hand. */
const headline = () =>
  z
    .string({ error: "must be one sentence: the report's argument" })
    .min(1, 'must not be empty')
    .max(120, 'must be at most 120 characters: one sentence')
    .refine((text) => !TYPED_PERCENT.test(text), {
      error: 'has a share typed by hand; state the argument in words (the key numbers below it come from figures.json)',
    });

/** A report page's call to action: the wording of the form's submit button, short, and in words. */
const callToAction = () =>
  z
    .string({ error: 'must be the submit button\'s wording, e.g. "Send me the report"' })
    .trim()
    .min(1, 'must not be empty')
    .max(40, "must be at most 40 characters: a button's wording")
    .refine((text) => !TYPED_PERCENT.test(text), {
      error: 'has a share typed by hand; a button asks for the report in words',
    });

/**
 * An experiment on the report page, which the gate renders for each request, so each reader sees their
 * variant in the first paint: its headline, its call to action (the submit button's wording), its form
 * (`full`: name and company asked with the email; `short`: email, role and consent, name and company only
 * with the marketing box), or any of them together. The first
 * variant is the control. Readers are split by the day's visitor hash (no cookie): the same reader sees one
 * variant all day. The metric is forms sent per report page view; no result is shown before every variant
 * has `sampleSize` views.
 */
export const ExperimentSchema = knownFields({
  /** Lower-case letters, digits and dashes; a new id for a new experiment (it reshuffles readers). */
  id: z.string({ error: 'is required' }).regex(EXPERIMENT_ID, 'must be lower-case letters, digits and dashes'),
  /** What the experiment tests, in one line, as the dashboard and `npm run stats` name it; its id when left out. */
  title: z
    .string({ error: 'must be a line of text' })
    .trim()
    .min(1, 'must not be empty')
    .max(120, 'must be at most 120 characters: one line')
    .optional(),
  variants: z
    .array(
      knownFields({
        id: z.string({ error: 'is required' }).regex(EXPERIMENT_ID, 'must be lower-case letters, digits and dashes'),
        headline: headline().optional(),
        cta: callToAction().optional(),
        form: z.enum(['short', 'full'], { error: 'must be "short" or "full"' }).optional(),
      }),
      { error: 'must be a list of variants' },
    )
    .min(2, 'must list at least two variants (the first is the control)')
    .max(4, 'must list at most four variants'),
  /** The share of readers each variant gets, in percent, in the order of `variants`; equal when left out. */
  split: z.array(z.number().int('must be whole percentages').positive('must each be more than 0')).optional(),
  /** What is measured: forms sent per report page view. */
  metric: z.literal('submit/view', {
    error:
      'must be "submit/view" (forms sent per report page view): trend pages are static, so a CTA experiment there would flicker',
  }),
  /** Report page views each variant needs before a result is shown: decide it before the experiment starts. */
  sampleSize: z.number({ error: 'is required' }).int('must be a whole number').min(10, 'must be at least 10'),
}).superRefine((experiment, context) => {
  const ids = experiment.variants.map((v) => v.id);
  ids.forEach((id, i) => {
    if (ids.indexOf(id) !== i)
      context.addIssue({ code: 'custom', path: ['variants', i, 'id'], message: `repeats the variant id "${id}"` });
  });
  if (experiment.split && experiment.split.length !== ids.length)
    context.addIssue({ code: 'custom', path: ['split'], message: `must give one share per variant (${ids.length})` });
  else if (experiment.split && experiment.split.reduce((a, b) => a + b, 0) !== 100)
    context.addIssue({ code: 'custom', path: ['split'], message: 'must add up to 100' });
});

/** The gated report of a series: what the PDF is called and what the request form asks. */
export const ReportConfigSchema = knownFields({
  /** Title on the cover and in the PDF metadata. */
  title: z.string({ error: 'is required' }).min(1),
  /** One line on the cover under the title: what the reader gets from the report. */
  promise: z.string({ error: 'is required (one line for the cover)' }).min(1, 'must not be empty'),
  /** The report's parts, each grouping trends under a theme; left out, the trends print as chapters directly. */
  parts: z
    .array(ReportPartSchema, { error: 'must be a list of parts' })
    .min(1, 'must list a part, or be left out')
    .optional(),
  /** Line under the title on the cover; also the PDF subject. */
  subtitle: z.string({ error: 'is required' }).min(1),
  /**
   * The report page's headline: the report's argument in one sentence, not its name ("Budgets rose; …").
   * Left out, the page is headed with the title. No share typed by hand: the key numbers carry them.
   */
  headline: headline().optional(),
  /** The report page's deck under the headline: what the report is and who ran the survey, not the subtitle again. */
  deck: z
    .string({ error: 'must be a sentence or two under the headline' })
    .min(1, 'must not be empty')
    .max(300, 'must be at most 300 characters')
    .optional(),
  /** File name readers get when they download the PDF. */
  fileName: z
    .string({ error: 'is required' })
    .regex(/^[a-z0-9][a-z0-9.-]*\.pdf$/, 'must be a lowercase file name ending in .pdf (a-z, 0-9, dots and dashes)'),
  /** Three headline numbers shown on the home and report pages; none (`[]`) while the dataset is empty. */
  keyNumbers: z
    .array(KeyRefSchema)
    .refine(
      (list) => list.length === 0 || list.length === 3,
      'must list exactly three numbers (or none, [], while the dataset is empty)',
    ),
  /** Choices of the job role field. */
  roles: z.array(z.string().min(1).max(80)).min(2, 'must offer at least two roles'),
  /** The consent a reader must give; a new version whenever the text changes. */
  consent: knownFields({
    /** Version recorded with each lead, e.g. the date the text was approved. */
    version: z.string({ error: 'is required (e.g. "2026-11-27")' }).min(1).max(40),
    /** The text shown beside the required checkbox. */
    text: z.string({ error: 'is required' }).min(20, 'must be the full consent text'),
  }),
  /** Label of the optional marketing opt-in. */
  marketingOptIn: z.string({ error: 'is required' }).min(1),
  /** An experiment on the report page (see `ExperimentSchema`); none when left out. */
  experiment: ExperimentSchema.optional(),
}).superRefine((report, context) => {
  if (report.headline && same(report.headline, report.title))
    context.addIssue({
      code: 'custom',
      path: ['headline'],
      message: 'repeats the title; state what the report argues, e.g. what it finds slows models down',
    });
  if (report.deck && same(report.deck, report.subtitle))
    context.addIssue({
      code: 'custom',
      path: ['deck'],
      message: 'repeats the subtitle; say what the subtitle does not, such as who ran the survey',
    });
});

/** What the home page leads with while this series is the newest: one finding and its chart. */
export const HomeSchema = knownFields({
  lead: knownFields(
    {
      /** Figure id in figures.json: the chart drawn under the headline. */
      figure: z.string({ error: 'is required (a figure id)' }).min(1, 'must not be empty'),
      /** The row whose share the headline states, exactly as labelled in the figure. */
      label: z.string({ error: 'is required (a row label of the figure)' }).min(1, 'must not be empty'),
      /** The claim, with {value} (and {previous}) where the numbers go, e.g. "{value} of … up from {previous}". */
      headline: z
        .string({ error: 'is required: the claim, with {value} where its number goes' })
        .min(1, 'must not be empty')
        .max(140, 'must be at most 140 characters: one claim'),
    },
    { error: 'must be the finding the home page leads with: figure, label and headline' },
  ),
});

/** What the series index leads with: a chart other than the home page's, under its own title. */
export const IndexSchema = knownFields({
  /**
   * The series index's heading: what the series found, in one sentence ("Budgets rose, but …"), not its name;
   * the series title stands above it as a kicker. Left out, the index is headed with the title.
   */
  headline: headline().optional(),
  /**
   * The numbers the headline states, one per claim it makes (up to three, each a row of figures.json): shown
   * under it on the series index (and on the home page's social card of a series without `home.lead`), so that
   * the heading's every claim has its number, question and base beside it (round 15: a heading on budgets and
   * deployment over a chart of priorities).
   */
  numbers: z
    .array(RowRefSchema, { error: 'must be a list of { figure, label } rows' })
    .min(1, 'must list at least one number')
    .max(3, 'must list at most three numbers')
    .optional(),
  lead: knownFields(
    {
      /** Figure id in figures.json: the chart drawn first on the series index, under its own title. */
      figure: z.string({ error: 'is required (a figure id)' }).min(1, 'must not be empty'),
      /**
       * What the chart measures, in a few words ("AI/ML priority against other IT, past 12 months"): set over
       * the chart on the series' social card, so that the chart does not read as the headline's first claim.
       */
      title: z
        .string({ error: 'must be text' })
        .trim()
        .min(1, 'must not be empty')
        .max(80, 'must be at most 80 characters')
        .optional(),
    },
    { error: 'must be the chart the series index leads with: { figure: <figure id>, title?: <what it measures> }' },
  ),
});

/** A BCP 47 tag with a two- or three-letter language ("en", "en-GB", "pt-BR"), not a name ("German"). */
function isLanguageTag(tag: string): boolean {
  if (!/^[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/.test(tag)) return false;
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
}

/** `series.yaml`: one edition of a series. */
export const SeriesSchema = knownFields({
  /** Full title of the series and of its report. */
  title: z.string({ error: 'is required' }).min(1),
  /** Short form for navigation. */
  shortTitle: z.string({ error: 'is required' }).min(1),
  /**
   * The name the series' own pages wear in place of the site's (`content/site.yaml` `name`): the header, the
   * footer, the page titles, `og:site_name`, its social cards, chart images and report page. Left out, the
   * site's name. For a series that is not the site's own line, like a demonstration.
   */
  brand: z
    .string({ error: 'must be a name, like "Platform Survey"' })
    .min(1, "must not be empty: leave it out to use the site's name")
    .max(40, 'must be at most 40 characters: it sits on one line of the header')
    .optional(),
  /** Year of the edition; the newest edition is featured on the home page. */
  edition: z.number({ error: 'must be a year, e.g. 2021' }).int().min(2000).max(2100),
  /** Edition label, e.g. "Third annual edition". */
  editionLabel: z.string().min(1),
  /**
   * True for a fictional series that shows what the site does with a survey's own responses: its pages say
   * so, and the home page never leads with it while a real series exists, whatever its year.
   */
  demonstration: z.boolean({ error: 'must be true or false' }).default(false),
  /**
   * False keeps the series out of the home page, the navigation, the other series' pages, the sitemap and the
   * search index, and marks its pages `noindex`; its addresses keep working. "demonstration" does the same but
   * for the home page, which lists it under "Every edition" as a fictional demonstration (only with
   * `demonstration: true`). Default true.
   */
  listed: z
    .union([z.boolean(), z.literal('demonstration')], { error: 'must be true, false or "demonstration"' })
    .default(true),
  /** One paragraph on what the series covers. */
  summary: z.string({ error: 'is required' }).min(1),
  /** Meta description for search and social cards. */
  description: z.string({ error: 'is required' }).min(1).max(300),
  /** Author shown on the report and the feed. */
  author: z.string({ error: 'is required' }).min(1),
  /**
   * The licence under which readers may reuse the series' text and charts, e.g. `{ name: CC BY 4.0, url:
   * https://creativecommons.org/licenses/by/4.0/ }`: printed in the report's imprint and on its back cover.
   * Left out, the report claims no licence (all rights reserved by default).
   */
  license: knownFields({
    name: z
      .string({ error: 'is required (e.g. "CC BY 4.0")' })
      .min(1, 'must not be empty')
      .max(60, 'must be at most 60 characters'),
    url: z.url({ protocol: /^https$/, error: "must be the licence text's web address (https://…)" }),
  }).optional(),
  /** The report PDF's keywords (after the series id); left out, the site's (`content/site.yaml`). */
  keywords: z.array(z.string().min(1, 'must not be empty'), { error: 'must be a list of words' }).optional(),
  /** Language of the content (BCP 47): the pages' `<html lang>` and the feed's and JSON-LD's language. */
  language: z.string().refine(isLanguageTag, 'must be a language tag, like en, en-GB or de').default('en'),
  /** The finding the home page opens on; left out, the home page opens on the series title without a chart. */
  home: HomeSchema.optional(),
  /**
   * The chart the series index opens with (`index.lead.figure`), not the home page's; left out, the home page's
   * lead, else the first trend's key chart.
   */
  index: IndexSchema.optional(),
  /** Facts about the survey. */
  survey: SurveySchema,
  /** The gated full report. */
  report: ReportConfigSchema,
}).superRefine((series, context) => {
  // The home page labels a series it lists this way as a fictional demonstration: a real series may not be one.
  if (series.listed === 'demonstration' && !series.demonstration) {
    context.addIssue({
      code: 'custom',
      path: ['listed'],
      message: 'may be "demonstration" only on a demonstration series (demonstration: true); use true or false',
    });
  }
});

export type SeriesData = z.output<typeof SeriesSchema>;
export type HomeData = z.output<typeof HomeSchema>;
export type Survey = z.output<typeof SurveySchema>;
export type ReportConfig = z.output<typeof ReportConfigSchema>;
export type Experiment = z.output<typeof ExperimentSchema>;
export type ReportPart = z.output<typeof ReportPartSchema>;
