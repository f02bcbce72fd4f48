import type { PoolClient } from 'pg';
import { RATE_LIMIT_TABLE } from '../rate-limit.ts';
import { emptyErasure, erasedLeads, holdsEmail, OTHER_LEADS, scrubEmail } from './person.ts';
import type { ErasedLead, Erasure, StoredRow } from './types.ts';

/**
 * What the PostgreSQL store keeps about one person, found as SQLite's store finds it: rows of their leads
 * (by `lead_id`) and rows with a text column holding the email, in every table of the schema, so that
 * tables added by later migrations are covered without a change here. Dates are given as ISO strings,
 * as SQLite keeps them. Other people's leads holding the address are found too: an erasure replaces the
 * address there (with `[erased]`), keeping the lead.
 */

interface Table {
  name: string;
  hasLeadId: boolean;
  textColumns: string[];
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function tables(client: PoolClient): Promise<Table[]> {
  return (await allTables(client)).filter((table) => table.name !== 'leads');
}

async function allTables(client: PoolClient): Promise<Table[]> {
  const { rows } = await client.query<{ table_name: string; column_name: string; data_type: string }>(
    `SELECT c.table_name, c.column_name, c.data_type
     FROM information_schema.columns c JOIN information_schema.tables t USING (table_schema, table_name)
     WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE'
       AND c.table_name NOT IN ('schema_migrations', $1)
     ORDER BY c.table_name, c.ordinal_position`,
    [RATE_LIMIT_TABLE],
  );
  const byName = new Map<string, Table>();
  for (const row of rows) {
    const table = byName.get(row.table_name) ?? { name: row.table_name, hasLeadId: false, textColumns: [] };
    byName.set(row.table_name, table);
    if (row.column_name === 'lead_id') table.hasLeadId = true;
    if (/^(text|character varying|character|jsonb?)$/.test(row.data_type)) table.textColumns.push(row.column_name);
  }
  return [...byName.values()];
}

/** A row as JSON would show it: dates as ISO strings. */
const plain = (row: StoredRow): StoredRow =>
  Object.fromEntries(
    Object.entries(row).map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );

/** The rows of one table that are about the person, by ctid; locked when `lock`, for an erasure. */
async function rowsOf(
  client: PoolClient,
  table: Table,
  leadIds: number[],
  email: string,
  lock: boolean,
): Promise<{ ctid: string; row: StoredRow; othersLead: boolean }[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (table.hasLeadId) where.push(`lead_id = ANY($${params.push(leadIds)}::integer[])`);
  // PostgreSQL narrows the rows down; the pattern then refuses look-alikes such as a longer address.
  if (table.textColumns.length > 0) params.push(email);
  for (const column of table.textColumns)
    where.push(`position($${params.length}::text in lower(${quote(column)}::text)) > 0`);
  if (where.length === 0) return [];
  const { rows } = await client.query<StoredRow & { _ctid: string }>(
    `SELECT ctid::text AS _ctid, * FROM ${quote(table.name)} WHERE ${where.join(' OR ')}${lock ? ' FOR UPDATE' : ''}`,
    params,
  );
  const pattern = holdsEmail(email);
  return (
    rows
      .sort((a, b) => Number(a.id ?? 0) - Number(b.id ?? 0))
      .filter(
        (row) =>
          (table.hasLeadId && leadIds.includes(Number(row.lead_id))) ||
          table.textColumns.some(
            (c) => row[c] != null && pattern.test(typeof row[c] === 'string' ? row[c] : JSON.stringify(row[c])),
          ),
      )
      // A row of another person's lead (a submission whose company field holds the address, say) is theirs.
      .map(({ _ctid, ...row }) => ({
        ctid: _ctid,
        row: plain(row),
        othersLead: table.hasLeadId && row.lead_id != null && !leadIds.includes(Number(row.lead_id)),
      }))
  );
}

/** Other people's leads with a text column holding the email (one query), locked when `lock`. */
async function otherLeads(client: PoolClient, email: string, lock: boolean): Promise<StoredRow[]> {
  const table = (await allTables(client)).find((t) => t.name === 'leads')!;
  const columns = table.textColumns.filter((c) => c !== 'email');
  const where = columns.map((c) => `position($1::text in lower(${quote(c)}::text)) > 0`).join(' OR ');
  const { rows } = await client.query<StoredRow>(
    `SELECT * FROM leads WHERE email <> $1 AND (${where}) ORDER BY id${lock ? ' FOR UPDATE' : ''}`,
    [email],
  );
  const pattern = holdsEmail(email);
  return rows.filter((row) => columns.some((c) => typeof row[c] === 'string' && pattern.test(row[c])));
}

/**
 * Replaces the address, in each text field of a row of another person that holds it, by `[erased]` (a JSON
 * field as text: the address needs no escaping in JSON, nor does its replacement).
 */
async function scrub(
  client: PoolClient,
  table: string,
  key: 'id' | 'ctid',
  id: unknown,
  row: StoredRow,
  email: string,
): Promise<void> {
  const changed = Object.entries(row)
    .filter(([column, value]) => column !== 'email' && value != null && !(value instanceof Date))
    .map(([column, value]) => [column, typeof value === 'string' ? value : JSON.stringify(value)] as const)
    .filter(([column, text]) => typeof row[column] === 'string' || /^[[{]/.test(text))
    .filter(([, text]) => scrubEmail(text, email) !== text);
  if (changed.length === 0) return;
  const set = changed
    .map(([column], i) => `${quote(column)} = $${i + 2}${typeof row[column] === 'string' ? '' : `::jsonb`}`)
    .join(', ');
  await client.query(`UPDATE ${quote(table)} SET ${set} WHERE ${key} = $1${key === 'ctid' ? '::tid' : ''}`, [
    id,
    ...changed.map(([, text]) => scrubEmail(text, email)),
  ]);
}

/** Every row about the person, by table (the leads first); only tables with rows appear, but `leads` always. */
export async function personRows(client: PoolClient, email: string): Promise<Record<string, StoredRow[]>> {
  const leads = (await client.query<StoredRow>('SELECT * FROM leads WHERE email = $1 ORDER BY id', [email])).rows;
  const leadIds = leads.map((row) => Number(row.id));
  const result: Record<string, StoredRow[]> = { leads: leads.map(plain) };
  for (const table of await tables(client)) {
    const rows = await rowsOf(client, table, leadIds, email, false);
    if (rows.length > 0) result[table.name] = rows.map((r) => r.row);
  }
  const others = await otherLeads(client, email, false);
  if (others.length > 0) result[OTHER_LEADS] = others.map(plain);
  return result;
}

/**
 * Deletes every row about the person (in the rows of other people's leads, replaces the address by
 * `[erased]` instead), then runs `announce` with the leads it deleted (to enqueue the
 * erasure's notice); counts by table (zero for the usual tables). Runs inside the caller's transaction
 * (the store's `withTransaction`), so all of it commits, or none.
 */
export async function erasePersonRows(
  client: PoolClient,
  email: string,
  announce: (leads: ErasedLead[]) => Promise<void> = () => Promise.resolve(),
): Promise<Erasure> {
  const erased: Erasure = emptyErasure();
  const leads = await client.query<{ id: number }>('SELECT id FROM leads WHERE email = $1 FOR UPDATE', [email]);
  const leadIds = leads.rows.map((row) => row.id);
  for (const table of await tables(client)) {
    const rows = await rowsOf(client, table, leadIds, email, true);
    const own = rows.filter((r) => !r.othersLead);
    if (own.length > 0) {
      await client.query(`DELETE FROM ${quote(table.name)} WHERE ctid = ANY($1::tid[])`, [own.map((r) => r.ctid)]);
    }
    for (const { ctid, row } of rows.filter((r) => r.othersLead)) {
      await scrub(client, table.name, 'ctid', ctid, row, email);
    }
    erased[table.name] = own.length;
    if (rows.length > own.length) erased[`scrubbed:${table.name}`] = rows.length - own.length;
  }
  const others = await otherLeads(client, email, true);
  for (const row of others) await scrub(client, 'leads', 'id', row.id, row, email);
  erased[OTHER_LEADS] = others.length;
  // What this deletes is what the notice names: a lead another server stored meanwhile included.
  const deleted = await client.query<{ public_id: string; series: string }>(
    'DELETE FROM leads WHERE email = $1 RETURNING public_id, series',
    [email],
  );
  erased.leads = deleted.rows.length;
  if (deleted.rows.length > 0) await announce(erasedLeads(deleted.rows));
  return erased;
}
