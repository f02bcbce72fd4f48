/**
 * The funnel's beacon (docs/funnel.md, "What is counted"): `view` when a page loads (but the
 * report page, which the gate renders and counts itself),
 * `cta_seen` when the report's call to action comes into view, `form_start` at the first input in the
 * report form (adding the hidden field `js=1` to it, so that the gate does not count that start again); each once per page, sent with navigator.sendBeacon to the site's own /_event. It sends the
 * path, the query string (the server keeps its utm_* only) and the referrer (the server keeps its host
 * only), and the experiment variant the page shows, if any. No cookie, no storage, no identifier: nothing at all under Global Privacy Control or Do Not Track.
 */
const nav = navigator as Navigator & { globalPrivacyControl?: boolean };
const optedOut = nav.globalPrivacyControl === true || nav.doNotTrack === '1';
const sent = new Set<string>();
/** The experiment variant the page shows (the report page's `data-variant`), sent with each event. */
const variant = document.querySelector('[data-variant]')?.getAttribute('data-variant') ?? '';

function send(event: string): void {
  if (optedOut || sent.has(event) || !nav.sendBeacon) return;
  sent.add(event);
  nav.sendBeacon(
    '/_event',
    JSON.stringify({ e: event, p: location.pathname, q: location.search, r: document.referrer, v: variant }),
  );
}

// A page the gate renders counts its own view, with the experiment variant it showed.
if (!document.querySelector('[data-view-counted]')) send('view');
const cta = document.querySelector('[data-report-cta]');
if (cta && 'IntersectionObserver' in window) {
  const seen = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) {
      send('cta_seen');
      seen.disconnect();
    }
  });
  seen.observe(cta);
}
const form = document.querySelector('[data-report-form]');
// The form then says its start was counted here (`js=1`): the gate counts the start of a form without it.
const start = () => {
  if (!optedOut && 'sendBeacon' in nav && form && !form.querySelector('[name="js"]'))
    form.append(Object.assign(document.createElement('input'), { type: 'hidden', name: 'js', value: '1' }));
  send('form_start');
};
form?.addEventListener('input', start, { once: true });
form?.addEventListener('change', start, { once: true });
