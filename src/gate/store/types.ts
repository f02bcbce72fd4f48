import type { LimitOptions, RateLimiter } from '../rate-limit.ts';
import type { CountRow, DayMark, ReaderRow, SeenReader, SeenVisitor } from '../analytics/events.ts';

/** The lead store: what the gate keeps. SQLite by default, PostgreSQL with DATABASE_URL; both implement this. */

/** What a form says about its sender: their words, and the consent they gave. */
export interface FormFields {
  firstName: string;
  lastName: string;
  company: string;
  jobRole: string;
  /** Version of the consent text the reader agreed to, and when. */
  consentVersion: string;
  consentAt: Date;
  marketingOptIn: boolean;
  /** The experiment variant the form's page showed (report.experiment in series.yaml); '' or absent: none. */
  variant?: string;
}

/** Where a form came from. */
export interface FormOrigin {
  userAgent: string | null;
  /** Salted hash of the client address; never the address itself. */
  ipHash: string | null;
}

export interface LeadInput extends FormFields, FormOrigin {
  series: string;
  /** Normalised: trimmed and lower-case. */
  email: string;
  /**
   * The form came from the browser the lead's own earlier form was sent from (its access cookie): its
   * name and company fill those the lead lacks (a short first form leaves them empty); never overwrite.
   */
  fillProfile?: boolean;
}

/**
 * Where the reader stands on marketing emails (double opt-in): `pending` from the ticked box until they
 * follow the emailed confirmation link, `confirmed` after, `unsubscribed` after an unsubscribe; `none`
 * when the box was not ticked on their last submission.
 */
export type MarketingStatus = 'none' | 'pending' | 'confirmed' | 'unsubscribed';

/** What the reader did: sent the form (consent to the report, and the box), or confirmed or left the list. */
export type ConsentEventKind = 'form' | 'marketing-confirmed' | 'marketing-unsubscribed';

export interface ConsentEvent {
  event: ConsentEventKind;
  /** The consent text version in force for the lead at the time. */
  version: string;
  at: Date;
  /** Whether marketing emails were wanted after this event. */
  marketingOptIn: boolean;
}

export interface Lead extends LeadInput {
  id: number;
  /** Random, unguessable id used in links and cookies (the row id would reveal how many leads exist). */
  publicId: string;
  createdAt: Date;
  updatedAt: Date;
  /** How many times the form was sent for this email and series. */
  submissions: number;
  /** `marketingOptIn` is what the box said; this is whether the reader may be sent marketing emails. */
  marketingStatus: MarketingStatus;
  /**
   * Whether the name, company, role and consent version were proven by the mailbox: taken from the ticked
   * form whose emailed confirmation link the reader followed (`changeMarketing` to `confirmed`). Until then
   * they are what the first form said, which anyone could have sent with this address.
   */
  identityConfirmed: boolean;
}

/** One form as it was sent for a lead: kept as its own row, never merged into the lead. */
export interface Submission extends FormFields, FormOrigin {
  submittedAt: Date;
}

/** A lead as the export shows it: with how many downloads it made and what its latest form said. */
export interface ExportedLead {
  lead: Lead;
  downloads: number;
  /** Every lead has one (its first form at least); null only for a row written past the store. */
  latest: Submission | null;
}

/** What a confirmation link says about where it came from, and what the reader chose on its page. */
export interface MarketingLinkBasis {
  /** When an older link (one that names no form) was issued. */
  issuedAt?: Date | undefined;
  /** The ticked form that asked for this confirmation, by when it was sent (its `consentAt`). */
  formAt?: Date | undefined;
  /** The reader said the details of that form are theirs: the lead takes them, confirmed. */
  adopt?: boolean | undefined;
}

export interface IssuedLink {
  issuedAt: Date;
  expiresAt: Date;
}

/** A served byte range as the store keeps it: bounded, whatever the request's Range header held. */
export const formatByteRange = (start: number, end: number) => `${start}-${end}`;
export const BYTE_RANGE = /^\d{1,16}-\d{1,16}$/;

export interface DownloadInput {
  leadId: number;
  series: string;
  userAgent: string | null;
  ipHash: string | null;
  /** The byte range served, as `start-end` (see `formatByteRange`), when the download was partial. */
  range: string | null;
  at: Date;
}

/** A stored row as the store keeps it: column name to value. */
export type StoredRow = Record<string, unknown>;

