import { describe, expect, it } from 'vitest';
import { cardDrawer, IN_THREAD } from '../../src/integrations/social-images/draw-pool.ts';
import { drawCard } from '../../src/integrations/social-images/draw.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';

describe('cardDrawer', () => {
  it('draws on worker threads the same PNGs as the build thread does', async () => {
    const cards = siteCards(process.cwd())
      .slice(0, IN_THREAD + 1)
      .map((c) => c.card);
    expect(cards.length).toBe(IN_THREAD + 1);
    const drawer = cardDrawer(cards.length);
    try {
      const pooled = await Promise.all(cards.map((card) => drawer.draw(card)));
      for (const [i, card] of cards.entries()) expect(pooled[i]!.equals(await drawCard(card))).toBe(true);
    } finally {
      await drawer.close();
    }
  }, 30_000);
});
