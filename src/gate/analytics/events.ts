/**
 * The funnel's events and what one of them may say. Three come from the browser (`view`, `cta_seen`,
 * `form_start`, by the beacon script src/scripts/analytics.ts to POST /_event); three are counted by the
 * gate itself in the request that causes them (`submit`, `confirmed`, `download`). Each is kept only as a
 * count per day, page, event, variant and source (see src/gate/store/*-analytics.ts).
 */

export const BROWSER_EVENTS = ['view', 'cta_seen', 'form_start'] as const;
export const SERVER_EVENTS = ['submit', 'confirmed', 'download'] as const;
/** Every event, in funnel order. */
export const FUNNEL = ['view', 'cta_seen', 'form_start', 'submit', 'confirmed', 'download'] as const;
export type BrowserEvent = (typeof BROWSER_EVENTS)[number];
export type FunnelEvent = (typeof FUNNEL)[number];
/**
 * A form the server refused by validation (counted in the refusing request, like `submit`), and with it one
 * `form_refused:<field>` per field it refused, by the field's name only: never what was typed. Not a funnel
 * step: the drop-off line tells refusals apart from readers who left (see `formDropOff`).
 */
export const REFUSED = 'form_refused';
/** The fields whose refusal is counted by name: the form's own (`LeadFormSchema`); any other is not counted. */
export const REFUSABLE_FIELDS = [
  'firstName',
  'lastName',
  'email',
  'company',
  'jobRole',
  'consent',
  'consentVersion',
  'marketingOptIn',
  'series',
] as const;
export type RefusableField = (typeof REFUSABLE_FIELDS)[number];
/** How a refused field is kept: as its own event, `form_refused:<field>`. */
export const refusedFieldEvent = (field: RefusableField) => `${REFUSED}:${field}` as const;
export type RefusalEvent = typeof REFUSED | ReturnType<typeof refusedFieldEvent>;
/**
 * A form the rate limit turned away (429, counted in the turning request, like `form_refused`). Not a funnel
 * step: the drop-off line tells these forms apart from readers who left.
 */
export const LIMITED = 'form_limited';
/**
 * A reader arriving on a series' report page from one of its pages (the row's `fromPage`): counted with the
 * report page's view, once per reader, page came from and day, however often they reload or come back, so that
 * a page's readers to the report are never more than once each. Not a funnel step.
 */
export const REPORT_READER = 'report_reader';
/**
 * A reader of a page: counted with a page's view, once per reader, page and day, however often they reload or
 * come back, so that the funnel's rates divide readers by readers (a form started per report-page reader), never
 * by views. Not a funnel step.
 */
export const PAGE_READER = 'page_reader';
/**
 * A reader of a series' pages (its home, its trends: any page of it but its report page): counted once per
 * reader, series and day, however many of its pages they read, on the series' home path. A reader who arrives
 * on the report page from one of the series' pages (its Referer) without a view of that page counted (no
 * JavaScript, a lost beacon) is counted then. Not a funnel step: the base of "went on to the report page".
 */
export const SERIES_READER = 'series_reader';
/**
 * A reader of a series' pages who reached its report page from one of them: counted once per reader, series
 * and day, with the report page's view, however many pages they came from. Not a funnel step.
 */
export const REACHED_REPORT = 'reached_report';
/** Every event a count row can hold. */
export type CountedEventName =
  | FunnelEvent
  | RefusalEvent
  | typeof LIMITED
  | typeof REPORT_READER
  | typeof PAGE_READER
  | typeof SERIES_READER
  | typeof REACHED_REPORT;

/** Where a visit came from: the referring site's host, or the landing URL's campaign (utm_*). Empty: none. */
export interface Source {
  referrer: string;
  utmSource: string;
  utmMedium: string;
  utmCampaign: string;
}

export const NO_SOURCE: Source = { referrer: '', utmSource: '', utmMedium: '', utmCampaign: '' };
/**
 * The referrer a page view is kept under when it came from one of the site's own pages (a reader's next page):
 * not a landing, and no source to credit.
 */
