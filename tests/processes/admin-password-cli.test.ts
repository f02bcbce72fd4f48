import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { verifyPassword } from '../../src/gate/admin/auth.ts';

/**
 * `npm run admin:password`: the hash line for a password piped in, and on a terminal (a real pseudo-terminal,
 * through util-linux `script`) the password typed is not echoed back.
 */
const SCRIPT = join(import.meta.dirname, '../../scripts/admin-password.ts');
const PASSWORD = 'correct horse battery staple';

it('prints the hash of a piped password, and never the password', async () => {
  const run = spawnSync(process.execPath, [SCRIPT], { input: `${PASSWORD}\n`, encoding: 'utf8' });
  expect(run.status).toBe(0);
  const line = /^ADMIN_PASSWORD_HASH=(\S+)$/m.exec(run.stdout)![1]!;
  expect(await verifyPassword(PASSWORD, line)).toBe(true);
  expect(run.stdout + run.stderr).not.toContain(PASSWORD);
  const short = spawnSync(process.execPath, [SCRIPT], { input: 'too short\n', encoding: 'utf8' });
  expect(short.status).toBe(1);
  expect(short.stdout).toBe('');
});

it('does not echo the password typed on a terminal', async () => {
  // `script` runs the command on a pseudo-terminal and passes what the test writes to it as keystrokes.
  const child = spawn(
    'script',
    ['-qec', `${JSON.stringify(process.execPath)} ${JSON.stringify(SCRIPT)}`, '/dev/null'],
    {
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => {
    // Type only once the prompt is there: the script has then turned echo off.
    if (!screen.includes('password') && (screen + chunk.toString()).includes('password')) {
      setTimeout(() => child.stdin.write(`${PASSWORD}\r`), 200);
    }
    screen += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(code).toBe(0);
  expect(screen).toMatch(/ADMIN_PASSWORD_HASH=scrypt\$/);
  expect(screen).not.toContain(PASSWORD);
  const line = /ADMIN_PASSWORD_HASH=(\S+)/.exec(screen)![1]!;
  expect(await verifyPassword(PASSWORD, line)).toBe(true);
}, 30_000);
