import { cpSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, copyOfProject, edit } from './project-copy.ts';

/**
 * Figure ids belong to their series: a 2022 edition reuses the 2021 figure ids with its own values, and
 * each series' pages show their own numbers, survey facts and language.
 */
const OLD = 'ml-trends-2021';
const NEW = 'ml-trends-2022';
let dir: string;
let result: { status: number | null; output: string };

beforeAll(() => {
  dir = copyOfProject();
  cpSync(join(dir, `content/series/${OLD}`), join(dir, `content/series/${NEW}`), { recursive: true });
  edit(dir, `content/series/${NEW}/series.yaml`, (text) =>
    text
      .replace(/^edition: 2021$/m, 'edition: 2022')
      .replace(/^language: en$/m, 'language: en-GB')
      .replace(/^ {2}respondents: 403$/m, '  respondents: 512')
      .replace('fileName: 2021-', 'fileName: 2022-'),
  );
  edit(dir, `content/series/${NEW}/figures.json`, (text) => {
    const figures = JSON.parse(text) as { id: string; rows: { value: number; previous?: number }[] }[];
    const budget = figures.find((f) => f.id === 'budget-growth')!;
    budget.rows[0] = { ...budget.rows[0]!, value: 91, previous: 83 };
    return JSON.stringify(figures, null, 2);
  });
  result = build(dir);
}, 400_000);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const page = (path: string) => readFileSync(join(dir, 'dist/client', path), 'utf8');

describe('two series sharing a figure id', { timeout: 60_000 }, () => {
  it('build without an error', () => {
    expect(result.output).not.toMatch(/unique across series/);
    expect(result.status, result.output.slice(-3000)).toBe(0);
  });

  it('log no warning, so that a real one stands out to the editor', () => {
    expect(result.output.match(/^.*\bWARN\b.*$/gm) ?? []).toEqual([]);
  });

  it("show each series' own values in the figure table and in <Stat>", () => {
    const old = page(`${OLD}/investment/index.html`);
    expect(old).toMatch(/<span class="mt-stat" data-figure="budget-growth" data-label="[^"]*" data-value="83"/);
    expect(old).toMatch(/<td>83%<\/td>\s*<td>71%<\/td>/);
    const fresh = page(`${NEW}/investment/index.html`);
    expect(fresh).toMatch(/<span class="mt-stat" data-figure="budget-growth" data-label="[^"]*" data-value="91"/);
    expect(fresh).toMatch(/<td>91%<\/td>\s*<td>83%<\/td>/);
    expect(fresh).toContain(`href="/${NEW}/figures/budget-growth.csv"`);
    expect(page(`${NEW}/figures/budget-growth.csv`)).toContain('91');
  });

  it("show each series' own survey facts and language", () => {
    const old = page(`${OLD}/investment/index.html`);
    const fresh = page(`${NEW}/investment/index.html`);
    expect(old).toContain('<html lang="en"');
    expect(fresh).toContain('<html lang="en-GB"');
    // The survey's size, named where no source states a figure's base, is each series' own.
    expect(old).toMatch(/<span class="mt-nowrap"[^>]*>survey of 403<\/span>(?:, fielded [^)]+)?\), as reported/);
    expect(fresh).toMatch(/<span class="mt-nowrap"[^>]*>survey of 512<\/span>(?:, fielded [^)]+)?\), as reported/);
    expect(fresh).not.toContain('survey of 403');
  });
});
