/**
 * `npm run admin:password`: reads the dashboard's password from standard input (typed, then Enter; or piped)
 * and prints the line to set, ADMIN_PASSWORD_HASH=scrypt$…, never the password. A new hash of the same password
 * is different (a new salt) and signs out every session when the server restarts with it.
 */
import { createInterface } from 'node:readline/promises';
import { hashPassword } from '../src/gate/admin/auth.ts';

const lines = createInterface({ input: process.stdin, terminal: false });
if (process.stdin.isTTY) process.stderr.write('Dashboard password (at least 12 characters): ');
let password = '';
for await (const line of lines) {
  password = line;
  break;
}
lines.close();
if (password.length < 12) {
  console.error('The password must be at least 12 characters long. Nothing was printed.');
  process.exit(1);
}
console.log(`ADMIN_PASSWORD_HASH=${await hashPassword(password)}`);
