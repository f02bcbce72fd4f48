/** Counting a Vitest run's failures for `npm test`'s one-line summary (scripts/test-all.ts). */

export interface VitestReport {
  numPassedTests: number;
  numFailedTests: number;
  numPendingTests: number;
  numTodoTests: number;
  testResults?: { status: string; assertionResults: { status: string }[] }[];
}

/**
 * Failures in a Vitest report: every failed test, plus one for each file that failed with no failed test of its
 * own (its setup threw: its tests are reported as skipped, and would otherwise not count), plus one for a run
 * that exited with an error and reported no failure at all.
 */
export function vitestFailures(report: VitestReport, status: number | null): number {
  const brokenFiles = (report.testResults ?? []).filter(
    (file) => file.status === 'failed' && !file.assertionResults.some((test) => test.status === 'failed'),
  ).length;
  const failed = report.numFailedTests + brokenFiles;
  return failed + (status !== 0 && failed === 0 ? 1 : 0);
}
