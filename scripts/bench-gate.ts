/**
 * `npm run bench:gate`: the gate's throughput against the real server (`npm start` on a temporary data
 * directory, limits raised so that they refuse nothing), with autocannon at concurrency 50:
 * (a) submissions through the Action as the enhanced form posts them, each with its own email: per second,
 *     p50/p99, and the rows the store holds afterwards (durable: SQLite WAL with synchronous FULL, PostgreSQL
 *     with its default synchronous_commit on);
 * (b) no-JS form posts to the report page, per second;
 * (c) PDF downloads from a signed link, against a plain static file server (node:http and
 *     fs.createReadStream of the same file, in a process of its own) in the same run, and their ratio;
 * (d) the Action at c50 alone, then again while the funnel's beacons (POST /_event, a view each, from 5,000
 *     browsers) arrive at 1,000 per second, and the ratio of the two (target: within 10%).
 * (s) a trend page from the built files, as a browser asks for it (Brotli accepted), from `npm start` and from
 *     `sirv-cli` serving the same dist/client (each in a process of its own, the same autocannon client),
 *     interleaved twice, and the ratio (target: >= 0.8); run once, before the stores' phases.
 * Phases (a) to (d) run once per lead store: SQLite, then PostgreSQL (a fresh database on TEST_DATABASE_URL, the
 * cluster `npm run db:test-start` recorded, or a throwaway cluster started for the bench), so the figures
 * stand side by side. Prints the load average beside the figures: on a shared machine they are only as
 * good as it is idle. BENCH_SECONDS sets each phase's length (10); BENCH_PROFILE=dir writes the server's
 * CPU profile there; BENCH_PHASES picks phases (`s,a,b,c,d`, all by default), to profile one alone;
 * BENCH_STORES picks stores (`sqlite,postgres`).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { readSeries } from '../src/lib/content/files.ts';
import { freePort, startServer, type RunningServer } from '../tests/integration/server.ts';
import { createDatabase, testDatabase } from '../tests/setup/postgres-cluster.ts';

const SERIES = 'ml-trends-2021';
const CONNECTIONS = 50;
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const profileDir = process.env.BENCH_PROFILE;
const list = (value: string) => new Set(value.split(',').map((item) => item.trim()));
const phases = list(process.env.BENCH_PHASES ?? 's,a,b,c,d');
const storeNames = list(process.env.BENCH_STORES ?? 'sqlite,postgres');
const series = readSeries(process.cwd(), SERIES);
const targets = {
  actionPerSecond: 1000,
  actionP99Ms: 100,
  formPerSecond: 800,
  downloadRatio: 0.8,
  beaconsPerSecond: 1000,
  withBeaconsRatio: 0.9,
  staticRatio: 0.8,
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

/** CPU time (user and system) a process has used, in ms, from /proc (Linux); undefined elsewhere. */
function cpuMs(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    // utime and stime, fields 14 and 15 of the line, in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return undefined;
  }
}

/** Runs `load` and gives its result with the CPU the process `pid` used per answered request. */
async function withCpu(pid: number, load: () => Promise<autocannon.Result>) {
  const before = cpuMs(pid);
  const result = await load();
  const after = cpuMs(pid);
  const per = before === undefined || after === undefined ? undefined : (after - before) / Math.max(1, result['2xx']);
  return {
    result,
    cpu: per,
    cpuText: per === undefined ? 'server CPU unknown' : `server CPU ${per.toFixed(3)} ms/request`,
  };
}

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

if (phases.has('s')) await staticPhase();
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
  const { result: action, cpuText } = await withCpu(server.pid, () =>
    run('action', posted(server, '/_actions/requestReport/')),
  );
  const stored = await storedLeads(server);
  report(
    `${store} (a) Action c${CONNECTIONS}: ${summary(action)}, ${cpuText}; ${stored} leads in the database for ${action['2xx']} acknowledged ` +
      `[target >= ${targets.actionPerSecond}/s with p99 < ${targets.actionP99Ms} ms: ` +
      `${met(perSecond(action) >= targets.actionPerSecond && action.latency.p99 < targets.actionP99Ms)}] (load ${load()})`,
  );
}

