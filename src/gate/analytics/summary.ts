import type { Experiment } from '../../lib/schema/series.ts';
import type { AnalyticsStore, DayVisitors, Lead } from '../store/types.ts';
import {
  FUNNEL,
  isReportPage,
  variantKey,
  WITHIN_SITE,
  type CountRow,
  type FunnelEvent,
  type ReaderRow,
  REFUSABLE_FIELDS,
  LIMITED,
  REFUSED,
  REACHED_REPORT,
  REPORT_READER,
  PAGE_READER,
  SERIES_READER,
  refusedFieldEvent,
  type RefusableField,
} from './events.ts';
import { sharesOf } from './experiment.ts';
import { experimentResult, notYet, plannedDifference, type ExperimentResult } from './experiment-results.ts';
import { sampleRatio, sampleRatioLine, type SampleRatio } from './sample-ratio.ts';

/** An experiment a series declares, with its results: forms sent per report-page view, by variant. */
export interface ExperimentSummary {
  series: string;
  id: string;
  /** What it tests, as declared; null when not declared. */
  title: string | null;
  /** Each variant's id and what it changes, in words (see `variantChanges`), in the declared order. */
  variants: { id: string; changes: string }[];
  metric: Experiment['metric'];
  /** The first day with a count of one of its variants (YYYY-MM-DD): its counts run from there; null: none yet. */
  since: string | null;
  /** The UTC day every variant reached the sample size (it may be today); null: not yet. */
  reachedOn: string | null;
  /**
   * `reachedOn` once that day is over (before the current UTC day); null until then. `result` is then the one of
   * the counts from `since` to that day, included: the decision, which later counts do not change.
   */
  decidedOn: string | null;
  /**
   * Per variant, the report-page views and forms sent after `decidedOn` (no verdict); null when not decided or
   * when nothing was counted since.
   */
  sinceThen: { id: string; trials: number; conversions: number }[] | null;
  /**
   * Once decided, per variant other than the control, what the difference's 95% interval says: `better` (it is
   * above 0), `worse` (below 0) or `none` (it includes 0); null until decided.
   */
  verdict: Record<string, 'better' | 'worse' | 'none'> | null;
  /**
   * Once decided, the margin of error of the difference: half the width of the widest difference interval
   * (a share: 0.14 is 14 points); differences smaller than about this cannot show with these counts; null
   * until decided.
   */
  marginOfError: number | null;
  /** @deprecated The same number as `marginOfError`, under its old name; kept for one release. */
  detectableDifference: number | null;
  /**
   * Per variant, the report-page views (reloads included) over the days the result counts: shown beside its
   * readers, never decided on.
   */
  views: { id: string; views: number }[] | null;
  /**
   * The report-page views of all its variants together, over the same days: until decided, the only view count
   * given (`views` is null then: no peeking per variant before `decidedOn`).
   */
  allViews: number;
  /**
   * Once decided, the check of each variant's readers against the declared split (chi-square; see
   * src/gate/analytics/sample-ratio.ts); `off` under p < 0.01; null until decided.
   */
  sampleRatio: SampleRatio | null;
  /**
   * The difference (a share) the declared sample size detects with 80% power at the 95% level, at a 50% rate
   * (see `plannedDifference`): known before the experiment starts.
   */
  plannedDifference: number;
  /** Per variant: readers who saw the report page (trials) and readers who sent a form (conversions). */
  result: ExperimentResult;
}

/**
 * One step of a funnel: its count and, for every step but the first, its share of a named denominator
 * (another step of the same part, counted on the same pages), never of a step counted elsewhere.
 */
export interface FunnelStep {
  event: FunnelEvent;
  count: number;
  /** count / the denominator's count, from 0 to 1; null for the first step, or when the denominator is zero. */
  share: number | null;
  /** What the rate is of, as the column head says it (`report-page readers`); null for the first step. */
  of: string | null;
  /**
   * For the first step (event `view`, whose `count` is readers, each once a day): the readers again, under their
   * own name, so that a script need not know that this step's count is not views.
   */
  readers?: number;
  /**
   * For the first step: the same pages' views, reloads included, shown beside the readers and never a rate's base
   * (in `events[]`, the event `view` counts views).
   */
  views?: number;
}

/** A page of a series other than its report page (its home, a trend), with its own counts. */
export interface SeriesPage {
  page: string;
  /** The page's title (its <title>, without the site's name); the path when it is not known. */
  title: string;
  /**
   * What the pages table calls it: a trend's short name (series.yaml `report.parts[].heads`, as the PDF's running
   * heads), else its title.
   */
  name: string;
  views: number;
  /** The page's readers: each once a day however often they reload it or come back (`page_reader`). */
  readers: number;
  ctaSeen: number;
  /**
   * Readers who came from this page to the report page (its same-origin Referer): each once a day, however
   * often they reload it or come back (`report_reader`), so never more than the page's views.
   */
  toReport: number;
  /** `toReport` as a share of this page's readers (0 to 1); null when it has none. */
  toReportShare: number | null;
  /** Forms sent by those readers (counted forms: none with GPC or DNT). */
  formsSent: number;
}

/**
 * A series' funnel, in two parts counted on different pages. On its pages (its home and trends): views,
 * then the report box seen, then report-page views by readers who came from them (told by the report page
 * request's same-origin Referer). On its report page: views, form started, form sent, confirmed,
 * downloaded, from anywhere; per page, the report-page views and forms sent of the readers it brought.
 */
export interface SeriesFunnel {
  id: string;
  title: string;
  onPages: FunnelStep[];
  /**
   * The series' readers who reached its report page from one of its pages (`reached_report`), and their rate of
   * the series' readers (`series_reader`, also `readers` here): each reader once a day, whatever pages they read.
   */
  handOff: { count: number; share: number | null; readers: number };
  pages: SeriesPage[];
  onReport: FunnelStep[];
  /**
   * The form's drop-off on the report page, in readers (each once per page and day): started the form, sent it,
   * and sent as a share of started (null when none started). An outcome without the beacon's start (no
   * JavaScript) has its start counted with it, so started = sent + refused + limited + left.
   */
  sentOfStarted: {
    started: number;
    sent: number;
    share: number | null;
    /** Readers whose form the server last refused by validation that day, and who did not send it. */
    refused: number;
    /** Of those readers, how many had each field refused, by the field's name. */
    refusedFields: Partial<Record<RefusableField, number>>;
    /** Readers whose form the rate limit (429) last turned away that day, and who did not send it. */
    limited: number;
  };
  /**
   * Report-page views and forms sent by readers who came from one of the series' pages (the pages table's
   * Total of forms sent); with `elsewhere` they add up to the report page's views and forms sent.
   */
  fromPages: { reportViews: number; formsSent: number };
  /** Report-page views and forms sent by readers who came from no page of the series (or not known). */
  elsewhere: { reportViews: number; formsSent: number };
  /**
   * The period's new leads of the series who ticked the marketing box (from the lead store): only they are
   * sent a confirmation email, so they are what "Email confirmed" is a rate of; and those still pending.
   */
  marketing: { optIns: number; pending: number };
}

/** What a source (a referring site, a campaign) brought: see `Summary.referrers`. */
export interface SourceCounts {
  /**
   * Landings on any page: views that arrived from outside the site under the source itself (the report page's
   * included, see `isLanding`); never a view credited to the source the reader landed from earlier.
   */
  landings: number;
  reportViews: number;
  formsSent: number;
}

/** A campaign's source / medium rows. */
export type CampaignRow = { source: string; medium: string; campaign: string } & SourceCounts;

/** A campaign (one utm_campaign) and its rows, one per source / medium, with their sum. */
export interface CampaignGroup extends SourceCounts {
  name: string;
  /** The number of its rows (source / medium pairs). */
  sources: number;
  rows: CampaignRow[];
}

/** The period's headline numbers. */
export interface Totals {
  /** Unique visitors per day, added up over the days (a reader of two days counts twice). */
  visitors: number;
  /** Some day had more visitors than it tells apart: `visitors` is a floor. */
  visitorsCapped: boolean;
  reportViews: number;
  /** Readers of the report pages, each once per page and UTC day (the base of the forms-sent rate). */
  reportReaders: number;
  /** Forms sent, as counted on the report pages (none with Global Privacy Control or Do Not Track). */
  formsSent: number;
  /** New leads stored (see `leadsPerDay`). */
  leads: number;
  /**
   * Forms stored from an address already on file for the series (a lead's forms after its first): with `leads`,
   * every form stored (Global Privacy Control included).
   */
  repeatForms: number;
  confirmed: number;
  downloads: number;
}

