import { createHash } from 'node:crypto';
import type { ExperimentSummary, FunnelStep, Summary } from '../analytics/summary.ts';
import { notYet } from '../analytics/experiment-results.ts';

/**
 * The dashboard's pages, rendered on the server as plain HTML: readable without JavaScript (there is
 * none), in the site's design system (its own built stylesheets, linked, and its tokens), with bars drawn
 * as SVG rectangles so that no `style` attribute is needed under the dashboard's strict CSP.
 */

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The dashboard's own styles, beside the site's: its CSP allows this block by its hash alone. */
const STYLE = `
.admin{max-width:64rem;margin:0 auto;padding:var(--mt-space-4,1.5rem) 1rem}
.admin table{border-collapse:collapse;width:100%;margin-block:0.5rem 1.5rem;font-variant-numeric:tabular-nums}
.admin th,.admin td{text-align:left;padding:0.35rem 0.6rem;border-bottom:1px solid var(--mt-color-border)}
.admin td.n,.admin th.n{text-align:right}
.admin .bar{fill:var(--mt-color-chart-1)}
.admin .track{fill:var(--mt-color-chart-track)}
.admin .muted{color:var(--mt-color-muted)}
.admin form.inline{display:inline}
.admin label{display:block;font-weight:600;margin-bottom:0.3rem}
.admin input[type=password]{padding:0.55rem 0.6rem;border:1px solid var(--mt-color-muted);border-radius:var(--mt-radius);font:inherit;background:var(--mt-color-bg);color:var(--mt-color-text);width:min(100%,22rem)}
.admin .error{color:var(--mt-color-error);font-weight:600}
.admin .scroll{overflow-x:auto}
@media (max-width:40rem){.admin .rel{display:none}.admin th,.admin td{padding:0.3rem 0.35rem}}
`;

export const STYLE_HASH = `'sha256-${createHash('sha256').update(STYLE).digest('base64')}'`;

/** The dashboard's Content-Security-Policy: no script at all, the site's stylesheets and this block only. */
export function adminPolicy(https: boolean): string {
  return [
    "default-src 'none'",
    `style-src 'self' ${STYLE_HASH}`,
    "font-src 'self'",
    "img-src 'self' data:",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    ...(https ? ['upgrade-insecure-requests'] : []),
  ].join('; ');
}

