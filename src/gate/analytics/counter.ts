import { hash, randomBytes } from 'node:crypto';
import { isbot } from 'isbot';
import { rateLimitKey } from '../client-address.ts';
import type { AnalyticsLimits, AnalyticsStore } from '../store/types.ts';
import {
  BROWSER_EVENTS,
  addRows,
  countKey,
  type DayMark,
  dayOf,
  isLanding,
  isReportPage,
  LIMITED,
  NO_SOURCE,
  type CountRow,
  type CountedEventName,
  REACHED_REPORT,
  REFUSED,
  refusedFieldEvent,
  REPORT_READER,
  PAGE_READER,
  SERIES_READER,
  type RefusableField,
  type SeenReader,
  type SeenVisitor,
  type Source,
  sourceKey,
  variantKey,
  WITHIN_SITE,
} from './events.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NO_SOURCE_KEY = sourceKey(NO_SOURCE);
/** Counts wait in memory this long at most before they are written, in one transaction. */
export const FLUSH_MS = 1000;
/** What one flush holds at most, whatever the traffic: past it, events wait for nothing and are dropped. */
const BUFFER_KEYS = 20_000;
const BUFFER_VISITORS = 100_000;
/**
 * What a day keeps at most, whatever the traffic: 500 sources (referrer hosts and campaigns; past them, a
 * new one counts as `(other)`), and 200,000 visitors told apart (past them the day's count stops, marked
 * as a floor). Pages are the site's own and events six, so a day holds a bounded number of rows.
 */
export const DAY_LIMITS: AnalyticsLimits = { maxSourcesPerDay: 500, maxVisitorsPerDay: 200_000 };

/** Who sent a request, as far as counting needs: never kept, only hashed with the day's salt. */
export interface Visit {
  /** The client address (see resolveClientAddress); an IPv6 one counts by its /64 network. */
  address: string | undefined;
  userAgent: string | undefined;
  /** A request header, by lower-case name: Sec-GPC and DNT are read. */
  header: (name: string) => string | undefined;
}

export interface CountedEvent {
  page: string;
  event: CountedEventName;
  /** The variant's own id, as the page shows it: kept keyed by its experiment (see `declare`). */
  variant?: string;
  source?: Source;
}

export interface Analytics {
  /**
   * Counts `event` for the visitor of `visit`, unless the request says Sec-GPC: 1 or DNT: 1, or (for a
   * `view`, `cta_seen` or the form's events) comes from a bot or a prefetch (see `automated`). Held in memory
   * for at most FLUSH_MS; never throws (a problem is logged: counting never fails a form).
   *
   * The form's events count readers: each reader (the day's visitor hash) once per report page and day is
   * one `form_start` and one outcome, the last of `submit` (final), `form_refused` (with its fields) or
   * `form_limited`; a new outcome supersedes the last one (counted in its row's `superseded`, never as a
   * negative count). An outcome without a start counted (a form without JavaScript, or a start the beacon
   * lost) counts the start with it. So started = sent + refused + limited + left holds per reader and day.
   *
   * What tells a reader's second view or form from their first that day is kept in the store with the day's
   * hash (see `DayMark`) and read back by a gate started during the day: a restart counts no reader twice.
   */
  count(event: CountedEvent, visit: Visit): Promise<void>;
  /**
   * Counts a form refused by validation on `page`: the reader's outcome `form_refused` (see `count`), and one
   * `form_refused:<field>` for each of `fields` (names only, never values) not yet refused for that reader
   * that day, under the page's variant and the source the reader landed from; nothing with Sec-GPC: 1 or
   * DNT: 1, like `count`. Never throws.
   */
  refused(refusal: { page: string; variant?: string; fields: readonly RefusableField[] }, visit: Visit): Promise<void>;
  /**
   * The day's hash of the visitor of `visit` (see `visitorHash`), to assign an experiment variant; undefined
   * when the request says Sec-GPC: 1 or DNT: 1, or the salt cannot be read.
   */
  visitor(visit: Visit): Promise<string | undefined>;
  /** Writes what is held now, and on a new day deletes the old days' salts and visitor hashes. */
  flush(): Promise<void>;
  /** Stops the timer and writes what is held. */
  close(): Promise<void>;
  /**
   * Tells the counter which experiment each page runs (the published series' declarations): a variant is
   * counted as `<experiment id>:<variant id>`, so that a new experiment reusing variant ids starts from
   * zero; a variant its page's experiment does not declare, or on a page without one, is counted as none.
   * `series`, the published series' ids: a view counts a `series_reader` only on their pages (any first path
   * segment when not given).
   */
  declare(experimentOf: (page: string) => DeclaredExperiment | undefined, series?: readonly string[]): void;
}

