/** Versioned schema changes, applied in order at start; a version is never edited once released. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'leads, links and downloads',
    sql: `
      CREATE TABLE leads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        public_id TEXT NOT NULL UNIQUE,
        series TEXT NOT NULL,
        email TEXT NOT NULL,
        first_name TEXT NOT NULL,
        last_name TEXT NOT NULL,
        company TEXT NOT NULL,
        job_role TEXT NOT NULL,
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
        user_agent TEXT,
        ip_hash TEXT,
        submissions INTEGER NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        UNIQUE (series, email)
      );
      CREATE TABLE report_links (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        issued_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE TABLE downloads (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        series TEXT NOT NULL,
        downloaded_at TEXT NOT NULL,
        user_agent TEXT,
        ip_hash TEXT,
        range TEXT
      );
      CREATE INDEX downloads_lead ON downloads (lead_id);
    `,
  },
  {
    version: 2,
    name: 'consent history',
    sql: `
      CREATE TABLE consent_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        lead_id INTEGER NOT NULL REFERENCES leads (id) ON DELETE CASCADE,
        consent_version TEXT NOT NULL,
        consent_at TEXT NOT NULL,
        marketing_opt_in INTEGER NOT NULL CHECK (marketing_opt_in IN (0, 1)),
        ip_hash TEXT
      );
      CREATE INDEX consent_events_lead ON consent_events (lead_id);
    `,
  },
];
