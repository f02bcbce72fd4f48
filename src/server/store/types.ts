import type { LimitOptions, RateLimiter } from '../rate-limit.ts';

/** The lead store: what the gate keeps. SQLite by default, PostgreSQL with DATABASE_URL; both implement this. */

export interface LeadInput {
  series: string;
  /** Normalised: trimmed and lower-case. */
  email: string;
  firstName: string;
  lastName: string;
  company: string;
  jobRole: string;
  /** Version of the consent text the reader agreed to, and when. */
  consentVersion: string;
  consentAt: Date;
  marketingOptIn: boolean;
  userAgent: string | null;
  /** Salted hash of the client address; never the address itself. */
  ipHash: string | null;
}

export interface Lead extends LeadInput {
  id: number;
  /** Random, unguessable id used in links and cookies (the row id would reveal how many leads exist). */
  publicId: string;
  createdAt: Date;
  updatedAt: Date;
  /** How many times the form was sent for this email and series. */
  submissions: number;
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

export interface LeadStore {
  /** Inserts the lead, or updates the one with the same email and series; never a second row. */
  upsertLead(input: LeadInput): Promise<{ lead: Lead; created: boolean }>;
  /** The lead a link or cookie names. */
  findLead(publicId: string): Promise<Lead | undefined>;
  /** Every consent the lead gave, oldest first: a repeat submission adds one, it never rewrites history. */
  consentHistory(leadId: number): Promise<{ version: string; at: Date; marketingOptIn: boolean }[]>;
  /** Records that a download link was issued. */
  recordLink(leadId: number, issuedAt: Date, expiresAt: Date): Promise<void>;
  /** The lead's link that stays valid longest, if it is still valid at `validAt`: to reuse, not issue anew. */
  currentLink(leadId: number, validAt: Date): Promise<IssuedLink | undefined>;
  /** Throws, storing nothing, when `range` is not a byte range `start-end`. */
  recordDownload(input: DownloadInput): Promise<void>;
  /** Every lead, oldest first; of one series when given. */
  listLeads(series?: string): Promise<Lead[]>;
  countDownloads(leadId: number): Promise<number>;
  /** Everything kept about the person with this email (any case), in every series. */
  findPerson(email: string): Promise<PersonRecord>;
  /** Erases the person's leads, every row of those leads and every other row that holds the email, at once. */
  erasePerson(email: string): Promise<Erasure>;
  /** Erases the leads last submitted before `before`, with their rows; returns how many leads. */
  purgeLeads(before: Date): Promise<number>;
  /**
   * A fixed-window limiter named `name` (its counts apart from other names'), counting where the store
   * counts: in this process for SQLite (one server), in the database for PostgreSQL (every server).
   */
  limiter(name: string, options: LimitOptions): RateLimiter;
  /** Problems an integrity check finds in the store's storage; none when it is sound. */
  quickCheck(): Promise<string[]>;
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
