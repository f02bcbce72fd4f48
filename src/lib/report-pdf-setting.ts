/**
 * `REPORT_PDF`: whether a build prints the report PDF. One reading of it for the build (the report
 * integration, the build stamp) and for `npm start`'s configuration check.
 */

/** What a value says: true ("on", empty or unset), false ("off"), or undefined for anything else. */
export function reportPdfValue(value: string | undefined): boolean | undefined {
  const setting = (value ?? 'on').trim().toLowerCase();
  return setting === 'on' || setting === '' ? true : setting === 'off' ? false : undefined;
}

/** Whether this build prints the report: `REPORT_PDF=off` skips it (`npm run build:site`). */
export function reportPdfEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  const enabled = reportPdfValue(env.REPORT_PDF);
  if (enabled === undefined) {
    throw new Error(`REPORT_PDF is "${env.REPORT_PDF}": set it to "on" (print the report PDF) or "off" (skip it).`);
  }
  return enabled;
}