/**
 * A side effect of a write, kept in the outbox in the same transaction as the write and delivered after it
 * by the outbox worker (an email, a webhook call): a slow or failing receiver never slows or fails the write.
 */
export interface OutboxInput {
  /** What delivers it: a key of the worker's handlers (`email`, `webhook`). */
  topic: string;
  /** What the handler needs, as JSON. */
  payload: Record<string, unknown>;
}

/** The outbox rows a lead write enqueues, decided with the lead as stored (inside the transaction). */
export type Enqueue = (lead: Lead, created: boolean) => readonly OutboxInput[];

/** An outbox row. */
export interface OutboxItem extends OutboxInput {
  id: number;
  /** The lead it is about; the row goes with the lead when the lead is erased or purged. */
  leadId: number | null;
  /** Random, given at enqueue; the same on every attempt, so a receiver can drop a repeat. */
  idempotencyKey: string;
  createdAt: Date;
  /** Delivery attempts started so far (a claim counts as one). */
  attempts: number;
  /** Not before this moment is it claimed (again). */
  nextAttemptAt: Date;
  /** Why the last attempt failed. */
  lastError: string | null;
  /** When it was delivered. */
  doneAt: Date | null;
  /** When the worker stopped trying (too many attempts). */
  gaveUpAt: Date | null;
}

/** Everything kept about one person, found by email: for a data-subject access request. */
export interface PersonRecord {
  /** Normalised: trimmed and lower-case. */
  email: string;
  /** Their leads, one per series. */
  leads: Lead[];
  /** Every row about them, by table: the leads, and rows of their leads (links, downloads, consents) or holding the email. */
  rows: Record<string, StoredRow[]>;
}

/** How many rows an erasure removed, by table. */
export type Erasure = Record<string, number>;

/** A lead as an erasure's notice names it: its public id and series, nothing personal. */
export interface ErasedLead {
  publicId: string;
  series: string;
}

/** The outbox rows that announce an erasure, given the leads it erased. */
export type Announce = (leads: readonly ErasedLead[]) => readonly OutboxInput[];

/** How much the funnel's counts may hold per day, whatever the traffic. */
export interface AnalyticsLimits {
  /** Distinct sources (referrer host and campaign) a day keeps; past it, new ones count as `(other)`. */
  maxSourcesPerDay: number;
  /** Visitors a day tells apart; past it, the day's count stops and is marked `capped`. */
  maxVisitorsPerDay: number;
}

/** The unique visitors of a day. */
export interface DayVisitors {
  day: string;
  visitors: number;
  /** More visitors came than ANALYTICS_MAX_VISITORS_PER_DAY: `visitors` is a floor. */
  capped: boolean;
}

/**
 * The funnel's storage (src/gate/analytics): counts only, and for the current day the salt and the
 * hashes that tell its visitors apart, deleted once the day is over.
 */
export interface AnalyticsStore {
  /** The salt of `day`: the one stored, or `fresh`, stored now, when the day has none yet. */
  daySalt(day: string, fresh: string): Promise<string>;
  /**
   * Adds `rows` to the counts and `visitors` to their days' unique visitors (a hash seen before that day
   * counts once), and `readers` to their variants' distinct readers per day (a reader seen before that day
   * with the same page, event and variant counts once; at most `maxVisitorsPerDay` per day, event and
   * variant), and keeps `marks` (a visitor's mark on a day replaces the one kept), in one transaction,
   * within `limits`. A row's `superseded` is added to its column, never taken from its count.
   */
  addCounts(
    rows: readonly CountRow[],
    visitors: readonly SeenVisitor[],
    limits: AnalyticsLimits,
    readers?: readonly SeenReader[],
    marks?: readonly DayMark[],
  ): Promise<void>;
  /** The marks kept for `day` (see `DayMark`): what a gate starting during the day counts on. */
  readDayMarks(day: string): Promise<DayMark[]>;
  /**
   * Deletes the salts, visitor hashes, reader hashes and marks of every day before `today`, and the counts,
   * visitor totals and reader totals of every day before `keepFrom`.
   */
  sweepAnalytics(today: string, keepFrom: string): Promise<void>;
  /** The counts and the visitors per day, from `since` (a day) on, oldest first. */
  readAnalytics(since?: string): Promise<{ counts: CountRow[]; days: DayVisitors[] }>;
  /**
   * The counts of `page` kept under any of `variants` (experiment keys, `<experiment>:<variant>`), every day
   * kept, oldest first: an experiment's counts from its first day, read by an index on (page, variant, day)
   * without reading the other counts.
   */
  readVariantCounts(page: string, variants: readonly string[]): Promise<CountRow[]>;
  /** The distinct readers per day of `page` under any of `variants`, every day kept, oldest first. */
  readVariantReaders(page: string, variants: readonly string[]): Promise<ReaderRow[]>;
  /** The first day with a count or a day's visitors (YYYY-MM-DD); null when there is none. */
  firstAnalyticsDay(): Promise<string | null>;
  /**
   * Keys the counts of `page` kept under a bare variant id (before variants were keyed by experiment) that
   * `experiment` declares as `<experiment>:<variant>`, added to any already so keyed: they were counted
   * under the experiment the page runs now. Idempotent; one transaction.
   */
  keyBareVariants(page: string, experiment: { id: string; variants: readonly string[] }): Promise<void>;
}

