import { describe, expect, it } from 'vitest';
import {
  parseBuildNow,
  publicationStatus,
  publishedFigures,
  visibleTrends,
  type Publishable,
} from '../../src/lib/publication.ts';
import { buildNow } from '../../src/lib/content/build-now.ts';

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const trend = (published: string, draft = false, figures: string[] = []) => ({
  data: { published: day(published), draft, figures } satisfies Publishable & { figures: string[] },
});
const NOW = new Date('2026-03-16T09:30:00Z');

describe('publicationStatus', () => {
  it('calls a trend dated today or earlier published, from 00:00 UTC of its day', () => {
    expect(publicationStatus(trend('2026-03-16').data, NOW)).toBe('published');
    expect(publicationStatus(trend('2021-01-05').data, NOW)).toBe('published');
    expect(publicationStatus(trend('2026-03-16').data, new Date('2026-03-15T23:59:59Z'))).toBe('scheduled');
  });

  it('calls a trend dated after now scheduled, and one marked draft a draft whatever its date', () => {
    expect(publicationStatus(trend('2026-03-17').data, NOW)).toBe('scheduled');
    expect(publicationStatus(trend('2021-01-05', true).data, NOW)).toBe('draft');
    expect(publicationStatus(trend('2030-01-01', true).data, NOW)).toBe('draft');
  });
});

describe('visibleTrends and publishedFigures', () => {
  const trends = [
    trend('2021-01-05', false, ['a', 'shared']),
    trend('2021-01-12', true, ['b', 'shared']),
    trend('2027-01-01', false, ['c']),
  ];
  const figures = ['a', 'b', 'c', 'shared', 'report-only'].map((id) => ({ id }));

  it('keeps only the published trends in production, every trend in development', () => {
    expect(visibleTrends(trends, NOW)).toEqual([trends[0]]);
    expect(visibleTrends(trends, NOW, true)).toEqual(trends);
  });

  it('withholds the figures only unpublished trends use, and keeps shared and unlisted ones', () => {
    expect(publishedFigures({ figures, trends }, NOW).figures.map((f) => f.id)).toEqual(['a', 'shared', 'report-only']);
  });

  it('withholds a key number whose figure only a draft or a scheduled trend uses, naming those trends', () => {
    const keyNumbers = ['a', 'b', 'c', 'report-only'].map((figure) => ({ figure, label: 'Row' }));
    const published = publishedFigures({ figures, trends, keyNumbers }, NOW);
    expect(published.figures.map((f) => f.id)).toEqual(['a', 'shared', 'report-only']);
    expect(published.keyNumbers.map((k) => k.figure)).toEqual(['a', 'report-only']);
    expect(published.withheld).toEqual([
      { index: 1, figure: 'b', usedBy: [trends[1]] },
      { index: 2, figure: 'c', usedBy: [trends[2]] },
    ]);
  });

  it("keeps only the index's headline numbers whose figure is out, whatever the key numbers are", () => {
    const indexNumbers = ['shared', 'c', 'report-only', 'b'].map((figure) => ({ figure, label: 'Row' }));
    const out = publishedFigures({ figures, trends, indexNumbers }, NOW);
    expect(out.indexNumbers.map((k) => k.figure)).toEqual(['shared', 'report-only']);
    expect(out.keyNumbers).toEqual([]);
    expect(out.withheld).toEqual([]);
    const dev = publishedFigures({ figures, trends, indexNumbers }, NOW, true);
    expect(dev.indexNumbers.map((k) => k.figure)).toEqual(['shared', 'c', 'report-only', 'b']);
  });

  it("counts a published trend's key figure as a use of its figure", () => {
    const keyed = { data: { ...trends[0]!.data, figures: [], keyFigure: { figure: 'c', label: 'Row' } } };
    const out = publishedFigures({ figures, trends: [...trends, keyed] }, NOW).figures.map((f) => f.id);
    expect(out).toEqual(['a', 'c', 'shared', 'report-only']);
  });

  it('withholds nothing in development', () => {
    const keyNumbers = [{ figure: 'c', label: 'Row' }];
    const all = publishedFigures({ figures, trends, keyNumbers }, NOW, true);
    expect(all.figures).toEqual(figures);
    expect(all.keyNumbers).toEqual(keyNumbers);
    expect(all.withheld).toEqual([]);
  });
});

describe('BUILD_NOW', () => {
  it('reads a date or an ISO date and time, and falls back when unset', () => {
    const fallback = new Date('2020-01-01T00:00:00Z');
    expect(parseBuildNow('2026-03-16', fallback).toISOString()).toBe('2026-03-16T00:00:00.000Z');
    expect(parseBuildNow('2026-03-16T09:00:00Z', fallback).toISOString()).toBe('2026-03-16T09:00:00.000Z');
    expect(parseBuildNow(undefined, fallback)).toBe(fallback);
    expect(parseBuildNow(' ', fallback)).toBe(fallback);
  });

  it('refuses a value that is not a date, naming the variable', () => {
    for (const bad of ['tomorrow', '2026-02-30', '16/03/2026', '2026-13-01T00:00:00Z']) {
      expect(() => parseBuildNow(bad, NOW), bad).toThrow(/^BUILD_NOW is ".*": set it to a date \(YYYY-MM-DD\)/);
    }
  });

  it('is read once: the first reader writes it back so that every later one, and child processes, agree', () => {
    const env: NodeJS.ProcessEnv = {};
    const first = buildNow(env);
    expect(env.BUILD_NOW).toBe(first.toISOString());
    expect(buildNow(env).getTime()).toBe(first.getTime());
    expect(buildNow({ BUILD_NOW: '2021-03-16' }).toISOString()).toBe('2021-03-16T00:00:00.000Z');
  });
});
