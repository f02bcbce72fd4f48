/**
 * Reading progress as it is kept in the reader's browser (localStorage, never sent anywhere): which
 * trends were read to the end, and which series were started. Pure functions; the page script
 * (`src/scripts/progress.ts`) does the storage and the DOM.
 */

/** The localStorage key. */
export const PROGRESS_KEY = 'mt-reading-progress';

/** What is stored: hrefs of the trends read to their end, hrefs of the series opened. */
export interface Progress {
  read: string[];
  started: string[];
}

/** A series as the home page hands it to the script: its href and its trends in series order. */
export interface SeriesOutline {
  href: string;
  trends: { href: string; order: number }[];
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];

/** The stored progress; anything missing, unreadable or from another version counts as nothing read. */
export function parseProgress(raw: string | null): Progress {
  try {
    const value = JSON.parse(raw ?? '') as unknown;
    if (typeof value !== 'object' || value === null) return { read: [], started: [] };
    const { read, started } = value as Record<string, unknown>;
    return { read: strings(read), started: strings(started) };
  } catch {
    return { read: [], started: [] };
  }
}

const adding = (list: string[], item: string) => (list.includes(item) ? list : [...list, item]);

/** The progress once the reader has opened a trend of this series. */
export const markStarted = (progress: Progress, seriesHref: string): Progress => ({
  ...progress,
  started: adding(progress.started, seriesHref),
});

/** The progress once the reader has reached the end of this trend (which also starts its series). */
export const markRead = (progress: Progress, seriesHref: string, trendHref: string): Progress => ({
  read: adding(progress.read, trendHref),
  started: adding(progress.started, seriesHref),
});

/**
 * Where "Continue" leads: the first unread trend of the newest series the reader started (series come
 * newest first). Undefined when no series was started, or the newest one started is read to the end.
 */
export function continueWith(
  series: readonly SeriesOutline[],
  progress: Progress,
): { seriesHref: string; href: string; order: number } | undefined {
  const started = series.find((s) => progress.started.includes(s.href));
  const next = started?.trends.find((trend) => !progress.read.includes(trend.href));
  return started && next ? { seriesHref: started.href, ...next } : undefined;
}
