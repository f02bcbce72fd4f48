/**
 * `npm run bench:build [-- --cold] [-- 10 1000]`: builds a synthetic series of N trends (each with a figure
 * and a `<Stat>`) in a copy of this project and in a control, Astro's own examples/blog (bench/blog-example/)
 * with the same articles and its components stubbed, interleaving the two, and prints each measure as the
 * fastest of BENCH_RUNS runs with its ratio to the control, CPU time, peak memory and the load average.
 *
 * Each run measures three builds in each project:
 * - `--cold`: a build from a tree with nothing git ignores (no dist/, .astro/, data/, node_modules/.astro),
 *   as a fresh clone, CI or a Docker build has; without `--cold`, a fresh build after a warm-up (no dist/
 *   and no content cache, the project's own caches under .astro/ kept);
 * - a rebuild with no change;
 * - a rebuild after one article's text changed.
 * It then prints each step's time from the two build logs of the fastest first build. The report PDF is
 * not printed (REPORT_PDF=off). BENCH_RUNS is 3, or 1 with `--cold`; BENCH_KEEP=1 keeps both projects and
 * each build's log. Peak memory is the largest resident set of the build's processes (/usr/bin/time).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { root } from '../tests/build/project-copy.ts';
import { BENCH_SERIES, benchProject, controlProject } from '../tests/build/synthetic-series.ts';

const args = process.argv.slice(2);
const cold = args.includes('--cold');
const sizes = args.filter((a) => a !== '--cold').map(Number);
if (sizes.some((n) => !Number.isInteger(n) || n < 3)) {
  console.error('Usage: npm run bench:build -- [--cold] [trends ...]   (whole numbers of 3 or more; default 10 1000)');
  process.exit(2);
}
const keep = process.env.BENCH_KEEP === '1';
/** Each measurement is the fastest of this many runs: the machine is shared, and a slow run says little. */
const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? (cold ? 1 : 3)));
const TIME = '/usr/bin/time';
const timed = existsSync(TIME);

interface Timing {
  ms: number;
  pages: number;
  /** User and system CPU seconds, and the peak resident set in KB, when /usr/bin/time is there. */
  cpu?: number;
  rssKb?: number;
  /** The 1-minute load average when the build ended. */
  load: number;
  log: string;
}

/** Runs `astro build` in `dir`, keeping its log there: the wall time, CPU, peak memory and HTML pages written. */
function build(dir: string, label: string): Timing {
  const usage = join(dir, `bench-${label}.usage`);
  const astro = [process.execPath, join(root, 'node_modules/astro/bin/astro.mjs'), 'build'];
  const [command, ...rest] = timed ? [TIME, '-o', usage, '-f', '%M %U %S', ...astro] : astro;
  const started = performance.now();
  const result = spawnSync(command!, rest, {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', REPORT_PDF: 'off' },
  });
  const ms = performance.now() - started;
  const log = `${result.stdout}\n${result.stderr}`;
  writeFileSync(join(dir, `bench-${label}.log`), log);
  if (result.status !== 0) {
    console.error(`${label} failed in ${dir}:\n${log.slice(-4000)}`);
    process.exit(1);
  }
  // A server build puts the pages under dist/client/, a static one (the control) under dist/.
  const out = existsSync(join(dir, 'dist/client')) ? join(dir, 'dist/client') : join(dir, 'dist');
  const pages = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.html')).length;
  const timing: Timing = { ms, pages, load: loadavg()[0]!, log };
  if (timed) {
    const [rss, user, system] = readFileSync(usage, 'utf8').trim().split('\n').at(-1)!.split(' ').map(Number);
    Object.assign(timing, { rssKb: rss, cpu: user! + system! });
  }
  return timing;
}

/** Removes what a build leaves: everything, with `--cold` (all that git ignores), else the output and content cache. */
function clean(dir: string): void {
  const paths = cold
    ? ['dist', '.astro', 'data', 'node_modules/.astro']
    : ['dist', '.astro/cache', '.astro/data-store.json', 'node_modules/.astro/data-store.json'];
  // The project's copy links the whole node_modules of this worktree (its cache is in .astro/): leave that alone.
  const ownModules = !lstatSync(join(dir, 'node_modules')).isSymbolicLink();
  for (const path of paths)
    if (ownModules || !path.startsWith('node_modules/')) rmSync(join(dir, path), { recursive: true, force: true });
}

/** Changes one sentence of the middle article of `n`, in the project or the control. */
function editArticle(dir: string, n: number, run: number): void {
  const middle = Math.ceil(n / 2);
  const name = `${String(middle).padStart(4, '0')}-trend-${middle}.mdx`;
  const inProject = join(dir, 'content/series', BENCH_SERIES, 'trends', name);
  const file = existsSync(inProject) ? inProject : join(dir, 'src/content/blog', name);
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/\n## What it means\n/, `\nAn edit of run ${run + 1}.\n\n## What it means\n`);
  if (edited === text) throw new Error(`the edit found no "## What it means" heading in ${file}`);
  writeFileSync(file, edited);
}

const fastest = (timings: Timing[]) => timings.reduce((a, b) => (b.ms < a.ms ? b : a));
const load = () =>
  loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const about = (t: Timing) =>
  [
    `${(t.ms / t.pages).toFixed(1)} ms/page`,
    ...(t.cpu === undefined ? [] : [`CPU ${t.cpu.toFixed(1)} s`]),
    ...(t.rssKb === undefined ? [] : [`peak ${(t.rssKb / 1024 / 1024).toFixed(2)} GB`]),
    `load ${t.load.toFixed(1)}`,
  ].join(', ');
