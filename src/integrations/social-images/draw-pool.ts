/**
 * Draws many cards on worker threads (Piscina), one per core: Satori lays out a card in about 20 ms of
 * JavaScript, which on the build's own thread would leave the other cores idle (1,000 trends: about 20 s).
 * A few cards are drawn on this thread, where starting the workers (about 0.3 s each) would cost more.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Card } from '../../lib/social-image/card.ts';
import { drawCard } from './draw.ts';

/** At most this many cards are drawn on the build's own thread. */
export const IN_THREAD = 4;

/** A drawer of cards for `count` cards: `draw` a card's PNG, then `close` once every card is drawn. */
export function cardDrawer(count: number): { draw: (card: Card) => Promise<Buffer>; close: () => Promise<void> } {
  if (count <= IN_THREAD) return { draw: drawCard, close: async () => {} };
  const pool = new Piscina<Card, Uint8Array>({
    filename: new URL('./draw-worker.ts', import.meta.url).href,
    maxThreads: Math.max(1, Math.min(availableParallelism(), Math.ceil(count / IN_THREAD))),
  });
  return {
    // A Buffer crosses the thread boundary as a plain Uint8Array: the same bytes, without copying them again.
    draw: async (card) => {
      const png = await pool.run(card);
      return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    },
    close: () => pool.destroy(),
  };
}
