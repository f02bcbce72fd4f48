/**
 * The report PDF integration: when `astro build` is done, typesets each series' report (`reports.ts`) or
 * copies it from its cache; `REPORT_PDF=off` skips it.
 */
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { readSeries, readSite } from '../../lib/content/files.ts';
import { reportPdfEnabled } from '../../lib/report-pdf-setting.ts';
import { buildReports } from './reports.ts';

/** The Astro integration: prints every series' report when the build is done. */
export function reportPdf(): AstroIntegration {
  let root = process.cwd();
  let enabled = true;
  return {
    name: 'report-pdf',
    hooks: {
      'astro:config:done': ({ config }) => {
        root = fileURLToPath(config.root);
        // A wrong value stops the build before anything is built.
        enabled = reportPdfEnabled();
      },
      'astro:build:done': async ({ dir, logger }) => {
        await buildReports({
          clientDir: fileURLToPath(dir),
          outDir: fileURLToPath(new URL('../report/', dir)),
          root,
          enabled,
          log: (line) => logger.info(line),
          meta: (id) => {
            const series = readSeries(root, id);
            const site = readSite(root);
            return {
              // The series' own keywords where it names them; else the site's.
              keywords: [id, ...(series.keywords ?? site.keywords)],
              creator: `${series.brand ?? site.name} series generator`,
              title: series.report.title,
              subtitle: series.report.subtitle,
              author: series.author,
              // The PDF's language with its region where the series names none and the site's locale does ("en"
              // and "en-US": the content is spelt as in the US, round 18), so a reader's software picks the variant.
              language: reportLanguage(series.language, site.locale),
              fileName: series.report.fileName,
            };
          },
        });
      },
    },
  };
}

/** A series' language with the region of the site's locale when the series names none and the languages agree. */
export function reportLanguage(language: string, locale: string): string {
  if (language.includes('-')) return language;
  return locale.toLowerCase().startsWith(`${language.toLowerCase()}-`) ? locale : language;
}
