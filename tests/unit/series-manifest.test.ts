import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSummaries } from '../../src/lib/content/summaries.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));
const folder = 'content/series/ml-trends-2021';
let dir: string;
/** A build the day after the edition went live (every trend is dated 2026-12-06). */
const BUILD_DAY = new Date('2026-12-07T12:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'mt-manifest-'));
  cpSync(join(root, folder), join(dir, folder), { recursive: true });
  const trend = join(dir, folder, 'trends/04-early-adopters.mdx');
  writeFileSync(trend, readFileSync(trend, 'utf8').replace(/^published: .*$/m, 'published: 2031-01-26'));
  const draft = join(dir, folder, 'trends/07-alignment.mdx');
  writeFileSync(draft, readFileSync(draft, 'utf8').replace(/^---\n/, '---\ndraft: true\n'));
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the series manifest', () => {
  it('says which trends a build leaves out, and why, so a mistyped date does not hide a trend silently', () => {
    const { summaries, leftOut } = readSummaries(dir, false, BUILD_DAY);
    expect(summaries[0]?.trendCount).toBe(8);
    expect(leftOut).toEqual([
      `ml-trends-2021: 2 trends left out of this build: 04-early-adopters.mdx (scheduled for 2031-01-26, after this build's day, 2026-12-07), 07-alignment.mdx (draft: true)`,
    ]);
  });

  it('leaves out a key number whose figure only an unpublished trend uses, and says so', () => {
    // The real key numbers are all in published trends: one of I&O leaders' is set here, as round 15's was.
    const yaml = join(dir, folder, 'series.yaml');
    const yamlBefore = readFileSync(yaml, 'utf8');
    const middle = /\n {4}- figure: budget-growth\n {6}label: Increased it by more than 50%\n {6}says: [^\n]+/;
    expect(yamlBefore).toMatch(middle);
    writeFileSync(
      yaml,
      yamlBefore.replace(
        middle,
        '\n    - { figure: io-decision-makers, label: Infrastructure and operations leaders, says: Named I&O leaders }',
      ),
    );
    const io = join(dir, folder, 'trends/08-io-leaders.mdx');
    const before = readFileSync(io, 'utf8');
    writeFileSync(io, before.replace(/^---\n/, '---\ndraft: true\n'));
    try {
      const { summaries, leftOut } = readSummaries(dir, false, BUILD_DAY);
      const [summary] = summaries;
      expect(summary?.keyNumbers.map((k) => k.label)).toEqual([
        'Increased the AI/ML budget',
        'Needed a month or longer to deploy a trained model',
      ]);
      expect(summary?.data.report.keyNumbers.map((k) => k.figure)).toEqual(['budget-growth', 'model-deployment-time']);
      expect(leftOut).toContain(
        'ml-trends-2021: 1 key number left out of this build until a published trend uses its figure: ' +
          'report.keyNumbers[1] (io-decision-makers, used only by 08-io-leaders.mdx)',
      );
    } finally {
      writeFileSync(io, before);
      writeFileSync(yaml, yamlBefore);
    }
  });

  it('words the report’s key numbers as what respondents said then (past tense), each with who reported it', () => {
    // Round 8: "Need a month…", "Say infrastructure…" read as true today of a survey fielded in November 2020.
    const [summary] = readSummaries(dir, true, BUILD_DAY).summaries;
    expect(summary?.keyNumbers.map((k) => k.label)).toEqual([
      'Increased the AI/ML budget',
      'Raised the AI/ML budget by more than half',
      'Needed a month or longer to deploy a trained model',
    ]);
    for (const k of summary?.keyNumbers ?? []) expect(k.source, k.label).toMatch(/\S/);
  });

  it('leaves nothing out in development, and says nothing', () => {
    const { summaries, leftOut } = readSummaries(dir, true, BUILD_DAY);
    expect(summaries[0]?.trendCount).toBe(10);
    expect(leftOut).toEqual([]);
  });
});
