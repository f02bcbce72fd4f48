import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BUILD_STAMP, readStamp } from '../lib/build-stamp.ts';

/**
 * `npm start` where it must not build (the Docker image: START_NO_BUILD=1, or `--no-build`): the build made
 * in the image is served as it is. Its settings are baked in (SITE_URL in every canonical URL, the feed, the
 * sitemap; the report PDF, printed by a browser the run-time image does not have): a container whose
 * settings differ is refused with what to do, never rebuilt.
 */

/** Whether this start must serve the build it finds rather than build. */
export function buildForbidden(env: NodeJS.ProcessEnv = process.env, argv: readonly string[] = process.argv): boolean {
  return argv.includes('--no-build') || ['1', 'true', 'yes'].includes((env.START_NO_BUILD ?? '').trim().toLowerCase());
}

const REBUILD = 'docker build --build-arg SITE_URL=<public origin> -t <image> . (or: docker compose build)';

/**
 * Why the build in `root` cannot be served where building is forbidden, or undefined when it can (or
 * building is allowed). `wanted` is what this start's settings ask for (buildSettings()).
 */
export function bakedBuildRefusal(
  root: string,
  wanted: { site: string; report: boolean },
  env: NodeJS.ProcessEnv = process.env,
  argv: readonly string[] = process.argv,
): string | undefined {
  if (!buildForbidden(env, argv)) return undefined;
  const why =
    'this image serves the site built into it and does not build at run time (START_NO_BUILD=1 or --no-build)';
  if (argv.includes('--build')) return `--build asks for a build, but ${why}. Rebuild the image instead: ${REBUILD}`;
  const file = join(root, BUILD_STAMP);
  if (!existsSync(file)) return `There is no build in ${join(root, 'dist')}, and ${why}. Rebuild the image: ${REBUILD}`;
  const made = readStamp(readFileSync(file, 'utf8'));
  const problems: string[] = [];
  if (made.site !== wanted.site) {
    problems.push(
      `The site in this image was built for SITE_URL=${made.site || '(unset)'}, and this container has SITE_URL=${wanted.site}:`,
      '  its canonical URLs, feed, sitemap and social images would name the other origin.',
      `  Rebuild the image for this origin: docker build --build-arg SITE_URL=${wanted.site} -t <image> .`,
      `  (with compose: SITE_URL=${wanted.site} docker compose build), or set SITE_URL back to ${made.site || '(unset)'}.`,
    );
  }
  if (made.report !== wanted.report) {
    const asked = wanted.report ? 'on' : 'off';
    problems.push(
      `The image was built ${made.report ? 'with' : made.report === false ? 'without' : 'without a record of'} the report PDF, and this container has REPORT_PDF=${asked}:`,
      `  rebuild the image with --build-arg REPORT_PDF=${asked}, or set REPORT_PDF=${made.report ? 'on' : 'off'}.`,
    );
  }
  if (problems.length === 0) return undefined;
  return [...problems, `Nothing was rebuilt: ${why}, where the report PDF cannot be printed.`].join('\n');
}
