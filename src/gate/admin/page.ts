import { createHash } from 'node:crypto';
import {
  FEW_VIEWS,
  HAND_OFF,
  HAND_OFF_LABEL,
  STEP_LABELS,
  type ExperimentSummary,
  type FunnelStep,
  type SeriesFunnel,
  type SourceCounts,
  type Summary,
  type Totals,
  confirmationsOff,
  arrivalsLine,
  fewViews,
  FEW_VIEWS_ALL,
  formDropOff,
  campaignTableRows,
  type CampaignTableRow,
  noReferrerRows,
  withinSiteLine,
  sourceRows,
  inPercent,
  formsLine,
  pagesTotal,
  pagesSumLine,
  DOWNLOADS_NOTE,
  NO_CAMPAIGN_NAME,
  plural,
  signedPoints,
  seriesPageName,
  otherPageName,
} from '../analytics/summary.ts';
import { notYet } from '../analytics/experiment-results.ts';
import {
  allViewsLine,
  dayAfter,
  decisionLines,
  experimentQuestion,
  plannedLine,
  REACHED_TODAY,
  type SeriesPage,
} from '../analytics/summary.ts';

/** On a phone, the pages' table shows this many pages; the rest fold into a <details> under it. */
const PHONE_PAGES = 5;

/**
 * The dashboard's pages, rendered on the server as plain HTML: readable without JavaScript (there is
 * none), in the site's design system (its own built stylesheets, linked, and its tokens), with bars drawn
 * as SVG rectangles so that no `style` attribute is needed under the dashboard's strict CSP.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The dashboard's own styles, beside the site's: its CSP allows this block by its hash alone. */
