import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/gate/config.ts';
import { describeIdentity, recordServerStore, storeIdentity, storeMismatch } from '../../src/gate/store-identity.ts';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'store-identity-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const postgres = (url: string) => loadConfig({ DATA_DIR: dir, DATABASE_URL: url });

describe('the identity of a lead store', () => {
  it('names a PostgreSQL database by user, host, port and database, with the defaults, never the password', () => {
    expect(describeIdentity(storeIdentity(postgres('postgres://leads:s3cret@DB.example/leads')))).toBe(
      'PostgreSQL leads@db.example:5432/leads',
    );
    expect(describeIdentity(storeIdentity(postgres('postgresql://app:pw@db.example:6432')))).toBe(
      'PostgreSQL app@db.example:6432/app',
    );
    expect(describeIdentity(storeIdentity(loadConfig({ DATA_DIR: dir })))).toBe(`SQLite ${join(dir, 'leads.sqlite')}`);
  });

  it("records the server's store in DATA_DIR for its owner alone, without the password", () => {
    recordServerStore(postgres('postgres://leads:s3cret@db.example:5432/leads'));
    const file = join(dir, 'store.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8')).not.toContain('s3cret');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toMatchObject({
      kind: 'postgres',
      location: 'leads@db.example:5432/leads',
    });
  });

  it('sees the same database under another password as the same store, another database as another', () => {
    recordServerStore(postgres('postgres://leads:old@db.example:5432/leads'));
    expect(storeMismatch(postgres('postgres://leads:new@db.example/leads'))).toBeUndefined();
    expect(storeMismatch(postgres('postgres://leads:new@db.example/staging'))?.refusal).toContain(
      'PostgreSQL leads@db.example:5432/leads',
    );
    expect(storeMismatch(loadConfig({ DATA_DIR: dir }))?.refusal).toMatch(
      /server's lead store is PostgreSQL leads@db\.example:5432\/leads[^]*would read SQLite /,
    );
  });

  it('finds no mismatch where no server recorded its store, or the record is unreadable', () => {
    expect(storeMismatch(loadConfig({ DATA_DIR: dir }))).toBeUndefined();
  });
});
