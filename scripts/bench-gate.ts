/**
 * `npm run bench:gate`: the gate's throughput against the real server (`npm start` on a temporary data
 * directory, limits raised so that they refuse nothing), with autocannon at concurrency 50:
 * (a) submissions through the Action as the enhanced form posts them, each with its own email: per second,
 *     p50/p99, and the rows the store holds afterwards (durable: SQLite WAL with synchronous FULL, PostgreSQL
 *     with its default synchronous_commit on);
 * (b) no-JS form posts to the report page, per second;
 * (c) PDF downloads from a signed link, against a plain static file server (node:http and
 *     fs.createReadStream of the same file, in a process of its own) in the same run, and their ratio;
 * (d) the Action at c50 in one run, with the funnel's beacons (POST /_event, a view each, from 5,000
 *     browsers, sent by a lean process of their own: see beaconSender) switched on at 1,000 per second
 *     and off every 2 s, for BENCH_ROUNDS pairs of periods (10): the median ratio of the Action's rate with
 *     and without them (target: within 10%), and the spread of the pairs.
 * (s) a trend page from the built files, as a browser asks for it (Brotli accepted), from `npm start` and from
 *     `sirv-cli` serving the same dist/client (each in a process of its own, the same autocannon client),
 *     interleaved twice, and the ratio (target: >= 0.8); run once, before the stores' phases.
 * Phases (a) to (d) run once per lead store: SQLite, then PostgreSQL (a fresh database on TEST_DATABASE_URL, the
 * cluster `npm run db:test-start` recorded, or a throwaway cluster started for the bench), so the figures
 * stand side by side. Prints the load average beside the figures: on a shared machine they are only as
 * good as it is idle. BENCH_SECONDS sets each phase's length (10); BENCH_PROFILE=dir writes the server's
 * CPU profile there; BENCH_PHASES picks phases (`s,a,b,c,d`, all by default), to profile one alone;
 * BENCH_STORES picks stores (`sqlite,postgres`); BENCH_ROUNDS sets phase (d)'s pairs of periods.
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
/** Phase d's periods, in seconds: the beacons are switched on or off at each period's start. */
const PERIOD_S = 2;
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
  const per =
    before === undefined || after === undefined
      ? undefined
      : (after - before) / Math.max(1, result['2xx'] + result['3xx']);
  return {
    result,
    cpu: per,
    cpuText: per === undefined ? 'server CPU unknown' : `server CPU ${per.toFixed(3)} ms/request`,
  };
}

/**
 * Answers that count as served: 2xx; for the no-JS form also 3xx, since an accepted form is answered with a 303
 * to its answer page (Post/Redirect/Get), which autocannon, like a browser's first request, does not follow.
 */
const ok = (result: autocannon.Result, redirects = false) => result['2xx'] + (redirects ? result['3xx'] : 0);
const perSecond = (result: autocannon.Result, redirects = false) =>
  ok(result, redirects) / (result.duration || seconds);
