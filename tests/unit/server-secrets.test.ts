import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/gate/config.ts';
import { SECRET_FILE, linkSecret } from '../../src/gate/secrets.ts';

let dir: string;
let dataDir: string;
let warnings: string[];
const warn = (message: string) => warnings.push(message);

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'link-secret-'));
  dataDir = join(dir, 'data');
  warnings = [];
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('linkSecret', () => {
  it('uses REPORT_LINK_SECRET when it is set, without a warning or a file', () => {
    const secret = 'e'.repeat(40);
    const config = loadConfig({ DATA_DIR: dataDir, REPORT_LINK_SECRET: secret });
    expect(linkSecret(config, warn)).toBe(secret);
    expect(warnings).toEqual([]);
    expect(existsSync(join(dataDir, SECRET_FILE))).toBe(false);
  });

  it('generates a random secret in the data directory, readable only by the server user', () => {
    const secret = linkSecret(loadConfig({ DATA_DIR: dataDir }), warn);
    const file = join(dataDir, SECRET_FILE);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(file, 'utf8')).toBe(`${secret}\n`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('warns once per call, naming REPORT_LINK_SECRET and the file', () => {
    linkSecret(loadConfig({ DATA_DIR: dataDir }), warn);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('REPORT_LINK_SECRET');
    expect(warnings[0]).toContain(join(dataDir, SECRET_FILE));
  });

  it('returns the same secret on the next call, so links issued before a restart still work', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = linkSecret(config, warn);
    const second = linkSecret(config, warn);
    expect(second).toBe(first);
    expect(warnings).toHaveLength(2);
  });

  it('uses a secret file an operator put in the data directory', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    linkSecret(config, warn);
    const operatorSecret = '0123456789abcdef'.repeat(4);
    writeFileSync(join(dataDir, SECRET_FILE), `${operatorSecret}\n`);
    expect(linkSecret(config, warn)).toBe(operatorSecret);
  });

  it('keeps a secret file to the server user even in a data directory open to others', () => {
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    linkSecret(loadConfig({ DATA_DIR: dataDir }), warn);
    expect(statSync(join(dataDir, SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('takes the read bits of others off a secret file an operator left readable', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    linkSecret(config, warn);
    chmodSync(join(dataDir, SECRET_FILE), 0o644);
    linkSecret(config, warn);
    expect(statSync(join(dataDir, SECRET_FILE)).mode & 0o777).toBe(0o600);
  });

  it('gives different data directories different secrets', () => {
    const a = linkSecret(loadConfig({ DATA_DIR: join(dir, 'a') }), warn);
    const b = linkSecret(loadConfig({ DATA_DIR: join(dir, 'b') }), warn);
    expect(a).not.toBe(b);
  });

  it('never signs with an empty key read from a damaged secret file', () => {
    const config = loadConfig({ DATA_DIR: dataDir });
    linkSecret(config, warn);
    writeFileSync(join(dataDir, SECRET_FILE), '\n');
    const outcome = ((): unknown => {
      try {
        return linkSecret(config, warn);
      } catch (error) {
        return error;
      }
    })();
    // Refusing to start is a correct answer; otherwise the key must be as long as REPORT_LINK_SECRET must be.
    expect(outcome).toSatisfy((o) => o instanceof Error || (typeof o === 'string' && o.length >= 32));
  });
});
