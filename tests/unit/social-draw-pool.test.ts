import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { cardDrawer } from '../../src/integrations/social-images/draw-pool.ts';
import { drawCard } from '../../src/integrations/social-images/draw.ts';
import { siteCards } from '../../src/integrations/social-images/site-cards.ts';

describe('cardDrawer', () => {
  it('draws on worker threads the same PNGs as the build thread does', async () => {
    const cards = siteCards(process.cwd())
      .slice(0, 3)
      .map((c) => c.card);
    // Three cards, over a threshold of two: a worker per core draws them.
    const drawer = cardDrawer(cards.length, 2);
    try {
      const pooled = await Promise.all(cards.map((card) => drawer.draw(card)));
      expect(drawer.threads()).toBe(availableParallelism());
      for (const [i, card] of cards.entries()) expect(pooled[i]!.equals(await drawCard(card))).toBe(true);
    } finally {
      await drawer.close();
    }
  }, 30_000);

  it('draws a few cards on a single worker thread, never on the build thread', async () => {
    const [card] = siteCards(process.cwd()).map((c) => c.card);
    const drawer = cardDrawer(1);
    try {
      expect((await drawer.draw(card!)).equals(await drawCard(card!))).toBe(true);
      expect(drawer.threads()).toBe(1);
    } finally {
      await drawer.close();
    }
  }, 30_000);

  it('starts no worker when there is no card to draw', async () => {
    const drawer = cardDrawer(0);
    expect(drawer.threads()).toBe(0);
    await drawer.close();
  });
});
