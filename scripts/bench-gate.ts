/**
 * `npm run bench:gate`: the gate's throughput against the real server (`npm start` on a temporary data
 * directory, limits raised so that they refuse nothing), with autocannon at concurrency 50:
 * (a) submissions through the Action as the enhanced form posts them, each with its own email: per second,
 *     p50/p99, and the rows the store holds afterwards (durable: SQLite WAL with synchronous FULL, PostgreSQL
 *     with its default synchronous_commit on);
 * (b) no-JS form posts to the report page, per second;
 * (c) PDF downloads from a signed link, against a plain static file server (node:http and
 *     fs.createReadStream of the same file, in a process of its own) in the same run, and their ratio;
 * (d) the Action at c50 alone, and again while the funnel's beacons (POST /_event, a view each, from 5,000
 *     browsers, sent by a process of their own) arrive at 1,000 per second: BENCH_ROUNDS rounds (5) in
 *     alternating order, each giving the ratio of the two; the median ratio (target: within 10%) and the
 *     spread of the rounds.
 * Each phase runs once per lead store: SQLite, then PostgreSQL (a fresh database on TEST_DATABASE_URL, the
 * cluster `npm run db:test-start` recorded, or a throwaway cluster started for the bench), so the figures
 * stand side by side. Prints the load average beside the figures: on a shared machine they are only as
 * good as it is idle. BENCH_SECONDS sets each phase's length (10); BENCH_PROFILE=dir writes the server's
 * CPU profile there; BENCH_PHASES picks phases (`a,b,c,d`, all by default), to profile one alone;
 * BENCH_STORES picks stores (`sqlite,postgres`); BENCH_ROUNDS sets phase (d)'s rounds.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { readSeries } from '../src/lib/content/files.ts';
import { startServer, type RunningServer } from '../tests/integration/server.ts';
import { createDatabase, testDatabase } from '../tests/setup/postgres-cluster.ts';

const SERIES = 'ml-trends-2021';
const CONNECTIONS = 50;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const profileDir = process.env.BENCH_PROFILE;
const list = (value: string) => new Set(value.split(',').map((item) => item.trim()));
const phases = list(process.env.BENCH_PHASES ?? 'a,b,c,d');
const storeNames = list(process.env.BENCH_STORES ?? 'sqlite,postgres');
const series = readSeries(process.cwd(), SERIES);
const targets = {
  actionPerSecond: 1000,
  actionP99Ms: 100,
  formPerSecond: 500,
  downloadRatio: 0.8,
  beaconsPerSecond: 1000,
  withBeaconsRatio: 0.9,
};

const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(' ');

/** The server's CPU profile is written when it exits: SIGTERM makes it exit normally. */
function profileOptions(dir: string): string {
  const preload = join(mkdtempSync(join(tmpdir(), 'bench-gate-')), 'exit-on-term.mjs');
  writeFileSync(preload, "process.once('SIGTERM', () => process.exit(0));\n");
  return `--cpu-prof --cpu-prof-dir=${dir} --import=${preload}`;
}

const limits = {
  RATE_LIMIT_MAX: '100000000',
  DOWNLOAD_LIMIT_MAX: '100000000',
  ...(profileDir ? { NODE_OPTIONS: profileOptions(profileDir) } : {}),
};
console.log(`Gate bench: ${cpus().length} CPUs, load average ${load()}, ${seconds} s per phase, c${CONNECTIONS}`);

let n = 0;
/** A filled-in form with an email of its own, urlencoded as a browser posts it. */
const form = () =>
  new URLSearchParams({
    series: SERIES,
    consentVersion: series.report.consent.version,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: `bench-${process.pid}-${n++}@analytical-engines.example`,
    company: 'Analytical Engines',
    jobRole: series.report.roles[0]!,
    consent: 'on',
    website: '',
  }).toString();

function run(title: string, options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon({ connections: CONNECTIONS, duration: seconds, ...options, title }, (error, result) =>
      error ? reject(error instanceof Error ? error : new Error(String(error))) : resolve(result),
    );
  });
}

const posted = (server: RunningServer, path: string): autocannon.Options => ({
  url: server.origin + path,
  method: 'POST',
  headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
  requests: [{ setupRequest: (request) => ({ ...request, body: form() }) }],
});

