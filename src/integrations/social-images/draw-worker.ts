/**
 * A worker thread of the social images' pool (`draw-pool.ts`): draws one card, layout (Satori) and
 * pixels (resvg, sharp) alike, so that the cards' layouts, which are JavaScript, run on every core.
 */
import type { Card } from '../../lib/social-image/card.ts';
import { drawCard } from './draw.ts';

export default function draw(card: Card): Promise<Buffer> {
  return drawCard(card);
}