const STYLE = `
.admin-site{border-bottom:1px solid var(--mt-color-border)}
.admin-site div{max-width:72rem;margin:0 auto;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:baseline}
.admin-site a{font-family:var(--mt-font-heading,inherit);font-weight:700;font-size:var(--mt-text-lg);color:var(--mt-color-text);text-decoration:none}
.admin-site span{color:var(--mt-color-muted);font-size:max(var(--mt-text-sm),.9375rem)}
.admin{--admin-small:max(var(--mt-text-sm),.9375rem);max-width:72rem;margin:0 auto;padding:var(--mt-space-4,1.5rem) 1rem;font-variant-numeric:tabular-nums}
.admin h1{font-size:var(--mt-text-2xl);margin:0}
.admin h2{font-size:var(--mt-text-xl);margin:0 0 .5rem}
.admin h3{font-size:var(--mt-text-base);margin:0 0 .4rem}
.admin section > h3{margin-top:1rem}
.admin .top{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.25rem;margin-bottom:.25rem}
.admin .top form{margin-left:auto}
.admin .quiet{font:inherit;padding:.2rem .7rem;border:1px solid var(--mt-color-border);border-radius:var(--mt-radius);background:none;color:var(--mt-color-text);cursor:pointer}
.admin .quiet:hover{border-color:var(--mt-color-text)}
.admin .period{display:flex;gap:.25rem;align-items:center}
.admin .period a{padding:.2rem .6rem;border:1px solid var(--mt-color-border);border-radius:var(--mt-radius);text-decoration:none;color:var(--mt-color-text)}
.admin .period a[aria-current]{background:var(--mt-color-accent);border-color:var(--mt-color-accent);color:var(--mt-color-accent-contrast)}
.admin .kpis{display:grid;grid-template-columns:repeat(2,1fr);gap:.75rem;margin:1rem 0 .25rem;padding:0}
.admin .kpis div{border-top:2px solid var(--mt-color-text);padding:.45rem 0 0;display:grid;grid-row:span 3;grid-template-rows:subgrid;row-gap:0}
.admin .kpis dt{align-self:end}
@media (min-width:40rem){.admin .kpis{grid-template-columns:repeat(3,1fr)}}
@media (min-width:60rem){.admin .kpis{grid-template-columns:repeat(6,1fr)}}
.admin .forms{margin:.5rem 0 0}
.admin .kpis dt{font-size:var(--admin-small);color:var(--mt-color-muted)}
.admin .kpis dd{margin:0}
.admin .kpis .big{font-size:var(--mt-text-2xl);font-weight:700;line-height:1.2}
.admin .kpis .prev{font-size:var(--admin-small);color:var(--mt-color-muted)}
.admin .prev-none{font-size:var(--admin-small);color:var(--mt-color-muted);margin:.25rem 0 0}
.admin section{border-top:1px solid var(--mt-color-border);padding-top:1rem;margin-top:1rem}
.admin .parts{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:.5rem 2rem}
.admin .funnel{list-style:none;margin:0;padding:0}
.admin .funnel li{display:grid;grid-template-columns:1fr auto;gap:0 .75rem;margin-bottom:.45rem}
.admin .funnel .n{font-weight:700}
.admin .funnel .aside{border-top:1px dashed var(--mt-color-border);padding-top:.35rem}
.admin .funnel .rate{grid-column:1/-1;font-size:var(--admin-small);color:var(--mt-color-muted)}
.admin .funnel svg{grid-column:1/-1;width:100%;height:.6rem;display:block}
.admin .bar{fill:var(--mt-color-chart-1)}
.admin .track{fill:var(--mt-color-chart-track)}
.admin .muted,.admin .note{color:var(--mt-color-muted)}
.admin .note{font-size:var(--admin-small);margin:.25rem 0 .5rem}
.admin table{border-collapse:collapse;width:100%;margin-block:.25rem .75rem}
.admin th,.admin td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid var(--mt-color-border);vertical-align:top}
.admin td.n,.admin th.n{text-align:right}
.admin td.n{white-space:nowrap}
.admin details{margin:.25rem 0}
.admin .bypage tbody th{font-weight:400}
.admin .bypage th.n,.admin .bypage td.n{width:7rem}
.admin .bypage .share{color:var(--mt-color-muted)}
.admin .bypage .few{text-decoration:underline dotted;text-underline-offset:.2em;cursor:help}
.admin .date{white-space:nowrap}
.admin .bypage tfoot th,.admin .bypage tfoot td{font-weight:700;border-bottom:0}
.admin .bypage-more{display:none}
.admin .bypage-more summary{cursor:pointer;padding:.4rem 0}
.admin summary{cursor:pointer;color:var(--mt-color-accent)}
.admin .method summary h2{display:inline;margin:0}
.admin .method p{max-width:48rem}
.admin .cols{display:grid;grid-template-columns:repeat(auto-fit,minmax(18rem,1fr));gap:0 2rem}
.admin label{display:block;font-weight:600;margin-bottom:.3rem}
.admin input[type=password]{padding:.55rem .6rem;border:1px solid var(--mt-color-muted);border-radius:var(--mt-radius);font:inherit;background:var(--mt-color-bg);color:var(--mt-color-text);width:min(100%,22rem)}
.admin .error{color:var(--mt-color-error);font-weight:600}
.admin .scroll{overflow-x:auto}
.admin .leads{margin:0 0 .5rem}
.admin .leads svg{width:100%;height:8rem;display:block;border-bottom:1px solid var(--mt-color-chart-grid)}
.admin .leads .before{fill:var(--mt-color-chart-track)}
.admin .leads .max,.admin .leads .axis,.admin .leads figcaption{font-size:var(--admin-small);color:var(--mt-color-muted)}
.admin .leads .axis{display:flex;justify-content:space-between}
.admin .day-counts{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1.25rem}
.admin .zero{fill:var(--mt-color-muted)}
.admin .one-line{white-space:nowrap}
.admin .sub{display:block;font-family:var(--mt-font-body);font-weight:400;font-size:var(--admin-small);color:var(--mt-color-muted)}
.admin caption{text-align:left}
.admin .sources tbody th{font-weight:400}
.admin .sources .rest th{color:var(--mt-color-muted)}
.admin .campaigns .group th{font-weight:600}
.admin .campaigns .member td.name{padding-left:1.5rem}
.admin .sources tfoot th,.admin .sources tfoot td{font-weight:700;border-bottom:0}
.admin .exp td.status{white-space:nowrap}
.admin .exp .control{font-weight:400;color:var(--mt-color-muted)}
.admin .exp .changes{display:block;font-weight:400;font-size:var(--admin-small);color:var(--mt-color-muted);max-width:28rem}
.admin .exp th.rate,.admin .exp td.rate{width:38%;min-width:12rem}
.admin .exp .range{color:var(--mt-color-muted);white-space:nowrap}
.admin .exp .ci{display:block;width:100%;height:1rem;margin-top:.3rem}
.admin .exp .ci .band{fill:var(--mt-color-chart-1);fill-opacity:.35}
.admin .exp .ci .grid{fill:var(--mt-color-chart-grid)}
.admin .exp .ends{display:flex;justify-content:space-between;color:var(--mt-color-muted);font-size:var(--admin-small)}
.admin .exp tfoot td{border-bottom:0;padding-top:0}
.admin .exp thead th{white-space:nowrap}
.admin .exp td.n .range{display:block}
.admin .verdict{margin:.25rem 0 .5rem;font-size:var(--mt-text-lg,1.125rem)}
@media (max-width:40rem){.admin th,.admin td{padding:.3rem .3rem}.admin .top form{margin-left:0}
.admin .sources :is(th,td).n{width:1%}
.admin .exp td.n .range{display:inline}
.admin .sources td.host{white-space:normal}
.admin .sources td.name .one-line{white-space:normal;overflow-wrap:anywhere}
.admin :is(.exp,.bypage) thead{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
.admin :is(.exp,.bypage) tr{display:block;padding:.4rem 0;border-bottom:1px solid var(--mt-color-border)}
.admin :is(.exp,.bypage) :is(th,td,td.n){display:block;width:auto;text-align:left;white-space:normal;border:0;padding:.05rem 0}
.admin :is(.exp,.bypage) td::before{content:attr(data-label) ": ";color:var(--mt-color-muted)}
.admin .exp td.pad{display:none}
.admin .bypage tr.more{display:none}
.admin .bypage-more{display:block}}
`;

/** The CSP hash of a style block. */
export const styleHash = (css: string) => `'sha256-${createHash('sha256').update(css).digest('base64')}'`;
export const STYLE_HASH = styleHash(STYLE);

/**
 * The dashboard's Content-Security-Policy: no script at all; the site's stylesheets, this block, and the
 * blocks of `styleHashes` (the site's @font-face rules, inline in its pages) only.
 */