export interface Summary {
  /**
   * The first and last day with a count or a visitor in the period (the data's range, within `period`), or null
   * when nothing was counted.
   */
  dataFrom: string | null;
  dataTo: string | null;
  /**
   * The period asked for, in UTC days (YYYY-MM-DD, both included): the last `days` days, or from a day; `from`
   * null: every day stored. Null when the caller gave none.
   */
  period: { from: string | null; to: string; days: number | null } | null;
  /** The first UTC day with any count, visitor or lead stored, whatever the period; null when there is none. */
  countingBegan: string | null;
  totals: Totals;
  /** Unique visitors per day (a visitor of two days counts on each). */
  days: DayVisitors[];
  /**
   * Every count, summed over days and sources, by page, event and variant; on the page of an experiment not yet
   * decided, summed over its variants too (variant '': no peeking before `decidedOn`).
   */
  events: { page: string; event: FunnelEvent; variant: string; count: number }[];
  /** Per series: its funnel in its two parts, and each of its pages' views and report boxes seen. */
  series: SeriesFunnel[];
  /** The views of pages outside every series (the home page, the privacy note). */
  otherPages: { page: string; title: string; views: number }[];
  /**
   * By referring host, most page views first; direct visits (no referrer) left out: the views of pages other
   * than report pages that came from it, and the report-page views and forms sent of the readers it brought
   * (their own, or credited to the source they landed from that day: see src/gate/analytics/counter.ts).
   */
  referrers: ({ referrer: string } & SourceCounts)[];
  /** What came with no referrer, or one not known (direct visits, browsers that send none): `referrers` + this = `sources`. */
  noReferrer: SourceCounts;
  /** Of the landings with no referrer (`noReferrer.landings`), those whose URL carried a campaign tag (utm_*). */
  directTagged: number;
  /**
   * `noReferrer` in two: what came with no referrer under a campaign tag (utm_*), and with neither; the referrer
   * table shows these two rows, so that a tagged campaign sent by email does not read as "direct".
   */
  noReferrerTagged: SourceCounts;
  noReferrerUntagged: SourceCounts;
  /**
   * Views of pages other than report pages that came from one of the site's own pages (a reader's next page, told
   * by the beacon's same-site referrer): not landings, and in no source table.
   */
  withinSite: { views: number };
  /** By campaign (utm_source, utm_medium, utm_campaign), as `referrers`. */
  campaigns: ({ source: string; medium: string; campaign: string } & SourceCounts)[];
  /** What came with no campaign: `campaigns` + this = `sources`. */
  noCampaign: SourceCounts;
  /**
   * `campaigns` rolled up by utm_campaign (see `byCampaign`), in the dashboard's order: each campaign's name, how
   * many source / medium rows it has, their sum, and the rows.
   */
  campaignGroups: CampaignGroup[];
  /**
   * Every source together: all landings on any page (views that arrived from outside the site), report-page
   * views, forms sent.
   */
  sources: SourceCounts;
  /**
   * New leads per day: lead rows stored that day, from the lead store (a reader's first form for a series;
   * a form with Global Privacy Control counts too, a repeat form of the same address does not).
   */
  leadsPerDay: { day: string; leads: number }[];
  /** The declared experiments' results. */
  experiments: ExperimentSummary[];
  /** Whether confirmation emails are sent at all (SMTP_URL is set): without, marketing opt-ins stay pending. */
  confirmationEmails: boolean;
}

/** What the rate of each step is of, on a series' pages and on its report page. */
const ON_PAGES: readonly [FunnelEvent, FunnelEvent | null][] = [
  ['view', null],
  ['cta_seen', 'view'],
];
const ON_REPORT: readonly [FunnelEvent, FunnelEvent | null][] = [
  ['view', null],
  ['form_start', 'view'],
  ['submit', 'view'],
  // Of the marketing opt-ins, from the lead store: set in `summarise`.
  ['confirmed', null],
  // Downloads are counted per download, not per reader: no rate of readers (see DOWNLOADS_NOTE).
  ['download', null],
];
/** The denominators' names, as column heads say them. */
const DENOMINATOR: Partial<Record<FunnelEvent, { pages: string; report: string }>> = {
  view: { pages: 'page views', report: 'report-page views' },
  submit: { pages: 'forms sent', report: 'forms sent' },
};

/** A part of a funnel from `counts` (counted on one set of pages): each step, and its rate of its denominator. */
export function funnelOf(
  counts: readonly { event: FunnelEvent; count: number }[],
  steps: readonly [FunnelEvent, FunnelEvent | null][],
  part: 'pages' | 'report',
): FunnelStep[] {
  const total = (event: FunnelEvent) => counts.filter((c) => c.event === event).reduce((sum, c) => sum + c.count, 0);
  return steps.map(([event, of]) => {
    const count = total(event);
    const base = of === null ? 0 : total(of);
    return {
      event,
      count,
      share: of === null || base === 0 ? null : count / base,
      of: of === null ? null : DENOMINATOR[of]![part],
    };
  });
}