const perSecond = (result: autocannon.Result) => result['2xx'] / (result.duration || seconds);
const summary = (result: autocannon.Result) =>
  `${perSecond(result).toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
  `${result['2xx']} ok, ${result.non2xx} refused, ${result.errors + result.timeouts} errors`;

/** The bench's leads in the server's store, read through a connection of the bench's own. */
async function storedLeads(server: RunningServer): Promise<number> {
  const store = await server.openStore();
  try {
    return (await store.listLeads()).filter((lead) => lead.email.startsWith('bench-')).length;
  } finally {
    await store.close();
  }
}

const lines: string[] = [];
const report = (line: string) => {
  lines.push(line);
  console.log(line);
};
const met = (ok: boolean) => (ok ? 'met' : 'NOT met');

/** Runs the chosen phases against a server on one store, labelled with the store's name. */
async function bench(name: string, env: Record<string, string>): Promise<void> {
  const server = await startServer({ ...limits, ...env });
  try {
    // (a) the Action, (b) the no-JS form, (c) the PDF download.
    if (phases.has('a')) await actionPhase(server, name);
    if (phases.has('b')) await formPhase(server, name);
    if (phases.has('c')) await downloadPhase(server, name);
    if (phases.has('d')) await beaconPhase(server, name);
  } finally {
    await server.stop();
  }
}

if (storeNames.has('sqlite')) await bench('SQLite', {});
if (storeNames.has('postgres')) {
  const { database, stop } = await testDatabase();
  if (!('url' in database)) throw new Error('problem' in database ? database.problem : 'TEST_POSTGRES=off');
  const { url, drop } = await createDatabase(database.url, 'leads_bench');
  try {
    await bench('PostgreSQL', { DATABASE_URL: url });
  } finally {
    await drop();
    stop();
  }
}
if (profileDir) console.log(`The server's CPU profile is in ${profileDir}.`);

/** (a) The Action, as the enhanced form sends it. */
async function actionPhase(server: RunningServer, store: string) {
  const action = await run('action', posted(server, '/_actions/requestReport/'));
  const stored = await storedLeads(server);
  report(
    `${store} (a) Action c${CONNECTIONS}: ${summary(action)}; ${stored} leads in the database for ${action['2xx']} acknowledged ` +
      `[target >= ${targets.actionPerSecond}/s with p99 < ${targets.actionP99Ms} ms: ` +
      `${met(perSecond(action) >= targets.actionPerSecond && action.latency.p99 < targets.actionP99Ms)}] (load ${load()})`,
  );
}

/** (b) The report page's form without JavaScript. */
async function formPhase(server: RunningServer, store: string) {
  const noJs = await run('form', posted(server, `/${SERIES}/report/`));
  report(
    `${store} (b) no-JS form c${CONNECTIONS}: ${summary(noJs)} [target >= ${targets.formPerSecond}/s: ` +
      `${met(perSecond(noJs) >= targets.formPerSecond)}] (load ${load()})`,
  );
}

/**
 * The control: node:http piping fs.createReadStream of the file, in a process of its own as the gate's
 * server is (in this one it would share a thread with autocannon).
 */
async function plainServer(file: string, bytes: number): Promise<{ origin: string; child: ChildProcess }> {
  const code = `
    const { createServer } = require('node:http');
    const { createReadStream } = require('node:fs');
    const server = createServer((request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/pdf', 'Content-Length': ${bytes} });
      createReadStream(${JSON.stringify(file)}).pipe(response);
    });
    server.listen(0, '127.0.0.1', () => console.log(server.address().port));`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  const [port] = (await once(child.stdout, 'data')) as [Buffer];
  return { origin: `http://127.0.0.1:${port.toString().trim()}`, child };
}

/** (c) The PDF from a signed link, against a plain static file server of the same file. */
async function downloadPhase(server: RunningServer, store: string) {
  const page = await fetch(`${server.origin}/${SERIES}/report/`, {
    method: 'POST',
    headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    body: form(),
  });
  const link = /href="(\/[^"]+\/report\/download\/[^"]+)"/.exec(await page.text())?.[1];
  if (!link) throw new Error(`no download link in the report page (status ${page.status})`);
  const pdf = join(process.cwd(), 'dist/report', `${SERIES}.pdf`);
  const bytes = statSync(pdf).size;
  const plain = await plainServer(pdf, bytes);
  const staticRun = await run('static', { url: `${plain.origin}/report.pdf` });
  plain.child.kill();
  const download = await run('download', { url: server.origin + link });
  const ratio = perSecond(download) / perSecond(staticRun);
  report(
    `${store} (c) PDF (${(bytes / 1024).toFixed(0)} KiB) c${CONNECTIONS}: gate ${summary(download)}; plain static server ` +
      `${summary(staticRun)}; ratio ${ratio.toFixed(2)} [target >= ${targets.downloadRatio}: ${met(ratio >= targets.downloadRatio)}] (load ${load()})`,
  );
}

/**
 * 1,000 beacons a second for the phase's length, from 5,000 user agents, sent by autocannon in a process of
 * its own (in this one it would share a thread with the Action's load). Resolves once that process has
 * started and loaded autocannon, so its start-up is not measured; `start` sends the beacons and resolves to
 * autocannon's result.
 */
