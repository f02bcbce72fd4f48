import { spawn } from 'node:child_process';

/**
 * Runs one of PostgreSQL's client tools (pg_dump, pg_restore) on the database at `url`, with `args` before
 * the database and `after` behind it. The password goes through the environment, not the command line that
 * `ps` shows. Rejects naming the tool when it cannot be run, or with what it said when it fails.
 */
export async function runPgTool(tool: string, url: string, args: string[], after: string[] = []): Promise<void> {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  const child = spawn(tool, [...args, `--dbname=${parsed.toString()}`, ...after], {
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).catch((error: unknown) => {
    throw new Error(`${tool} could not be run (${(error as Error).message}): install PostgreSQL's client tools.`, {
      cause: error,
    });
  });
  if (code !== 0) throw new Error(`${tool} failed (exit ${code}): ${errors.trim()}`);
}
