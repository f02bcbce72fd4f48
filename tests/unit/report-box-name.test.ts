import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

/**
 * The operator's docs name the report box (whose sighting is the `cta_seen` event) by what a reader sees on
 * it: its button's wording, as src/components/ReportCta.astro has it.
 */
const root = join(import.meta.dirname, '../..');

it("the funnel's docs name the report box by its button", () => {
  const component = readFileSync(join(root, 'src/components/ReportCta.astro'), 'utf8');
  const button = /<a class="mt-button"[^>]*>\s*([^<]+?)\s*<\/a>/.exec(component)?.[1];
  expect(button).toBeTruthy();
  const reference = readFileSync(join(root, 'docs/funnel-statistics.md'), 'utf8');
  const row = reference.split('\n').find((line) => line.startsWith('| `cta_seen`'));
  expect(row).toContain(`"${button}"`);
  // The operator's page, where the events are listed in a sentence.
  const operators = readFileSync(join(root, 'docs/funnel.md'), 'utf8').replace(/\s+/g, ' ');
  expect(/`cta_seen` \(([^)]*)\)/.exec(operators)?.[1]).toContain(`"${button}"`);
});
