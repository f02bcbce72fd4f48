/**
 * `npm run new:series -- <id> [--title "…"]`: creates content/series/<id>/ with series.yaml (placeholders
 * marked TODO), an empty figures.json and a first trend, a draft. Refuses an existing folder or a bad id.
 */
import { parseArgs } from 'node:util';
import { createSeries } from '../src/lib/content/new-content.ts';
import { runCommand } from '../src/lib/content/command.ts';

runCommand('new:series', () => {
  const { positionals, values } = parseArgs({ allowPositionals: true, options: { title: { type: 'string' } } });
  if (positionals.length > 1)
    throw new Error(`give one series id, not ${positionals.length}: ${positionals.join(' ')}`);
  const files = createSeries(process.cwd(), { id: positionals[0], title: values.title });
  return [
    `Created the series ${positionals[0]}:`,
    ...files.map((file) => `  ${file}`),
    'Next: replace every TODO in series.yaml, add figures to figures.json, write the trend and set draft: false.',
    'npm run dev shows the series (drafts with a banner); npm run check:content checks it.',
  ];
});
