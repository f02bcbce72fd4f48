/**
 * What `dist/.build-stamp` says, written when a build is done (src/integrations/build-stamp.ts) and read
 * by `npm start`: the moment the build decided what is published by, the SITE_URL its links were written
 * for, and whether it printed the report PDF.
 */
import { reportPdfEnabled } from './report-pdf-setting.ts';
import { siteUrl } from './site-url.ts';

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