/** New leads per day, from the stored leads' creation times (UTC days), oldest first. */
export function leadsPerDay(leads: readonly { createdAt: Date }[]): { day: string; leads: number }[] {
  const perDay = new Map<string, number>();
  for (const lead of leads) {
    const day = lead.createdAt.toISOString().slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  return [...perDay].sort(([a], [b]) => a.localeCompare(b)).map(([day, n]) => ({ day, leads: n }));
}

const sumBy = <T>(rows: readonly CountRow[], key: (row: CountRow) => string, make: (row: CountRow) => T) => {
  const sums = new Map<string, { value: T; count: number }>();
  for (const row of rows) {
    const k = key(row);
    const found = sums.get(k);
    if (found) found.count += row.count;
    else sums.set(k, { value: make(row), count: row.count });
  }
  return [...sums.values()];
};

/** What a variant changes on the report page, in words: its form, headline and button; or nothing. */
export function variantChanges(variant: Experiment['variants'][number]): string {
  const parts = [
    variant.form === 'full' ? 'full form (name and company asked)' : undefined,
    variant.form === 'short' ? 'short form (email, role and consent)' : undefined,
    variant.headline ? `headline “${variant.headline}”` : undefined,
    variant.cta ? `button “${variant.cta}”` : undefined,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? 'the page as it is' : parts.join(', ');
}

/**
 * An experiment's counts: per variant, the distinct readers per day who viewed the report page (trials) and who
 * sent a form (conversions) with that variant (`readers`: see `ReaderRow`), added up over every day kept (pass
 * every row stored: a period would cut the experiment short); a reader of two days counts on each. Its report
 * page's views (`counts`) are given beside them. `today` is the current UTC day (YYYY-MM-DD): a sample reached
 * today gives no result until the day is over.
 */
export function experimentOf(
  series: string,
  experiment: Experiment,
  counts: readonly CountRow[],
  today: string,
  readers: readonly ReaderRow[] = [],
): ExperimentSummary {
  const page = `/${series}/report/`;
  const keys = new Set(experiment.variants.map((v) => variantKey(experiment.id, v.id)));
  const own = readers.filter((c) => c.page === page && keys.has(c.variant));
  const sum = (rows: readonly ReaderRow[], event: ReaderRow['event'], variant: string) =>
    rows
      .filter((c) => c.event === event && c.variant === variantKey(experiment.id, variant))
      .reduce((total, c) => total + c.readers, 0);
  const counted = (rows: readonly ReaderRow[]) =>
    experiment.variants.map((v) => ({
      id: v.id,
      trials: sum(rows, 'view', v.id),
      conversions: sum(rows, 'submit', v.id),
    }));
  // The day every variant reached the sample size; once it is over, the result is the one of the counts up to it.
  const days = [...new Set(own.map((c) => c.day))].sort();
  const reachedOn =
    days.find((day) => counted(own.filter((c) => c.day <= day)).every((v) => v.trials >= experiment.sampleSize)) ??
    null;
  const decidedOn = reachedOn !== null && reachedOn < today ? reachedOn : null;
  const later = decidedOn === null ? null : counted(own.filter((c) => c.day > decidedOn));
  const result = experimentResult(
    counted(decidedOn === null ? own : own.filter((c) => c.day <= decidedOn)),
    experiment.sampleSize,
    reachedOn !== null && decidedOn === null,
  );
  const views = experiment.variants.map((v) => ({
    id: v.id,
    views: counts
      .filter(
        (c) =>
          c.page === page &&
          c.event === 'view' &&
          c.variant === variantKey(experiment.id, v.id) &&
          (decidedOn === null || c.day <= decidedOn),
      )
      .reduce((total, c) => total + c.count, 0),
  }));
  const others = result.status === 'decided' ? result.variants.slice(1) : [];
  const marginOfError =
    result.status === 'decided'
      ? Math.max(
          0,
          ...others.map((v) => (v.difference ? (v.difference.interval.high - v.difference.interval.low) / 2 : 0)),
        )
      : null;
  return {
    series,
    id: experiment.id,
    title: experiment.title ?? null,
    variants: experiment.variants.map((v) => ({ id: v.id, changes: variantChanges(v) })),
    metric: experiment.metric,
    since: days[0] ?? null,
    reachedOn,
    decidedOn,
    sinceThen: later && later.some((v) => v.trials > 0 || v.conversions > 0) ? later : null,
    verdict:
      result.status === 'decided'
        ? Object.fromEntries(
            others.map((v) => [
              v.id,
              !v.difference
                ? 'none'
                : v.difference.interval.low > 0
                  ? 'better'
                  : v.difference.interval.high < 0
                    ? 'worse'
                    : 'none',
            ]),
          )
        : null,
    marginOfError,
    detectableDifference: marginOfError,
    views: decidedOn === null ? null : views,
    allViews: views.reduce((n, v) => n + v.views, 0),
    plannedDifference: plannedDifference(experiment.sampleSize),
    sampleRatio:
      result.status === 'decided'
        ? sampleRatio(
            result.variants.map((v) => v.trials),
            sharesOf(experiment),
          )
        : null,
    result,
  };
}

/** A difference of shares (0 to 1) in percentage points, signed with + or the minus sign (U+2212). */
export const signedPoints = (n: number) => `${n >= 0 ? '+' : '−'}${inPercent(Math.abs(n))}`;

/** What the declared sample size can detect, said before the result (see `plannedDifference`). */
export const plannedLine = (e: Pick<ExperimentSummary, 'plannedDifference' | 'result'>) =>
  `With ${e.result.sampleSize} readers per variant, a difference of about ${inPercent(e.plannedDifference)} points is detected 80% of the time (95% level, at a 50% rate; smaller at lower rates).`;

/** Until decided, the one view count of an experiment: all its variants together. */
export const allViewsLine = (e: Pick<ExperimentSummary, 'allViews'>) =>
  `Report-page views so far, all variants: ${e.allViews} (per variant from the decision).`;

/**
 * What an experiment asks, as its heading says it: its declared title, or a question made from what its variants
 * change ("Which brings more forms: full form (…) or short form (…)?").
 */
export function experimentQuestion(e: Pick<ExperimentSummary, 'title' | 'variants'>): string {
  if (e.title) return e.title;
  const changes = e.variants.map((v) => v.changes);
  const list = changes.length < 2 ? changes.join('') : `${changes.slice(0, -1).join(', ')} or ${changes.at(-1)}`;
  return `Which brings more forms: ${list}?`;
}

/** The UTC day after `day` (YYYY-MM-DD). */
export const dayAfter = (day: string) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** The line said on the day every variant reached the sample size, until that UTC day is over. */
export const REACHED_TODAY = 'Reached the sample size today; the result is final after 00:00 UTC.';

/**
 * What an experiment says beside its table, in order: its verdict (one line per variant against the control),
 * the smallest difference its counts can show, the day it was decided with each variant's counted views, and the
 * counts since then (no verdict; left out when none). On the day the sample is reached, one line saying so;
 * before it, nothing.
 */
export function decisionLines(e: ExperimentSummary): { verdicts: string[]; warnings: string[]; notes: string[] } {
  if (e.result.status === 'reached today') return { verdicts: [], warnings: [], notes: [REACHED_TODAY] };
  if (e.decidedOn === null || e.result.status !== 'decided') return { verdicts: [], warnings: [], notes: [] };
  const [control, ...others] = e.result.variants;
  const verdicts = others.map((v) => {
    if (!v.difference) return `${v.id}: no difference can be computed`;
    const { low, high } = v.difference.interval;
    const range = `${signedPoints(low)} to ${signedPoints(high)} points`;
    const against = others.length > 1 ? ` (${v.id} against ${control!.id})` : '';
    return e.verdict?.[v.id] === 'better'
      ? `${v.id} converts better than ${control!.id}: ${range}`
      : e.verdict?.[v.id] === 'worse'
        ? `${v.id} converts worse than ${control!.id}: ${range}`
        : `No difference shown${against}: ${range} includes 0`;
  });
  const readers = e.result.variants.map((v) => `${v.id} ${v.trials}`).join(', ');
  const first = e.since === e.decidedOn ? 'only that day' : `${e.since} to ${e.decidedOn}`;
  const later = (e.sinceThen ?? []).map(
    (v) => `${v.id}: ${v.conversions} of ${plural(v.trials, 'reader', 'readers')} sent a form`,
  );
  const split = e.sampleRatio ? sampleRatioLine(e.sampleRatio) : null;
  return {
    verdicts,
    warnings: split && e.sampleRatio?.off ? [split] : [],
    notes: [
      `Margin of error of the difference: ±${inPercent(e.marginOfError ?? 0)} points (half the 95% interval's width).`,
      // `decidedOn` is the day the sample was reached; the result is final from the day after.
      `Final from ${dayAfter(e.decidedOn)} (sample reached on ${e.decidedOn}), counting ${first}: readers ${readers}.`,
      ...(split && !e.sampleRatio?.off ? [split] : []),
      ...(later.length > 0 ? [`Since then (no verdict): ${later.join('; ')}.`] : []),
    ],
  };
}

/** What the summary is made of: the stored counts and leads, and what the content declares. */
export interface SummaryInput {
  counts: readonly CountRow[];
  days: readonly DayVisitors[];
  /** The stored leads: new leads per day, and each series' marketing opt-ins and those pending. */
  leads: readonly Pick<Lead, 'createdAt' | 'series' | 'marketingOptIn' | 'marketingStatus'>[];
  /** Whether confirmation emails are sent (SMTP_URL is set). */
  confirmationEmails: boolean;
  /** When each form from an address already on file was stored (see `readRepeatForms`); left out, none. */
  repeatForms?: readonly Date[];
  experiments?: readonly { series: string; experiment: Experiment }[];
  /**
   * Every count stored, for the experiments: their results ignore the period (`withinDays` keeps these whole);
   * left out, `counts` stands for them.
   */
  experimentCounts?: readonly CountRow[];
  /** Every experiment reader row stored (see `readExperimentReaders`): what the experiments decide on. */
  experimentReaders?: readonly ReaderRow[];
  /** The published series, in order; left out, every first path segment with counts is taken for one. */
  seriesIds?: readonly string[];
  /** A page's title (such as a trend's headline), when known; the path stands for it otherwise. */
  title?: (page: string) => string | undefined;
  /** A trend page's short name (series.yaml `report.parts[].heads`, see `shortNames`), when it has one. */
  shortName?: (page: string) => string | undefined;
  /** The current UTC day (YYYY-MM-DD), for the experiments' decisions; left out, the clock's. */
  today?: string;
  /** The period asked for (see `Summary.period`). */
  period?: Summary['period'];
  /** The first UTC day with anything stored (see `firstDay`), before the period cut it. */
  countingBegan?: string | null;
}

/** Rows of `experiments` read by `read` for each one's report page and its variants' keys, in one list. */
async function perExperiment<T>(
  experiments: readonly { series: string; experiment: Experiment }[],
  read: (page: string, variants: string[]) => Promise<T[]>,
): Promise<T[]> {
  const lists = await Promise.all(
    experiments.map(({ series, experiment }) =>
      read(
        `/${series}/report/`,
        experiment.variants.map((v) => variantKey(experiment.id, v.id)),
      ),
    ),
  );
  return lists.flat();
}

/**
 * The stored counts of `experiments`, each read by its report page and its variants' keys from its first day on
 * (the store's index on page, variant and day), without reading the other counts.
 */
export function readExperimentCounts(
  analytics: Pick<AnalyticsStore, 'readVariantCounts'>,
  experiments: readonly { series: string; experiment: Experiment }[],
): Promise<CountRow[]> {
  return perExperiment(experiments, (page, variants) => analytics.readVariantCounts(page, variants));
}

/** The stored distinct readers per day of `experiments`' variants on their report pages, every day kept. */
export function readExperimentReaders(
  analytics: Pick<AnalyticsStore, 'readVariantReaders'>,
  experiments: readonly { series: string; experiment: Experiment }[],
): Promise<ReaderRow[]> {
  return perExperiment(experiments, (page, variants) => analytics.readVariantReaders(page, variants));
}

/** The earlier of two days (YYYY-MM-DD), either of which may be null. */
export const earlierDay = (a: string | null, b: string | null) => (a === null ? b : b === null || a <= b ? a : b);

/** The first UTC day with any count, visitor or lead in `input`; null when it holds none. */
export function firstDay(input: Pick<SummaryInput, 'counts' | 'days' | 'leads'>): string | null {
  const days = [
    ...input.counts.map((c) => c.day),
    ...input.days.map((d) => d.day),
    ...input.leads.map((l) => l.createdAt.toISOString().slice(0, 10)),
  ];
  return days.length === 0 ? null : days.reduce((a, b) => (b < a ? b : a));
}

/**
 * `rows` of sources summed by `key`: landings on any page, report-page views and forms sent; most landings first,
 * then most report-page views, then most forms sent.
 */
function bySource<T>(
  rows: readonly CountRow[],
  key: (row: CountRow) => string,
  make: (row: CountRow) => T,
): (T & SourceCounts)[] {
  const sums = new Map<string, T & SourceCounts>();
  for (const row of rows) {
    // A reader's next page within the site is no landing, and no source brought it.
    if (row.referrer === WITHIN_SITE) continue;
    // A landing on the report page is both: a landing, and a report-page view of the source.
    const fields = [
      ...(row.landing ? (['landings'] as const) : []),
      ...(row.event === 'view' && isReportPage(row.page) ? (['reportViews'] as const) : []),
      ...(row.event === 'submit' ? (['formsSent'] as const) : []),
    ];
    if (fields.length === 0) continue;
    const k = key(row);
    const sum = sums.get(k) ?? { ...make(row), landings: 0, reportViews: 0, formsSent: 0 };
    for (const field of fields) sum[field] += row.count;
    sums.set(k, sum);
  }
  return [...sums.entries()]
    .sort(
      ([ka, a], [kb, b]) =>
        b.landings - a.landings || b.reportViews - a.reportViews || b.formsSent - a.formsSent || ka.localeCompare(kb),
    )
    .map(([, sum]) => sum);
}

/** `rows` summed as one source. */
const sourceTotal = (rows: readonly CountRow[]): SourceCounts => {
  const [sum] = bySource(
    rows,
    () => '',
    () => ({}),
  );
  return sum ?? { landings: 0, reportViews: 0, formsSent: 0 };
};

/**
 * A source table's rows as shown: the first `top`, the rest as one row, then what came from no such source (`none`,
 * one or more rows by name), then the total: so that the table adds up to the funnel's counts.
 */
export function sourceRows<T extends SourceCounts>(
  rows: readonly T[],
  top: number,
  none: readonly { name: string; counts: SourceCounts }[],
  total: SourceCounts,
  name: (row: T) => string,
  others: (n: number) => string,
): { name: string; counts: SourceCounts; kind: 'source' | 'rest' | 'total' }[] {
  const rest = rows.slice(top);
  const add = (list: readonly SourceCounts[]): SourceCounts => ({
    landings: list.reduce((n, r) => n + r.landings, 0),
    reportViews: list.reduce((n, r) => n + r.reportViews, 0),
    formsSent: list.reduce((n, r) => n + r.formsSent, 0),
  });
  return [
    ...rows.slice(0, top).map((r) => ({ name: name(r), counts: r, kind: 'source' as const })),
    ...(rest.length > 0 ? [{ name: others(rest.length), counts: add(rest), kind: 'rest' as const }] : []),
    ...none.map((n) => ({ ...n, kind: 'rest' as const })),
    { name: 'Total', counts: total, kind: 'total' as const },
  ];
}

/**
 * Campaigns rolled up by name: the rows of one utm_campaign together (one per source / medium), the campaign
 * with the most landings first (then report-page views, forms sent, name); within a campaign, as given.
 */
export function byCampaign<T extends { campaign: string } & SourceCounts>(campaigns: readonly T[]): T[] {
  const groups = new Map<string, T[]>();
  for (const c of campaigns) groups.set(c.campaign, [...(groups.get(c.campaign) ?? []), c]);
  const sum = (rows: readonly T[], key: keyof SourceCounts) => rows.reduce((n, r) => n + r[key], 0);
  return [...groups]
    .sort(
      ([na, a], [nb, b]) =>
        sum(b, 'landings') - sum(a, 'landings') ||
        sum(b, 'reportViews') - sum(a, 'reportViews') ||
        sum(b, 'formsSent') - sum(a, 'formsSent') ||
        na.localeCompare(nb),
    )
    .flatMap(([, rows]) => rows);
}

/** `campaigns` rolled up by name, in `byCampaign`'s order, each with its rows' sum. */
export function campaignGroupsOf(campaigns: readonly CampaignRow[]): CampaignGroup[] {
  const groups: CampaignGroup[] = [];
  for (const row of byCampaign(campaigns)) {
    let group = groups.at(-1);
    if (group?.name !== row.campaign) {
      group = { name: row.campaign, sources: 0, landings: 0, reportViews: 0, formsSent: 0, rows: [] };
      groups.push(group);
    }
    group.sources += 1;
    group.landings += row.landings;
    group.reportViews += row.reportViews;
    group.formsSent += row.formsSent;
    group.rows.push(row);
  }
  return groups;
}

/**
 * The campaigns' table as the dashboard and the terminal show it: the first `top` campaign rows; a campaign with
 * two or more of them gets a `group` row with their sum first, its rows under it as `member`s; a campaign with one
 * is a `single` row. Then the rest as one row, what came with no campaign, and the total (which adds up the
 * source rows, not the groups).
 */
export type CampaignTableRow =
  | { kind: 'group'; group: CampaignGroup }
  | { kind: 'member'; row: CampaignRow }
  | { kind: 'single'; row: CampaignRow }
  | { kind: 'rest'; name: string; counts: SourceCounts }
  | { kind: 'total'; name: string; counts: SourceCounts };

export function campaignTableRows(
  summary: Pick<Summary, 'campaigns' | 'noCampaign' | 'sources'>,
  top = 10,
): CampaignTableRow[] {
  const rows = sourceRows(
    byCampaign(summary.campaigns),
    top,
    [{ name: NO_CAMPAIGN, counts: summary.noCampaign }],
    summary.sources,
    () => '',
    (n) => plural(n, 'other campaign', 'other campaigns'),
  );
  const shown = byCampaign(summary.campaigns).slice(0, top);
  const grouped = campaignGroupsOf(shown).flatMap((group): CampaignTableRow[] =>
    group.sources < 2
      ? [{ kind: 'single', row: group.rows[0]! }]
      : [{ kind: 'group', group }, ...group.rows.map((row) => ({ kind: 'member' as const, row }))],
  );
  return [
    ...grouped,
    ...rows.flatMap((r): CampaignTableRow[] =>
      r.kind === 'source' ? [] : [r.kind === 'rest' ? { ...r, kind: 'rest' } : { ...r, kind: 'total' }],
    ),
  ];
}

/**
 * What the source tables leave out: the views of a reader's next page within the site ("Within the site: 15
 * page views, not landings, left out of these tables.").
 */
export const withinSiteLine = (summary: Pick<Summary, 'withinSite'>) =>
  `Within the site: ${plural(summary.withinSite.views, 'page view', 'page views')} from the site's own pages (a reader's next page), not landings: left out of these tables.`;

/**
 * The names of the referrer table's rows of what came with no referring site (or one not known): under a campaign
 * tag (utm_*), and with neither (typed addresses, bookmarks, browsers that send no referrer).
 */
export const NO_REFERRER_TAGGED = 'No referrer, campaign-tagged';
export const NO_REFERRER_UNTAGGED = 'No referrer, untagged';

/** The referrer table's rows of what came with no referrer: campaign-tagged, then untagged. */
export const noReferrerRows = (summary: Pick<Summary, 'noReferrerTagged' | 'noReferrerUntagged'>) => [
  { name: NO_REFERRER_TAGGED, counts: summary.noReferrerTagged },
  { name: NO_REFERRER_UNTAGGED, counts: summary.noReferrerUntagged },
];
/**
 * A campaign row whose landing URL had utm_source or utm_medium but no utm_campaign: named so, not by a dash.
 */
export const NO_CAMPAIGN_NAME = 'No utm_campaign';
/** The name of the row of what came from no campaign. */
export const NO_CAMPAIGN = 'No campaign or not known';

/** What `npm run stats` prints and the dashboard shows. */
export function summarise(input: SummaryInput): Summary {
  const { counts, days } = input;
  const titleOf = (page: string) => input.title?.(page) ?? page;
  const allDays = [...new Set([...counts.map((c) => c.day), ...days.map((d) => d.day)])].sort();
  const experiments = (input.experiments ?? []).map(({ series, experiment }) =>
    experimentOf(
      series,
      experiment,
      input.experimentCounts ?? counts,
      input.today ?? new Date().toISOString().slice(0, 10),
      input.experimentReaders ?? [],
    ),
  );
  // No peeking: until an experiment is decided, its page's events are summed over its variants.
  const undecided = new Set(
    experiments
      .filter((e) => e.decidedOn === null)
      .flatMap((e) => e.variants.map((v) => JSON.stringify([`/${e.series}/report/`, variantKey(e.id, v.id)]))),
  );
  const shown = (r: CountRow) => (undecided.has(JSON.stringify([r.page, r.variant])) ? '' : r.variant);
  const events = sumBy(
    counts.filter((r): r is CountRow & { event: FunnelEvent } => (FUNNEL as readonly string[]).includes(r.event)),
    (r) => JSON.stringify([r.page, r.event, shown(r)]),
    // Only funnel rows pass the filter above.
    (r) => ({ page: r.page, event: r.event as FunnelEvent, variant: shown(r) }),
  )
    .map(({ value, count }) => ({ ...value, count }))
    .sort((a, b) => a.page.localeCompare(b.page) || FUNNEL.indexOf(a.event) - FUNNEL.indexOf(b.event));
  const seriesOf = (page: string) => page.split('/')[1] ?? '';
  const counted = [...new Set(events.map((e) => seriesOf(e.page)).filter((id) => id !== ''))].sort();
  const ids = input.seriesIds ? [...input.seriesIds] : counted;
  const views = counts.filter((c) => c.event === 'view');
  const total = (event: FunnelEvent, page?: (page: string) => boolean) =>
    events.filter((e) => e.event === event && (!page || page(e.page))).reduce((sum, e) => sum + e.count, 0);
  const leads = leadsPerDay(input.leads);
  const isTagged = (c: CountRow) => c.utmSource !== '' || c.utmMedium !== '' || c.utmCampaign !== '';
  const noReferrerTagged = sourceTotal(counts.filter((c) => c.referrer === '' && isTagged(c)));
  const campaigns = bySource(
    counts.filter(isTagged),
    (r) => JSON.stringify([r.utmSource, r.utmMedium, r.utmCampaign]),
    (r) => ({ source: r.utmSource, medium: r.utmMedium, campaign: r.utmCampaign }),
  );
  return {
    dataFrom: allDays[0] ?? null,
    dataTo: allDays.at(-1) ?? null,
    period: input.period ?? null,
    countingBegan: input.countingBegan === undefined ? firstDay(input) : input.countingBegan,
    totals: {
      visitors: days.reduce((sum, d) => sum + d.visitors, 0),
      visitorsCapped: days.some((d) => d.capped),
      reportViews: total('view', isReportPage),
      reportReaders: counts
        .filter((c) => c.event === PAGE_READER && isReportPage(c.page))
        .reduce((n, c) => n + c.count, 0),
      formsSent: total('submit', isReportPage),
      leads: leads.reduce((sum, l) => sum + l.leads, 0),
      repeatForms: input.repeatForms?.length ?? 0,
      confirmed: total('confirmed'),
      downloads: total('download'),
    },
    days: [...days],
    events,
    otherPages: sumBy(
      views.filter((v) => !ids.includes(seriesOf(v.page))),
      (r) => r.page,
      (r) => r.page,
    )
      .map(({ value, count }) => ({ page: value, title: titleOf(value), views: count }))
      .sort((a, b) => b.views - a.views || a.page.localeCompare(b.page)),
    series: ids.map((id) => {
      const own = events.filter((e) => seriesOf(e.page) === id);
      const report = `/${id}/report/`;
      const arrived = (from: (page: string) => boolean, event: FunnelEvent | typeof REPORT_READER) =>
        counts
          .filter((c) => c.page === report && c.event === event && from(c.fromPage))
          .reduce((n, c) => n + c.count, 0);
      const onPages = own.filter((e) => e.page !== report);
      const optIns = input.leads.filter((l) => l.series === id && l.marketingOptIn);
      const pages = [...new Set(onPages.map((e) => e.page))];
      const sum = (page: string, event: FunnelEvent) =>
        onPages.filter((e) => e.page === page && e.event === event).reduce((n, e) => n + e.count, 0);
      const pageViews = onPages.filter((e) => e.event === 'view').reduce((n, e) => n + e.count, 0);
      // Readers of a page: each once a day, however often they reload it (see PAGE_READER); rates are of them.
      const readersOf = (page: (page: string) => boolean) =>
        counts
          .filter((c) => c.event === PAGE_READER && seriesOf(c.page) === id && page(c.page))
          .reduce((n, c) => n + c.count, 0);
      const reportReaders = readersOf((page) => page === report);
      // Readers of the series, not of each page: a reader of three trends is one a day, and so is one reaching the
      // report page from two of them (see SERIES_READER, REACHED_REPORT).
      const ofSeries = (event: string, page: string) =>
        counts.filter((c) => c.event === event && c.page === page).reduce((n, c) => n + c.count, 0);
      const seriesReaders = ofSeries(SERIES_READER, `/${id}/`);
      const handOff = ofSeries(REACHED_REPORT, report);
      for (const from of counts.filter((c) => c.page === report && c.fromPage !== '').map((c) => c.fromPage)) {
        if (!pages.includes(from)) pages.push(from);
      }
      return {
        id,
        title: titleOf(`/${id}/`),
        onPages: funnelOf(onPages, ON_PAGES, 'pages').map((step) =>
          step.event === 'view' ? { ...step, count: seriesReaders, readers: seriesReaders, views: pageViews } : step,
        ),
        handOff: {
          count: handOff,
          share: seriesReaders === 0 ? null : handOff / seriesReaders,
          readers: seriesReaders,
        },
        pages: pages
          .map((page) => ({
            page,
            title: titleOf(page),
            name: input.shortName?.(page) ?? titleOf(page),
            views: sum(page, 'view'),
            readers: readersOf((p) => p === page),
            ctaSeen: sum(page, 'cta_seen'),
            toReport: arrived((from) => from === page, REPORT_READER),
            toReportShare:
              readersOf((p) => p === page) === 0
                ? null
                : arrived((from) => from === page, REPORT_READER) / readersOf((p) => p === page),
            formsSent: arrived((from) => from === page, 'submit'),
          }))
          // Which page brings readers to the report: most first.
          .sort(
            (a, b) =>
              b.toReport - a.toReport || b.formsSent - a.formsSent || b.views - a.views || a.page.localeCompare(b.page),
          ),
        fromPages: {
          reportViews: arrived((from) => from !== '', 'view'),
          formsSent: arrived((from) => from !== '', 'submit'),
        },
        elsewhere: {
          reportViews: arrived((from) => from === '', 'view'),
          formsSent: arrived((from) => from === '', 'submit'),
        },
        onReport: funnelOf(
          own.filter((e) => e.page === report),
          ON_REPORT,
          'report',
        ).map((step) =>
          step.event === 'view'
            ? { ...step, count: reportReaders, readers: reportReaders, views: step.count }
            : step.event === 'form_start' || step.event === 'submit'
              ? {
                  ...step,
                  share: reportReaders === 0 ? null : step.count / reportReaders,
                  of: 'report-page readers',
                }
              : step.event === 'confirmed'
                ? {
                    ...step,
                    // None sent without emails (SMTP_URL unset): no share.
                    share: optIns.length === 0 || !input.confirmationEmails ? null : step.count / optIns.length,
                    of: 'marketing opt-ins',
                  }
                : step,
        ),
        marketing: { optIns: optIns.length, pending: optIns.filter((l) => l.marketingStatus === 'pending').length },
        sentOfStarted: (() => {
          const onReport = own.filter((e) => e.page === report);
          const started = onReport.filter((e) => e.event === 'form_start').reduce((n, e) => n + e.count, 0);
          const sent = onReport.filter((e) => e.event === 'submit').reduce((n, e) => n + e.count, 0);
          const refusals = counts.filter((c) => c.page === report);
          const refused = refusals.filter((c) => c.event === REFUSED).reduce((n, c) => n + c.count, 0);
          const refusedFields: Partial<Record<RefusableField, number>> = {};
          for (const field of REFUSABLE_FIELDS) {
            const n = refusals.filter((c) => c.event === refusedFieldEvent(field)).reduce((m, c) => m + c.count, 0);
            if (n > 0) refusedFields[field] = n;
          }
          const limited = refusals.filter((c) => c.event === LIMITED).reduce((n, c) => n + c.count, 0);
          return { started, sent, share: started === 0 ? null : sent / started, refused, refusedFields, limited };
        })(),
      };
    }),
    noReferrer: sourceTotal(counts.filter((c) => c.referrer === '')),
    directTagged: noReferrerTagged.landings,
    noReferrerTagged,
    noReferrerUntagged: sourceTotal(counts.filter((c) => c.referrer === '' && !isTagged(c))),
    withinSite: {
      views: counts
        .filter((c) => c.referrer === WITHIN_SITE && c.event === 'view' && !isReportPage(c.page))
        .reduce((n, c) => n + c.count, 0),
    },
    noCampaign: sourceTotal(counts.filter((c) => c.utmSource === '' && c.utmMedium === '' && c.utmCampaign === '')),
    sources: sourceTotal(counts),
    referrers: bySource(
      counts.filter((c) => c.referrer !== '' && c.referrer !== WITHIN_SITE),
      (r) => r.referrer,
      (r) => ({ referrer: r.referrer }),
    ),
    campaigns,
    campaignGroups: campaignGroupsOf(campaigns),
    leadsPerDay: leads,
    experiments,
    confirmationEmails: input.confirmationEmails,
  };
}

/** The counts, visitors and leads of the UTC days from `from` to `to`, both included (YYYY-MM-DD). */
export function withinDays<T extends Pick<SummaryInput, 'counts' | 'days' | 'leads' | 'repeatForms'>>(
  input: T,
  from: string,
  to: string,
): T {
  const inside = (day: string) => day >= from && day <= to;
  return {
    ...input,
    counts: input.counts.filter((c) => inside(c.day)),
    days: input.days.filter((d) => inside(d.day)),
    leads: input.leads.filter((l) => inside(l.createdAt.toISOString().slice(0, 10))),
    ...(input.repeatForms ? { repeatForms: input.repeatForms.filter((at) => inside(dayOfDate(at))) } : {}),
  };
}

const dayOfDate = (at: Date) => at.toISOString().slice(0, 10);

/**
 * When each form from an address already on file was stored: every lead's forms after its first (a lead with
 * one form has none; only those with more are read).
 */
export async function readRepeatForms(
  store: { listSubmissions(leadId: number): Promise<{ submittedAt: Date }[]> },
  leads: readonly Pick<Lead, 'id' | 'submissions'>[],
): Promise<Date[]> {
  const repeated = leads.filter((l) => l.submissions > 1);
  const lists = await Promise.all(repeated.map((l) => store.listSubmissions(l.id)));
  return lists.flatMap((forms) =>
    forms
      .map((f) => f.submittedAt)
      .sort((a, b) => a.getTime() - b.getTime())
      .slice(1),
  );
}

/**
 * The forms stored in one line, reconciled with the funnel's "Form sent" on the same page, each reason the two
 * can differ named: "10 forms stored: 6 new leads, 4 from addresses already on file. Form sent in the funnel: 9,
 * as it counts a reader's forms once a day, and none sent with Global Privacy Control or Do Not Track or by a
 * crawler or headless browser (stored, not counted)."
 */
export function formsLine(totals: Pick<Totals, 'leads' | 'repeatForms' | 'formsSent'>): string {
  const all = totals.leads + totals.repeatForms;
  const stored = `${plural(all, 'form stored', 'forms stored')}: ${plural(totals.leads, 'new lead', 'new leads')}, ${totals.repeatForms} from ${totals.repeatForms === 1 ? 'an address' : 'addresses'} already on file`;
  return all === totals.formsSent
    ? `${stored}; Form sent in the funnel: ${totals.formsSent}, the same`
    : `${stored}. Form sent in the funnel: ${totals.formsSent}, ${all > totals.formsSent ? 'fewer' : 'more'}, as it counts ${FORMS_REASONS}`;
}

/** Why the funnel's "Form sent" differs from the forms stored, each reason named. */
export const FORMS_REASONS =
  "a reader's forms once per report page and UTC day, and none sent with Global Privacy Control or Do Not Track or by a crawler or headless browser (those are stored, not counted); a lead erased on request leaves its forms counted";

/** The total row of a series' pages table: their views, readers they brought to the report, and forms sent. */
export function pagesTotal(series: SeriesFunnel): {
  views: number;
  readers: number;
  toReport: number;
  toReportShare: number | null;
  formsSent: number;
} {
  const views = series.pages.reduce((n, p) => n + p.views, 0);
  const readers = series.pages.reduce((n, p) => n + p.readers, 0);
  const toReport = series.pages.reduce((n, p) => n + p.toReport, 0);
  return {
    views,
    readers,
    toReport,
    toReportShare: readers === 0 ? null : toReport / readers,
    formsSent: series.pages.reduce((n, p) => n + p.formsSent, 0),
  };
}

/**
 * Under a pages table: why its sum row differs from the funnel's steps above it, which count each reader once for
 * the series ("Sum of the pages: a reader counts on every page they read, so its 55 readers are more than the
 * series' 44, and its 39 to report more than the 38 who went on to the report page, each counted once.").
 */
export function pagesSumLine(series: SeriesFunnel): string {
  const t = pagesTotal(series);
  const readers = series.handOff.readers;
  const wentOn = series.handOff.count;
  const compare = (sum: number, once: number) =>
    sum === once ? 'the same as' : sum > once ? 'more than' : 'fewer than';
  return `Sum of the pages: a reader counts on every page they read, and on every page they went on from; so its ${t.readers} readers are ${compare(t.readers, readers)} the series' ${readers} (each counted once), and its ${t.toReport} to report ${compare(t.toReport, wentOn)} the ${wentOn} who went on to the report page (each counted once).`;
}

/**
 * What the download count is: each download, not each reader, so that it is no rate of the steps above it, whose
 * unit is readers.
 */
export const DOWNLOADS_NOTE = 'downloads, each counted (a reader may download again): not readers, so no rate';

/** The names the terminal and the dashboard give the funnel's steps. */
export const STEP_LABELS: Record<FunnelEvent, { pages: string; report: string }> = {
  view: { pages: 'Series readers', report: 'Report-page readers' },
  cta_seen: { pages: 'Report box seen', report: 'Report box seen' },
  form_start: { pages: 'Form started', report: 'Form started' },
  submit: { pages: 'Form sent', report: 'Form sent' },
  confirmed: { pages: 'Email confirmed', report: 'Email confirmed' },
  download: { pages: 'Report downloaded', report: 'Report downloaded' },
};

/**
 * A page's share of readers going on to the report is marked (dotted on the dashboard, `~` in the terminal)
 * under this many views: one reader more or less moves it a lot.
 */
export const FEW_VIEWS = 10;

/** The step from a series' pages to its report page: by the report box, the header's link or any other. */
export const HAND_OFF_LABEL = 'Went on to the report page (any link)';

/**
 * The report box seen, a side measure beside the steps, not one of them: a reader can go on to the report page
 * by the header's link without seeing the box, so more can go on than saw it.
 */
export const reportBoxSeen = (s: FunnelStep) =>
  `report box seen ${s.count}${s.share === null ? '' : `, ${percent(s.share)} of page views`} (not a step: the header's link leads to the report page too).`;

/** What the dashboard and the terminal say of the step from a trend to the report page. */
export const HAND_OFF =
  "A report-page view is credited to the series page it came from by the report page request's same-origin Referer (its path only; no cookie). Report-page views also come from elsewhere: other sites, bookmarks, browsers that send no Referer.";

/** A share (0 to 1) in percent, or a difference of shares in points, to one decimal. */
export const inPercent = (share: number) => (share * 100).toFixed(1);

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)}%`);

/**
 * A page of a series as the dashboard and the terminal name it: its home is "Series home", a trend its short name
 * (or its title, when it has none).
 */
export const seriesPageName = (seriesId: string, page: { page: string; name: string }) =>
  page.page === `/${seriesId}/` ? 'Series home' : page.name;

/**
 * A page outside the series by its title and path; the home page as "Home (/)", not by its headline; by its path
 * alone when it has no title.
 */
export const otherPageName = (page: { page: string; title: string }) =>
  page.page === '/' ? 'Home (/)' : page.title === page.page ? page.page : `${page.title} (${page.page})`;

/**
 * Under the pages table, whose column is readers: the report page's views and forms sent, each in its own unit,
 * split into those of readers from the series' pages and those from elsewhere, adding up to the funnel's steps:
 * "Report-page views: 20 by readers from these pages + 87 from elsewhere or not known = 107. Forms sent: 13 (the
 * Total above) + 12 from elsewhere or not known = 25."
 */
export function arrivalsLine(series: Pick<SeriesFunnel, 'fromPages' | 'elsewhere'>): string {
  const { fromPages: pages, elsewhere } = series;
  return `Report-page views: ${pages.reportViews} by readers from these pages + ${elsewhere.reportViews} from elsewhere or not known = ${pages.reportViews + elsewhere.reportViews}. Forms sent: ${pages.formsSent} (the sum of the pages above) + ${elsewhere.formsSent} from elsewhere or not known = ${pages.formsSent + elsewhere.formsSent}.`;
}

/**
 * Whether the shares of `rows` (a pages table's page rows, never its Total, which adds them up and is never
 * marked) are of under FEW_VIEWS views: 'all' of them (then no share is marked, and FEW_VIEWS_ALL says it once),
 * 'some', or 'none'.
 */
export function fewViews(rows: readonly { views: number; toReportShare: number | null }[]): 'all' | 'some' | 'none' {
  const shares = rows.filter((r) => r.toReportShare !== null);
  const few = shares.filter((r) => r.views < FEW_VIEWS).length;
  return few === 0 ? 'none' : few === shares.length ? 'all' : 'some';
}

/** Said once under a pages table whose every share is of under FEW_VIEWS views. */
/** The widths of the terminal's source columns: landed, report views, forms. */
const BROUGHT_WIDTHS = [8, 14, 8];

export const FEW_VIEWS_ALL = `Every page's share is of under ${FEW_VIEWS} views: too few to be steady.`;