export const WITHIN_SITE = '(this site)';
export const WITHIN_SITE_SOURCE: Source = { referrer: WITHIN_SITE, utmSource: '', utmMedium: '', utmCampaign: '' };
/** What sources past the day's cap are counted under (ANALYTICS_MAX_SOURCES_PER_DAY). */
export const OTHER_SOURCE: Source = { referrer: '(other)', utmSource: '', utmMedium: '', utmCampaign: '' };

/** One counted event, as it is kept: no visitor, no address, no browser. */
export interface CountKey extends Source {
  /** UTC day, YYYY-MM-DD. */
  day: string;
  /** The page's path, such as `/ml-trends-2021/` or `/ml-trends-2021/report/`. */
  page: string;
  event: CountedEventName;
  /** The experiment variant the page showed, as `<experiment id>:<variant id>` (see `variantKey`); empty: none. */
  variant: string;
  /**
   * For a report page's view, form start and form sent: the page of its series the reader came to it from
   * (its home or a trend, by the same-origin Referer path of the report page's request); empty: from
   * elsewhere, or not known.
   */
  fromPage: string;
  /**
   * For a view: whether it was a landing, a reader arriving from outside the site under the view's own source
   * (see `isLanding`); false for every other event, for a reader's next page and for a view credited to the
   * source the reader landed from earlier.
   */
  landing: boolean;
}

export interface CountRow extends CountKey {
  /** Readers (or events) the row counts: on a row read from a store, those whose outcome it still is (see `superseded`). */
  count: number;
  /**
   * For a form's outcome (`form_refused`, its fields, `form_limited`): of `count`'s readers, those whose later
   * outcome that day replaced this one. Kept as its own column, never as a negative count: a store adds
   * `count` and `superseded` as they come, and a row read from it has `count` less `superseded` as its
   * count, and `superseded` beside it when there are any. Absent: none.
   */
  superseded?: number;
}

/** A row of the `analytics_counts` table, as SQLite and PostgreSQL both return it, as a count. */
export function countRowOf(r: Record<string, unknown>): CountRow {
  const superseded = Number(r.superseded ?? 0);
  return {
    day: String(r.day),
    page: String(r.page),
    event: String(r.event) as CountedEventName,
    variant: String(r.variant),
    fromPage: String(r.from_page),
    landing: Number(r.landing) === 1,
    referrer: String(r.referrer),
    utmSource: String(r.utm_source),
    utmMedium: String(r.utm_medium),
    utmCampaign: String(r.utm_campaign),
    count: Number(r.count) - superseded,
    ...(superseded > 0 ? { superseded } : {}),
  };
}

/**
 * What the counter knows of one visitor on one day, to count each of them once however often they come back:
 * kept in the store with the day's hash until the day ends (like `SeenVisitor`), so that a restarted gate
 * counts on where the last one stopped. `mark` names what is known (`page /s/t/`, `form /s/report/`, ...),
 * `value` holds what it needs (a path, a source, a form's outcome), never an address, a browser or an answer.
 */
export interface DayMark {
  day: string;
  visitor: string;
  mark: string;
  value: string;
}

/** A row of the `analytics_marks` table, as SQLite and PostgreSQL both return it. */
export const dayMarkOf = (r: Record<string, unknown>): DayMark => ({
  day: String(r.day),
  visitor: String(r.visitor),
  mark: String(r.mark),
  value: String(r.value),
});

/** A visitor seen on a day: the day's salted hash, kept until the day ends. */
export interface SeenVisitor {
  day: string;
  visitor: string;
}

/**
 * A reader of an experiment's variant on a day: the day's salted hash with the report page's view or form
 * sent under a variant, kept until the day ends (like `SeenVisitor`), so that a reader counts once per
 * variant, event and day however often they reload.
 */
export interface SeenReader {
  day: string;
  page: string;
  /** `view` (a trial) or `submit` (a conversion). */
  event: 'view' | 'submit';
  /** The variant's key, `<experiment>:<variant>`. */
  variant: string;
  visitor: string;
}

