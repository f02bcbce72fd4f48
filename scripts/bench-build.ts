/**
 * `npm run bench:build [-- 10 1000]`: builds a synthetic series of N trends (each with a figure and a
 * `<Stat>`) in a copy of this project and in a control (a minimal Astro MDX project with the same
 * articles, components stubbed), and prints ms per page and the ratio to the control. The project's
 * first build prints the report PDF and warms its cache; then both are measured on a fresh build
 * (no dist/, no content cache, PDF cached) and on a rebuild with no change, each the fastest of
 * BENCH_RUNS runs (3). BENCH_KEEP=1 keeps the temporary projects and their build logs.
 * Targets: at most 1.3x the control at 10 trends, 1.5x above; a rebuild at most 1.2x.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { root } from '../tests/build/project-copy.ts';
import { benchProject, controlProject } from '../tests/build/synthetic-series.ts';

const sizes = process.argv.slice(2).map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 3)) {
  console.error('Usage: npm run bench:build -- [trends ...]   (whole numbers of 3 or more; default 10 1000)');
  process.exit(2);
}
const keep = process.env.BENCH_KEEP === '1';
/** Each measurement is the fastest of this many runs: the machine is shared, and a slow run says little. */
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 3));

interface Timing {
  ms: number;
  pages: number;
}

/** Runs `astro build` in `dir`, keeping its log there; the wall time and the HTML pages it wrote. */
function build(dir: string, label: string, env: Record<string, string> = {}): Timing {
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'node_modules/astro/bin/astro.mjs'), 'build'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
  });
  const ms = performance.now() - started;
  writeFileSync(join(dir, `bench-${label}.log`), `${result.stdout}\n${result.stderr}`);
  if (result.status !== 0) {
    console.error(`${label} failed in ${dir}:\n${`${result.stdout}\n${result.stderr}`.slice(-4000)}`);
    process.exit(1);
  }
  // A server build puts the pages under dist/client/, a static one (the control) under dist/.
  const out = existsSync(join(dir, 'dist/client')) ? join(dir, 'dist/client') : join(dir, 'dist');
  const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
  return { ms, pages };
}

/** Removes the build output and the content cache; keeps the report PDF cache. */
function clean(dir: string): void {
  rmSync(join(dir, 'dist'), { recursive: true, force: true });
  rmSync(join(dir, '.astro/cache'), { recursive: true, force: true });
  rmSync(join(dir, '.astro/data-store.json'), { force: true });
}

const fastest = (timings: Timing[]) => timings.reduce((a, b) => (b.ms < a.ms ? b : a));
/** Slowest run over fastest: how much the shared machine moved the measurement. */
const spread = (timings: Timing[]) => `${(Math.max(...timings.map((t) => t.ms)) / fastest(timings).ms).toFixed(2)}x`;
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const perPage = (t: Timing) => `${(t.ms / t.pages).toFixed(1)} ms/page (${t.pages} pages)`;
let over = false;

function compare(what: string, projectRuns: Timing[], controlRuns: Timing[], target: number): void {
  const [project, control] = [fastest(projectRuns), fastest(controlRuns)];
  const ratio = project.ms / control.ms;
  const verdict = ratio <= target ? 'within' : 'OVER';
  if (ratio > target) over = true;
  console.log(
    `  ${what.padEnd(8)} project ${seconds(project.ms).padStart(7)}, ${perPage(project)}; control ${seconds(control.ms).padStart(7)}, ${perPage(control)}: ${ratio.toFixed(2)}x (target ${target}x, ${verdict})`,
  );
  if (projectRuns.length > 1)
    console.log(`           slowest run / fastest: project ${spread(projectRuns)}, control ${spread(controlRuns)}`);
}

/** What the warm-up did with the report PDF, from its log: typeset (pages and seconds) or copied from the cache. */
function reportLine(dir: string): string {
  const log = readFileSync(join(dir, 'bench-warm.log'), 'utf8');
  const typeset = /\[report-pdf\] [^:]+: (\d+) pages, (\d+) KB -> [^(]*\(([\d.]+) s\)/.exec(log);
  if (typeset) return `the report PDF typeset: ${typeset[1]} pages, ${typeset[2]} KB in ${typeset[3]} s`;
  const cached = /\[report-pdf\] [^:]+: cached report[^:]*: (\d+) pages/.exec(log);
  return cached ? `the report PDF copied from the cache (${cached[1]} pages)` : 'no report PDF in the log';
}

for (const n of sizes.length > 0 ? sizes : [10, 1000]) {
  const { dir, articles } = benchProject(n);
  const control = controlProject(articles);
  console.log(`\n${n} trends (project ${dir}, control ${control}); load average ${load()}`);
  // The printed PDF is kept between benchmark runs (in this project's .astro/): a warm-up prints only what changed.
  const kept = join(root, '.astro/bench-report-cache', String(n));
  if (existsSync(kept)) cpSync(kept, join(dir, '.astro/report-cache'), { recursive: true });
  const warm = build(dir, 'warm');
  rmSync(kept, { recursive: true, force: true });
  cpSync(join(dir, '.astro/report-cache'), kept, { recursive: true });
  build(control, 'warm');
  console.log(`  warm-up  project ${seconds(warm.ms)}, ${reportLine(dir)} (${join(dir, 'bench-warm.log')})`);
  const fresh: Timing[][] = [[], []];
  const again: Timing[][] = [[], []];
  for (let run = 0; run < runs; run++) {
    [dir, control].forEach((d, k) => {
      clean(d);
      fresh[k]!.push(build(d, 'fresh'));
      again[k]!.push(build(d, 'rebuild'));
    });
  }
  compare('build', fresh[0]!, fresh[1]!, n <= 10 ? 1.3 : 1.5);
  compare('rebuild', again[0]!, again[1]!, 1.2);
  console.log(`  load average now ${load()} (1, 5, 15 min)`);
  if (!keep) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(control, { recursive: true, force: true });
  }
}
console.log(over ? '\nOver target.' : '\nWithin targets.');
if (over) process.exitCode = 1;
