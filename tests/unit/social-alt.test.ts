import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';
import { articleSlug } from '../../src/lib/content/article-slug.ts';
import { buildNow } from '../../src/lib/content/build-now.ts';
import { readSite } from '../../src/lib/content/files.ts';
import { readSeriesFromDisk } from '../../src/lib/content/series-files.ts';
import { readSummaries } from '../../src/lib/content/summaries.ts';
import { publishedFigures, visibleTrends } from '../../src/lib/publication.ts';
import { pageSocial, type SeriesPage } from '../../src/lib/seo/page-social.ts';
import { sortBySeriesOrder } from '../../src/lib/series-order.ts';
import { cardAlt } from '../../src/lib/social-image/alt.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const site = readSite(root);
const now = buildNow();
const { summaries } = readSummaries(root, false, now);
const origin = new URL('https://trends.example.org');

/** A series as its prerendered pages have it (`Astro.locals.series`): this build's trends and figures. */
function seriesPage(id: string): SeriesPage {
  const disk = readSeriesFromDisk(root, id);
  const href = `/${id}/`;
  const trends = sortBySeriesOrder(visibleTrends(disk.trends, now).map((t) => ({ ...t, order: t.data.order })));
  return {
    id,
    href,
    data: disk.data!,
    figures: publishedFigures(disk, now).figures,
    trends: trends.map((t) => ({
      href: `${href}${articleSlug(t.file)}/`,
      order: t.order,
      data: t.data,
      entry: { body: t.source },
    })),
  };
}

describe('the alternative text of every social image', () => {
  const cards = siteCards(root);

  it('is read from the card the build draws, for every card (round 8: the series card drew one chart, its alt text named three other numbers)', () => {
    expect(cards.map((c) => c.path)).toContain('/ml-trends-2021/og.png');
    for (const { path, card } of cards) {
      const page = path.replace(/og\.png$/, '');
      const summary = summaries.find((s) => page.startsWith(s.href));
      // The report page is rendered on demand, from the summaries only; every other series page has its series.
      const series = summary && page !== `${summary.href}report/` ? seriesPage(summary.id) : undefined;
      const social = pageSocial({ path: page, site, origin, series, summaries });
      expect(social.image.href, page).toBe(path);
      expect(social.image.alt, page).toBe(cardAlt(card));
    }
  });

  it('of a card with a chart names each value the chart draws', () => {
    const charted = cards.filter(({ card }) => card.kind === 'overview' && card.figure);
    expect(charted.map((c) => c.path)).toEqual(expect.arrayContaining(['/ml-trends-2021/og.png']));
    for (const { path, card } of charted) {
      const alt = cardAlt(card);
      for (const row of card.figure!.rows.filter((r) => card.figure!.unit === 'percent' && r.value !== undefined))
        expect(alt, `${path}: ${row.label}`).toContain(`${row.value}%`);
    }
  });

  it('of the home card reads the claim the home page opens on, with its base and source (not three claims)', () => {
    const home = cards.find((c) => c.path === '/og.png')!.card;
    // Social cards round 2: the home card draws the page's lead chart; its alt reads it out, with its source.
    expect(home.kind === 'overview' && home.numbers).toBeUndefined();
    expect(home.kind === 'overview' && home.figure?.id).toBe(summaries[0]!.homeLead!.figure.id);
    expect(cardAlt(home)).toContain(home.title);
    expect(cardAlt(home)).toContain('(base not published)');
    expect(cardAlt(home)).toContain('Source: Algorithmia’s survey of 403, fielded November 2020');
  });
});