/** The form events counted once per reader, report page and day (see `Analytics.count`). */
const FORM_EVENTS: readonly string[] = ['form_start', 'submit', REFUSED, LIMITED];

/** A reader's form on a day: its start counted, sent (nothing more counts), and the rows of its last outcome. */
interface FormOfDay {
  started: boolean;
  sent: boolean;
  outcome: CountRow[];
}

/** An experiment as the counter needs it: its id and its variants' ids. */
export interface DeclaredExperiment {
  id: string;
  variants: readonly string[];
}

export interface AnalyticsOptions {
  /** The site, hashed with each visitor (SITE_URL, or HOST:PORT): the same reader on two sites is two visitors. */
  site: string;
  /** DAY_LIMITS unless given. */
  limits?: AnalyticsLimits;
  /** Counts older than this many days are deleted. */
  retentionDays: number;
  now?: () => Date;
  flushMs?: number;
  log?: (line: string) => void;
}

/** Whether a request asks not to be tracked: Global Privacy Control or Do Not Track. */
export const optedOut = (header: (name: string) => string | undefined) =>
  header('sec-gpc')?.trim() === '1' || header('dnt')?.trim() === '1';

/**
 * Whether a request is not a reader reading: a crawler, a link preview or a headless browser (by its user
 * agent, through the `isbot` library), or a browser fetching a page ahead of a click (`Sec-Purpose:
 * prefetch`, also with `;prerender`, or the older `Purpose: prefetch` and `X-Moz: prefetch`).
 */
export const automated = (visit: Pick<Visit, 'userAgent' | 'header'>) =>
  isbot(visit.userAgent) ||
  [visit.header('sec-purpose'), visit.header('purpose'), visit.header('x-moz')].some((value) =>
    /(?:^|[\s;,])prefetch(?:$|[\s;,])/i.test(value ?? ''),
  );

/**
 * The visitor of a request on a day: SHA-256 of the day's salt, the site, the client's network (an IPv4
 * address whole, an IPv6 one by its /64) and the user agent. Without the salt, which is deleted when the
 * day is over, it cannot be recomputed from an address and a browser.
 */
export function visitorHash(salt: string, site: string, visit: Pick<Visit, 'address' | 'userAgent'>): string {
  const network = visit.address ? rateLimitKey(visit.address) : '';
  // The one-shot hash: a third of the time of a Hash object for a string this short, once per beacon.
  return hash('sha256', [salt, site, network, visit.userAgent ?? ''].join('\n'), 'hex').slice(0, 32);
}

