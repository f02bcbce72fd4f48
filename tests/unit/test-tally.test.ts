import { describe, expect, it } from 'vitest';
import { vitestFailures, type VitestReport } from '../../scripts/test-tally.ts';

/** `npm test`'s summary line counts what failed, including a file whose setup threw before any test ran. */
describe('vitestFailures', () => {
  const report = (files: { status: string; tests: string[] }[]): VitestReport => {
    const all = files.flatMap((f) => f.tests);
    return {
      numPassedTests: all.filter((s) => s === 'passed').length,
      numFailedTests: all.filter((s) => s === 'failed').length,
      numPendingTests: all.filter((s) => s === 'skipped').length,
      numTodoTests: 0,
      testResults: files.map((f) => ({ status: f.status, assertionResults: f.tests.map((status) => ({ status })) })),
    };
  };

  it('counts a file whose setup threw (its tests reported as skipped) as a failure beside failed tests', () => {
    const run = report([
      { status: 'failed', tests: ['passed', 'failed'] },
      { status: 'failed', tests: ['skipped', 'skipped', 'skipped'] },
      { status: 'passed', tests: ['passed'] },
    ]);
    expect(vitestFailures(run, 1)).toBe(2);
  });

  it('counts nothing for a passing run, and one for a run that failed without reporting why', () => {
    expect(vitestFailures(report([{ status: 'passed', tests: ['passed'] }]), 0)).toBe(0);
    expect(vitestFailures(report([{ status: 'passed', tests: ['passed'] }]), 1)).toBe(1);
  });
});
