import { describe, expect, it } from 'vitest';
import { cardDrawer } from '../../src/integrations/social-images/draw-pool.ts';
import { drawCard } from '../../src/integrations/social-images/draw.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';

describe('cardDrawer', () => {
  it('draws on worker threads the same PNGs as the build thread does', async () => {
    const cards = siteCards(process.cwd())
      .slice(0, 3)
      .map((c) => c.card);
    // Three cards, over a threshold of two: the pool's workers draw them.
    const drawer = cardDrawer(cards.length, 2);
    try {
      const pooled = await Promise.all(cards.map((card) => drawer.draw(card)));
      expect(drawer.threads()).toBeGreaterThan(0);
      for (const [i, card] of cards.entries()) expect(pooled[i]!.equals(await drawCard(card))).toBe(true);
    } finally {
      await drawer.close();
    }
  }, 30_000);

  it('draws a few cards on the build thread, starting no worker', async () => {
    const [card] = siteCards(process.cwd()).map((c) => c.card);
    const drawer = cardDrawer(1);
    expect((await drawer.draw(card!)).equals(await drawCard(card!))).toBe(true);
    expect(drawer.threads()).toBe(0);
    await drawer.close();
  });
});
