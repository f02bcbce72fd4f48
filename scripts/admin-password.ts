/**
 * `npm run admin:password`: reads the dashboard's password from standard input (typed, then Enter; or piped)
 * and prints the line to set, ADMIN_PASSWORD_HASH=scrypt$…, never the password. On a terminal the password
 * is read with echo off (raw mode), so it does not appear on the screen or in a screen recording. A new hash
 * of the same password is different (a new salt) and signs out every session when the server restarts with it.
 */
import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../src/gate/admin/auth.ts';

/** One line typed on the terminal, not echoed: Enter ends it, Backspace edits it, Ctrl-C or Ctrl-D gives up. */
function readHidden(): Promise<string | undefined> {
  const stdin = process.stdin;
  stdin.setRawMode(true);
  stdin.setEncoding('utf8');
  stdin.resume();
  let typed = '';
  return new Promise((resolve) => {
    const done = (value: string | undefined) => {
      stdin.off('data', onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write('\n');
      resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === '\r' || char === '\n') return done(typed);
        if (char === '\u0003' || char === '\u0004') return done(undefined);
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else if (char >= ' ') typed += char;
      }
    };
    stdin.on('data', onData);
  });
}

/** The first line piped in. */
async function readPiped(): Promise<string> {
  const lines = createInterface({ input: process.stdin, terminal: false });
  let line = '';
  for await (const first of lines) {
    line = first;
    break;
  }
  lines.close();
  return line;
}

let password: string;
if (process.stdin.isTTY) {
  process.stderr.write('Dashboard password (at least 12 characters; it is not shown as you type): ');
  const typed = await readHidden();
  if (typed === undefined) {
    console.error('Stopped. Nothing was printed.');
    process.exit(130);
  }
  password = typed;
} else {
  password = await readPiped();
}
if (password.length < 12) {
  console.error('The password must be at least 12 characters long. Nothing was printed.');
  process.exit(1);
}
console.log(`ADMIN_PASSWORD_HASH=${await hashPassword(password)}`);
