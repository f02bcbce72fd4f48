/**
 * Writes `dist/.build-stamp` when a build is done: the moment it decided what is published by, the
 * SITE_URL its links were written for, and whether it printed the report PDF. `npm start` serves a build
 * whose stamp is newer than every source and matches its own settings, and builds again otherwise: so
 * `npm run build` then `npm start` builds once, and a `build:site` is not served as a whole build.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { reportPdfEnabled } from '../lib/report-pdf-setting.ts';
import { siteUrl } from '../lib/site-url.ts';

/** Where the stamp is, under the project's root, and what it says. */
export const BUILD_STAMP = 'dist/.build-stamp';

/**
 * What a build was made with, as a stamp compares it: the origin its links name (SITE_URL, else the server's
 * own, http://localhost:PORT: src/lib/site-url.ts) and the report PDF.
 */
export function buildSettings(env: NodeJS.ProcessEnv = process.env): { site: string; report: boolean } {
  return { site: siteUrl(env), report: reportPdfEnabled(env) };
}

export function stampText(now: Date, settings: { site: string; report: boolean }): string {
  return `${now.toISOString()}\n${settings.site}\n${settings.report ? 'report' : 'no report'}`;
}

/** The stamp's moment and settings; `report` is undefined in a stamp that does not say (an older one). */
export function readStamp(text: string): { builtAt: Date | undefined; site: string; report: boolean | undefined } {
  const [moment = '', site = '', report = ''] = text.split('\n');
  const builtAt = new Date(moment);
  const printed = report === 'report' ? true : report === 'no report' ? false : undefined;
  return { builtAt: Number.isNaN(builtAt.getTime()) ? undefined : builtAt, site, report: printed };
}

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
