/**
 * `npm run survey:import -- <google-forms|surveymonkey|typeform> <export.csv> <series> [--replace]`: converts a
 * survey tool's CSV export into content/series/<series>/survey/responses.csv, matching columns to
 * questions.yaml by the questions' exact wording (docs/authoring.md, "Run your own survey").
 */
import { parseArgs } from 'node:util';
import { runCommand } from '../src/lib/content/command.ts';
import { importResponses } from '../src/lib/survey/import.ts';

runCommand('survey:import', () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { replace: { type: 'boolean' } } });
  if (positionals.length > 3)
    throw new Error(`give a tool, an export file and a series id, not: ${positionals.join(' ')}`);
  const [tool, exportFile, series] = positionals;
  return importResponses(process.cwd(), { tool, exportFile, series, replace: values.replace === true });
});
