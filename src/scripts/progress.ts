/**
 * Reading progress, in this browser only (localStorage; no cookie, nothing sent). A trend counts as read
 * once the end of its article (`[data-progress-end]`) comes into view. Marks read trends
 * (`[data-read-mark]`, hidden until then) and points `[data-continue]` links at the first unread trend of
 * the newest series started. Without JavaScript or storage, pages stay as built: nothing marked.
 */
import {
  continueWith,
  markRead,
  markStarted,
  parseProgress,
  PROGRESS_KEY,
  type Progress,
  type SeriesOutline,
} from '../lib/reading-progress.ts';

function load(): Progress {
  try {
    return parseProgress(localStorage.getItem(PROGRESS_KEY));
  } catch {
    return parseProgress(null);
  }
}

function save(progress: Progress): void {
  try {
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
  } catch {
    // Storage full or refused: progress is simply not kept.
  }
}

function showMarks(progress: Progress): void {
  for (const mark of document.querySelectorAll<HTMLElement>('[data-read-mark]')) {
    mark.hidden = !progress.read.includes(mark.dataset.readMark ?? '');
  }
}

function offerContinue(progress: Progress): void {
  const outline = document.querySelector('[data-progress-outline]')?.textContent;
  if (!outline) return;
  const target = continueWith(JSON.parse(outline) as SeriesOutline[], progress);
  if (!target) return;
  for (const link of document.querySelectorAll<HTMLAnchorElement>(`[data-continue="${target.seriesHref}"]`)) {
    link.href = target.href;
    (link.querySelector('[data-continue-label]') ?? link).textContent = `Continue with Trend ${target.order}`;
    link.hidden = false;
  }
}

function watchEnd(end: HTMLElement): void {
  const { series = '', trend = '' } = end.dataset;
  save(markStarted(load(), series));
  if (!('IntersectionObserver' in window)) return;
  const observer = new IntersectionObserver((entries) => {
    if (!entries.some((entry) => entry.isIntersecting)) return;
    observer.disconnect();
    const progress = markRead(load(), series, trend);
    save(progress);
    showMarks(progress);
  });
  observer.observe(end);
}

const end = document.querySelector<HTMLElement>('[data-progress-end]');
if (end) watchEnd(end);
const progress = load();
showMarks(progress);
offerContinue(progress);