async function beaconLoad(
  origin: string,
): Promise<{ start: () => Promise<autocannon.Result & { senderCpuMs: number }> }> {
  const code = `
    const autocannon = require('autocannon');
    let b = 0;
    const body = JSON.stringify({ e: 'view', p: '/${SERIES}/', q: '?utm_source=bench', r: '' });
    let base;
    process.stdin.once('data', () => (base = process.cpuUsage()) && autocannon({
      url: ${JSON.stringify(`${origin}/_event`)},
      method: 'POST',
      connections: 100,
      overallRate: ${targets.beaconsPerSecond},
      duration: ${seconds},
      headers: { Origin: ${JSON.stringify(origin)}, 'Content-Type': 'text/plain;charset=UTF-8' },
      requests: [{ setupRequest: (request) => ({ ...request,
        headers: { ...request.headers, 'User-Agent': 'bench-browser-' + (b++ % 5000) },
        body }) }],
    }, (error, result) => {
      if (error) { console.error(error); process.exit(1); }
      const cpu = process.cpuUsage(base);
      console.log(JSON.stringify({ ...result, senderCpuMs: (cpu.user + cpu.system) / 1000 }));
      process.exit(0);
    }));
    console.log('ready');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  while (!out.includes('ready\n')) {
    await Promise.race([once(child.stdout, 'data'), exited]);
    if (child.exitCode !== null) throw new Error(`the beacon load exited with ${child.exitCode}`);
  }
  return {
    async start() {
      child.stdin.write('go\n');
      const [status] = await exited;
      if (status !== 0) throw new Error(`the beacon load exited with ${status}`);
      return JSON.parse(out.slice(out.indexOf('ready\n') + 'ready\n'.length)) as autocannon.Result & {
        senderCpuMs: number;
      };
    },
  };
}

/** The CPU time a process has used, in ms, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, in clock ticks (100 a second on Linux).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** The middle value of `values` (the mean of the middle two for an even count). */
function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The lowest and highest of `values`, as "low to high". */
function range(values: readonly number[], digits: number): string {
  return `${Math.min(...values).toFixed(digits)} to ${Math.max(...values).toFixed(digits)}`;
}

/**
 * (d) The Action alone and with 1,000 beacons a second arriving beside it, in BENCH_ROUNDS rounds (5) after a
 * short warm-up: each round measures both, in alternating order (alone first, then with beacons first), so
 * that a drift of the machine's load or of the store's size weighs on both sides alike. Each round gives a
 * ratio of the two; the result is the median ratio, with the lowest and highest beside it.
 */
async function beaconPhase(server: RunningServer, store: string) {
  const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
  const action = () => run('action', posted(server, '/_actions/requestReport/'));
  // Unmeasured: the server's code is compiled and its caches warm before the first round.
  await run('warm-up', { ...posted(server, '/_actions/requestReport/'), duration: 3 });
  const alone: number[] = [];
  const beside: number[] = [];
  const ratios: number[] = [];
  const beaconRates: number[] = [];
  for (let round = 0; round < rounds; round++) {
    /** The server's share of one core while `measure` ran, in percent, when /proc tells. */
    const serverCpu: string[] = [];
    const withCpu = async (measure: () => Promise<number>) => {
      const before = cpuMs(server.pid);
      const started = performance.now();
      const perSecondResult = await measure();
      const after = cpuMs(server.pid);
      if (before !== undefined && after !== undefined)
        serverCpu.push(`${((100 * (after - before)) / (performance.now() - started)).toFixed(0)}%`);
      return perSecondResult;
    };
    let sender = '';
    const measureAlone = () => withCpu(async () => perSecond(await action()));
    const measureBeside = () =>
      withCpu(async () => {
        const beaconSender = await beaconLoad(server.origin);
        const [withBeacons, beacons] = await Promise.all([action(), beaconSender.start()]);
        beaconRates.push(beacons['2xx'] / (beacons.duration || seconds));
        sender = `${((100 * beacons.senderCpuMs) / 1000 / (beacons.duration || seconds)).toFixed(0)}%`;
        return perSecond(withBeacons);
      });
    let a: number;
    let b: number;
    let cpu: string;
    if (round % 2 === 0) {
      a = await measureAlone();
      b = await measureBeside();
      cpu = `server CPU ${serverCpu.join(' then ')}`;
    } else {
      b = await measureBeside();
      a = await measureAlone();
      cpu = `server CPU ${serverCpu.reverse().join(' then ')}`;
    }
    alone.push(a);
    beside.push(b);
    ratios.push(b / a);
    console.log(
      `  ${store} (d) round ${round + 1}/${rounds}: alone ${a.toFixed(0)}/s, with beacons ${b.toFixed(0)}/s ` +
        `(${beaconRates.at(-1)!.toFixed(0)} beacons/s), ratio ${(b / a).toFixed(3)}; ${cpu} ` +
        `(alone, with beacons), beacon sender ${sender} of a core (load ${load()})`,
    );
  }
  const ratio = median(ratios);
  const slowestBeacons = Math.min(...beaconRates);
  report(
    `${store} (d) Action c${CONNECTIONS}, ${rounds} rounds of ${seconds} s each way: alone median ${median(alone).toFixed(0)}/s ` +
      `(${range(alone, 0)}); with beacons median ${median(beside).toFixed(0)}/s (${range(beside, 0)}); beacons answered ` +
      `${range(beaconRates, 0)}/s; ratio median ${ratio.toFixed(3)} (rounds ${range(ratios, 3)}) ` +
      `[target >= ${targets.withBeaconsRatio} with >= ${targets.beaconsPerSecond * 0.95} beacons/s: ` +
      `${met(ratio >= targets.withBeaconsRatio && slowestBeacons >= targets.beaconsPerSecond * 0.95)}] (load ${load()})`,
  );
}