let over = false;
const verdict = (ratio: number, target: number) => {
  if (ratio > target) over = true;
  return `${ratio.toFixed(2)}x (target ${target}x, ${ratio <= target ? 'met' : 'OVER'})`;
};

function compare(what: string, projectRuns: Timing[], controlRuns: Timing[], target: number): void {
  const [project, control] = [fastest(projectRuns), fastest(controlRuns)];
  // On a shared machine the wall time follows the load; the CPU time much less so: both ratios are printed.
  const cpu = project.cpu && control.cpu ? `; CPU ${(project.cpu / control.cpu).toFixed(2)}x` : '';
  console.log(
    `  ${what.padEnd(8)} project ${seconds(project.ms).padStart(7)} (${about(project)}); control ${seconds(control.ms).padStart(7)} (${about(control)}): ${verdict(project.ms / control.ms, target)}${cpu}`,
  );
  if (projectRuns.length > 1) {
    const spread = (t: Timing[]) => `${(Math.max(...t.map((x) => x.ms)) / fastest(t).ms).toFixed(2)}x`;
    console.log(`           slowest run / fastest: project ${spread(projectRuns)}, control ${spread(controlRuns)}`);
  }
}

/** Peak memory of the first builds, the largest of the runs in each project. */
function compareMemory(projectRuns: Timing[], controlRuns: Timing[], target: number): void {
  const peak = (t: Timing[]) => Math.max(...t.map((x) => x.rssKb ?? 0));
  const [project, control] = [peak(projectRuns), peak(controlRuns)];
  if (!project || !control) return;
  const gb = (kb: number) => `${(kb / 1024 / 1024).toFixed(2)} GB`;
  console.log(`  memory   project ${gb(project)}; control ${gb(control)}: ${verdict(project / control, target)}`);
}

/**
 * The steps of a build and their times, from its log: Vite's bundles and the page rendering as Astro times
 * them, then each integration that reports its own time when the build is done.
 */
function buildSteps(log: string): [string, number][] {
  const steps: [string, number][] = [];
  const add = (name: string, ms: number) => {
    const known = steps.find(([n]) => n === name);
    if (known) known[1] += ms;
    else steps.push([name, ms]);
  };
  const ms = (value: string, unit: string) => Number(value) * (unit === 's' ? 1000 : 1);
  let heading = '';
  for (const line of log.split('\n')) {
    const text = line.replace(/^\d\d:\d\d:\d\d /, '').trim();
    const vite = /^\[vite\] ✓ built in ([\d.]+)(ms|s)$/.exec(text);
    const completed = /^✓ Completed in ([\d.]+)(ms|s)\.$/.exec(text);
    const own = /^\[([\w@/.-]+)\] .*(?:\(| in )([\d.]+) (ms|s)\)?$/.exec(text);
    if (/^[a-z][a-z ]+$/.test(text)) heading = text;
    else if (vite) add('Vite bundles', ms(vite[1]!, vite[2]!));
    else if (completed && heading) add(heading, ms(completed[1]!, completed[2]!));
    else if (own && !text.includes('├─') && !text.includes('└─')) add(own[1]!, ms(own[2]!, own[3]!));
  }
  return steps;
}

function printSteps(project: Timing, control: Timing): void {
  const [a, b] = [buildSteps(project.log), buildSteps(control.log)];
  const names = [...new Set([...a, ...b].map(([n]) => n))];
  const of = (steps: [string, number][], name: string) => {
    const found = steps.find(([n]) => n === name);
    return found ? seconds(found[1]) : '-';
  };
  console.log(`  steps of the fastest first build (from the logs):`);
  console.log(`    ${'step'.padEnd(28)} ${'project'.padStart(9)} ${'control'.padStart(9)}`);
  for (const name of names) console.log(`    ${name.padEnd(28)} ${of(a, name).padStart(9)} ${of(b, name).padStart(9)}`);
}

for (const n of sizes.length > 0 ? sizes : [10, 1000]) {
  const { dir, articles } = benchProject(n);
  const control = controlProject(articles);
  console.log(`\n${n} trends (project ${dir}, control ${control}); load average ${load()}`);
  if (!cold) {
    const warm = build(dir, 'warm');
    build(control, 'warm');
    console.log(`  warm-up  project ${seconds(warm.ms)}`);
  }
  const first: Timing[][] = [[], []];
  const again: Timing[][] = [[], []];
  const edited: Timing[][] = [[], []];
  for (let run = 0; run < runs; run++) {
    [dir, control].forEach((d, k) => {
      clean(d);
      first[k]!.push(build(d, cold ? 'cold' : 'fresh'));
      again[k]!.push(build(d, 'rebuild'));
      editArticle(d, n, run);
      edited[k]!.push(build(d, 'edit'));
    });
  }
  const firstTarget = cold ? (n <= 10 ? 2 : 3) : n <= 10 ? 1.3 : 1.5;
  compare(cold ? 'cold' : 'fresh', first[0]!, first[1]!, firstTarget);
  compare('rebuild', again[0]!, again[1]!, 1.3);
  compare('edit', edited[0]!, edited[1]!, 2);
  compareMemory(first[0]!, first[1]!, 1.3);
  printSteps(fastest(first[0]!), fastest(first[1]!));
  console.log(`  load average now ${load()} (1, 5, 15 min)`);
  if (!keep) {
    rmSync(dir, { recursive: true, force: true });
    rmSync(control, { recursive: true, force: true });
  }
}
console.log(over ? '\nOver target.' : '\nWithin targets.');
if (over) process.exitCode = 1;
