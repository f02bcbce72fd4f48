import type { Experiment } from '../../lib/schema/series.ts';
import type { DayVisitors } from '../store/types.ts';
import { FUNNEL, variantKey, type CountRow, type FunnelEvent } from './events.ts';
import { experimentResult, notYet, type ExperimentResult } from './experiment-results.ts';

/** An experiment a series declares, with its results: forms sent per report page view, by variant. */
export interface ExperimentSummary {
  series: string;
  id: string;
  metric: Experiment['metric'];
  result: ExperimentResult;
}

/** One step of a funnel: its count, and what share of the step before it reached it. */
export interface FunnelStep {
  event: FunnelEvent;
  count: number;
  /** count / the previous step's count; null for the first step, or after a step of zero. */
  ofPrevious: number | null;
}

export interface Summary {
  /** The first and last day counted, or null when nothing was. */
  from: string | null;
  to: string | null;
  /** Unique visitors per day (a visitor of two days counts on each). */
  days: DayVisitors[];
  /** Every count, summed over days and sources, by page, event and variant. */
  events: { page: string; event: FunnelEvent; variant: string; count: number }[];
  /** Per series (the first segment of the path): its funnel over all its pages, and each page's own. */
  series: { id: string; funnel: FunnelStep[]; pages: { page: string; funnel: FunnelStep[] }[] }[];
  /** The views of pages outside every series (the home page, the privacy note). */
  otherPages: { page: string; views: number }[];
  /** Views by referring host, most first; direct visits (no referrer) left out. */
  referrers: { referrer: string; views: number }[];
  /** Views by campaign (utm_source, utm_medium, utm_campaign), most first. */
  campaigns: { source: string; medium: string; campaign: string; views: number }[];
  /** Accepted forms per day. */
  leadsPerDay: { day: string; submits: number }[];
  /** The declared experiments' results. */
  experiments: ExperimentSummary[];
}

