/**
 * The social images, served by prerendered endpoints (`og.png.ts` beside each page): each is drawn from
 * its card's data at build time, or read from the cache when nothing it depends on changed. A drawn
 * image is logged, so a build shows which images it had to draw.
 */
import type { Card } from '../../lib/social-image/card.ts';
import { cardKey, imageCache } from './cache.ts';
import { drawCard } from './draw.ts';

/** The PNG of a card: from the cache, or drawn and cached. */
export async function cardImage(card: Card, path: string): Promise<Buffer> {
  const cache = imageCache();
  const key = cardKey(card);
  const cached = cache.get(key);
  if (cached) return cached;
  const png = await drawCard(card);
  cache.put(key, png);
  console.info(`[social-images] drew ${path}`);
  return png;
}

/** The endpoint's response for a card. */
export async function cardResponse(card: Card, path: string): Promise<Response> {
  const png = await cardImage(card, path);
  return new Response(new Uint8Array(png), { headers: { 'Content-Type': 'image/png' } });
}