function document(title: string, stylesheets: readonly string[], body: string): string {
  const links = stylesheets.map((href) => `<link rel="stylesheet" href="${escape(href)}">`).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${escape(title)}</title>
${links}
<style>${STYLE}</style>
</head>
<body>
<main class="admin" id="main">
${body}
</main>
</body>
</html>
`;
}

/** The sign-in page: a password field and the form token; `problem` says why the last try failed. */
export function signInPage(options: {
  action: string;
  formToken: string;
  stylesheets: readonly string[];
  problem?: string;
}): string {
  return document(
    'Sign in: series dashboard',
    options.stylesheets,
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

const percent = (share: number | null) => (share === null ? '–' : `${(share * 100).toFixed(1)}%`);
const LABELS: Record<string, string> = {
  view: 'Page views',
  cta_seen: 'Report box seen',
  form_start: 'Form started',
  submit: 'Form sent',
  confirmed: 'Emails confirmed',
  download: 'Report downloaded',
};

/** A funnel as a table with a bar per step, its share of the step before, and the drop-off. */
function funnelTable(steps: readonly FunnelStep[], caption: string): string {
  const most = Math.max(1, ...steps.map((s) => s.count));
  const rows = steps
    .map((s) => {
      const width = Math.round((s.count / most) * 200);
      const bar = `<svg width="200" height="12" viewBox="0 0 200 12" aria-hidden="true"><rect class="track" width="200" height="12"/><rect class="bar" width="${width}" height="12"/></svg>`;
      const drop = s.ofPrevious === null ? '–' : percent(1 - s.ofPrevious);
      return `<tr><th scope="row">${LABELS[s.event] ?? s.event}</th><td class="n">${s.count}</td><td class="rel">${bar}</td><td class="n">${percent(s.ofPrevious)}</td><td class="n">${drop}</td></tr>`;
    })
    .join('\n');
  return `<div class="scroll"><table><caption>${escape(caption)}</caption>
<thead><tr><th scope="col">Step</th><th scope="col" class="n">Count</th><th scope="col" class="rel">Relative</th><th scope="col" class="n">Of the step before</th><th scope="col" class="n">Drop-off</th></tr></thead>
<tbody>${rows}</tbody></table></div>`;
}

const points = (n: number) => `${n >= 0 ? '+' : '−'}${Math.abs(n).toFixed(1)}`;

/** An experiment's results: per variant, forms sent per report page view, its interval, and the difference. */
function experimentTable(e: ExperimentSummary): string {
  const rows = e.result.variants
    .map((v, i) => {
      const rate =
        e.result.status !== 'ready'
          ? notYet(v.trials, e.result.sampleSize)
          : v.rate === null
            ? '–'
            : `${v.rate.toFixed(1)}% (${v.interval!.low.toFixed(1)}–${v.interval!.high.toFixed(1)})`;
      const diff =
        i === 0
          ? 'control'
          : v.difference
            ? `${points(v.difference.value)} (${points(v.difference.interval.low)} to ${points(v.difference.interval.high)})`
            : '–';
      return `<tr><th scope="row">${escape(v.id)}</th><td class="n">${v.trials}</td><td class="n">${v.conversions ?? '–'}</td><td class="n">${rate}</td><td class="n">${diff}</td></tr>`;
    })
    .join('\n');
  const verdict =
    e.result.status === 'ready'
      ? `Every variant has its ${e.result.sampleSize} views: the intervals can be read. A difference whose interval excludes 0 is one the data support.`
      : `Not yet: each variant needs ${e.result.sampleSize} report page views, declared before the experiment began. Rates, intervals and differences are shown only then.`;
  return `<h3>${escape(e.id)} (series ${escape(e.series)})</h3>
<div class="scroll"><table><caption>Forms sent per report page view, with 95% intervals (Wilson; the difference by Newcombe's method)</caption>
<thead><tr><th scope="col">Variant</th><th scope="col" class="n">Views</th><th scope="col" class="n">Forms sent</th><th scope="col" class="n">Rate</th><th scope="col" class="n">Difference, points</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<p${e.result.status === 'ready' ? '' : ' class="muted"'}>${verdict}</p>`;
}

/** The dashboard: the funnel per series and per page, visitors, referrers, campaigns and leads per day. */
export function dashboardPage(options: {
  summary: Summary;
  leadsPerDay: readonly { day: string; leads: number }[];
  stylesheets: readonly string[];
  signOut: { action: string; formToken: string };
}): string {
  const { summary } = options;
  const series = summary.series
    .map(
      (s) => `<section aria-labelledby="series-${escape(s.id)}">
<h2 id="series-${escape(s.id)}">Series ${escape(s.id)}</h2>
${funnelTable(s.funnel, `The funnel of every page of ${s.id}`)}
<h3>By page</h3>
${s.pages.map((p) => funnelTable(p.funnel, p.page)).join('\n')}
</section>`,
    )
    .join('\n');
  const list = <T>(rows: readonly T[], head: string, cells: (row: T) => string) =>
    rows.length === 0
      ? '<p class="muted">None yet.</p>'
      : `<div class="scroll"><table><thead><tr>${head}</tr></thead><tbody>${rows.map((r) => `<tr>${cells(r)}</tr>`).join('\n')}</tbody></table></div>`;
  return document(
    'Series dashboard',
    options.stylesheets,
    `<h1>Series dashboard</h1>
<p class="muted">${summary.from ? `Counts from ${summary.from} to ${summary.to} (UTC days).` : 'Nothing counted yet.'}
<form class="inline" method="post" action="${escape(options.signOut.action)}"><input type="hidden" name="form" value="${escape(options.signOut.formToken)}"><button class="mt-button" type="submit">Sign out</button></form></p>
${series}
<h2>Other pages</h2>
${list(summary.otherPages, '<th scope="col">Page</th><th scope="col" class="n">Views</th>', (p) => `<td>${escape(p.page)}</td><td class="n">${p.views}</td>`)}
<h2>Visitors per day</h2>
${list(summary.days, '<th scope="col">Day</th><th scope="col" class="n">Visitors</th>', (d) => `<td>${d.day}</td><td class="n">${d.capped ? '≥ ' : ''}${d.visitors}</td>`)}
<h2>Top referrers</h2>
${list(summary.referrers.slice(0, 20), '<th scope="col">Site</th><th scope="col" class="n">Views</th>', (r) => `<td>${escape(r.referrer)}</td><td class="n">${r.views}</td>`)}
<h2>Campaigns</h2>
${list(summary.campaigns.slice(0, 20), '<th scope="col">utm_source</th><th scope="col">utm_medium</th><th scope="col">utm_campaign</th><th scope="col" class="n">Views</th>', (c) => `<td>${escape(c.source)}</td><td>${escape(c.medium)}</td><td>${escape(c.campaign)}</td><td class="n">${c.views}</td>`)}
<h2>Leads per day</h2>
<p class="muted">New leads stored, from the lead store (forms sent with Global Privacy Control count here too).</p>
${list(options.leadsPerDay, '<th scope="col">Day</th><th scope="col" class="n">New leads</th>', (l) => `<td>${l.day}</td><td class="n">${l.leads}</td>`)}
<h2>Experiments</h2>
${summary.experiments.length === 0 ? '<p class="muted">No series declares an experiment.</p>' : summary.experiments.map(experimentTable).join('\n')}`,
  );
}