/** The funnel of `counts`, by event, in funnel order. */
export function funnelOf(counts: readonly { event: FunnelEvent; count: number }[]): FunnelStep[] {
  let previous: number | undefined;
  return FUNNEL.map((event) => {
    const count = counts.filter((c) => c.event === event).reduce((sum, c) => sum + c.count, 0);
    const ofPrevious = previous === undefined || previous === 0 ? null : count / previous;
    previous = count;
    return { event, count, ofPrevious };
  });
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

/**
 * An experiment's counts: per variant, the report page's views (trials) and forms sent (conversions) with
 * that variant, over every day counted.
 */
export function experimentOf(series: string, experiment: Experiment, counts: readonly CountRow[]): ExperimentSummary {
  const page = `/${series}/report/`;
  const sum = (event: FunnelEvent, variant: string) =>
    counts
      .filter((c) => c.page === page && c.event === event && c.variant === variantKey(experiment.id, variant))
      .reduce((total, c) => total + c.count, 0);
  return {
    series,
    id: experiment.id,
    metric: experiment.metric,
    result: experimentResult(
      experiment.variants.map((v) => ({ id: v.id, trials: sum('view', v.id), conversions: sum('submit', v.id) })),
      experiment.sampleSize,
    ),
  };
}

/** What `npm run stats` prints and the dashboard shows, from the stored counts and the declared experiments. */
export function summarise(
  counts: readonly CountRow[],
  days: readonly DayVisitors[],
  experiments: readonly { series: string; experiment: Experiment }[] = [],
  /** The series ids; left out, every first path segment with counts is taken for one. */
  seriesIds?: readonly string[],
): Summary {
  const allDays = [...new Set([...counts.map((c) => c.day), ...days.map((d) => d.day)])].sort();
  const events = sumBy(
    counts,
    (r) => JSON.stringify([r.page, r.event, r.variant]),
    (r) => ({ page: r.page, event: r.event, variant: r.variant }),
  )
    .map(({ value, count }) => ({ ...value, count }))
    .sort((a, b) => a.page.localeCompare(b.page) || FUNNEL.indexOf(a.event) - FUNNEL.indexOf(b.event));
  const seriesOf = (page: string) => page.split('/')[1] ?? '';
  const counted = [...new Set(events.map((e) => seriesOf(e.page)).filter((id) => id !== ''))].sort();
  const ids = seriesIds ? counted.filter((id) => seriesIds.includes(id)) : counted;
  const views = counts.filter((c) => c.event === 'view');
  return {
    from: allDays[0] ?? null,
    to: allDays.at(-1) ?? null,
    days: [...days],
    events,
    otherPages: sumBy(
      views.filter((v) => !ids.includes(seriesOf(v.page))),
      (r) => r.page,
      (r) => r.page,
    )
      .map(({ value, count }) => ({ page: value, views: count }))
      .sort((a, b) => b.views - a.views || a.page.localeCompare(b.page)),
    series: ids.map((id) => {
      const own = events.filter((e) => seriesOf(e.page) === id);
      const pages = [...new Set(own.map((e) => e.page))].sort();
      return {
        id,
        funnel: funnelOf(own),
        pages: pages.map((page) => ({ page, funnel: funnelOf(own.filter((e) => e.page === page)) })),
      };
    }),
    referrers: sumBy(
      views.filter((v) => v.referrer !== ''),
      (r) => r.referrer,
      (r) => r.referrer,
    )
      .map(({ value, count }) => ({ referrer: value, views: count }))
      .sort((a, b) => b.views - a.views || a.referrer.localeCompare(b.referrer)),
    campaigns: sumBy(
      views.filter((v) => v.utmSource !== '' || v.utmMedium !== '' || v.utmCampaign !== ''),
      (r) => JSON.stringify([r.utmSource, r.utmMedium, r.utmCampaign]),
      (r) => ({ source: r.utmSource, medium: r.utmMedium, campaign: r.utmCampaign }),
    )
      .map(({ value, count }) => ({ ...value, views: count }))
      .sort((a, b) => b.views - a.views),
    leadsPerDay: sumBy(
      counts.filter((c) => c.event === 'submit'),
      (r) => r.day,
      (r) => r.day,
    ).map(({ value, count }) => ({ day: value, submits: count })),
    experiments: experiments.map(({ series, experiment }) => experimentOf(series, experiment, counts)),
  };
}

const percent = (share: number | null) => (share === null ? '' : `${Math.round(share * 100)}%`);

/** The summary as the terminal shows it. */
export function formatSummary(summary: Summary): string {
  if (summary.from === null) return 'Nothing counted yet.\n';
  const lines = [`Funnel counts from ${summary.from} to ${summary.to} (UTC days).`, ''];
  const step = (s: FunnelStep, indent: string) =>
    `${indent}${s.event.padEnd(11)}${String(s.count).padStart(8)}${s.ofPrevious === null ? '' : `   ${percent(s.ofPrevious).padStart(4)} of the step before`}`;
  for (const series of summary.series) {
    lines.push(`Series ${series.id}`);
    for (const s of series.funnel) lines.push(step(s, '  '));
    for (const page of series.pages) {
      lines.push(`  ${page.page}`);
      for (const s of page.funnel.filter((f) => f.count > 0)) lines.push(step(s, '    '));
    }
    lines.push('');
  }
  if (summary.otherPages.length > 0) {
    lines.push('Other pages (views):');
    for (const p of summary.otherPages) lines.push(`  ${String(p.views).padStart(8)}  ${p.page}`);
    lines.push('');
  }
  lines.push('Unique visitors per day:');
  for (const d of summary.days) lines.push(`  ${d.day}  ${d.capped ? '≥ ' : ''}${d.visitors}`);
  lines.push('', 'Top referrers (views):');
  if (summary.referrers.length === 0) lines.push('  none');
  for (const r of summary.referrers.slice(0, 10)) lines.push(`  ${String(r.views).padStart(8)}  ${r.referrer}`);
  lines.push('', 'Campaigns (views: utm_source / utm_medium / utm_campaign):');
  if (summary.campaigns.length === 0) lines.push('  none');
  for (const c of summary.campaigns.slice(0, 10)) {
    lines.push(`  ${String(c.views).padStart(8)}  ${c.source || '-'} / ${c.medium || '-'} / ${c.campaign || '-'}`);
  }
  for (const e of summary.experiments) {
    lines.push('', `Experiment ${e.id} (series ${e.series}): forms sent per report page view, 95% intervals`);
    for (const v of e.result.variants) {
      const rate =
        e.result.status !== 'ready'
          ? notYet(v.trials, e.result.sampleSize)
          : v.rate === null
            ? 'no views yet'
            : `${v.rate.toFixed(1)}% [${v.interval!.low.toFixed(1)}, ${v.interval!.high.toFixed(1)}]`;
      const diff = v.difference
        ? `, vs control ${v.difference.value >= 0 ? '+' : ''}${v.difference.value.toFixed(1)} points [${v.difference.interval.low.toFixed(1)}, ${v.difference.interval.high.toFixed(1)}]`
        : '';
      lines.push(
        v.conversions === null
          ? `  ${v.id.padEnd(12)} ${rate}`
          : `  ${v.id.padEnd(12)} ${String(v.conversions).padStart(6)} / ${String(v.trials).padEnd(6)} ${rate}${diff}`,
      );
    }
    lines.push(
      e.result.status === 'ready'
        ? `  Every variant has its ${e.result.sampleSize} views: the intervals can be read.`
        : `  Not yet: each variant needs ${e.result.sampleSize} views; rates and intervals are shown only then.`,
    );
  }
  lines.push('', 'Leads per day (accepted forms):');
  if (summary.leadsPerDay.length === 0) lines.push('  none');
  for (const l of summary.leadsPerDay) lines.push(`  ${l.day}  ${l.submits}`);
  return `${lines.join('\n')}\n`;
}