/** `n` and the noun it counts, in the singular for 1: "1 form sent", "2 forms sent". */
export const plural = (n: number, one: string, many: string, shown = String(n)) => `${shown} ${n === 1 ? one : many}`;

/**
 * The form's drop-off in words, in readers (each once per report page and day, see `Analytics.count`): "10 of
 * 15 readers who started the form sent it, 67%; 5 left", or with refusals and turn-aways, "…; 5 did not: 3
 * refused by validation (first name 2, work email 1), 1 turned away by the rate limit, 1 left", where started =
 * sent + refused + turned away + left; null when no form was started.
 */
export function formDropOff(series: SeriesFunnel): string | null {
  const { started, sent, share, refused, refusedFields, limited } = series.sentOfStarted;
  if (share === null) return null;
  const head = `${sent} of ${plural(started, 'reader who started the form', 'readers who started the form')} sent it, ${percent(share)}`;
  const left = started - sent - refused - limited;
  // Counts kept before the form was counted per reader (or a start lost to a full buffer) may not add up.
  if (left < 0) return `${head}: more outcomes than starts, as some starts went uncounted`;
  if (refused === 0 && limited === 0) return `${head}; ${left} left`;
  // Most-refused field first, each with its count of readers (one form can refuse several fields); the names a reader sees.
  const fields = Object.entries(refusedFields)
    .sort(
      ([a, m], [b, n]) =>
        n - m || REFUSABLE_FIELDS.indexOf(a as RefusableField) - REFUSABLE_FIELDS.indexOf(b as RefusableField),
    )
    .map(([field, n]) => `${FIELD_LABELS[field as RefusableField]} ${n}`);
  const named = fields.length > 0 ? ` (${fields.join(', ')})` : '';
  const reasons = [
    ...(refused > 0 ? [`${refused} refused by validation${named}`] : []),
    ...(limited > 0 ? [`${limited} turned away by the rate limit`] : []),
  ];
  return `${head}; ${started - sent} did not: ${reasons.join(', ')}, ${left} left`;
}

