import { execFileSync, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import {
  appendFileSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import pg from 'pg';
import { freePort } from '../integration/server.ts';
import { isDebianRoot } from '../../src/integrations/browser.ts';

/**
 * A throwaway PostgreSQL cluster for the tests and benches: initdb into a temporary folder, pg_ctl start on a
 * free loopback port, a superuser with a random password. `npm run db:test-start` records it in RECORD
 * for every later run to use until `npm run db:test-stop`; `npm test` and the Vitest projects that need it
 * start one of their own when none is recorded or given (TEST_DATABASE_URL), and stop it afterwards.
 */

export interface Cluster {
  /** The cluster's maintenance database: tests create their own databases through it. */
  url: string;
  /** The temporary folder with the data directory, its log and password file. */
  dir: string;
  /** The folder of initdb and pg_ctl. */
  bin: string;
  /** The user the server runs as, when not the current one (root may not run PostgreSQL). */
  runAs?: string;
}

/** Where `db:test-start` records the running cluster. */
export const RECORD = join(import.meta.dirname, '../../node_modules/.cache/mt-postgres/cluster.json');

/** Setting this to "off" skips the PostgreSQL tests, on purpose; nothing else does. */
export const OPT_OUT = 'TEST_POSTGRES';

export const MISSING_HELP = [
  "PostgreSQL's server programs (initdb, pg_ctl) were not found, so the PostgreSQL tests cannot run. Either",
  '  - install them: apt-get install postgresql (Debian; npm test does this as root), or set PG_BINDIR to their folder;',
  '  - or set TEST_DATABASE_URL=postgres://user:password@host:port/db, a role that may create databases;',
  `  - or skip the PostgreSQL tests on purpose with ${OPT_OUT}=off.`,
].join('\n');

/**
 * Installs Debian's PostgreSQL server programs where they are missing and this runs as root on Debian (as
 * the browser is installed), without the default cluster the package would otherwise create and start.
 */
export function installPostgres(log: (line: string) => void = console.log): string | undefined {
  if (!isDebianRoot()) return undefined;
  log("No PostgreSQL server programs found: installing Debian's postgresql package (without its default cluster)...");
  mkdirSync('/etc/postgresql-common', { recursive: true });
  const conf = '/etc/postgresql-common/createcluster.conf';
  const current = existsSync(conf) ? readFileSync(conf, 'utf8') : '';
  if (!/^create_main_cluster\s*=\s*false/m.test(current)) appendFileSync(conf, '\ncreate_main_cluster = false\n');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  spawnSync('apt-get', ['install', '-y', '-qq', 'postgresql'], { stdio: 'inherit', env });
  return findPostgresBin();
}

/** The folder of initdb and pg_ctl: PG_BINDIR, `pg_config --bindir`, or Debian's newest /usr/lib/postgresql/N/bin. */
export function findPostgresBin(): string | undefined {
  const candidates: string[] = [];
  if (process.env.PG_BINDIR) candidates.push(process.env.PG_BINDIR);
  try {
    candidates.push(
      execFileSync('pg_config', ['--bindir'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(),
    );
  } catch {
    // No pg_config: look in Debian's place.
  }
  const debian = '/usr/lib/postgresql';
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => join(debian, v, 'bin')));
  }
  return candidates.find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
}

/** Runs one of the cluster's programs, as `runAs` when given; throws with its output when it fails. */
function run(bin: string, program: string, args: string[], runAs?: string): void {
  const [command, all] = runAs
    ? ['runuser', ['-u', runAs, '--', join(bin, program), ...args]]
    : [join(bin, program), args];
  const result = spawnSync(command, all, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(
      `${program} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}${result.stderr}`,
    );
  }
}

/** Starts a new cluster; throws MISSING_HELP when PostgreSQL is not installed. */
export async function startCluster(): Promise<Cluster> {
  const bin = findPostgresBin();
  if (!bin) throw new Error(MISSING_HELP);
  // PostgreSQL refuses to run as root: then the cluster belongs to Debian's `postgres` user.
  const runAs = userInfo().uid === 0 ? 'postgres' : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'mt-postgres-'));
  const password = randomBytes(18).toString('hex');
  const user = 'leads';
  writeFileSync(join(dir, 'password'), `${password}\n`, { mode: 0o600 });
  if (runAs) {
    const { uid, gid } = passwd(runAs);
    chownSync(dir, uid, gid);
    chownSync(join(dir, 'password'), uid, gid);
  }
  const data = join(dir, 'data');
  run(
    bin,
    'initdb',
    [
      '-D',
      data,
      '-U',
      user,
      `--pwfile=${join(dir, 'password')}`,
      '--auth=scram-sha-256',
      '-E',
      'UTF8',
      '--no-instructions',
    ],
    runAs,
  );
  const port = await freePort();
  const settings = `-c port=${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c max_connections=200`;
  run(bin, 'pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-o', settings, '-w', 'start'], runAs);
  return { url: `postgres://${user}:${password}@127.0.0.1:${port}/postgres`, dir, bin, ...(runAs ? { runAs } : {}) };
}

