/**
 * Writes `dist/.build-stamp` when a build is done: the moment it decided what is published by, the
 * SITE_URL its links were written for, and whether it printed the report PDF. `npm start` serves a build
 * whose stamp is newer than every source and matches its own settings, and builds again otherwise: so
 * `npm run build` then `npm start` builds once, and a `build:site` is not served as a whole build.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { buildSettings, stampText } from '../lib/build-stamp.ts';

export function buildStamp(now: Date): AstroIntegration {
  return {
    name: 'build-stamp',
    hooks: {
      'astro:build:done': ({ dir }) => {
        writeFileSync(fileURLToPath(new URL('../.build-stamp', dir)), stampText(now, buildSettings()));
      },
    },
  };
}