/** Distinct readers of a variant on a day, for one event: what is kept of `SeenReader` once the day is over. */
export interface ReaderRow {
  day: string;
  page: string;
  event: 'view' | 'submit';
  variant: string;
  readers: number;
}

/** A row of the `analytics_readers` table, as SQLite and PostgreSQL both return it. */
export const readerRowOf = (r: Record<string, unknown>): ReaderRow => ({
  day: String(r.day),
  page: String(r.page),
  event: String(r.event) as ReaderRow['event'],
  variant: String(r.variant),
  readers: Number(r.readers),
});

/** How a variant is kept in the counts: the experiment's id and the variant's, as `<experiment>:<variant>`. */
export const variantKey = (experiment: string, variant: string) => `${experiment}:${variant}`;

/** The day of `at`, in UTC. */
export const dayOf = (at: Date) => at.toISOString().slice(0, 10);

export const sourceKey = (s: Source) => JSON.stringify([s.referrer, s.utmSource, s.utmMedium, s.utmCampaign]);
export const countKey = (k: CountKey) =>
  JSON.stringify([k.day, k.page, k.event, k.variant, k.fromPage, k.landing, sourceKey(k)]);

/** A report page's path: `/<series>/report/`. */
export const isReportPage = (page: string) => /^\/[^/]+\/report\/$/.test(page);

/**
 * Whether a view counted under `own` (its own source, before any credit) was a landing: a page other than a
 * report page from anywhere but the site's own pages (no referrer included: direct or not known); a report
 * page with a source of its own (a referring site, a campaign). A report page's view with neither is told by
 * the counter, which knows the visitor's day: a landing when the request sent no Referer and the visitor has
 * no earlier view that day (see `count` in counter.ts), none otherwise.
 */
export const isLanding = (page: string, event: CountedEventName, own: Source) =>
  event === 'view' && own.referrer !== WITHIN_SITE && (!isReportPage(page) || sourceKey(own) !== sourceKey(NO_SOURCE));

/** A beacon's body is a few hundred bytes; past this it is refused unread. */
export const BEACON_LIMIT = 2048;
/** A referrer host is cut to this length. */
const FIELD_MAX = 100;
/** A page path the site can have: lower-case slug segments, ending in a slash. */
const PAGE = /^\/(?:[a-z0-9][a-z0-9-]{0,99}\/){0,3}$/;

/** A printable, trimmed, bounded value, or empty. */
function clean(value: unknown): string {
  if (typeof value !== 'string') return '';
  return value
    .replace(/\p{Cc}/gu, '')
    .trim()
    .slice(0, FIELD_MAX);
}

/** Whether a referrer URL is a page of `ownHost` (host without port, `www.` aside). */
export function ownReferrer(referrer: unknown, ownHost: string): boolean {
  if (typeof referrer !== 'string' || !URL.canParse(referrer)) return false;
  const url = new URL(referrer);
  const bare = (host: string) => host.toLowerCase().replace(/^www\./, '');
  return (url.protocol === 'http:' || url.protocol === 'https:') && bare(url.hostname) === bare(ownHost);
}

/** The host of a referrer URL, lower-case, `www.` dropped; empty for none, for an unreadable one and for `ownHost`. */
export function referrerHost(referrer: unknown, ownHost: string): string {
  if (typeof referrer !== 'string' || referrer === '' || !URL.canParse(referrer)) return '';
  const url = new URL(referrer);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return '';
  const host = url.hostname.toLowerCase().replace(/^www\./, '');
  return host === ownHost.toLowerCase().replace(/^www\./, '') ? '' : clean(host);
}

/** A utm value is kept up to this length; a longer one is not kept at all. */
const UTM_MAX = 64;

/**
 * A utm value as kept: trimmed and lower-case; empty (none) when it holds an `@` (an email address, or part
 * of one), is longer than 64 characters, or holds a character that is not printable (control, format,
 * unassigned, private use). Such values are not campaign names, and could carry personal data.
 */
