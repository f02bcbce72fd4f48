import type { ServerResponse } from 'node:http';
import { CorruptReportManifest, findReport } from '../report-file.ts';
import type { LeadStore } from '../store/index.ts';

export interface HealthChecks {
  store: LeadStore;
  reportDir: string;
  /** The series whose report PDF must be there. */
  series: string[];
  timeoutMs?: number;
}

type Verdict = 'ok' | 'missing' | 'corrupt' | 'failing' | 'timeout';

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

/**
 * What `/healthz` reports: the lead store commits a small write (reads alone go on working on a full disk
 * or a read-only database, where no form can be stored), and every series' report PDF is on disk.
 */
export async function checkHealth({ store, reportDir, series, timeoutMs = 2000 }: HealthChecks) {
  const storeVerdict: Verdict = await within(store.checkWrite(), timeoutMs).then(
    () => 'ok',
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
