/**
 * Writes `dist/.build-stamp` when a build is done: the moment it decided what is published by, and the
 * SITE_URL its links were written for. `npm start` serves a build whose stamp is newer than every source
 * and names the same SITE_URL, and builds again otherwise: so `npm run build` then `npm start` builds once.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';

/** Where the stamp is, under the project's root, and what it says. */
export const BUILD_STAMP = 'dist/.build-stamp';

export function stampText(now: Date, site: string): string {
  return `${now.toISOString()}\n${site}`;
}

/** The stamp's moment and SITE_URL (empty when the build had none). */
export function readStamp(text: string): { builtAt: Date | undefined; site: string } {
  const [moment = '', site = ''] = text.split('\n');
  const builtAt = new Date(moment);
  return { builtAt: Number.isNaN(builtAt.getTime()) ? undefined : builtAt, site };
}

export function buildStamp(now: Date): AstroIntegration {
  return {
    name: 'build-stamp',
    hooks: {
      'astro:build:done': ({ dir }) => {
        writeFileSync(fileURLToPath(new URL('../.build-stamp', dir)), stampText(now, process.env.SITE_URL ?? ''));
      },
    },
  };
}