function passwd(name: string): { uid: number; gid: number } {
  const line = readFileSync('/etc/passwd', 'utf8')
    .split('\n')
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line)
    throw new Error(`There is no user "${name}" to run PostgreSQL as (it refuses to run as root).\n${MISSING_HELP}`);
  const [, , uid, gid] = line.split(':');
  return { uid: Number(uid), gid: Number(gid) };
}

/** Stops the cluster and deletes its folder. */
export function stopCluster(cluster: Cluster): void {
  try {
    run(cluster.bin, 'pg_ctl', ['-D', join(cluster.dir, 'data'), '-m', 'fast', '-w', 'stop'], cluster.runAs);
  } finally {
    rmSync(cluster.dir, { recursive: true, force: true });
  }
}

/** The cluster `db:test-start` recorded, while its folder is still there. */
export function recordedCluster(): Cluster | undefined {
  if (!existsSync(RECORD)) return undefined;
  const cluster = JSON.parse(readFileSync(RECORD, 'utf8')) as Cluster;
  return existsSync(join(cluster.dir, 'data', 'postmaster.pid')) ? cluster : undefined;
}

export function recordCluster(cluster: Cluster | undefined): void {
  if (!cluster) {
    rmSync(RECORD, { force: true });
    return;
  }
  mkdirSync(dirname(RECORD), { recursive: true });
  writeFileSync(RECORD, `${JSON.stringify(cluster, null, 2)}\n`, { mode: 0o600 });
}

/** What the PostgreSQL tests run against: a URL, or why there is none (`off` when skipped on purpose). */
export type TestDatabase = { url: string } | { off: true } | { problem: string };

/**
 * The database for the tests: none when TEST_POSTGRES=off; else TEST_DATABASE_URL, the recorded
 * cluster, or a new cluster, which `stop` then stops. A cluster that cannot start becomes `problem`,
 * for the PostgreSQL tests to fail with.
 */
export async function testDatabase(): Promise<{ database: TestDatabase; stop: () => void }> {
  const none = () => undefined;
  if (process.env[OPT_OUT] === 'off') return { database: { off: true }, stop: none };
  if (process.env.TEST_DATABASE_URL) return { database: { url: process.env.TEST_DATABASE_URL }, stop: none };
  const recorded = recordedCluster();
  if (recorded) return { database: { url: recorded.url }, stop: none };
  try {
    const cluster = await startCluster();
    return { database: { url: cluster.url }, stop: () => stopCluster(cluster) };
  } catch (error) {
    return { database: { problem: (error as Error).message }, stop: none };
  }
}

/** A fresh name under `prefix`, and a connection to `admin` to create and later drop it with. */
async function maintenanceFor(admin: string, prefix: string): Promise<{ name: string; maintenance: pg.Client }> {
  const maintenance = new pg.Client({ connectionString: admin });
  await maintenance.connect();
  return { name: `${prefix}_${randomBytes(6).toString('hex')}`, maintenance };
}

/**
 * A new, empty schema in the database at `admin`, as a URL whose connections work in it (`search_path`), and
 * how to drop it: a few milliseconds, where a database costs about 200 ms. Whole-database tools (pg_dump) need
 * `createDatabase`.
 */
export async function createSchema(
  admin: string,
  prefix = 'leads_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const { name, maintenance } = await maintenanceFor(admin, prefix);
  await maintenance.query(`CREATE SCHEMA ${name}`);
  const url = new URL(admin);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    url: url.toString(),
    async drop() {
      await maintenance.query(`DROP SCHEMA ${name} CASCADE`);
      await maintenance.end();
    },
  };
}

/** A new, empty database on the cluster at `admin` (a role that may create databases), and how to drop it. */
export async function createDatabase(
  admin: string,
  prefix = 'leads_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const { name, maintenance } = await maintenanceFor(admin, prefix);
  await maintenance.query(`CREATE DATABASE ${name}`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      // A closed pool's connections leave a moment later; dropping under them would kill them mid-goodbye.
      for (let wait = 0; wait < 50; wait++) {
        const { rows } = await maintenance.query<{ n: number }>(
          'SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (rows[0]!.n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await maintenance.query(`DROP DATABASE ${name} WITH (FORCE)`);
      await maintenance.end();
    },
  };
}