export interface LeadStore {
  /** The funnel's counts (src/gate/analytics). */
  analytics: AnalyticsStore;
  /**
   * Inserts the lead, or counts another submission of the one with the same email and series; never a
   * second lead. Every call keeps the form as a submission row. A repeat never changes who the lead is
   * (name, company, role, consent version): anyone can type an address. The rows `enqueue` returns go in
   * the outbox in the same transaction, tied to the lead. A ticked marketing box makes a new lead, or one
   * that is `none`, `pending`; a `confirmed` or `unsubscribed` one stays as it is (only the emailed links
   * change those); an unticked box makes a new lead `none` and changes no existing one's status.
   * With `link`, the download link the reader is given is recorded in the same transaction: a failure
   * leaves neither lead nor link, so a reader told to try again has nothing half-stored.
   */
  upsertLead(input: LeadInput, enqueue?: Enqueue, link?: IssuedLink): Promise<{ lead: Lead; created: boolean }>;
  /** Every form sent for the lead, oldest first, as it was sent. */
  listSubmissions(leadId: number): Promise<Submission[]>;
  /** Every lead (of one series, when given), oldest first, with its downloads and latest form: one query. */
  exportLeads(series?: string): Promise<ExportedLead[]>;
  /** The lead a link or cookie names. */
  findLead(publicId: string): Promise<Lead | undefined>;
  /**
   * Every consent the lead gave or withdrew, oldest first: a repeat submission, a confirmation and an
   * unsubscribe each add one; history is never rewritten.
   */
  consentHistory(leadId: number): Promise<ConsentEvent[]>;
  /**
   * Confirms a pending marketing opt-in, or unsubscribes a pending or confirmed one, with a consent event,
   * and enqueues `enqueue`'s rows, in one transaction. A confirmation takes the lead's name, company, role
   * and consent version from one form only: the ticked form its link names (`link.formAt`), when exactly
   * one ticked form of the lead was sent then and the reader said these details are theirs (`link.adopt`);
   * the lead's identity is then confirmed. Otherwise (the reader said they are not theirs, an older link
   * that names no form) it confirms the emails alone and keeps who the lead is: never "the latest form".
   * An `unsubscribed` lead is confirmed again only by a link whose form (or, for an older link, whose
   * issue) came after its last unsubscribe: an old email's link never puts a reader back on the list.
   * Anything else (confirming what is not pending, unsubscribing twice) changes nothing and adds no
   * event: `changed` is false. Undefined for no such lead.
   */
  changeMarketing(
    publicId: string,
    to: 'confirmed' | 'unsubscribed',
    at: Date,
    enqueue?: Enqueue,
    link?: MarketingLinkBasis,
  ): Promise<{ lead: Lead; changed: boolean } | undefined>;
  /** Records that a download link was issued. */
  recordLink(leadId: number, issuedAt: Date, expiresAt: Date): Promise<void>;
  /**
   * The renewal of the access token issued at `renews`: recorded as `link` the first time it is asked
   * for, and the same link every time after (at once or later, from any connection), so that a browser
   * that keeps sending a stale cookie writes one row, not one per view.
   */
  renewLink(leadId: number, renews: Date, link: IssuedLink): Promise<IssuedLink>;
  /** Removes the links that expired before `before` (nothing else); returns how many. */
  pruneLinks(before: Date): Promise<number>;
  /**
   * Records that the dashboard session `id` (its token's random part) was signed out, until `expiresAt`
   * (when the token would have expired anyway); removes the records already past their expiry at `now`.
   */
  revokeSession(id: string, expiresAt: Date, now: Date): Promise<void>;
  /** Whether the dashboard session `id` was signed out. */
  sessionRevoked(id: string): Promise<boolean>;
  /**
   * The lead's link that stays valid longest, if it is still valid at `validAt`: to reuse, not issue anew.
   * With `issuedBy`, only a link issued at or before then (one a returning browser was given, never one
   * a later form was given).
   */
  currentLink(leadId: number, validAt: Date, issuedBy?: Date): Promise<IssuedLink | undefined>;
  /** Throws, storing nothing, when `range` is not a byte range `start-end`. */
  recordDownload(input: DownloadInput): Promise<void>;
  /** Every lead, oldest first; of one series when given. */
  listLeads(series?: string): Promise<Lead[]>;
  countDownloads(leadId: number): Promise<number>;
  /** Everything kept about the person with this email (any case), in every series. */
  findPerson(email: string): Promise<PersonRecord>;
  /**
   * Erases the person's leads, every row of those leads and every other row that holds the email, at once;
   * the rows `announce` returns for the erased leads (the CRM's `lead.erased`) go in the outbox in the same
   * transaction, so an erasure is never without its notice, nor a notice without its erasure.
   */
  erasePerson(email: string, announce?: Announce): Promise<Erasure>;
  /**
   * Erases the leads last submitted before `before`, with their rows, and enqueues the rows `announce`
   * returns for them in the same transaction; returns how many leads.
   */
  purgeLeads(before: Date, announce?: Announce): Promise<number>;
  /**
   * A fixed-window limiter named `name` (its counts apart from other names'), counting where the store
   * counts: in this process for SQLite (one server), in the database for PostgreSQL (every server).
   */
  limiter(name: string, options: LimitOptions): RateLimiter;
  /**
   * Leases up to `limit` undelivered outbox rows due at `now` (next attempt reached, no live lease) to
   * `owner` for `leaseMs`, oldest due first, counting an attempt on each. Rows leased to another worker,
   * in this process or another, are never returned; a lease that runs out (a crashed worker) frees its row.
   * With `topic`, only rows of that topic (each topic is delivered on its own: a hung receiver of one
   * never holds up the other).
   */
  claimOutbox(owner: string, now: Date, leaseMs: number, limit: number, topic?: string): Promise<OutboxItem[]>;
  /**
   * Marks a leased row delivered and empties its payload (a webhook's copy of the person is not kept once
   * sent; the key and times stay); false (and nothing changed) when `owner` no longer holds its lease.
   */
  completeOutbox(id: number, owner: string, at: Date): Promise<boolean>;
  /**
   * Records a failed attempt on a leased row and frees it: tried again from `retryAt` (see `retryAt` in
   * server/outbox/backoff.ts: exponential backoff with jitter), or given up on at `at` when `retryAt` is
   * null. False (and nothing changed) when `owner` no longer holds its lease.
   */
  failOutbox(id: number, owner: string, error: string, retryAt: Date | null, at: Date): Promise<boolean>;
  /** The outbox rows not delivered (pending, failing or given up on), oldest first. */
  listOutbox(): Promise<OutboxItem[]>;
  /**
   * Commits a small write (one row of the `health` table): for `/healthz`, which must fail when the store
   * answers reads but cannot store a lead (a full disk, a read-only database). Rejects when it cannot.
   */
  checkWrite(): Promise<void>;
  /**
   * Problems an integrity check finds in the store's storage; none when it is sound. SQLite's is PRAGMA
   * integrity_check (pages, and every index against its table); PostgreSQL's, that every table answers.
   */
  checkIntegrity(): Promise<string[]>;
  /**
   * Copies the store, while it is open, to a new file (never over an existing one), readable by its owner
   * only: SQLite's online backup, or a `pg_dump` archive (custom format) for PostgreSQL.
   */
  backup(file: string): Promise<void>;
  /** Applied migration versions, oldest first. */
  migrations(): Promise<number[]>;
  /** Where the leads are kept and how, for the start-up log. */
  describe(): Promise<string>;
  close(): Promise<void>;
}

/** A versioned schema change of one store, applied in order when it opens; never edited once released. */
export interface Migration {
  version: number;
  name: string;
  /** In the store's own dialect. */
  sql: string;
}
