import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import HomePage from '../../src/pages/index.astro';
import { getCurrentSeries } from '../../src/data/series.ts';

let html: string;
beforeAll(async () => {
  const container = await AstroContainer.create({ astroConfig: { site: 'https://example.org' } });
  html = await container.renderToString(HomePage, { request: new Request('http://localhost/') });
});

/** The entries of the home page's index of trends: number, its label and the headline. */
function entries() {
  const list = /<ol class="trend-index"[^>]*>([\s\S]*?)<\/ol>/.exec(html)?.[1] ?? '';
  return [...list.matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map(([, item]) => {
    const text = (re: RegExp) =>
      (re.exec(item!)?.[1] ?? '')
        .replace(/<[^>]+>/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    return {
      number: text(/<span class="number"[^>]*>([\s\S]*?)<\/span>/),
      label: text(/<span class="key-label"[^>]*>([\s\S]*?)<\/span>/),
      headline: text(/<h3[^>]*>([\s\S]*?)<\/h3>/).replace(/^Trend \d+: /, ''),
      item: item!,
    };
  });
}

const words = (text: string) =>
  text
    .toLowerCase()
    .split(/[^a-z0-9/&]+/)
    .filter((w) => w.length > 3 && !['more', 'than', 'less', 'most', 'with', 'their'].includes(w));

describe('the home page index of trends (review round 5: the claim said twice)', () => {
  it('shows each number with a short label of what it counts, not the headline again', () => {
    const numbered = entries().filter((e) => e.number !== '');
    expect(numbered.length).toBeGreaterThanOrEqual(5);
    for (const { number, label, headline } of numbered) {
      expect(label, `${number}: ${headline}`).not.toBe('');
      // A few words (the brief's example: "of large firms raised budgets"), not the row's sentence.
      expect(label.length, `${number} ${label}`).toBeLessThanOrEqual(32);
      expect(label.split(' ').length, `${number} ${label}`).toBeLessThanOrEqual(5);
      // At most two of the headline's words: the label says what is counted, the headline makes the claim.
      // (Round 9: where the headline states the number, the number and its label are the heading.)
      if (headline === `${number} ${label}`) continue;
      const shared = words(label).filter((w) => words(headline).includes(w));
      expect(shared.length, `${number} ${label} / ${headline}`).toBeLessThanOrEqual(2);
    }
  });

  it('says nothing about missing figures on the entries without a number', () => {
    const plain = entries().filter((e) => e.number === '');
    expect(plain.length).toBeGreaterThan(0);
    for (const { item } of plain) {
      expect(item).not.toMatch(/published/i);
      // Review round 6: "Reported in words, without a number" on three entries: the card simply has no number.
      expect(item).not.toMatch(/reported in words|without a number/i);
      expect(item).not.toContain('class="key');
    }
  });

  it('gives the entry whose chart leads the page its number and its question too, as every other', () => {
    const charted = entries().find((e) => /the chart above/i.test(e.item));
    expect(charted).toBeDefined();
    expect(charted!.number).toMatch(/^\d+%$/);
    expect(charted!.label).not.toBe('');
    // A reconstructed question stays off the home page's cards (round 13); a published one says so.
    expect(charted!.item).not.toMatch(/Question reconstructed from the finding/);
    for (const entry of entries()) expect(entry.item).not.toMatch(/in substance/i);
  });

  it('draws no number line beside the numbers: each answers its own question (round 11)', () => {
    for (const entry of entries()) {
      expect(entry.item).not.toContain('<svg');
      // The series' questions are all reconstructed from their findings: no question line on a card (round 13).
      expect(entry.item).not.toContain('class="asked');
    }
  });
});

describe('the home page as shared (review round 6: og:title was the site name alone)', () => {
  it('titles the page with the lead finding, in og:title and the document title', () => {
    const og = /<meta property="og:title" content="([^"]*)"/.exec(html)?.[1];
    const h1 = (/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)?.[1] ?? '').replace(/<[^>]+>/g, '').trim();
    expect(h1).toMatch(/\d+%/);
    expect(og).toBe(h1);
    expect(/<title>([^<]*)<\/title>/.exec(html)?.[1]).toContain(h1);
  });
});

describe('one pattern for every entry (round 14: some entries were their number, some their headline)', () => {
  it('links every entry by its headline, under its number and what it counts where the trend has one', async () => {
    const series = await getCurrentSeries();
    for (const trend of series.trends) {
      const item = entries().find((e) => e.item.includes(`href="${trend.href}"`));
      expect(item, trend.href).toBeDefined();
      // The headline is the entry's heading and its link, also where it states the number (round 9 made the
      // number the link there, and the index mixed two patterns).
      expect(item!.headline, trend.href).toBe(trend.data.title);
      expect(item!.item, trend.href).toMatch(/<h3[^>]*>\s*<a href=/);
      if (trend.keyValue) {
        // The number and its label sit above the heading, outside the link.
        const key = /<p class="key"[^>]*>([\s\S]*?)<\/p>/.exec(item!.item)?.[1] ?? '';
        expect(key, trend.href).toContain(item!.number);
        expect(key, trend.href).not.toContain('<a ');
        expect(item!.item.indexOf('class="key"')).toBeLessThan(item!.item.indexOf('<h3'));
      } else {
        expect(item!.number, trend.href).toBe('');
      }
    }
  });
});
