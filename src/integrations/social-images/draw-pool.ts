/**
 * Draws cards on worker threads (Piscina): Satori lays out a card in about 15 ms of JavaScript, which on
 * the build's own thread would hold up Astro's work. Up to `ONE_THREAD` cards (a site of a few dozen
 * trends) get one worker, started with the build, beside Vite's bundling (each worker loads Satori, resvg
 * and sharp, which costs time and memory); more are drawn when the build is done, one worker per core.
 */
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import type { Card } from '../../lib/social-image/card.ts';

/** Up to this many cards are drawn by a single worker thread. */
export const ONE_THREAD = 32;

export interface CardDrawer {
  /** A card's PNG. */
  draw: (card: Card) => Promise<Buffer>;
  /** Stops the workers, once every card is drawn. */
  close: () => Promise<void>;
  /** How many worker threads draw. */
  threads: () => number;
}

/** A drawer for `count` cards: no worker for none, one for up to `oneThread`, one per core above. */
export function cardDrawer(count: number, oneThread = ONE_THREAD): CardDrawer {
  if (count === 0) {
    return {
      draw: () => Promise.reject(new Error('a drawer for no card was asked to draw one')),
      close: async () => {},
      threads: () => 0,
    };
  }
  const threads = count <= oneThread ? 1 : availableParallelism();
  // Every worker starts at once, loading its libraries while the build does its own work.
  const pool = new Piscina<Card, Uint8Array>({
    filename: new URL('./draw-worker.ts', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
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
