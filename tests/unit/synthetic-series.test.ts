import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BENCH_SERIES, benchProject } from '../build/synthetic-series.ts';
import { readSeriesFromDisk, seriesProblems } from '../../src/lib/content/series-files.ts';
import { buildNow } from '../../src/lib/content/build-now.ts';

describe('the synthetic series of npm run bench:build', () => {
  it('passes the checks a build makes, so that the bench can build it', () => {
    const { dir } = benchProject(5);
    try {
      expect(seriesProblems(readSeriesFromDisk(dir, BENCH_SERIES), buildNow())).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