/** A refused field as the form labels it (its visible label, lower-cased mid-sentence). */
export const FIELD_LABELS: Record<RefusableField, string> = {
  firstName: 'first name',
  lastName: 'last name',
  email: 'work email',
  company: 'company',
  jobRole: 'job role',
  consent: 'consent',
  consentVersion: 'consent version',
  marketingOptIn: 'marketing box',
  series: 'series',
};

/** One line when no confirmation email is sent (no SMTP_URL): how many marketing opt-ins wait for one. */
export function confirmationsOff(summary: Summary, series: SeriesFunnel): string | undefined {
  if (summary.confirmationEmails) return undefined;
  const pending = series.marketing.pending;
  // Nothing waiting: no "0 pending".
  return pending === 0
    ? 'Confirmation emails are off (SMTP_URL is not set).'
    : `Confirmation emails are off (SMTP_URL is not set): ${plural(pending, 'marketing opt-in', 'marketing opt-ins')} pending.`;
}

/**
 * The period asked for and the day counting began, in one line ("Last 30 UTC days, 2026-11-08 to 2026-12-07;
 * counting began 2026-12-07."); null when the summary has no period.
 */
export function periodLine(summary: Summary): string | null {
  const p = summary.period;
  if (p === null) return null;
  const span =
    p.from === null
      ? `Every UTC day stored, up to ${p.to}`
      : p.days !== null
        ? `Last ${p.days} UTC days, ${p.from} to ${p.to}`
        : `UTC days ${p.from} to ${p.to}`;
  return `${span}; ${summary.countingBegan === null ? 'nothing counted yet' : `counting began ${summary.countingBegan}`}.`;
}

