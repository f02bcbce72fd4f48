import { join } from 'node:path';
import type { Config } from '../config.ts';
import type { LeadStore } from './types.ts';

export type {
  Announce,
  ConsentEvent,
  ConsentEventKind,
  DownloadInput,
  Enqueue,
  ErasedLead,
  ExportedLead,
  Erasure,
  FormFields,
  FormOrigin,
  IssuedLink,
  Lead,
  LeadInput,
  LeadStore,
  MarketingLinkBasis,
  MarketingStatus,
  Migration,
  OutboxInput,
  OutboxItem,
  Submission,
  PersonRecord,
} from './types.ts';
export { formatByteRange } from './types.ts';

/**
 * Every store, by its LEAD_STORE value; the compiler asks for an entry for each value the config allows.
 * A store is imported only when chosen, so one backend's driver is never loaded for another.
 */
const STORES: Record<Config['LEAD_STORE'], (config: Config) => Promise<LeadStore>> = {
  sqlite: async (config) => (await import('./sqlite.ts')).openSqliteStore(sqliteFile(config)),
  // The config refuses LEAD_STORE=postgres without a DATABASE_URL.
  postgres: async (config) =>
    (await import('./postgres.ts')).openPostgresStore(config.DATABASE_URL!, { max: config.DATABASE_POOL_MAX }),
};

/** The SQLite store's file, in DATA_DIR. */
export const sqliteFile = (config: Pick<Config, 'dataDir'>) => join(config.dataDir, 'leads.sqlite');

/** The configured lead store, open and migrated. */
export function openStore(config: Config): Promise<LeadStore> {
  return STORES[config.LEAD_STORE](config);
}