const summary = (result: autocannon.Result, redirects = false) =>
  `${perSecond(result, redirects).toFixed(0)}/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
  `${ok(result, redirects)} ok, ${result.non2xx - (redirects ? result['3xx'] : 0)} refused, ${result.errors + result.timeouts} errors`;

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
    `${store} (b) no-JS form c${CONNECTIONS}: ${summary(noJs, true)}, ${cpuText} [target >= ${targets.formPerSecond}/s: ` +
      `${met(perSecond(noJs, true) >= targets.formPerSecond)}] (load ${load()})`,
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

/** The beacon sender: a process of its own writing to a few keep-alive sockets, switched on and off by the bench. */
interface BeaconSender {
  on(): void;
  off(): void;
  /**
   * Ends the process: per stretch it was on, the beacons it sent and those answered (204), and its CPU
   * time while it ran.
   */
  end(): Promise<{ answered: number[]; offered: number[]; cpuMs: number }>;
}

/**
 * 1,000 beacons a second while switched on, from 5,000 user agents, sent in a process of its own (in this
 * one it would share a thread with the Action's load). It is as cheap as a sender can be, so that its own
 * CPU does not decide whether 1,000 a second are offered on two shared cores: the 5,000 requests are built
 * once, as bytes; every 2 ms the ones due by then are written, pipelined, round-robin on 4 keep-alive
 * connections, and the answers are counted by their status lines (`HTTP/1.1 204`) without parsing
 * anything else; when switched off it sends no more, and counts the answers still due for up to 500 ms.
 * (autocannon, which parses every response and keeps a histogram, reached 939 to 962 a second here.)
 * Past 2,000 unanswered beacons it waits: what is offered never outruns what is answered by
 * more than that. Resolves once the process has started, so that its start-up is not measured.
 */
async function beaconSender(origin: string): Promise<BeaconSender> {
  const { host, port } = new URL(origin);
  const code = `
    const net = require('node:net');
    const lines = require('node:readline').createInterface({ input: process.stdin });
    const RATE = ${targets.beaconsPerSecond};
    const body = JSON.stringify({ e: 'view', p: '/${SERIES}/', q: '?utm_source=bench', r: '' });
    const requests = Array.from({ length: 5000 }, (_, i) => Buffer.from(
      'POST /_event HTTP/1.1\\r\\nHost: ${host}\\r\\nOrigin: ${origin}\\r\\n' +
      'Content-Type: text/plain;charset=UTF-8\\r\\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64) bench-browser-' + i +
      '\\r\\nContent-Length: ' + Buffer.byteLength(body) + '\\r\\n\\r\\n' + body));
    const STATUS = Buffer.from('HTTP/1.1 204 ');
    const answered = [];
    const offered = [];
    let base;
    let sockets = [];
    let timer;
    let sent = 0;
    let got = 0;
    let next = 0;
    const count = (socket) => {
      let tail = Buffer.alloc(0);
      socket.on('data', (chunk) => {
        const data = tail.length > 0 ? Buffer.concat([tail, chunk]) : chunk;
        for (let at = data.indexOf(STATUS); at !== -1; at = data.indexOf(STATUS, at + STATUS.length)) {
          answered[answered.length - 1]++;
          got++;
        }
        tail = data.subarray(Math.max(0, data.length - STATUS.length + 1));
      });
    };
    lines.on('line', (line) => {
      if (line === 'on') {
        base ??= process.cpuUsage();
        answered.push(0);
        sent = 0;
        got = 0;
        sockets = Array.from({ length: 4 }, () => {
          const socket = net.connect(${port || 80}, ${JSON.stringify(new URL(origin).hostname)});
          socket.setNoDelay(true);
          socket.on('error', () => {});
          count(socket);
          return socket;
        });
        const start = performance.now();
        timer = setInterval(() => {
          const due = Math.floor(((performance.now() - start) * RATE) / 1000) - sent;
          if (due <= 0 || sent - got > 2000) return;
          const batches = sockets.map(() => []);
          for (let i = 0; i < due; i++) batches[i % sockets.length].push(requests[next++ % requests.length]);
          batches.forEach((batch, i) => batch.length > 0 && sockets[i].write(Buffer.concat(batch)));
          sent += due;
        }, 2);
      } else if (line === 'off') {
        // Nothing more is sent; the answers to what was sent still count, for up to 500 ms.
        clearInterval(timer);
        offered.push(sent);
        const open = sockets;
        const close = () => open.forEach((socket) => socket.destroy());
        const drained = setInterval(() => got >= sent && (clearInterval(drained), close()), 5);
        setTimeout(() => (clearInterval(drained), close()), 500);
      } else if (line === 'end') {
        const cpu = process.cpuUsage(base);
        console.log(JSON.stringify({ answered, offered, cpuMs: (cpu.user + cpu.system) / 1000 }));
        process.exit(0);
      }
    });
    console.log('ready');`;
  const child = spawn(process.execPath, ['-e', code], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null]>;
  while (!out.includes('ready\n')) {
    await Promise.race([once(child.stdout, 'data'), exited]);
    if (child.exitCode !== null) throw new Error(`the beacon sender exited with ${child.exitCode}`);
  }
  return {
    on: () => child.stdin.write('on\n'),
    off: () => child.stdin.write('off\n'),
    async end() {
      child.stdin.write('end\n');
      const [status] = await exited;
      if (status !== 0) throw new Error(`the beacon sender exited with ${status}`);
      return JSON.parse(out.slice(out.indexOf('ready\n') + 'ready\n'.length)) as {
        answered: number[];
        offered: number[];
        cpuMs: number;
      };
    },
  };
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
 * (d) The Action at c50 in one continuous run, while the beacon sender is switched on and off every
 * PERIOD_S seconds for BENCH_ROUNDS pairs of periods (10), in the order off, on, on, off, off, on, … so that a
 * drift of the machine's load or of the store's size weighs on both sides alike; the Action's answers are
 * counted per period. Each pair gives a ratio (with beacons / alone); the result is the median ratio, with
 * the lowest and highest pair, and the server's share of a core in each kind of period (from /proc).
 * Short periods in one run follow the load of a shared machine more closely than long runs one after the
 * other.
 */
async function beaconPhase(server: RunningServer, store: string) {
  const pairs = Number(process.env.BENCH_ROUNDS ?? 10);
  const periods = pairs * 2;
  const beaconsOn = (period: number) => period % 4 === 1 || period % 4 === 2;
  // Unmeasured: the server's code is compiled and its caches warm first.
  await run('warm-up', { ...posted(server, '/_actions/requestReport/'), duration: 3 });
  const sender = await beaconSender(server.origin);
  const answered = Array.from({ length: periods }, () => 0);
  const cpu: (number | undefined)[] = [];
  let started = 0;
  let finished = () => {};
  const done = new Promise<void>((resolve) => (finished = resolve));
  const action = autocannon(
    { ...posted(server, '/_actions/requestReport/'), connections: CONNECTIONS, duration: periods * PERIOD_S },
    () => finished(),
  );
  action.on('response', (_client, status) => {
    const period = Math.floor((performance.now() - started) / (PERIOD_S * 1000));
    if (status >= 200 && status < 300 && period < periods) answered[period]! += 1;
  });
  started = performance.now();
  for (let period = 0; period < periods; period++) {
    const on = beaconsOn(period);
    if (on && !beaconsOn(period - 1)) sender.on();
    if (!on && period > 0 && beaconsOn(period - 1)) sender.off();
    cpu.push(cpuMs(server.pid));
    await new Promise((resolve) => setTimeout(resolve, started + (period + 1) * PERIOD_S * 1000 - performance.now()));
  }
  cpu.push(cpuMs(server.pid));
  if (beaconsOn(periods - 1)) sender.off();
  await done;
  const beacons = await sender.end();
  const rate = (count: number) => count / PERIOD_S;
  const alone: number[] = [];
  const beside: number[] = [];
  const ratios: number[] = [];
  const efficiency: number[] = [];
  for (let pair = 0; pair < pairs; pair++) {
    const [first, second] = [pair * 2, pair * 2 + 1];
    const [off, on] = beaconsOn(first) ? [second, first] : [first, second];
    alone.push(rate(answered[off]!));
    beside.push(rate(answered[on]!));
    ratios.push(answered[on]! / answered[off]!);
    // The Action's answers per second of the server's CPU: what the beacons take from the server itself,
    // whatever else the machine runs.
    const cpuOf = (period: number) => {
      const [before, after] = [cpu[period], cpu[period + 1]];
      return before !== undefined && after !== undefined && after > before ? (after - before) / 1000 : undefined;
    };
    const [cpuOff, cpuOn] = [cpuOf(off), cpuOf(on)];
    if (cpuOff && cpuOn) efficiency.push(answered[on]! / cpuOn / (answered[off]! / cpuOff));
  }
  // The sender counts per switching-on: it stays on for the run of periods that follows.
  const stretches: number[] = [];
  for (let period = 0; period < periods; period++) {
    if (!beaconsOn(period)) continue;
    if (beaconsOn(period - 1)) stretches[stretches.length - 1]! += 1;
    else stretches.push(1);
  }
  const beaconRates = beacons.answered.map((count, i) => count / (PERIOD_S * stretches[i]!));
  console.log(
    `  ${store} (d) beacons sent / answered per switching-on: ${beacons.offered.map((n, i) => `${n}/${beacons.answered[i]}`).join(' ')} over ${stretches.map((n) => n * PERIOD_S).join(' ')} s`,
  );
  const share = (on: boolean) => {
    const shares = cpu.slice(0, periods).flatMap((before, period) => {
      const after = cpu[period + 1];
      return beaconsOn(period) === on && before !== undefined && after !== undefined
        ? [(after - before) / (PERIOD_S * 10)]
        : [];
    });
    return shares.length > 0 ? `${median(shares).toFixed(0)}%` : 'unknown';
  };
  const ratio = median(ratios);
  const slowestBeacons = Math.min(...beaconRates);
  console.log(`  ${store} (d) ratios by pair: ${ratios.map((r) => r.toFixed(3)).join(' ')}`);
  if (efficiency.length > 0)
    console.log(
      `  ${store} (d) the Action's answers per server CPU second, with beacons / without: median ` +
        `${median(efficiency).toFixed(3)} (pairs ${range(efficiency, 3)})`,
    );
  report(
    `${store} (d) Action c${CONNECTIONS}, ${pairs} pairs of ${PERIOD_S} s periods: alone median ${median(alone).toFixed(0)}/s ` +
      `(${range(alone, 0)}); with beacons median ${median(beside).toFixed(0)}/s (${range(beside, 0)}); beacons answered ` +
      `${range(beaconRates, 0)}/s; ratio median ${ratio.toFixed(3)} (pairs ${range(ratios, 3)}); server CPU median ` +
      `${share(false)} alone, ${share(true)} with beacons; beacon sender ${((100 * beacons.cpuMs) / 1000 / (pairs * PERIOD_S)).toFixed(0)}% ` +
      `of a core while on [target >= ${targets.withBeaconsRatio} with >= ${targets.beaconsPerSecond * 0.95} beacons/s: ` +
      `${met(ratio >= targets.withBeaconsRatio && slowestBeacons >= targets.beaconsPerSecond * 0.95)}] (load ${load()})`,
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
