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
 * The server of `npm start` while a build rewrites dist/ under it: a built page and its script hashes.
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
  it("serves a rewritten page with its new scripts' hashes, not those read at start", async () => {
    expect((await fetch(`${origin}/`)).headers.get('content-security-policy')).toContain("'sha256-one'");
    writeFileSync(join(root, 'dist/client/index.html'), '<script>two()</script>');
    writeHashes({ '/': ["'sha256-two'"] });
    const policy = (await fetch(`${origin}/`)).headers.get('content-security-policy');
    expect(policy).toContain("'sha256-two'");
    expect(policy).not.toContain("'sha256-one'");
  });

  it('keeps serving with the hashes it has while the map is half written', async () => {
    writeFileSync(join(root, 'dist', SCRIPT_HASHES_FILE), '{"/": ["\'sha256-th');
    const answer = await fetch(`${origin}/`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-security-policy')).toContain("'sha256-two'");
  });
});
