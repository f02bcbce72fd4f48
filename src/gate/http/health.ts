import { statfs } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import type { Config } from '../config.ts';
import { CorruptReportManifest, findReport } from '../report-file.ts';
import type { LeadStore } from '../store/index.ts';

export interface HealthChecks {
  store: LeadStore;
  reportDir: string;
  /** The series whose report PDF must be there. */
  series: string[];
  timeoutMs?: number;
  /** A SQLite store's directory, and the free bytes below which a form may not fit there. */
  disk?: { dir: string; minFreeBytes: number };
}

type Verdict = 'ok' | 'missing' | 'corrupt' | 'failing' | 'timeout' | 'disk nearly full';

/**
 * The free bytes a SQLite store's file system must have for `/healthz` to pass: a form's transaction needs a
 * few pages of write-ahead log and database (tens of KB); 1 MB leaves room for many, and for the checkpoint.
 */
export const MIN_FREE_BYTES = 1024 * 1024;

/**
 * Where a form's write must find room: the SQLite store's DATA_DIR. (A PostgreSQL server's disk is not
 * this machine's: there, the write probe alone tells.)
 */
export function storeDisk(config: Pick<Config, 'LEAD_STORE' | 'dataDir'>): HealthChecks['disk'] {
  return config.LEAD_STORE === 'sqlite' ? { dir: config.dataDir, minFreeBytes: MIN_FREE_BYTES } : undefined;
}

/** Whether the file system holding `disk.dir` has fewer free bytes (for this unprivileged process) than the margin. */
async function nearlyFull(disk: HealthChecks['disk']): Promise<boolean> {
  if (!disk) return false;
  const { bavail, bsize } = await statfs(disk.dir);
  return bavail * bsize < disk.minFreeBytes;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * What `/healthz` reports: whether a form can be stored right now, and every series' report PDF is on disk.
 * The store commits a small write (reads alone go on working on a read-only database or a lost connection,
 * where no form can be stored). A one-row write fits where a form's transaction (a lead, its submission,
 * consent event, link and outbox rows, their index pages, in the write-ahead log) no longer does: so for
 * SQLite the file system of DATA_DIR must also have MIN_FREE_BYTES free, far more than a form needs.
 */
export async function checkHealth({ store, reportDir, series, timeoutMs = 2000, disk }: HealthChecks) {
  const probe = async () => {
    if (await nearlyFull(disk)) return 'disk nearly full' as const;
    await store.checkWrite();
    return 'ok' as const;
  };
  const storeVerdict: Verdict = await within(probe(), timeoutMs).then(
    (verdict) => verdict,
    (error: unknown) => ((error as Error).message === 'timeout' ? 'timeout' : 'failing'),
  );
  const reports: Record<string, Verdict> = {};
  for (const id of series) {
    try {
      reports[id] = findReport(reportDir, id) ? 'ok' : 'missing';
    } catch (error) {
      if (!(error instanceof CorruptReportManifest)) throw error;
      reports[id] = 'corrupt';
    }
  }
  const ok = storeVerdict === 'ok' && Object.values(reports).every((v) => v === 'ok');
  return { status: ok ? 'ok' : 'failing', store: storeVerdict, reports } as const;
}

/** Answers `/healthz`: 200 with the checks as JSON when all pass, 503 otherwise; never cached. */
export async function healthz(res: ServerResponse, checks: HealthChecks): Promise<void> {
  const health = await checkHealth(checks);
  const body = JSON.stringify(health);
  res.writeHead(health.status === 'ok' ? 200 : 503, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
