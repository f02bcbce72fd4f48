/**
 * `npm run new:trend -- --series <id> --title "…" [--slug …] [--summary "…"] [--published YYYY-MM-DD]`:
 * creates the next numbered trends/NN-<slug>.mdx of the series, a draft with valid frontmatter.
 */
import { parseArgs } from 'node:util';
import { createTrend } from '../src/lib/content/new-content.ts';
import { runCommand } from '../src/lib/content/command.ts';

runCommand('new:trend', () => {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      series: { type: 'string' },
      title: { type: 'string' },
      slug: { type: 'string' },
      summary: { type: 'string' },
      published: { type: 'string' },
    },
  });
  if (positionals.length > 0) throw new Error(`unexpected "${positionals.join(' ')}": quote the title, --title "…"`);
  const file = createTrend(process.cwd(), { ...values, series: values.series ?? '', title: values.title ?? '' });
  return [`Created ${file} (a draft: npm run dev shows it with a banner; set draft: false to publish it).`];
});
