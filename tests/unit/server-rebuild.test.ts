import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/gate/config.ts';
import { serve, type RunningHttpServer } from '../../src/gate/http/server.ts';
import { openGate, type Gate } from '../../src/gate/gate.ts';
import { SCRIPT_HASHES_FILE } from '../../src/lib/inline-scripts.ts';
import { freePort } from '../integration/server.ts';

/**
 * The server of `npm start` while a build rewrites dist/ under it (which the README forbids): it serves the
 * build it listed at start, and a restart serves the new one.
 * The on-demand part is a stand-in (a module that answers 404), as only the static side is under test.
 */
let root: string;
let running: RunningHttpServer;
let gate: Gate;
let origin: string;

const writeHashes = (hashes: Record<string, string[]>) =>
  writeFileSync(join(root, 'dist', SCRIPT_HASHES_FILE), JSON.stringify(hashes));

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mt-rebuild-'));
  mkdirSync(join(root, 'dist/client'), { recursive: true });
  mkdirSync(join(root, 'dist/server'), { recursive: true });
  writeFileSync(join(root, 'dist/client/index.html'), '<script>one()</script>');
  writeFileSync(
    join(root, 'dist/server/entry.mjs'),
    'export const handler = async (req, res) => { res.writeHead(404); res.end("not found"); };',
  );
  writeHashes({ '/': ["'sha256-one'"] });
  const port = await freePort();
  const config = loadConfig({ PORT: String(port), HOST: '127.0.0.1', DATA_DIR: join(root, 'data') });
  gate = await openGate(config);
  running = await serve({ root, services: gate.services, https: false, series: [] });
  origin = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  await running?.close();
  await gate?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('a build under the running server', () => {
  it('keeps serving the build it started with, page and script hashes together, until restarted', async () => {
    expect((await fetch(`${origin}/`)).headers.get('content-security-policy')).toContain("'sha256-one'");
    writeFileSync(join(root, 'dist/client/index.html'), '<script>two()</script>');
    writeHashes({ '/': ["'sha256-two'"] });
    const during = await fetch(`${origin}/`);
    expect(during.status).toBe(200);
    expect(await during.text()).toBe('<script>one()</script>');
    expect(during.headers.get('content-security-policy')).toContain("'sha256-one'");
    await running.close();
    running = await serve({ root, services: gate.services, https: false, series: [] });
    const after = await fetch(`${origin}/`);
    expect(await after.text()).toBe('<script>two()</script>');
    const policy = after.headers.get('content-security-policy');
    expect(policy).toContain("'sha256-two'");
    expect(policy).not.toContain("'sha256-one'");
  });

  it('keeps serving when a file it lists is gone', async () => {
    rmSync(join(root, 'dist/client/index.html'));
    writeFileSync(join(root, 'dist', SCRIPT_HASHES_FILE), '{"/": ["\'sha256-th');
    const answer = await fetch(`${origin}/`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toBe('<script>two()</script>');
    expect((await fetch(`${origin}/healthz`)).status).toBeLessThan(600);
  });
});

describe('a damaged build at start', () => {
  it('refuses to serve, naming the script-hashes file', async () => {
    const broken = mkdtempSync(join(tmpdir(), 'mt-broken-'));
    try {
      mkdirSync(join(broken, 'dist/client'), { recursive: true });
      writeFileSync(join(broken, 'dist', SCRIPT_HASHES_FILE), '{"/": ["\'sha256-th');
      await expect(serve({ root: broken, services: gate.services, https: false, series: [] })).rejects.toThrow(
        `${join(broken, 'dist', SCRIPT_HASHES_FILE)} cannot be read`,
      );
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});