/**
 * A line of text wrapped at `width` columns, between words: each further line indented as the first, two more, so
 * that a long sentence under a table stays under it. A word longer than the width stands on a line of its own.
 */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = /^ */.exec(line)![0];
  const words = line.slice(indent.length).split(' ');
  const out: string[] = [];
  let current = indent;
  for (const word of words) {
    const lead = out.length === 0 ? indent : `${indent}  `;
    if (current.trim() !== '' && current.length + 1 + word.length > width) {
      out.push(current);
      current = `${indent}  ${word}`;
    } else current = current.trim() === '' ? `${lead}${word}` : `${current} ${word}`;
  }
  out.push(current);
  return out;
}

/** The summary as the terminal shows it, its lines wrapped at `width` columns (`npm run stats`: the terminal's, or 80). */
export function formatSummary(summary: Summary, width = Infinity): string {
  return formatLines(summary)
    .split('\n')
    .flatMap((line) => wrapLine(line, Math.max(40, width)))
    .join('\n');
}

function formatLines(summary: Summary): string {
  const period = periodLine(summary);
  if (summary.dataFrom === null && summary.leadsPerDay.length === 0) {
    return period === null || summary.countingBegan === null
      ? 'Nothing counted yet.\n'
      : `${period}\nNothing counted in this period.\n`;
  }
  const lines = [
    period ??
      (summary.dataFrom === null
        ? 'No funnel counts yet.'
        : `Funnel counts from ${summary.dataFrom} to ${summary.dataTo} (UTC days).`),
    ...(period !== null && summary.dataFrom === null ? ['No funnel counts in this period.'] : []),
    '',
  ];
  const line = (label: string, count: number, share: number | null, of: string | null, views?: number) =>
    `    ${label.padEnd(HAND_OFF_LABEL.length)}${String(count).padStart(8)}${share === null ? '' : `   ${percent(share).padStart(4)} of ${of}`}${views === undefined ? '' : `   (${plural(views, 'view', 'views')})`}`;
  const step = (s: FunnelStep, part: 'pages' | 'report') =>
    line(STEP_LABELS[s.event][part], s.count, s.share, s.of, s.views);
  lines.push(
    `Visitors (daily, summed) ${summary.totals.visitorsCapped ? '≥ ' : ''}${summary.totals.visitors} · report-page views ${summary.totals.reportViews} · forms per report reader ${summary.totals.reportReaders === 0 ? '–' : percent(summary.totals.formsSent / summary.totals.reportReaders)} · new leads ${summary.totals.leads} · emails confirmed ${summary.totals.confirmed} · downloads ${summary.totals.downloads}`,
    formsLine(summary.totals),
    '',
  );
  for (const series of summary.series) {
    if ([...series.onPages, ...series.onReport].every((s) => s.count === 0 && !s.views)) {
      lines.push(`Series ${series.title} (${series.id}): nothing counted.`, '');
      continue;
    }
    lines.push(`Series ${series.title} (${series.id})`);
    lines.push("  On the series' pages (home and trends):");
    const [views, boxSeen] = series.onPages;
    lines.push(
      step(views!, 'pages'),
      line(HAND_OFF_LABEL, series.handOff.count, series.handOff.share, 'series readers'),
    );
    lines.push(`    Beside the steps: ${reportBoxSeen(boxSeen!)}`);
    lines.push('  On the report page:');
    for (const s of series.onReport) {
      if (s.event === 'confirmed' && !summary.confirmationEmails) continue;
      lines.push(s.event === 'download' ? `${step(s, 'report')}   ${DOWNLOADS_NOTE}` : step(s, 'report'));
      const dropOff = s.event === 'submit' ? formDropOff(series) : null;
      if (dropOff) lines.push(`      ${dropOff}`);
    }
    const off = confirmationsOff(summary, series);
    if (off) lines.push(`    ${off}`);
    lines.push(`  ${HAND_OFF}`);
    if (series.pages.length > 0) {
      // Each head after the first starts with "·", so that "readers · views · to report · % · forms" reads as five
      // columns; readers first: they are the base of the share.
      const widths = [9, 8, 12, 7, 8];
      lines.push(
        '  Which page brings readers to the report (to report: readers who came from it, each once a day):',
        `    ${['readers', 'views', 'to report', '%', 'forms'].map((h, i) => (i === 0 ? h : `· ${h}`).padStart(widths[i]!)).join('')}  page`,
      );
      const t = pagesTotal(series);
      // When every share is of under FEW_VIEWS views, none is marked: one line says so.
      // Of the page rows only: the sum's share is never marked.
      const allFew = fewViews(series.pages) === 'all';
      const few = (views: number, share: number | null) => !allFew && share !== null && views < FEW_VIEWS;
      const row = (
        p: { readers: number; views: number; toReport: number; toReportShare: number | null; formsSent: number },
        name: string,
        total = false,
      ) =>
        `    ${[p.readers, p.views, p.toReport].map((n, i) => String(n).padStart(widths[i]!)).join('')}${`${!total && few(p.views, p.toReportShare) ? '~' : ''}${percent(p.toReportShare)}`.padStart(widths[3]!)}${String(p.formsSent).padStart(widths[4]!)}  ${name}`;
      for (const page of series.pages) lines.push(row(page, seriesPageName(series.id, page)));
      lines.push(row(t, 'Sum of the pages', true));
      if (allFew) lines.push(`    ${FEW_VIEWS_ALL}`);
      else if (series.pages.some((p) => few(p.views, p.toReportShare)))
        lines.push(`    ~: under ${FEW_VIEWS} views, too few for a steady share`);
      lines.push(`    ${pagesSumLine(series)}`);
    }
    lines.push(`    ${arrivalsLine(series)}`);
    lines.push('');
  }
  if (summary.otherPages.length > 0) {
    lines.push('Other pages (views):');
    for (const p of summary.otherPages) lines.push(`  ${String(p.views).padStart(8)}  ${otherPageName(p)}`);
    lines.push('');
  }
  lines.push('Unique visitors per day:');
  for (const d of summary.days) lines.push(`  ${d.day}  ${d.capped ? '≥ ' : ''}${d.visitors}`);
  const brought = (s: SourceCounts) =>
    [s.landings, s.reportViews, s.formsSent].map((n, i) => String(n).padStart(BROUGHT_WIDTHS[i]!)).join('');
  // A header row over the numbers, as "By page" has: landed (landings on any page), report views, forms.
  const broughtHead = (name: string) =>
    `${['landed', 'report views', 'forms'].map((h, i) => h.padStart(BROUGHT_WIDTHS[i]!)).join('')}  ${name}`;
  lines.push(
    '',
    'Top referrers (landed: landings on any page; report views: report-page views, not readers; forms: forms sent):',
    broughtHead('referrer'),
  );
  for (const r of sourceRows(
    summary.referrers,
    10,
    noReferrerRows(summary),
    summary.sources,
    (r) => r.referrer,
    (n) => plural(n, 'other site', 'other sites'),
  ))
    lines.push(`${brought(r.counts)}  ${r.name}`);
  lines.push(`  ${withinSiteLine(summary)}`);
  lines.push(
    '',
    'Campaigns (landed: landings on any page; report views: report-page views, not readers; forms: forms sent):',
    broughtHead('utm_source / utm_medium / utm_campaign'),
  );
  // As the dashboard: a campaign of two or more sources as a subtotal row, its sources indented under it.
  for (const c of campaignTableRows(summary)) {
    if (c.kind === 'group')
      lines.push(
        `${brought(c.group)}  ${c.group.name || `(${NO_CAMPAIGN_NAME})`}: ${c.group.sources} sources together`,
      );
    else if (c.kind === 'member') lines.push(`${brought(c.row)}    ${c.row.source || '-'} / ${c.row.medium || '-'}`);
    else if (c.kind === 'single')
      lines.push(
        `${brought(c.row)}  ${c.row.source || '-'} / ${c.row.medium || '-'} / ${c.row.campaign || `(${NO_CAMPAIGN_NAME})`}`,
      );
    else lines.push(`${brought(c.counts)}  ${c.name}`);
  }
  for (const e of summary.experiments) {
    lines.push(
      '',
      `Experiment ${e.id} (series ${e.series})${e.title ? `: ${e.title}` : ''}, ${e.since ? `since ${e.since}` : 'no counts yet'} (whatever the period)`,
    );
    // The first variant is the control (the page as it is), said in every state.
    e.variants.forEach((v, i) => lines.push(`  ${v.id}${i === 0 ? ' (control)' : ''}: ${v.changes}`));
    // Intervals are shown from the UTC day after the sample is reached: the intro says when, until then.
    const intervals =
      e.result.status === 'decided'
        ? '95% intervals'
        : e.reachedOn
          ? `intervals from ${dayAfter(e.reachedOn)}`
          : 'intervals from the UTC day after every variant has its sample';
    lines.push(`  Readers who sent a form per reader of the report page (once per UTC day and variant), ${intervals}:`);
    for (const v of e.result.variants) {
      const rate =
        e.result.status !== 'decided'
          ? v.trials < e.result.sampleSize
            ? notYet(e.result, v)
            : `${v.trials} readers, ${notYet(e.result, v)}`
          : v.share === null
            ? 'no readers yet'
            : `${inPercent(v.share)}% [${inPercent(v.interval!.low)}, ${inPercent(v.interval!.high)}]`;
      const diff = v.difference
        ? `, vs control ${signedPoints(v.difference.value)} points [${signedPoints(v.difference.interval.low)}, ${signedPoints(v.difference.interval.high)}]`
        : '';
      const views = `${e.views?.find((d) => d.id === v.id)?.views ?? 0} views`;
      lines.push(
        e.views === null
          ? `  ${v.id.padEnd(12)} ${rate}`
          : v.conversions === null
            ? `  ${v.id.padEnd(12)} ${rate}, ${views}`
            : `  ${v.id.padEnd(12)} ${String(v.conversions).padStart(6)} / ${String(v.trials).padEnd(6)} ${rate}${diff} (${views})`,
      );
    }
    if (e.views === null) lines.push(`  ${allViewsLine(e)}`);
    const { verdicts, warnings, notes } = decisionLines(e);
    for (const line of [...verdicts, ...warnings, ...notes]) lines.push(`  ${line}`);
    if (e.result.status === 'not yet') {
      lines.push(
        `  Not yet: each variant needs ${e.result.sampleSize} readers; rates and intervals are shown from the UTC day after they all have them.`,
      );
    }
    // Planned before the start: said in every state.
    lines.push(`  ${plannedLine(e)}`);
  }
  lines.push('', 'New leads per day (lead rows stored):');
  if (summary.leadsPerDay.length === 0) lines.push('  none');
  for (const l of summary.leadsPerDay) lines.push(`  ${l.day}  ${l.leads}`);
  return `${lines.join('\n')}\n`;
}