/** (b) The report page's form without JavaScript. */
async function formPhase(server: RunningServer, store: string) {
  const { result: noJs, cpuText } = await withCpu(server.pid, () => run('form', posted(server, `/${SERIES}/report/`)));
  report(
    `${store} (b) no-JS form c${CONNECTIONS}: ${summary(noJs)}, ${cpuText} [target >= ${targets.formPerSecond}/s: ` +
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
 * its own (in this one it would share a thread with the Action's load); resolves to its result.
 */
async function beaconLoad(origin: string): Promise<autocannon.Result> {
  const code = `
    const autocannon = require('autocannon');
    let b = 0;
    autocannon({
      url: ${JSON.stringify(`${origin}/_event`)},
      method: 'POST',
      connections: 100,
      overallRate: ${targets.beaconsPerSecond},
      duration: ${seconds},
      headers: { Origin: ${JSON.stringify(origin)}, 'Content-Type': 'text/plain;charset=UTF-8' },
      requests: [{ setupRequest: (request) => ({ ...request,
        headers: { ...request.headers, 'User-Agent': 'bench-browser-' + (b++ % 5000) },
        body: JSON.stringify({ e: 'view', p: '/${SERIES}/', q: '?utm_source=bench', r: '' }) }) }],
    }, (error, result) => { if (error) { console.error(error); process.exit(1); } console.log(JSON.stringify(result)); });`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const [status] = (await once(child, 'exit')) as [number | null];
  if (status !== 0) throw new Error(`the beacon load exited with ${status}`);
  return JSON.parse(out) as autocannon.Result;
}

/** (d) The Action alone, then with 1,000 beacons a second arriving beside it. */
async function beaconPhase(server: RunningServer, store: string) {
  const alone = await run('action alone', posted(server, '/_actions/requestReport/'));
  const [withBeacons, beacons] = await Promise.all([
    run('action with beacons', posted(server, '/_actions/requestReport/')),
    beaconLoad(server.origin),
  ]);
  const ratio = perSecond(withBeacons) / perSecond(alone);
  const beaconRate = beacons['2xx'] / (beacons.duration || seconds);
  report(
    `${store} (d) Action c${CONNECTIONS} alone: ${summary(alone)}; with beacons: ${summary(withBeacons)}; ` +
      `beacons ${beaconRate.toFixed(0)}/s answered (p99 ${beacons.latency.p99} ms, ${beacons.non2xx} refused); ` +
      `ratio ${ratio.toFixed(2)} [target >= ${targets.withBeaconsRatio} with >= ${targets.beaconsPerSecond * 0.95} beacons/s: ` +
      `${met(ratio >= targets.withBeaconsRatio && beaconRate >= targets.beaconsPerSecond * 0.95)}] (load ${load()})`,
  );
}

/** `sirv-cli` on dist/client, in a process of its own; its log lines are read and dropped, as the gate's are. */
async function sirvServer(): Promise<{ origin: string; child: ChildProcess }> {
  const port = await freePort();
  const bin = join(process.cwd(), 'node_modules/sirv-cli/bin.js');
  const child = spawn(process.execPath, [bin, 'dist/client', '--etag', '--host', '127.0.0.1', '--port', String(port)], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  for (let tries = 0; !out.includes(String(port)); tries++) {
    if (tries > 100) throw new Error(`sirv-cli did not start: ${out}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.stdout.removeAllListeners('data');
  child.stdout.resume();
  return { origin: `http://127.0.0.1:${port}`, child };
}

/** (s) A trend page from `npm start` against sirv-cli on the same files, interleaved twice. */
async function staticPhase() {
  const page = `/${SERIES}/governance/`;
  const options = (origin: string): autocannon.Options => ({
    url: origin + page,
    headers: { 'Accept-Encoding': 'br, gzip', Accept: 'text/html' },
  });
  const server = await startServer(limits);
  const sirv = await sirvServer();
  const ratios: number[] = [];
  try {
    for (let round = 1; round <= 2; round++) {
      const plain = await withCpu(sirv.child.pid!, () => run('sirv', options(sirv.origin)));
      const gate = await withCpu(server.pid, () => run('npm start', options(server.origin)));
      const ratio = perSecond(gate.result) / perSecond(plain.result);
      ratios.push(ratio);
      report(
        `(s) static page ${page} c${CONNECTIONS}, round ${round}: npm start ${summary(gate.result)}, ${gate.cpuText}; ` +
          `sirv-cli ${summary(plain.result)}, ${plain.cpuText}; ` +
          `ratio ${ratio.toFixed(2)} [target >= ${targets.staticRatio}: ${met(ratio >= targets.staticRatio)}] (load ${load()})`,
      );
    }
  } finally {
    sirv.child.kill();
    await server.stop();
  }
  report(
    `(s) static ratio ${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)} over ${ratios.length} rounds`,
  );
}
