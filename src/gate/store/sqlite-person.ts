import type { DatabaseSync } from 'node:sqlite';
import { emptyErasure, erasedLeads, holdsEmail, OTHER_LEADS, scrubEmail } from './person.ts';
import type { ErasedLead, Erasure, StoredRow } from './types.ts';

/**
 * What the SQLite store keeps about one person, found by reading every table: rows of their leads (by
 * `lead_id`) and rows with a text column holding the email. Tables added by later migrations (an
 * outbox, say) are covered without a change here. Other people's leads holding the address (in their
 * company, name or user agent, say) are found too: an erasure replaces the address there, keeping the lead.
 */

interface Table {
  name: string;
  hasLeadId: boolean;
  textColumns: string[];
}

function tables(db: DatabaseSync): Table[] {
  return allTables(db).filter((table) => table.name !== 'leads');
}

/** The text columns of the leads table. */
const leadTable = (db: DatabaseSync): Table => allTables(db).find((table) => table.name === 'leads')!;

function allTables(db: DatabaseSync): Table[] {
  const names = db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'
       AND name NOT IN ('schema_migrations') ORDER BY name`,
    )
    .all() as { name: string }[];
  return names.map(({ name }) => {
    const columns = db.prepare(`PRAGMA table_info("${name}")`).all() as { name: string; type: string }[];
    return {
      name,
      hasLeadId: columns.some((c) => c.name === 'lead_id'),
      textColumns: columns.filter((c) => /TEXT|CHAR|CLOB|^$/i.test(c.type)).map((c) => c.name),
    };
  });
}

/** The rowids and rows of one table that are about the person. */
function rowsOf(
  db: DatabaseSync,
  table: Table,
  leadIds: number[],
  email: string,
): { rowid: number; row: StoredRow; othersLead: boolean }[] {
  const found = new Map<number, StoredRow>();
  if (table.hasLeadId && leadIds.length > 0) {
    const marks = leadIds.map(() => '?').join(', ');
    const rows = db
      .prepare(`SELECT rowid AS _rowid, * FROM "${table.name}" WHERE lead_id IN (${marks})`)
      .all(...leadIds);
    for (const { _rowid, ...row } of rows as StoredRow[]) found.set(Number(_rowid), row);
  }
  if (table.textColumns.length > 0) {
    // SQLite narrows the rows down; the pattern then refuses look-alikes such as a longer address.
    const where = table.textColumns.map((c) => `instr(lower("${c}"), ?) > 0`).join(' OR ');
    const rows = db
      .prepare(`SELECT rowid AS _rowid, * FROM "${table.name}" WHERE ${where}`)
      .all(...table.textColumns.map(() => email));
    const pattern = holdsEmail(email);
    for (const { _rowid, ...row } of rows as StoredRow[]) {
      if (table.textColumns.some((c) => typeof row[c] === 'string' && pattern.test(row[c]))) {
        found.set(Number(_rowid), row);
      }
    }
  }
  // A row of another person's lead (a submission whose company field holds the address, say) is theirs.
  return [...found].map(([rowid, row]) => ({
    rowid,
    row,
    othersLead: table.hasLeadId && row.lead_id != null && !leadIds.includes(Number(row.lead_id)),
  }));
}

/** Other people's leads with a text column holding the email (one query); each with its id. */
function otherLeads(db: DatabaseSync, email: string): StoredRow[] {
  const table = leadTable(db);
  const columns = table.textColumns.filter((c) => c !== 'email');
  const where = columns.map((c) => `instr(lower("${c}"), ?) > 0`).join(' OR ');
  const rows = db
    .prepare(`SELECT * FROM leads WHERE email <> ? AND (${where}) ORDER BY id`)
    .all(email, ...columns.map(() => email)) as StoredRow[];
  const pattern = holdsEmail(email);
  return rows.filter((row) => columns.some((c) => typeof row[c] === 'string' && pattern.test(row[c])));
}

/** Replaces the address, in each text field of a row of another person that holds it, by `[erased]`. */
function scrub(db: DatabaseSync, table: string, key: string, id: number, row: StoredRow, email: string): void {
  const changed = Object.entries(row).filter(
    ([column, value]) => column !== 'email' && typeof value === 'string' && scrubEmail(value, email) !== value,
  );
  if (changed.length === 0) return;
  const set = changed.map(([column]) => `"${column}" = ?`).join(', ');
  db.prepare(`UPDATE "${table}" SET ${set} WHERE ${key} = ?`).run(
    ...changed.map(([, value]) => scrubEmail(value as string, email)),
    id,
  );
}

/** Every row about the person, by table (the leads first); only tables with rows appear, but `leads` always. */
export function personRows(db: DatabaseSync, email: string): Record<string, StoredRow[]> {
  const leads = db.prepare('SELECT * FROM leads WHERE email = ? ORDER BY id').all(email) as StoredRow[];
  const leadIds = leads.map((row) => Number(row.id));
  const result: Record<string, StoredRow[]> = { leads };
  for (const table of tables(db)) {
    const rows = rowsOf(db, table, leadIds, email);
    if (rows.length > 0) result[table.name] = rows.map((r) => r.row);
  }
  const others = otherLeads(db, email);
  if (others.length > 0) result[OTHER_LEADS] = others;
  return result;
}

/**
 * Deletes every row about the person (in the rows of other people's leads, replaces the address by
 * `[erased]` instead), then runs `announce` with the leads it deleted (to enqueue the
 * erasure's notice); counts by table (zero for the usual tables). Runs inside the caller's transaction
 * (the store's group-commit `write`), so all of it commits, or none.
 */
export function erasePersonRows(
  db: DatabaseSync,
  email: string,
  announce: (leads: ErasedLead[]) => void = () => {},
): Erasure {
  const erased: Erasure = emptyErasure();
  const leadIds = (db.prepare('SELECT id FROM leads WHERE email = ?').all(email) as StoredRow[]).map((r) =>
    Number(r.id),
  );
  for (const table of tables(db)) {
    const rows = rowsOf(db, table, leadIds, email);
    const remove = db.prepare(`DELETE FROM "${table.name}" WHERE rowid = ?`);
    let scrubbed = 0;
    for (const { rowid, row, othersLead } of rows) {
      if (othersLead) {
        scrub(db, table.name, 'rowid', rowid, row, email);
        scrubbed++;
      } else remove.run(rowid);
    }
    erased[table.name] = rows.length - scrubbed;
    if (scrubbed > 0) erased[`scrubbed:${table.name}`] = scrubbed;
  }
  const others = otherLeads(db, email);
  for (const row of others) scrub(db, 'leads', 'id', Number(row.id), row, email);
  erased[OTHER_LEADS] = others.length;
  const deleted = db.prepare('DELETE FROM leads WHERE email = ? RETURNING public_id, series').all(email) as {
    public_id: string;
    series: string;
  }[];
  erased.leads = deleted.length;
  if (deleted.length > 0) announce(erasedLeads(deleted));
  return erased;
}
