import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * An editor's mistake must fail `astro build` with the file and the field named. Each test builds a
 * copy of the project with one mistake in it.
 */
const root = resolve(import.meta.dirname, '../..');
const series = 'content/series/ml-trends-2021';
let workdir: string | undefined;

function copyProject(): string {
  workdir = mkdtempSync(join(tmpdir(), 'mt-broken-'));
  for (const entry of ['src', 'content', 'public', 'scripts', 'astro.config.ts', 'package.json', 'tsconfig.json']) {
    cpSync(join(root, entry), join(workdir, entry), { recursive: true });
  }
  symlinkSync(join(root, 'node_modules'), join(workdir, 'node_modules'), 'dir');
  return workdir;
}

function edit(dir: string, file: string, change: (text: string) => string): void {
  const path = join(dir, file);
  const before = readFileSync(path, 'utf8');
  const after = change(before);
  if (after === before) throw new Error(`the edit of ${file} changed nothing`);
  writeFileSync(path, after);
}

function build(dir: string): { status: number | null; output: string } {
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  });
  return { status: result.status, output: `${result.stdout}\n${result.stderr}` };
}

afterEach(() => {
  if (workdir) rmSync(workdir, { recursive: true, force: true });
  workdir = undefined;
});

describe('the build refuses broken content', { timeout: 180_000 }, () => {
  it('names the file, the figure and the field when a figure has no source', () => {
    const dir = copyProject();
    edit(dir, `${series}/figures.json`, (text) => {
      const figures = JSON.parse(text) as Record<string, unknown>[];
      delete figures[1]!.source;
      return JSON.stringify(figures, null, 2);
    });
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain(`${series}/figures.json`);
    expect(output).toContain('ai-priority-over-it');
    expect(output).toContain('source: is required: every figure needs a source');
  });

  it('names the field when a percentage is outside 0..100', () => {
    const dir = copyProject();
    edit(dir, `${series}/figures.json`, (text) => text.replace('"value": 57', '"value": 157'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('io-decision-makers');
    expect(output).toMatch(/rows\.0\.value: is a percentage and must be between 0 and 100/);
  });

  it('names the article and line of an unknown figure id', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/08-io-leaders.mdx`, (text) =>
      text.replace('<Figure id="io-decision-makers"', '<Figure id="io-decision-maker"'),
    );
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    expect(output).toMatch(
      /trends\/08-io-leaders\.mdx:\d+: <Figure id="io-decision-maker">: there is no figure "io-decision-maker" in the dataset\. Did you mean "io-decision-makers"\?/,
    );
  });

  it('names both articles when two trends share an order', () => {
    const dir = copyProject();
    edit(dir, `${series}/trends/09-deployment.mdx`, (text) => text.replace(/^order: 9$/m, 'order: 8'));
    const { status, output } = build(dir);
    expect(status).not.toBe(0);
    const line = output.split('\n').find((l) => l.includes('field "order" is 8, the same as in'));
    expect(line).toContain('trends/08-io-leaders.mdx');
    expect(line).toContain('trends/09-deployment.mdx');
  });
});
