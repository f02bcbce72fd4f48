import type pg from 'pg';
import {
  countRowOf,
  dayMarkOf,
  foldSources,
  readerRowOf,
  sourceKey,
  variantKey,
  type CountRow,
} from '../analytics/events.ts';
import type { AnalyticsStore } from './types.ts';

type Row = Record<string, unknown>;
type Transaction = <T>(work: (client: pg.PoolClient) => Promise<T>) => Promise<T>;

/**
 * The PostgreSQL store's funnel counts (see `AnalyticsStore`). Each write of a day holds that day's
 * advisory lock, so that servers sharing the database keep one source list and one visitor count per day.
 */
export function postgresAnalytics(pool: pg.Pool, transaction: Transaction): AnalyticsStore {
  const lockDay = (client: pg.PoolClient, day: string) =>
    client.query("SELECT pg_advisory_xact_lock(hashtext('analytics:' || $1))", [day]);
  return {
    async daySalt(day, fresh) {
      await pool.query('INSERT INTO analytics_salts (day, salt) VALUES ($1, $2) ON CONFLICT (day) DO NOTHING', [
        day,
        fresh,
      ]);
      const { rows } = await pool.query<{ salt: string }>('SELECT salt FROM analytics_salts WHERE day = $1', [day]);
      return rows[0]!.salt;
    },
    addCounts: (rows, visitors, limits, readers = [], marks = []) =>
      transaction(async (client) => {
        const days = [
          ...new Set([
            ...rows.map((r) => r.day),
            ...visitors.map((v) => v.day),
            ...readers.map((r) => r.day),
            ...marks.map((m) => m.day),
          ]),
        ].sort();
        for (const day of days) {
          await lockDay(client, day);
          const dayMarks = marks.filter((m) => m.day === day);
          if (dayMarks.length > 0) {
            await client.query(
              `INSERT INTO analytics_marks (day, visitor, mark, value)
               SELECT $1, * FROM unnest($2::text[], $3::text[], $4::text[])
               ON CONFLICT (day, visitor, mark) DO UPDATE SET value = excluded.value`,
              [day, dayMarks.map((m) => m.visitor), dayMarks.map((m) => m.mark), dayMarks.map((m) => m.value)],
            );
          }
          for (const [key, group] of Map.groupBy(
            readers.filter((r) => r.day === day),
            (r) => JSON.stringify([r.page, r.event, r.variant]),
          )) {
            const [page, event, variant] = JSON.parse(key) as [string, string, string];
            const hashes = [...new Set(group.map((r) => r.visitor))];
            const { rows: current } = await client.query<{ readers: number }>(
              'SELECT readers FROM analytics_readers WHERE page = $1 AND variant = $2 AND day = $3 AND event = $4',
              [page, variant, day, event],
            );
            const room = Math.max(0, limits.maxVisitorsPerDay - Number(current[0]?.readers ?? 0));
            const { rowCount } = await client.query(
              `INSERT INTO analytics_reader_seen (day, page, event, variant, visitor)
               SELECT $1, $2, $3, $4, unnest($5::text[]) ON CONFLICT DO NOTHING`,
              [day, page, event, variant, hashes.slice(0, room)],
            );
            if (!rowCount) continue;
            await client.query(
              `INSERT INTO analytics_readers (day, page, event, variant, readers) VALUES ($1, $2, $3, $4, $5)
               ON CONFLICT (page, variant, day, event) DO UPDATE SET readers = analytics_readers.readers + excluded.readers`,
              [day, page, event, variant, rowCount],
            );
          }
          const dayRows = rows.filter((row) => row.day === day);
          if (dayRows.length > 0) {
            const { rows: stored } = await client.query<Row>(
              'SELECT DISTINCT referrer, utm_source, utm_medium, utm_campaign FROM analytics_counts WHERE day = $1',
              [day],
            );
            const known = new Set(
              stored.map((r) =>
                sourceKey({
                  referrer: String(r.referrer),
                  utmSource: String(r.utm_source),
                  utmMedium: String(r.utm_medium),
                  utmCampaign: String(r.utm_campaign),
                }),
              ),
            );
            const folded = foldSources(dayRows, known, limits.maxSourcesPerDay);
            const column = (pick: (row: CountRow) => string | number) => folded.map(pick);
            await client.query(
              `INSERT INTO analytics_counts (day, page, event, variant, referrer, utm_source, utm_medium, utm_campaign, count,
                 from_page, landing, superseded)
               SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                 $8::text[], $9::bigint[], $10::text[], $11::smallint[], $12::bigint[])
               ON CONFLICT (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign)
               DO UPDATE SET count = analytics_counts.count + excluded.count,
                 superseded = analytics_counts.superseded + excluded.superseded`,
              [
                column((r) => r.day),
                column((r) => r.page),
                column((r) => r.event),
                column((r) => r.variant),
                column((r) => r.referrer),
                column((r) => r.utmSource),
                column((r) => r.utmMedium),
                column((r) => r.utmCampaign),
                column((r) => r.count),
                column((r) => r.fromPage),
                column((r) => (r.landing ? 1 : 0)),
                column((r) => r.superseded ?? 0),
              ],
            );
          }
          const hashes = [...new Set(visitors.filter((v) => v.day === day).map((v) => v.visitor))];
          if (hashes.length === 0) continue;
          await client.query(
            'INSERT INTO analytics_days (day, visitors, capped) VALUES ($1, 0, false) ON CONFLICT (day) DO NOTHING',
            [day],
          );
          const { rows: current } = await client.query<{ visitors: number }>(
            'SELECT visitors FROM analytics_days WHERE day = $1',
            [day],
          );
          const room = Math.max(0, limits.maxVisitorsPerDay - Number(current[0]!.visitors));
          const { rowCount } = await client.query(
            'INSERT INTO analytics_seen (day, visitor) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING',
            [day, hashes.slice(0, room)],
          );
          await client.query(
            'UPDATE analytics_days SET visitors = visitors + $2, capped = capped OR $3 WHERE day = $1',
            [day, rowCount ?? 0, hashes.length > room],
          );
        }
      }),
    sweepAnalytics: (today, keepFrom) =>
      transaction(async (client) => {
        await client.query('DELETE FROM analytics_salts WHERE day < $1', [today]);
        await client.query('DELETE FROM analytics_seen WHERE day < $1', [today]);
        await client.query('DELETE FROM analytics_reader_seen WHERE day < $1', [today]);
        await client.query('DELETE FROM analytics_marks WHERE day < $1', [today]);
        await client.query('DELETE FROM analytics_readers WHERE day < $1', [keepFrom]);
        await client.query('DELETE FROM analytics_counts WHERE day < $1', [keepFrom]);
        await client.query('DELETE FROM analytics_days WHERE day < $1', [keepFrom]);
      }),
    keyBareVariants: (page, experiment) =>
      transaction(async (client) => {
        for (const variant of experiment.variants) {
          await client.query(
            `INSERT INTO analytics_counts (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign, count, superseded)
             SELECT day, page, event, $1, from_page, landing, referrer, utm_source, utm_medium, utm_campaign, count, superseded
             FROM analytics_counts WHERE page = $2 AND variant = $3
             ON CONFLICT (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign)
             DO UPDATE SET count = analytics_counts.count + excluded.count,
               superseded = analytics_counts.superseded + excluded.superseded`,
            [variantKey(experiment.id, variant), page, variant],
          );
          await client.query('DELETE FROM analytics_counts WHERE page = $1 AND variant = $2', [page, variant]);
        }
      }),
    async readDayMarks(day) {
      const { rows } = await pool.query<Row>('SELECT * FROM analytics_marks WHERE day = $1', [day]);
      return rows.map(dayMarkOf);
    },
    async readVariantCounts(page, variants) {
      if (variants.length === 0) return [];
      const counts = await pool.query<Row>(
        'SELECT * FROM analytics_counts WHERE page = $1 AND variant = ANY($2::text[]) ORDER BY day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign',
        [page, [...variants]],
      );
      return counts.rows.map(countRowOf);
    },
    async readVariantReaders(page, variants) {
      if (variants.length === 0) return [];
      const readers = await pool.query<Row>(
        'SELECT * FROM analytics_readers WHERE page = $1 AND variant = ANY($2::text[]) ORDER BY day, event, variant',
        [page, [...variants]],
      );
      return readers.rows.map(readerRowOf);
    },
    async firstAnalyticsDay() {
      const first = await pool.query<{ day: string | null }>(
        `SELECT MIN(day) AS day FROM (SELECT MIN(day) AS day FROM analytics_counts
         UNION ALL SELECT MIN(day) FROM analytics_days) AS firsts`,
      );
      return first.rows[0]?.day ?? null;
    },
    async readAnalytics(since = '0000-00-00') {
      const counts = await pool.query<Row>(
        'SELECT * FROM analytics_counts WHERE day >= $1 ORDER BY day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign',
        [since],
      );
      const days = await pool.query<Row>('SELECT * FROM analytics_days WHERE day >= $1 ORDER BY day', [since]);
      return {
        counts: counts.rows.map(countRowOf),
        days: days.rows.map((r) => ({ day: String(r.day), visitors: Number(r.visitors), capped: r.capped === true })),
      };
    },
  };
}
