import { join } from 'node:path';
import type { Config } from '../config.ts';
import { openSqliteStore } from './sqlite.ts';
import type { LeadStore } from './types.ts';

export type { DownloadInput, Lead, LeadInput, LeadStore } from './types.ts';

/** The configured lead store. */
export function openStore(config: Config): LeadStore {
  switch (config.LEAD_STORE) {
    case 'sqlite':
      return openSqliteStore(join(config.dataDir, 'leads.sqlite'));
  }
}