export function adminPolicy(https: boolean, styleHashes: readonly string[] = []): string {
  return [
    "default-src 'none'",
    `style-src 'self' ${[STYLE_HASH, ...styleHashes].join(' ')}`,
    "font-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

/** What the dashboard takes from the built site: its stylesheets, and its @font-face block (inline in its pages). */
export interface SiteStyle {
  stylesheets: readonly string[];
  fontFaces?: string;
  /** The site's name, as its own header shows it (HTML-escaped there): the dashboard's header links it home. */
  name?: string;
}

function document(title: string, site: SiteStyle, body: string): string {
  const links = site.stylesheets.map((href) => `<link rel="stylesheet" href="${escape(href)}">`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
${links}
${site.fontFaces ? `<style>${site.fontFaces}</style>\n` : ''}<style>${STYLE}</style>
</head>
<body>
<header class="admin-site"><div><a href="/">${site.name ?? 'The site'}</a><span>Series dashboard · for the team</span></div></header>
<main class="admin" id="main">
${body}
</main>
</body>
</html>
`;
}

/** The sign-in page: a password field and the form token; `problem` says why the last try failed. */
export function signInPage(options: { action: string; formToken: string; site: SiteStyle; problem?: string }): string {
  return document(
    'Sign in: series dashboard',
    options.site,
    `<h1>Series dashboard</h1>
<p>Sign in with the team's password.</p>
${options.problem ? `<p class="error" role="alert">${escape(options.problem)}</p>` : ''}
<form method="post" action="${escape(options.action)}">
<input type="hidden" name="form" value="${escape(options.formToken)}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p><button class="mt-button" type="submit">Sign in</button></p>
</form>`,
  );
}

const percent = (share: number | null) => (share === null ? '–' : `${Math.round(share * 100)}%`);
const number = (n: number) => n.toLocaleString('en-GB');
/** `n`, formatted, and the noun it counts, in the singular for 1. */
const counted = (n: number, one: string, many: string) => plural(n, one, many, number(n));

/**
 * A funnel part as horizontal bars: per step its label, count, rate of the named denominator, and a bar drawn at
 * that rate (the track is the denominator); the first step, the base, full. A step's `after` is a line under its bar.
 */
function funnelBars(
  steps: readonly {
    label: string;
    count: number;
    share: number | null;
    of: string | null;
    views?: number;
    after?: string | null;
    /** Beside the steps, in another unit: its count and what it counts, no rate and no bar. */
    aside?: string;
  }[],
): string {
  const items = steps.map((s) => {
    if (s.aside)
      return `<li class="aside"><span>${escape(s.label)}</span><span class="n">${number(s.count)}</span><span class="rate">${escape(s.aside)}</span></li>`;
    const width = ((s.of === null ? 1 : Math.min(1, s.share ?? 0)) * 100).toFixed(1);
    // The base step's views (reloads included) under its readers, beside them: never a rate's base.
    const rate =
      s.of !== null
        ? `<span class="rate">${percent(s.share)} of ${escape(s.of)}</span>`
        : s.views === undefined
          ? ''
          : `<span class="rate">${counted(s.views, 'view', 'views')}</span>`;
    const after = s.after ? `<span class="rate">${escape(s.after)}</span>` : '';
    return `<li><span>${escape(s.label)}</span><span class="n">${number(s.count)}</span>${rate}<svg viewBox="0 0 100 6" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="6"/><rect class="bar" width="${width}" height="6"/></svg>${after}</li>`;
  });
  return `<ol class="funnel">${items.join('')}</ol>`;
}

const labelled = (steps: readonly FunnelStep[], part: 'pages' | 'report') =>
  steps.map((s) => ({ ...s, label: STEP_LABELS[s.event][part] }));

/**
 * The upper end of the shared axis of an experiment's interval bars: the smallest of a few round shares that holds
 * every interval's upper bound, so that rates of a few percent are not drawn as slivers.
 */
export function intervalAxisMax(highs: readonly number[]): number {
  const most = Math.max(0, ...highs);
  return [0.1, 0.2, 0.25, 0.5, 0.75, 1].find((top) => most <= top + 1e-9) ?? 1;
}

/**
 * A variant's rate drawn on the axis shared by every variant of its experiment (0 to `top`): the interval as a
 * band, the rate as a mark across it, over gridlines at each quarter of the axis. Drawn as SVG rectangles: no
 * `style` attribute under the dashboard's CSP.
 */
function intervalBar(share: number, low: number, high: number, top: number): string {
  const x = (v: number) => ((Math.min(Math.max(v, 0), top) / top) * 100).toFixed(2);
  const grid = [0.25, 0.5, 0.75].map((q) => `<rect class="grid" x="${(q * 100).toFixed(2)}" width="0.3" height="12"/>`);
  return `<svg class="ci" viewBox="0 0 100 12" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="12"/>${grid.join('')}<rect class="band" x="${x(low)}" y="3" width="${(Number(x(high)) - Number(x(low))).toFixed(2)}" height="6"/><rect class="bar" x="${(Number(x(share)) - 0.6).toFixed(2)}" width="1.2" height="12"/></svg>`;
}

/**
 * An experiment's results: the verdict first, once decided; then per variant, readers who sent a form per reader
 * of the report page with its interval, in numbers and as a bar on an axis shared by every variant, and the
 * difference; the report-page views (reloads included) beside the readers.
 */
function experimentTable(e: ExperimentSummary, seriesTitle: string): string {
  // Until decided the column holds each variant's status ("reached", "not yet") in words, left-aligned, not a rate.
  const decided = e.result.status === 'decided';
  const rateHead = decided ? 'Rate, 95% interval' : 'Status';
  const top = intervalAxisMax(e.result.variants.map((v) => v.interval?.high ?? 0));
  const rows = e.result.variants
    .map((v, i) => {
      const rate =
        e.result.status !== 'decided'
          ? notYet(e.result, v)
          : v.share === null || v.interval === null
            ? '–'
            : `<span class="rate-n"><strong>${inPercent(v.share)}%</strong> <span class="range">${inPercent(v.interval.low)} to ${inPercent(v.interval.high)}</span></span>${intervalBar(v.share, v.interval.low, v.interval.high, top)}`;
      const diff =
        i === 0
          ? 'control'
          : v.difference
            ? `<strong>${signedPoints(v.difference.value)}</strong> <span class="range">${signedPoints(v.difference.interval.low)} to ${signedPoints(v.difference.interval.high)}</span>`
            : '–';
      const changes = e.variants.find((d) => d.id === v.id)?.changes;
      const views = e.views === null ? '–' : (e.views.find((d) => d.id === v.id)?.views ?? 0);
      // Until decided, no views or forms sent per variant: the note under the table gives all the views together.
      const decidedCells = decided
        ? `<td class="n" data-label="Views">${views}</td><td class="n" data-label="Sent a form">${v.conversions ?? '–'}</td>`
        : '';
      // The first variant is the control (the page as it is), said in every state, not only once decided.
      const control = i === 0 ? ' <span class="control">(control)</span>' : '';
      return `<tr><th scope="row">${escape(v.id)}${control}${changes ? `<span class="changes">${escape(changes)}</span>` : ''}</th><td class="n" data-label="Readers">${v.trials}</td>${decidedCells}<td class="${decided ? 'rate' : 'status'}" data-label="${rateHead}">${rate}</td>${decided ? `<td class="n" data-label="Difference, points">${diff}</td>` : ''}</tr>`;
    })
    .join('\n');
  // The shared axis's ends under the bars, once for every variant.
  const axis = decided
    ? `<tfoot><tr class="axis"><td class="pad" colspan="4"></td><td class="rate" data-label="Scale of the bars"><span class="ends"><span>0%</span><span>${Math.round(top * 50)}%</span><span>${Math.round(top * 100)}%</span></span></td><td class="pad"></td></tr></tfoot>`
    : '';
  const { verdicts, warnings } = decisionLines(e);
  // One caption: what the rates are once decided (and from when final), else where the experiment stands; then,
  // in every state, what the sample size can detect (planned before the start: no peeking).
  const state =
    e.result.status === 'decided' && e.decidedOn
      ? `Readers who sent a form per reader of the report page, with 95% intervals (the band; the mark is the rate); final from ${dayAfter(e.decidedOn)}.`
      : e.result.status === 'reached today'
        ? REACHED_TODAY
        : `Not yet: each variant needs ${e.result.sampleSize} readers of the report page; results from the UTC day after they all have them.`;
  const caption = `${state} ${plannedLine(e)}`;
  // The verdict first, in bold, over the table; the rest is in "How this is counted".
  return `<h3>${escape(experimentQuestion(e))}<span class="sub">Experiment ${escape(e.id)} · report page of ${escape(seriesTitle)}</span></h3>
${[...verdicts.map((line) => `<p class="verdict"><strong>${escape(line)}</strong></p>`), ...warnings.map((line) => `<p class="verdict warn"><strong>${escape(line)}</strong></p>`)].join('\n')}
<div class="scroll"><table class="exp${decided ? ' decided' : ''}"><caption class="note">${escape(caption)}</caption>
<thead><tr><th scope="col">Variant</th><th scope="col" class="n">Readers</th>${decided ? '<th scope="col" class="n">Views</th><th scope="col" class="n">Sent a form</th>' : ''}<th scope="col"${decided ? ' class="rate"' : ''}>${rateHead}</th>${decided ? '<th scope="col" class="n">Difference, points</th>' : ''}</tr></thead>
<tbody>${rows}</tbody>${axis}</table></div>`;
}

/**
 * An experiment's lines for "How this is counted": the days it counts, the views so far (until decided), and once
 * decided, its margin of error, the day it is final from and the counts since (what its sample size can detect is
 * in the table's caption).
 */
function experimentMethod(e: ExperimentSummary): string[] {
  const since = e.since ? `since ${e.since}, every day counted, whatever the period above` : 'no counts yet';
  return [
    `${experimentQuestion(e)} (experiment ${e.id}): ${since}.`,
    ...(e.views === null ? [allViewsLine(e)] : []),
    ...decisionLines(e).notes.filter((line) => line !== REACHED_TODAY),
  ];
}

const BROUGHT_HEADS =
  // Short heads, full names in <abbr title> and in the key under the table: three long wrapping heads squeezed the
  // first column at 390 px, a host name to three lines.
  [
    ['Landed', 'Landings on any page'],
    ['Report views', 'Report-page views'],
    ['Forms', 'Forms sent'],
  ]
    .map(([head, title]) => `<th scope="col" class="n"><abbr title="${title}">${head}</abbr></th>`)
    .join('');
const brought = (s: SourceCounts) =>
  [s.landings, s.reportViews, s.formsSent].map((n) => `<td class="n">${number(n)}</td>`).join('');

/**
 * A source table (see `sourceRows`): each source's row (its first cell as given, HTML), the rest and what came from
 * none by name, and the total last, which the rows add up to; `note`, when given, under the table.
 */
function sourceTable(rows: ReturnType<typeof sourceRows<SourceCounts>>, head: string, note?: string): string {
  const row = (r: (typeof rows)[number]) =>
    `<tr${r.kind === 'source' ? '' : ` class="${r.kind}"`}>${r.kind === 'source' ? r.name : `<th scope="row">${escape(r.name)}</th>`}${brought(r.counts)}</tr>`;
  const total = rows.filter((r) => r.kind === 'total');
  return `<div class="scroll"><table class="sources"><thead><tr>${head}${BROUGHT_HEADS}</tr></thead><tbody>${rows
    .filter((r) => r.kind !== 'total')
    .map(row)
    .join(
      '\n',
    )}</tbody><tfoot>${total.map(row).join('')}</tfoot></table></div>${note ? `<p class="note">${escape(note)}</p>` : ''}`;
}

/**
 * The campaigns' table (see `campaignTableRows`, which the terminal prints too): a campaign sent from two or more
 * sources / media gets a row of its own with their sum, its rows under it, indented, by source / medium alone; the
 * Total adds up the rows of sources, not the sums.
 */
function campaignTable(summary: Summary): string {
  const rows = campaignTableRows(summary);
  const body = rows
    .filter((r): r is Exclude<CampaignTableRow, { kind: 'total' }> => r.kind !== 'total')
    .map((r) => {
      if (r.kind === 'rest') return `<tr class="rest"><th scope="row">${escape(r.name)}</th>${brought(r.counts)}</tr>`;
      if (r.kind === 'group')
        return `<tr class="group"><th scope="row">${r.group.name ? escape(r.group.name) : NO_CAMPAIGN_NAME}<span class="sub">${r.group.sources} sources together</span></th>${brought(r.group)}</tr>`;
      if (r.kind === 'member')
        return `<tr class="member"><td class="name">${escape(r.row.source || '–')} / ${escape(r.row.medium || '–')}</td>${brought(r.row)}</tr>`;
      return `<tr><td class="name"><span class="one-line">${r.row.campaign ? escape(r.row.campaign) : `<span class="muted">${NO_CAMPAIGN_NAME}</span>`}</span><span class="sub">${escape(r.row.source || '–')} / ${escape(r.row.medium || '–')}</span></td>${brought(r.row)}</tr>`;
    })
    .join('\n');
  const total = rows.flatMap((r) => (r.kind === 'total' ? [r] : []));
  return `<div class="scroll"><table class="sources campaigns"><thead><tr><th scope="col">Campaign<span class="sub">source / medium</span></th>${BROUGHT_HEADS}</tr></thead><tbody>${body}</tbody><tfoot>${total
    .map((r) => `<tr class="total"><th scope="row">${escape(r.name)}</th>${brought(r.counts)}</tr>`)
    .join('')}</tfoot></table></div>`;
}

/** The form's rate limit: forms per client network within a window of minutes. */
export interface RateLimit {
  max: number;
  windowMinutes: number;
}
/** The server's defaults (src/gate/config.ts), for a page rendered without its settings. */
const DEFAULT_RATE_LIMIT: RateLimit = { max: 10, windowMinutes: 10 };
/** "10 forms within 10 minutes". */
const rateLimitWords = (r: RateLimit) =>
  `${counted(r.max, 'form', 'forms')} within ${counted(r.windowMinutes, 'minute', 'minutes')}`;

/** The period the dashboard shows: the last `days` UTC days up to `to`, and the links to the other choices. */
export interface Period {
  days: number;
  from: string;
  to: string;
  choices: readonly number[];
  /** The dashboard's path: a choice links to `<path>?days=<n>`. */
  path: string;
}

/** A host name this long or shorter fits a phone's referrer column whole: it is kept on one line. */
const SHORT_HOST = 20;

/**
 * A host name, escaped: on one line when it is short enough to fit a phone's column (`news.ycombinator.com`);
 * a longer one a narrow screen may break only after its dots (`a-long-name.<wbr>example.<wbr>com`), never inside
 * a label.
 */
export const hostBreaks = (host: string) =>
  host.length <= SHORT_HOST
    ? `<span class="one-line">${escape(host)}</span>`
    : host.split('.').map(escape).join('.<wbr>');

/** A table of `rows`, or one line saying there are none. */
function table<T>(rows: readonly T[], none: string, head: string, cells: (row: T) => string): string {
  return rows.length === 0
    ? `<p class="muted">${none}</p>`
    : `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r)}</tr>`).join('\n')}</tbody></table></div>`;
}

/**
 * The series with a count, each in its section; those without one (a demonstration series nobody opened, say) in
 * one line after them, saying why they are empty, not a section each that says "nothing".
 */
function seriesSections(summary: Summary): string {
  const empty = summary.series.filter((s) => seriesSection(summary, s) === '');
  const counted = summary.series.map((s) => seriesSection(summary, s)).filter((html) => html !== '');
  const line =
    empty.length === 0
      ? ''
      : `<p class="muted">${empty.length === 1 ? 'Not shown: no reader opened a page of' : 'Not shown: no reader opened a page of these series,'} ${empty.map((s) => escape(s.title)).join(', ')}, in this period, so ${empty.length === 1 ? 'it has' : 'they have'} nothing to count.</p>`;
  return [...counted, line].filter(Boolean).join('\n');
}

/** One series: its two funnel parts side by side, the hand-off between them, and its pages (folded). */
function seriesSection(summary: Summary, s: SeriesFunnel): string {
  const off = confirmationsOff(summary, s);
  const views = s.onPages.filter((step) => step.event === 'view');
  const boxSeen = s.onPages.find((step) => step.event === 'cta_seen')!;
  const nothing = [...s.onPages, ...s.onReport].every((step) => step.count === 0 && !step.views);
  if (nothing) return '';
  const t = pagesTotal(s);
  // A share of under FEW_VIEWS views is greyed, its title saying why: one reader more or less moves it a lot.
  // When every share is, no share is marked: the note says it once (see `fewViews`).
  // Of the page rows only: the Total adds them up, and its share is never dotted.
  const few = fewViews(s.pages);
  const toReport = (n: number, share: number | null, views: number, total = false) =>
    !total && few === 'some' && share !== null && views < FEW_VIEWS
      ? `${number(n)} <span class="share few" title="Only ${counted(views, 'view', 'views')}: too few for a steady share">(${percent(share)})</span>`
      : `${number(n)}<span class="share">${share === null ? '' : ` (${percent(share)})`}</span>`;
  const pageRow = (
    name: string,
    p: { views: number; readers: number; toReport: number; toReportShare: number | null; formsSent: number },
    total = false,
  ) =>
    `${name}<td class="n" data-label="Readers">${number(p.readers)}</td><td class="n" data-label="Views">${number(p.views)}</td><td class="n" data-label="To report">${toReport(p.toReport, p.toReportShare, p.views, total)}</td><td class="n" data-label="Forms sent">${number(p.formsSent)}</td>`;
  // A trend by its short name, its full headline in the row's title.
  const named = (p: SeriesPage) => {
    const name = seriesPageName(s.id, p);
    const full = name === p.name && p.name !== p.title ? ` title="${escape(p.title)}"` : '';
    return pageRow(`<th scope="row"${full}>${escape(name)}</th>`, p);
  };
  // On a phone each page is a block of four lines: the top PHONE_PAGES show, the rest fold into a <details>
  // under the table (shown on a phone only; the wide table keeps every row).
  const rest = s.pages.slice(PHONE_PAGES);
  const folded =
    rest.length === 0
      ? ''
      : `<details class="bypage-more"><summary>${counted(rest.length, 'more page', 'more pages')}</summary><table class="bypage"><tbody>${rest
          .map((p) => `<tr>${named(p)}</tr>`)
          .join('\n')}</tbody></table></details>`;
  const pages =
    s.pages.length === 0
      ? '<p class="muted">No page of this series was viewed.</p>'
      : `<table class="bypage"><thead><tr><th scope="col">Page</th><th scope="col" class="n">Readers</th><th scope="col" class="n">Views</th><th scope="col" class="n">To report</th><th scope="col" class="n">Forms sent</th></tr></thead><tbody>${s.pages
          .map((p, i) => `<tr${i < PHONE_PAGES ? '' : ' class="more"'}>${named(p)}</tr>`)
          .join(
            '\n',
          )}</tbody><tfoot><tr>${pageRow(`<th scope="row">${rest.length === 0 ? 'Sum of the pages' : `Sum of all ${s.pages.length} pages`}</th>`, t, true)}</tr></tfoot></table>${folded}
<p class="note">To report: readers who came from the page to the report page, each once a day however often they reload it or come back, and their share of the page's readers (each once a day)${few === 'some' ? ` (dotted: under ${FEW_VIEWS} views)` : ''}.${few === 'all' ? ` ${FEW_VIEWS_ALL}` : ''}</p>
<p class="note">${escape(arrivalsLine(s))}</p>
<p class="note">${escape(pagesSumLine(s))}</p>`;
  return `<section><h2>${escape(s.title)}</h2>
<div class="parts">
<div><h3>On the series' pages (home and trends)</h3>${funnelBars([...labelled(views, 'pages'), { label: HAND_OFF_LABEL, count: s.handOff.count, share: s.handOff.share, of: 'series readers' }])}
<p class="note">Report box seen: ${number(boxSeen.count)}${boxSeen.share === null ? '' : `, ${percent(boxSeen.share)} of page views`} (beside the steps, not one). Series readers: each reader once a UTC day, however many of the series' pages they read or reload; going on is the share of them who reached the report page from one of those pages.</p></div>
<div><h3>On the report page, from anywhere</h3>${funnelBars(
    labelled(s.onReport, 'report')
      // Without emails nothing can be confirmed: no bar, the line below says why.
      .filter((step) => step.event !== 'confirmed' || summary.confirmationEmails)
      .map((step) =>
        step.event === 'submit'
          ? { ...step, after: formDropOff(s) }
          : step.event === 'download'
            ? { ...step, aside: `${DOWNLOADS_NOTE[0]!.toUpperCase()}${DOWNLOADS_NOTE.slice(1)}.` }
            : step,
      ),
  )}${off ? `<p class="note">${escape(off)}</p>` : ''}</div>
</div>
<h3>Which page brings readers to the report</h3>
${pages}
</section>`;
}

/**
 * New leads per day as a bar chart drawn here (SVG, no script), titled: a slot for every UTC day of the period,
 * the latest at the right edge, a bar per day at its share of the highest day, a zero day a baseline tick; the
 * days before counting began (not counted, not zero) shaded as one block. Both ends' dates and the highest count
 * are written beside it. With fewer than CHART_DAYS days counted the numbers stand alone, without a chart.
 */
/** Fewer days counted than this are written as numbers, without a chart. */
const CHART_DAYS = 7;

function leadsChart(
  leads: readonly { day: string; leads: number }[],
  from: string,
  to: string,
  began: string | null,
): string {
  const title = '<h3>New leads per day</h3>';
  const start = began !== null && began > from ? began : from;
  if (began === null || began > to) return `${title}<p class="muted">Nothing counted yet.</p>`;
  const byDay = new Map(leads.map((l) => [l.day, l.leads]));
  const daysFrom = (first: string) => {
    const list: string[] = [];
    for (let t = Date.parse(`${first}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 24 * 60 * 60 * 1000) {
      list.push(new Date(t).toISOString().slice(0, 10));
    }
    return list;
  };
  const days = daysFrom(start);
  const slots = daysFrom(from);
  const most = Math.max(0, ...days.map((d) => byDay.get(d) ?? 0));
  if (days.length < CHART_DAYS) {
    const left = start === from ? '' : ` Counting began on ${start}: the days before are not shown.`;
    const items = days
      .map((day) => `<li>${day}: ${counted(byDay.get(day) ?? 0, 'new lead', 'new leads')}</li>`)
      .join('');
    return `${title}<figure class="leads"><ul class="day-counts">${items}</ul><figcaption>${counted(days.length, 'UTC day', 'UTC days')}, ${days[0]} to ${days.at(-1)}: too few for a chart.${left}</figcaption></figure>`;
  }
  const HEIGHT = 100;
  // The days before counting began: one shaded block at the left, so that the latest day is at the right edge.
  const skipped = slots.length - days.length;
  const before =
    skipped === 0
      ? ''
      : `<rect class="before" width="${skipped * 10}" height="${HEIGHT}"><title>${from} to ${slots[skipped - 1]}: not counted (counting began ${start})</title></rect>`;
  const bars = days
    .map((day, i) => {
      const x = (skipped + i) * 10 + 2;
      const n = byDay.get(day) ?? 0;
      const label = `<title>${day}: ${plural(n, 'new lead', 'new leads', String(n))}</title>`;
      if (n === 0) return `<rect class="zero" x="${x}" y="${HEIGHT - 2}" width="6" height="2">${label}</rect>`;
      const h = Math.round((n / most) * HEIGHT * 10) / 10;
      return `<rect class="bar" x="${x}" y="${HEIGHT - h}" width="6" height="${h}">${label}</rect>`;
    })
    .join('');
  const shaded = skipped === 0 ? '' : `; shaded: the days before counting began on ${start}, not counted`;
  return `${title}<figure class="leads"><span class="max">${most === 0 ? '0' : `${number(most)} (highest)`}</span><svg viewBox="0 0 ${slots.length * 10} ${HEIGHT}" preserveAspectRatio="none" role="img" aria-label="New leads per day, ${from} to ${to}, highest ${most}">${before}${bars}</svg><div class="axis"><span>${from}</span><span>${to}</span></div><figcaption>${counted(slots.length, 'UTC day', 'UTC days')}, ${from} to ${to}, the latest at the right; a day without a lead is a tick on the baseline${shaded}.</figcaption></figure>`;
}

/**
 * "How this is counted": the method behind every section, in page order, in one folded section at the end
 * (a <details>: it opens without a script).
 */
function methodSection(summary: Summary, rateLimit: RateLimit): string {
  const lines = [
    "Visitors are told apart for one UTC day only, by a hash of a salt deleted at the end of the day, the site, the network and the browser: each day's unique visitors, added up. No cookie.",
    "Forms sent per report-page reader: forms sent on the report pages divided by the report pages' readers, each reader once per page and UTC day however often they reload it. Views, reloads included, are shown beside readers and are no rate's base. Days counted before readers were (before this version) have no readers: their rates are left out or read high.",
    `The form line counts readers: each reader (one network and browser, told by the day's visitor hash) once per report page and day, whatever they reload or send again. The hash is stored for that UTC day only, with what was already counted for it (the pages read, the form's last outcome, where the reader landed from) so that a restarted server counts no one twice; the salt, the hashes and those marks are deleted when the day is over. Each reader who started the form is counted by their last outcome that day: sent (final), refused by validation, turned away by the rate limit, or left; so started = sent + refused + turned away + left. Refused by validation: the server refused their form (a required field empty, an address it does not accept); counted with the names of the refused fields only, never what was typed. Turned away by the rate limit: the server answered with 429 (Too Many Requests) because their network had already sent ${rateLimitWords(rateLimit)} (RATE_LIMIT_MAX, RATE_LIMIT_WINDOW_MINUTES; a network is one IPv4 address or one IPv6 /64); nothing of the reader or the form is kept. "Left" is those who started and did none of these.`,
    `New leads are lead rows stored: a reader's first form for a series. A form from an address already on file for the series is kept as a submission of that lead, not a new lead. The line under the key numbers counts forms stored against the funnel's "Form sent", and names why they differ: the funnel counts a reader's forms once per page and UTC day; it counts none sent with Global Privacy Control or Do Not Track (stored, as the reader asked for the report, but not counted); and none from a crawler or headless browser, which the funnel leaves out.`,
    "Report box seen is beside the steps, not one of them: the header's link leads to the report page too, so more readers can go on than saw the box.",
    HAND_OFF,
    'Landed: views that arrived from outside the site (by a referrer, a campaign tag, or neither), on any page, the report page included. With no referrer, a landing whose address carried a campaign tag (a link in an email, say) is "No referrer, campaign-tagged" and shows under Campaigns too; one with neither is "No referrer, untagged": a typed address, a bookmark, a browser that sends no referrer. A report-page view with neither counts as a landing when the visitor has no earlier view that UTC day.',
    "Report views and Forms in the source tables: report-page views and forms sent of the readers each source brought, wherever they landed; a reader who landed earlier that UTC day is told by the day's visitor hash, stored with the source they landed from for that day only and deleted with it.",
    "Experiments: readers who sent a form per reader of the report page, with 95% intervals (Wilson; the difference by Newcombe's method). A reader counts once per UTC day and variant, however often they reload. Until the decision only readers are shown per variant. Every day since the experiment's first count is used, whatever the period.",
    ...summary.experiments.flatMap(experimentMethod),
    'Per day: new leads are lead rows stored that day, as in npm run stats.',
  ];
  return `<section><details class="method"><summary><h2>How this is counted</h2></summary>${lines.map((l) => `<p>${escape(l)}</p>`).join('\n')}</details></section>`;
}

/** The dashboard: the period's key numbers against the period before, the funnel per series, sources, days. */
export function dashboardPage(options: {
  summary: Summary;
  /** The key numbers of the period just before, as long; null when nothing was counted yet by then. */
  previous: Totals | null;
  period: Period;
  site: SiteStyle;
  signOut: { action: string; formToken: string };
  /** The form's rate limit as the server has it set, said where the dashboard explains "turned away". */
  rateLimit?: RateLimit;
}): string {
  const { summary, previous, period } = options;
  const t = summary.totals;
  const key = (label: string, now: string, before: string | undefined) =>
    `<div><dt>${label}</dt><dd class="big">${now}</dd>${previous === null ? '' : `<dd class="prev">${period.days} days before: ${before ?? 'no data'}</dd>`}</div>`;
  const num = (n: number | undefined, floor = false) =>
    n === undefined ? undefined : `${floor ? '≥ ' : ''}${number(n)}`;
  const rate = (totals: Totals | null) =>
    totals === null ? undefined : totals.reportReaders === 0 ? '–' : percent(totals.formsSent / totals.reportReaders);
  const choices = period.choices
    .map(
      (n) =>
        `<a href="${escape(period.path)}?days=${n}"${n === period.days ? ' aria-current="page"' : ''}>${n} days</a>`,
    )
    .join('');
  const titles = new Map(summary.series.map((s) => [s.id, s.title]));
  const perDay = new Map<string, { visitors: string; leads: number }>();
  for (const d of summary.days) perDay.set(d.day, { visitors: `${d.capped ? '≥ ' : ''}${d.visitors}`, leads: 0 });
  for (const l of summary.leadsPerDay)
    perDay.set(l.day, { visitors: perDay.get(l.day)?.visitors ?? '0', leads: l.leads });
  const days = [...perDay].sort(([a], [b]) => b.localeCompare(a));
  return document(
    'Series dashboard',
    options.site,
    `<div class="top"><h1>Series dashboard</h1>
<nav class="period" aria-label="Period">${choices}</nav>
<form method="post" action="${escape(options.signOut.action)}"><input type="hidden" name="form" value="${escape(options.signOut.formToken)}"><button class="quiet" type="submit">Sign out</button></form></div>
<p class="muted">The last ${period.days} UTC days, <span class="date">${period.from}</span> to <span class="date">${period.to}</span>, beside the ${period.days} days before; ${summary.countingBegan === null ? 'nothing counted yet' : `counting began <span class="date">${summary.countingBegan}</span>`}.</p>
<dl class="kpis">
${key('Visitors (daily, summed)', num(t.visitors, t.visitorsCapped)!, num(previous?.visitors, previous?.visitorsCapped))}
${key('Report-page views', num(t.reportViews)!, num(previous?.reportViews))}
${key('<abbr title="Forms sent per report-page reader">Forms per report reader</abbr>', rate(t)!, rate(previous))}
${key('New leads', num(t.leads)!, num(previous?.leads))}
${key('Emails confirmed', num(t.confirmed)!, num(previous?.confirmed))}
${key('Reports downloaded', num(t.downloads)!, num(previous?.downloads))}
</dl>
${previous === null ? `<p class="prev-none">The ${period.days} days before: no data.</p>` : ''}
<p class="forms">${escape(formsLine(t))}.</p>
${summary.series.length === 0 ? '<p class="muted">No series is published.</p>' : seriesSections(summary)}
<section><h2>Where readers came from</h2><div class="cols">
<div><h3>Referring sites</h3>${sourceTable(
      sourceRows(
        summary.referrers,
        10,
        noReferrerRows(summary),
        summary.sources,
        (r) => `<td class="host">${hostBreaks(r.referrer)}</td>`,
        (n) => counted(n, 'other site', 'other sites'),
      ),
      '<th scope="col">Site</th>',
      withinSiteLine(summary),
    )}</div>
<div><h3>Campaigns</h3>${campaignTable(summary)}</div>
</div>
<p class="note">Landed: arrived from outside the site, on any page. Report views and Forms: the report-page views (views, not readers: a reload counts again) and forms sent of the readers each source brought.</p></section>
<section><h2>Experiments</h2>
${summary.experiments.length === 0 ? '<p class="muted">No series declares an experiment.</p>' : summary.experiments.map((e) => experimentTable(e, titles.get(e.series) ?? e.series)).join('\n')}
</section>
<section><h2>Per day</h2>
${leadsChart(summary.leadsPerDay, period.from, period.to, summary.countingBegan)}
<details><summary>Visitors per day and new leads per day (${counted(days.length, 'day', 'days')} with any)</summary>
${table(days, 'Nothing yet.', '<th scope="col">Day</th><th scope="col" class="n">Visitors</th><th scope="col" class="n">New leads</th>', ([day, d]) => `<td>${day}</td><td class="n">${d.visitors}</td><td class="n">${d.leads}</td>`)}
</details>
${
  // Left out when no page outside the series was viewed: an empty "(0)" section says nothing.
  summary.otherPages.length === 0
    ? ''
    : `<details><summary>Pages outside the series (${summary.otherPages.length})</summary>
${table(summary.otherPages, 'None viewed.', '<th scope="col">Page</th><th scope="col" class="n">Readers</th><th scope="col" class="n">Views</th>', (p) => `<td>${escape(otherPageName(p))}</td><td class="n">${number(p.views)}</td>`)}
</details>
`
}</section>
${methodSection(summary, options.rateLimit ?? DEFAULT_RATE_LIMIT)}`,
  );
}
