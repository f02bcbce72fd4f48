/**
 * Whether a store error means the store cannot take writes for now (a full disk, an I/O error, no memory,
 * the database server gone or read-only), not that this request was wrong: the reader is asked to try
 * again later (503), and `/healthz` fails, until the operator has made room or brought the database back.
 */

/** SQLite's primary result codes that say so (an extended code carries its primary one in its low byte). */
const SQLITE_UNAVAILABLE = new Set([
  5, // SQLITE_BUSY: another process held the write lock past busy_timeout
  7, // SQLITE_NOMEM
  8, // SQLITE_READONLY: the file system was remounted read-only, say
  10, // SQLITE_IOERR
  13, // SQLITE_FULL: the disk is full
  14, // SQLITE_CANTOPEN
]);

/** PostgreSQL's SQLSTATE classes that say so: connection, insufficient resources, operator intervention, system. */
const POSTGRES_UNAVAILABLE_CLASSES = ['08', '53', '57', '58'];
/** 25006: a read-only transaction, on a standby after a failover. */
const POSTGRES_UNAVAILABLE_CODES = new Set(['25006']);

/** Node's errors for a database server it cannot reach. */
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ENOTFOUND',
]);

export function storeUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, errcode } = error as Error & { code?: unknown; errcode?: unknown };
  if (code === 'ERR_SQLITE_ERROR' && typeof errcode === 'number') return SQLITE_UNAVAILABLE.has(errcode & 0xff);
  if (typeof code === 'string') {
    if (NETWORK.has(code) || POSTGRES_UNAVAILABLE_CODES.has(code)) return true;
    if (/^[0-9A-Z]{5}$/.test(code)) return POSTGRES_UNAVAILABLE_CLASSES.some((prefix) => code.startsWith(prefix));
  }
  // pg's own, for a connection lost or never made.
  return /^Connection terminated|^timeout exceeded when trying to connect|not queryable/.test(error.message);
}

/** What a reader is told, with a 503 and Retry-After, when a link's page or action cannot be written for now. */
export const STORE_BUSY_TEXT =
  'We cannot take requests right now, and nothing was changed. Please try again in a few minutes.';

/** Seconds a 503 for an unavailable store asks the client to wait. */
export const STORE_RETRY_AFTER = '300';
