import { createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/gate/config.ts';
import { openGate, type Gate } from '../../src/gate/gate.ts';

/** The address hashes already stored must keep their values whatever the code that makes them. */
const SECRET = 'address-hash-test-secret-0123456789abcdef';
let root: string;
let gate: Gate;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'mt-address-hash-'));
  gate = await openGate(loadConfig({ DATA_DIR: join(root, 'data'), REPORT_LINK_SECRET: SECRET }));
});

afterAll(async () => {
  await gate?.close();
  rmSync(root, { recursive: true, force: true });
});

describe('the client address hash', () => {
  it('is the HMAC of the address under the key derived from the link secret, as stored before', () => {
    const key = createHmac('sha256', SECRET).update('client-address-hash-v1').digest();
    const expected = (text: string) => createHmac('sha256', key).update(text).digest('hex').slice(0, 32);
    const { services } = gate;
    expect(services.hashIp('203.0.113.7')).toBe(expected('203.0.113.7'));
    expect(services.hashIp(undefined)).toBeNull();
    expect(services.recipientKey('ada@example.com')).toBe(expected('recipient:ada@example.com'));
    expect(services.recipientDomainKey('ada@example.com')).toBe(expected('domain:example.com'));
  });
});