function utmValue(value: string | null): string {
  const text = (value ?? '').trim();
  if (text.length > UTM_MAX || text.includes('@') || /\p{C}/u.test(text)) return '';
  return text.toLowerCase();
}

/** The campaign of a landing URL's query string: utm_source, utm_medium and utm_campaign (see `utmValue`). */
export function campaign(query: unknown): Pick<Source, 'utmSource' | 'utmMedium' | 'utmCampaign'> {
  const params = new URLSearchParams(typeof query === 'string' ? query.slice(0, 1024) : '');
  return {
    utmSource: utmValue(params.get('utm_source')),
    utmMedium: utmValue(params.get('utm_medium')),
    utmCampaign: utmValue(params.get('utm_campaign')),
  };
}

/** A browser event as the beacon sent it, read and bounded; undefined when it is not one. */
export interface BeaconEvent extends Source {
  event: BrowserEvent;
  page: string;
  /** The experiment variant the page says it shows (`data-variant`), as sent: the route keeps it only if declared. */
  variant: string;
}

/** An experiment variant's id, as the schema allows it. */
const VARIANT = /^[a-z0-9][a-z0-9-]{0,39}$/;

/**
 * Reads a beacon's JSON body: `{"e": event, "p": location.pathname, "q": location.search, "r":
 * document.referrer, "v": the page's experiment variant}`. Only the path, the utm_* parameters and the referrer's host are kept; undefined for
 * anything else (unknown event, a path the site cannot have, not JSON).
 */
export function readBeacon(body: string, ownHost: string): BeaconEvent | undefined {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  const { e, p, q, r, v } = data as Record<string, unknown>;
  if (!BROWSER_EVENTS.includes(e as BrowserEvent)) return undefined;
  if (typeof p !== 'string' || !PAGE.test(p)) return undefined;
  const variant = typeof v === 'string' && VARIANT.test(v) ? v : '';
  // A view from one of the site's own pages is a reader's next page: kept as such, not as a landing. A report
  // page's view keeps none, and is credited to the source the reader landed from (see counter.ts).
  const within = e === 'view' && !/^\/[^/]+\/report\/$/.test(p) && ownReferrer(r, ownHost);
  const referrer = within ? WITHIN_SITE : referrerHost(r, ownHost);
  return { event: e as BrowserEvent, page: p, variant, referrer, ...campaign(q) };
}

/**
 * `rows` with each source the day does not know yet (`known`, by `sourceKey`) past `cap` distinct ones
 * replaced by `(other)`: so a day keeps at most `cap` sources (besides none and `(other)`), whatever
 * referrers and campaigns arrive. `known` grows with the sources let in.
 */
export function foldSources(rows: readonly CountRow[], known: Set<string>, cap: number): CountRow[] {
  const exempt = new Set([sourceKey(NO_SOURCE), sourceKey(OTHER_SOURCE), sourceKey(WITHIN_SITE_SOURCE)]);
  let kept = [...known].filter((k) => !exempt.has(k)).length;
  const folded = rows.map((row) => {
    const key = sourceKey(row);
    if (exempt.has(key) || known.has(key)) return row;
    if (kept >= cap) return { ...row, ...OTHER_SOURCE, fromPage: row.fromPage };
    known.add(key);
    kept += 1;
    return row;
  });
  return mergeRows(folded);
}

/** Two rows of one key added together: their counts, and what they say was superseded. */
export function addRows(a: CountRow, b: CountRow): CountRow {
  const superseded = (a.superseded ?? 0) + (b.superseded ?? 0);
  return { ...a, count: a.count + b.count, ...(superseded > 0 ? { superseded } : {}) };
}

/** Rows of one key added together, in first-seen order: a store writes each key once. */
export function mergeRows(rows: readonly CountRow[]): CountRow[] {
  const merged = new Map<string, CountRow>();
  for (const row of rows) {
    const key = countKey(row);
    const seen = merged.get(key);
    merged.set(key, seen ? addRows(seen, row) : { ...row });
  }
  return [...merged.values()];
}
