import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSeries } from '../../src/lib/content/files.ts';
import { loadConfig } from '../../src/gate/config.ts';
import { openStore, type LeadStore } from '../../src/gate/store/index.ts';

/** The real server, as `npm start` runs it (building first when the build is stale), on a free port. */
export interface RunningServer {
  origin: string;
  /** The server's process id (the Node process itself, not a wrapper). */
  pid: number;
  dataDir: string;
  secret: string;
  output: () => string;
  /** A connection of the test's own to the lead store the server writes to, configured as the server is. */
  openStore: () => Promise<LeadStore>;
  /** Sends `signal` to the server process; `exited` gives its exit code. */
  signal: (signal: NodeJS.Signals) => void;
  exited: Promise<number | null>;
  stop: () => Promise<void>;
  /** Kills the server with SIGKILL, as a crash or `kill -9` would, and leaves its data directory in place. */
  kill: () => Promise<void>;
}

/** The project's start script; it serves the project in its working directory (`cwd`). */
const startScript = join(import.meta.dirname, '../../scripts/start.ts');

/** A TCP port nothing listens on now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `npm start` (the project's start script, with `args` such as `--build`) in `cwd` on `port` (a free
 * one by default), with a data directory of its own, and resolves once it serves.
 */
export async function startServer(
  env: Record<string, string> = {},
  cwd = process.cwd(),
  options: { port?: number; args?: readonly string[] } = {},
): Promise<RunningServer> {
  const port = options.port ?? (await freePort());
  const dataDir = mkdtempSync(join(tmpdir(), 'mt-gate-'));
  const secret = 'integration-test-secret-0123456789abcdef';
  let log = '';
  const serverEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    REPORT_LINK_SECRET: secret,
    // Without SITE_URL, a build names the server's own port: servers on many ports share one build made for
    // this origin instead (src/lib/site-url.ts). `TEST_BUILD_ORIGIN: ''` builds for the server's own port.
    TEST_BUILD_ORIGIN: 'http://localhost:4321',
    ...env,
  };
  const child: ChildProcess = spawn(process.execPath, [startScript, ...(options.args ?? [])], {
    cwd,
    env: serverEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  child.stdout!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (log += chunk.toString()));
  await new Promise<void>((resolve, reject) => {
    const timer = setInterval(() => {
      if (log.includes('is being served at')) {
        clearInterval(timer);
        resolve();
      }
    }, 100);
    child.once('exit', (code) => {
      clearInterval(timer);
      reject(new Error(`the server exited with code ${code}:\n${log}`));
    });
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    dataDir,
    secret,
    output: () => log,
    openStore: () => openStore(loadConfig(serverEnv)),
    signal: (signal) => child.kill(signal),
    exited,
    stop: async () => {
      if (child.exitCode === null) child.kill();
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
    kill: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** The report form of `series` filled in for `email`, as a browser without JavaScript sends it. */
export function reportForm(email: string, series = 'ml-trends-2021', cwd = process.cwd()): URLSearchParams {
  const { report } = readSeries(cwd, series);
  return new URLSearchParams({
    series,
    consentVersion: report.consent.version,
    firstName: 'Ada',
    lastName: 'Lovelace',
    email,
    company: 'Analytical Engines',
    jobRole: report.roles[0]!,
    consent: 'on',
    // The (empty) honeypot field.
    website: '',
  });
}

/** One form through the Action, as the enhanced form sends it: its status and the JSON it answered. */
export async function submitAction(
  origin: string,
  email: string,
  series = 'ml-trends-2021',
): Promise<{ status: number; body: string }> {
  const response = await fetch(`${origin}/_actions/requestReport/`, {
    method: 'POST',
    body: reportForm(email, series),
    headers: { Origin: origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    signal: AbortSignal.timeout(30_000),
  });
  return { status: response.status, body: await response.text() };
}

/**
 * Posts the report form as a browser without JavaScript does, and follows an accepted form's 303 to its
 * answer page with the cookie it set, as the browser would: the answer page's response, carrying the
 * POST's Set-Cookie headers. A refused form's page (no redirect) is returned as it came.
 */
export async function postForm(url: string, init: RequestInit): Promise<Response> {
  const posted = await fetch(url, { ...init, method: 'POST', redirect: 'manual' });
  const location = posted.headers.get('location');
  if (posted.status !== 303 || !location) return posted;
  const cookies = posted.headers.getSetCookie();
  const headers = new Headers(init.headers);
  headers.delete('origin');
  if (cookies.length > 0) headers.set('Cookie', cookies.map((c) => c.split(';')[0]).join('; '));
  const answer = await fetch(new URL(location, url), { headers });
  const merged = new Headers(answer.headers);
  for (const cookie of cookies) merged.append('set-cookie', cookie);
  return new Response(await answer.text(), { status: answer.status, headers: merged });
}