/** The funnel counter over a store: events counted in memory and written once per FLUSH_MS. */
export function createAnalytics(store: AnalyticsStore, options: AnalyticsOptions): Analytics {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((line: string) => console.error(line));
  let counts = new Map<string, CountRow>();
  let visitors = new Map<string, SeenVisitor>();
  /** The day's readers of experiment variants (report-page views and forms sent under a variant), by key. */
  let readers = new Map<string, SeenReader>();
  let dropped = 0;
  let salt: { day: string; value: Promise<string> } | undefined;
  let swept: string | undefined;
  let writing: Promise<void> = Promise.resolve();
  let experimentOf: (page: string) => DeclaredExperiment | undefined = () => undefined;
  let seriesIds: ReadonlySet<string> | undefined;
  /** The marks of the day's visitors not yet written (see `DayMark`), by day, visitor and mark. */
  let marks = new Map<string, DayMark>();
  const keyed = (page: string, variant: string | undefined) => {
    const experiment = variant ? experimentOf(page) : undefined;
    return experiment?.variants.includes(variant!) ? variantKey(experiment.id, variant!) : '';
  };

  const saltOf = (day: string) => {
    if (salt?.day !== day) {
      const value = store.daySalt(day, randomBytes(32).toString('hex'));
      salt = { day, value };
      // A failure is not kept: the next event asks again.
      value.catch(() => {
        if (salt?.value === value) salt = undefined;
      });
    }
    return salt.value;
  };

  const write = async () => {
    const today = dayOf(now());
    if (dropped > 0) {
      log(`Analytics: ${dropped} event${dropped === 1 ? '' : 's'} dropped: more than one flush can hold arrived.`);
      dropped = 0;
    }
    const rows = [...counts.values()];
    const seen = [...visitors.values()];
    const read = [...readers.values()];
    const marked = [...marks.values()];
    counts = new Map();
    visitors = new Map();
    readers = new Map();
    marks = new Map();
    if (rows.length > 0 || seen.length > 0 || read.length > 0 || marked.length > 0)
      await store.addCounts(rows, seen, options.limits ?? DAY_LIMITS, read, marked);
    // After the write: visitors of a day that ended while they waited in memory are counted on their day, and
    // their hashes go with that day's salt at once.
    if (swept !== today || seen.some((v) => v.day < today)) {
      const keepFrom = dayOf(new Date(now().getTime() - options.retentionDays * DAY_MS));
      await store.sweepAnalytics(today, keepFrom);
      swept = today;
    }
  };

  /**
   * The page of its series a report page's reader came from: for its view, the same-origin Referer's path
   * (the series' home or a trend), remembered in memory for the day under the visitor's hash; for a form
   * start or a form sent, the one remembered. Empty for every other event, and when not known.
   */
  let arrivals = new Map<string, string>();
  /** The source (referrer host, campaign) each of the day's visitors last landed from, under their hash. */
  let landings = new Map<string, Source>();
  /**
   * Each reader's form that day, by visitor and page: whether its start is counted, and the rows of its
   * outcome (see `count`), so that a reload, a second form or a reposted one (a reload of the no-JavaScript
   * answer) is not counted twice. For the day; written with the visitor's hash to `analytics_marks` (see
   * `remember`), so that a restart counts no one twice, and deleted with the day.
   */
  let forms = new Map<string, FormOfDay>();
  /** The visitor, report page and page came from of each reader counted as `report_reader` that day. */
  let reportReaders = new Set<string>();
  /** The visitor and page of each reader counted as `page_reader` that day. */
  let pageReaders = new Set<string>();
  /** The visitor and series of each reader counted as `series_reader` that day. */
  let seriesReaders = new Set<string>();
  /** The visitor and series of each reader counted as `reached_report` that day. */
  let reachedReport = new Set<string>();
  /** The day's visitors with a view counted (any page): a report-page view without source is a landing only before one. */
  let viewed = new Set<string>();
  /**
   * The day these sets and maps are of, and the read of its marks (what an earlier gate knew of the day's
   * visitors): every event waits for it, so that a gate started during a day counts on where the last stopped.
   */
  let state: { day: string; ready: Promise<void> } | undefined;
  const remember = (day: string, visitor: string, mark: string, value = '') => {
    if (marks.size < BUFFER_KEYS || marks.has(`${day} ${visitor} ${mark}`))
      marks.set(`${day} ${visitor} ${mark}`, { day, visitor, mark, value });
  };
  /** Puts a kept mark back into the sets and maps it was written from. */
  const restore = ({ day, visitor, mark, value }: DayMark) => {
    const dayVisitor = `${day} ${visitor}`;
    const [kind, ...rest] = mark.split(' ');
    const of = rest.join(' ');
    if (kind === 'viewed') viewed.add(dayVisitor);
    else if (kind === 'page') pageReaders.add(`${visitor} ${of}`);
    else if (kind === 'from') reportReaders.add(`${visitor} ${of}`);
    else if (kind === 'series') seriesReaders.add(`${visitor} ${of}`);
    else if (kind === 'reached') reachedReport.add(`${visitor} ${of}`);
    else if (kind === 'arrival' && value !== '') arrivals.set(dayVisitor, value);
    else if (kind === 'landing') landings.set(dayVisitor, JSON.parse(value) as Source);
    else if (kind === 'form') forms.set(`${visitor} ${of}`, JSON.parse(value) as FormOfDay);
  };
  const dayState = (day: string) => {
    if (state?.day !== day) {
      const ready = store.readDayMarks(day).then((kept) => {
        arrivals = new Map();
        landings = new Map();
        forms = new Map();
        reportReaders = new Set();
        pageReaders = new Set();
        seriesReaders = new Set();
        reachedReport = new Set();
        viewed = new Set();
        for (const mark of kept) restore(mark);
      });
      state = { day, ready };
      // A failure is not kept: the next event reads again.
      ready.catch(() => {
        if (state?.ready === ready) state = undefined;
      });
    }
    return state.ready;
  };
  const cameFrom = (event: CountedEvent, visit: Visit, dayVisitor: string) => {
    const series = /^\/([a-z0-9][a-z0-9-]*)\/report\/$/.exec(event.page)?.[1];
    if (!series) return '';
    if (event.event === 'view') {
      const from = seriesPageOf(visit.header('referer'), series, [options.site, visit.header('host')]);
      const [day, visitor] = dayVisitor.split(' ') as [string, string];
      if (from && arrivals.size < BUFFER_VISITORS) {
        arrivals.set(dayVisitor, from);
        remember(day, visitor, 'arrival', from);
      } else if (!from && arrivals.delete(dayVisitor)) remember(day, visitor, 'arrival', '');
      return from;
    }
    return event.event === 'form_start' || event.event === 'submit' ? (arrivals.get(dayVisitor) ?? '') : '';
  };
  /**
   * The source an event is counted under: its own (a landing view's referrer host or campaign), remembered
   * for the day under the visitor's hash; for a report page's view, form start or form sent without one,
   * the source the reader landed from that day, so that each source is credited with the report-page
   * views and forms sent of the readers it brought. For the day; written with the visitor's hash to
   * `analytics_marks` (a `landing` mark), and deleted with the day.
   */
  const landedFrom = (event: CountedEvent, dayVisitor: string): Source => {
    const own = event.source ?? NO_SOURCE;
    // A view from the site's own pages keeps its mark, and changes nothing of where the reader landed from.
    if (own.referrer === WITHIN_SITE) return own;
    if (sourceKey(own) !== NO_SOURCE_KEY) {
      if (event.event === 'view' && (landings.size < BUFFER_VISITORS || landings.has(dayVisitor))) {
        landings.set(dayVisitor, own);
        const [day, visitor] = dayVisitor.split(' ') as [string, string];
        remember(day, visitor, 'landing', JSON.stringify(own));
      }
      return own;
    }
    const credited = /^\/[a-z0-9][a-z0-9-]*\/report\/$/.test(event.page) && event.event !== 'cta_seen';
    return (credited && landings.get(dayVisitor)) || NO_SOURCE;
  };

  const flush = () => {
    writing = writing.then(write).catch((error: unknown) => {
      log(`Analytics: counts could not be written and are lost: ${(error as Error).message}`);
    });
    return writing;
  };
  const timer = setInterval(() => void flush(), options.flushMs ?? FLUSH_MS);
  timer.unref();

  const record = async (event: CountedEvent, visit: Visit, fields: readonly RefusableField[] = []) => {
    if (optedOut(visit.header)) return;
    // Views, CTA sightings and form starts are a reader's; a bot's or a prefetch's are not counted. Nor is a
    // bot's form (sent, refused or turned away): its report-page view was not counted, and the form's steps must
    // stay nested under the report page's readers. Its lead is stored all the same.
    if (
      ((BROWSER_EVENTS as readonly string[]).includes(event.event) || FORM_EVENTS.includes(event.event)) &&
      automated(visit)
    )
      return;
    try {
      const at = now();
      const day = dayOf(at);
      const visitor = visitorHash(await saltOf(day), options.site, visit);
      await dayState(day);
      let form: FormOfDay | undefined;
      if (FORM_EVENTS.includes(event.event)) {
        const key = `${visitor} ${event.page}`;
        form = forms.get(key) ?? { started: false, sent: false, outcome: [] };
        // Past the buffer a form is counted as it comes, alone.
        if (!forms.has(key) && forms.size < BUFFER_VISITORS) forms.set(key, form);
        // A reader who sent the form that day is done: a repost, a refusal or a turn-away after it is not counted.
        if (form.sent || (event.event === 'form_start' && form.started)) return;
      }
      // A report-page view with no Referer and no campaign tag (an untagged link opened in a mail app) is a
      // "No referrer, untagged" landing when it is the visitor's first view that day; after another view it is
      // a next page whose Referer was not sent.
      const dayVisitor = `${day} ${visitor}`;
      const firstView = event.event === 'view' && !viewed.has(dayVisitor);
      if (firstView && viewed.size < BUFFER_VISITORS) {
        viewed.add(dayVisitor);
        remember(day, visitor, 'viewed');
      }
      const directLanding = (counted: CountedEvent) =>
        firstView &&
        counted.event === 'view' &&
        isReportPage(counted.page) &&
        sourceKey(counted.source ?? NO_SOURCE) === NO_SOURCE_KEY &&
        !visit.header('referer');
      const rowOf = (counted: CountedEvent): CountRow => ({
        day,
        page: counted.page,
        event: counted.event,
        variant: keyed(counted.page, counted.variant),
        fromPage: cameFrom(counted, visit, `${day} ${visitor}`),
        landing: isLanding(counted.page, counted.event, counted.source ?? NO_SOURCE) || directLanding(counted),
        ...landedFrom(counted, `${day} ${visitor}`),
        count: 1,
      });
      const hold = (held: CountRow) => {
        const key = countKey(held);
        const same = counts.get(key);
        if (same) counts.set(key, addRows(same, held));
        else if (counts.size < BUFFER_KEYS) counts.set(key, held);
        else dropped += 1;
      };
      const row = rowOf(event);
      if (!form) hold(row);
      else {
        // An outcome with no start counted (no JavaScript, or a lost beacon): its start first, as the beacon would have.
        if (!form.started) {
          form.started = true;
          hold(event.event === 'form_start' ? row : rowOf({ ...event, event: 'form_start' }));
        }
        const last = form.outcome[0]?.event;
        const refusedOf = (known: ReadonlySet<string>) =>
          event.event === REFUSED
            ? [...new Set(fields)]
                .map(refusedFieldEvent)
                .filter((name) => !known.has(name))
                .map((name) => rowOf({ ...event, event: name }))
            : [];
        if (event.event === 'form_start' || (event.event === LIMITED && last === LIMITED)) {
          // Counted above, or the same outcome again.
        } else if (event.event === REFUSED && last === REFUSED) {
          // Refused again: only the fields not refused before.
          const more = refusedOf(new Set(form.outcome.map((r) => r.event)));
          for (const added of more) hold(added);
          form.outcome.push(...more.map((added) => ({ ...added })));
        } else {
          // A new outcome: the last one is superseded, with its fields (counted as such, the count kept).
          for (const taken of form.outcome) hold({ ...taken, count: 0, superseded: 1 });
          const next = [row, ...refusedOf(new Set())];
          for (const added of next) hold(added);
          form.sent = event.event === 'submit';
          form.outcome = form.sent ? [] : next.map((added) => ({ ...added }));
        }
        if (forms.get(`${visitor} ${event.page}`) === form)
          remember(day, visitor, `form ${event.page}`, JSON.stringify(form));
      }
      // A page's view: its reader, once per day and page, however often they reload or come back; no landing.
      if (row.event === 'view') {
        const seen = `${visitor} ${row.page}`;
        if (!pageReaders.has(seen) && pageReaders.size < BUFFER_VISITORS) {
          pageReaders.add(seen);
          remember(day, visitor, `page ${row.page}`);
          hold({ ...row, event: PAGE_READER, landing: false, count: 1 });
        }
      }
      // A reader of the series' pages, once per day and series however many of them they read; and one who
      // reached its report page from one of them, once per day and series (counted a reader of them then if
      // their view of that page was not: no JavaScript, a lost beacon).
      const series = /^\/([a-z0-9][a-z0-9-]*)\//.exec(row.page)?.[1];
      const once = (set: Set<string>, mark: string, held: CountRow) => {
        const key = `${visitor} ${series}`;
        if (set.has(key) || set.size >= BUFFER_VISITORS) return;
        set.add(key);
        remember(day, visitor, `${mark} ${series}`);
        hold(held);
      };
      const bare = { ...row, variant: '', fromPage: '', landing: false, ...NO_SOURCE, count: 1 };
      if (row.event === 'view' && series && (!seriesIds || seriesIds.has(series))) {
        const report = isReportPage(row.page);
        if (!report || row.fromPage !== '')
          once(seriesReaders, 'series', { ...bare, page: `/${series}/`, event: SERIES_READER });
        if (report && row.fromPage !== '') once(reachedReport, 'reached', { ...bare, event: REACHED_REPORT });
      }
      // A report-page view from a page of its series: its reader, once per day and page came from.
      if (row.event === 'view' && row.fromPage !== '') {
        const arrival = `${visitor} ${row.page} ${row.fromPage}`;
        if (!reportReaders.has(arrival) && reportReaders.size < BUFFER_VISITORS) {
          reportReaders.add(arrival);
          remember(day, visitor, `from ${row.page} ${row.fromPage}`);
          hold({ ...row, event: REPORT_READER, landing: false, count: 1 });
        }
      }
      if (visitors.size < BUFFER_VISITORS) visitors.set(`${day} ${visitor}`, { day, visitor });
      // An experiment decides on readers: each visitor once per day, variant and event, however often they reload.
      if (row.variant !== '' && (row.event === 'view' || row.event === 'submit') && readers.size < BUFFER_VISITORS) {
        const reader: SeenReader = { day, page: row.page, event: row.event, variant: row.variant, visitor };
        readers.set(JSON.stringify([day, row.page, row.event, row.variant, visitor]), reader);
      }
    } catch (error) {
      log(`Analytics: an event could not be counted: ${(error as Error).message}`);
    }
  };

  const analytics: Analytics = {
    count: (event, visit) => record(event, visit),
    async visitor(visit) {
      if (optedOut(visit.header)) return undefined;
      try {
        return visitorHash(await saltOf(dayOf(now())), options.site, visit);
      } catch (error) {
        log(`Analytics: a visitor could not be told apart: ${(error as Error).message}`);
        return undefined;
      }
    },
    refused: ({ page, variant, fields }, visit) => record({ page, event: REFUSED, variant }, visit, fields),
    flush,
    declare(of, series) {
      experimentOf = of;
      seriesIds = series ? new Set(series) : undefined;
    },
    async close() {
      clearInterval(timer);
      await flush();
    },
  };
  return analytics;
}

/**
 * The path of `referer` when it is a page of `series` on this site other than its report page (its home or
 * a trend: `/<series>/` or `/<series>/<slug>/`), the site being any of `hosts` (host and port); else empty.
 * Only the path is kept: no query, no fragment.
 */
export function seriesPageOf(
  referer: string | undefined,
  series: string,
  hosts: readonly (string | undefined)[],
): string {
  if (!referer || !URL.canParse(referer)) return '';
  const url = new URL(referer);
  if (!hosts.some((host) => host !== undefined && host.toLowerCase() === url.host.toLowerCase())) return '';
  const path = url.pathname;
  const own = new RegExp(`^/${series}/(?:[a-z0-9][a-z0-9-]{0,99}/)?$`);
  return own.test(path) && path !== `/${series}/report/` ? path : '';
}

/** The visit of a Fetch API request (an Astro route's) from `address`. */
export const visitOf = (address: string | undefined, headers: Headers): Visit => ({
  address,
  userAgent: headers.get('user-agent') ?? undefined,
  header: (name) => headers.get(name) ?? undefined,
});

/** The page a series' gate events are counted on: its report page. */
export const reportPage = (series: string) => `/${series}/report/`;
