/**
 * Draws many cards on worker threads (Piscina), one per core: Satori lays out a card in about 15 ms of
 * JavaScript, which on the build's own thread would leave the other cores idle (1,000 trends: about 15 s).
 * Up to `IN_THREAD` cards (a site of a few dozen trends) are drawn on this thread: starting the workers, each
 * loading Satori, resvg and sharp, costs about as much time, and memory (10 trends: a peak of 1.08 GB with
 * the workers, 1.02 GB without).
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Card } from '../../lib/social-image/card.ts';
import { drawCard } from './draw.ts';

/** At most this many cards are drawn on the build's own thread. */
export const IN_THREAD = 32;

export interface CardDrawer {
  /** A card's PNG. */
  draw: (card: Card) => Promise<Buffer>;
  /** Stops the workers, once every card is drawn. */
  close: () => Promise<void>;
  /** How many worker threads draw (0: this thread does). */
  threads: () => number;
}

/** A drawer for `count` cards: on this thread up to `inThread` of them, on worker threads above. */
export function cardDrawer(count: number, inThread = IN_THREAD): CardDrawer {
  if (count <= inThread) return { draw: drawCard, close: async () => {}, threads: () => 0 };
  const pool = new Piscina<Card, Uint8Array>({
    filename: new URL('./draw-worker.ts', import.meta.url).href,
    maxThreads: availableParallelism(),
  });
  return {
    // A Buffer crosses the thread boundary as a plain Uint8Array: the same bytes, without copying them again.
    draw: async (card) => {
      const png = await pool.run(card);
      return Buffer.from(png.buffer, png.byteOffset, png.byteLength);
    },
    close: () => pool.destroy(),
    threads: () => pool.threads.length,
  };
}
