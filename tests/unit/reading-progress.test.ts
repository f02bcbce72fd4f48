import { describe, expect, it } from 'vitest';
import { continueWith, markRead, markStarted, parseProgress, type Progress } from '../../src/lib/reading-progress.ts';

const outline = (href: string, count: number) => ({
  href,
  trends: Array.from({ length: count }, (_, i) => ({ href: `${href}t${i + 1}/`, order: i + 1 })),
});
/** Newest first, as the home page lists them. */
const editions = [outline('/new/', 3), outline('/old/', 3)];
const none: Progress = { read: [], started: [] };

describe('parseProgress', () => {
  it('reads back what markRead stored', () => {
    const progress = markRead(none, '/old/', '/old/t1/');
    expect(parseProgress(JSON.stringify(progress))).toEqual({ read: ['/old/t1/'], started: ['/old/'] });
  });

  it('treats a missing, broken or foreign value as nothing read', () => {
    for (const raw of [null, '', '{', '42', 'null', '{"read":"x"}', '{"read":[1,{}]}']) {
      expect(parseProgress(raw), String(raw)).toEqual(none);
    }
  });
});

describe('markRead', () => {
  it('records a trend once, however often it is finished', () => {
    const twice = markRead(markRead(none, '/old/', '/old/t1/'), '/old/', '/old/t1/');
    expect(twice).toEqual({ read: ['/old/t1/'], started: ['/old/'] });
  });
});

describe('continueWith', () => {
  it('offers nothing to a reader who has not started any series', () => {
    expect(continueWith(editions, none)).toBeUndefined();
  });

  it('offers the first unread trend of the series started, even when a later one was read', () => {
    const progress = markRead(markRead(none, '/old/', '/old/t1/'), '/old/', '/old/t3/');
    expect(continueWith(editions, progress)).toEqual({ seriesHref: '/old/', href: '/old/t2/', order: 2 });
  });

  it('offers trend 1 of a series opened but not yet read to the end of any trend', () => {
    expect(continueWith(editions, markStarted(none, '/new/'))).toMatchObject({ href: '/new/t1/', order: 1 });
  });

  it('prefers the newest series started over an older one', () => {
    const progress = markStarted(markRead(none, '/old/', '/old/t1/'), '/new/');
    expect(continueWith(editions, progress)?.seriesHref).toBe('/new/');
  });

  it('offers nothing once the newest series started is read to the end', () => {
    const progress = ['/new/t1/', '/new/t2/', '/new/t3/'].reduce((p, href) => markRead(p, '/new/', href), none);
    expect(continueWith(editions, progress)).toBeUndefined();
  });
});
