import type { DatabaseSync } from 'node:sqlite';
import { countRowOf, dayMarkOf, foldSources, readerRowOf, sourceKey, variantKey } from '../analytics/events.ts';
import type { GroupCommit } from './group-commit.ts';
import type { AnalyticsStore } from './types.ts';

type Row = Record<string, string | number | null>;

/** The SQLite store's funnel counts (see `AnalyticsStore`), written in the store's group commit. */
export function sqliteAnalytics(db: DatabaseSync, { write }: Pick<GroupCommit, 'write'>): AnalyticsStore {
  const insertSalt = db.prepare('INSERT OR IGNORE INTO analytics_salts (day, salt) VALUES (?, ?)');
  const salt = db.prepare('SELECT salt FROM analytics_salts WHERE day = ?');
  const sources = db.prepare(
    'SELECT DISTINCT referrer, utm_source, utm_medium, utm_campaign FROM analytics_counts WHERE day = ?',
  );
  const addCount = db.prepare(`
    INSERT INTO analytics_counts (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign, count, superseded)
    VALUES ($day, $page, $event, $variant, $fromPage, $landing, $referrer, $utmSource, $utmMedium, $utmCampaign, $count, $superseded)
    ON CONFLICT (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign)
    DO UPDATE SET count = count + excluded.count, superseded = superseded + excluded.superseded`);
  const keepMark = db.prepare(`
    INSERT INTO analytics_marks (day, visitor, mark, value) VALUES ($day, $visitor, $mark, $value)
    ON CONFLICT (day, visitor, mark) DO UPDATE SET value = excluded.value`);
  const marksOf = db.prepare('SELECT * FROM analytics_marks WHERE day = ?');
  const dayRow = db.prepare('SELECT visitors, capped FROM analytics_days WHERE day = ?');
  const seen = db.prepare('INSERT OR IGNORE INTO analytics_seen (day, visitor) VALUES (?, ?)');
  const setDay = db.prepare(`
    INSERT INTO analytics_days (day, visitors, capped) VALUES ($day, $visitors, $capped)
    ON CONFLICT (day) DO UPDATE SET visitors = excluded.visitors, capped = excluded.capped`);
  const seenReader = db.prepare(
    'INSERT OR IGNORE INTO analytics_reader_seen (day, page, event, variant, visitor) VALUES ($day, $page, $event, $variant, $visitor)',
  );
  const readerCount = db.prepare(
    'SELECT readers FROM analytics_readers WHERE page = $page AND variant = $variant AND day = $day AND event = $event',
  );
  const addReader = db.prepare(`
    INSERT INTO analytics_readers (day, page, event, variant, readers) VALUES ($day, $page, $event, $variant, 1)
    ON CONFLICT (page, variant, day, event) DO UPDATE SET readers = readers + 1`);
  return {
    daySalt: (day, fresh) =>
      write(() => {
        insertSalt.run(day, fresh);
        return String((salt.get(day) as Row).salt);
      }),
    addCounts: (rows, visitors, limits, readers = [], marks = []) =>
      write(() => {
        for (const mark of marks) keepMark.run({ ...mark });
        for (const reader of readers) {
          const key = { day: reader.day, page: reader.page, event: reader.event, variant: reader.variant };
          if (Number((readerCount.get(key) as Row | undefined)?.readers ?? 0) >= limits.maxVisitorsPerDay) continue;
          if (Number(seenReader.run({ ...key, visitor: reader.visitor }).changes) > 0) addReader.run(key);
        }
        const byDay = Map.groupBy(rows, (row) => row.day);
        for (const [day, dayRows] of byDay) {
          const known = new Set(
            (sources.all(day) as Row[]).map((r) =>
              sourceKey({
                referrer: String(r.referrer),
                utmSource: String(r.utm_source),
                utmMedium: String(r.utm_medium),
                utmCampaign: String(r.utm_campaign),
              }),
            ),
          );
          for (const row of foldSources(dayRows, known, limits.maxSourcesPerDay)) {
            addCount.run({ ...row, landing: row.landing ? 1 : 0, superseded: row.superseded ?? 0 });
          }
        }
        for (const [day, dayVisitors] of Map.groupBy(visitors, (v) => v.day)) {
          const current = dayRow.get(day) as Row | undefined;
          let count = Number(current?.visitors ?? 0);
          let capped = Number(current?.capped ?? 0) === 1;
          for (const { visitor } of dayVisitors) {
            if (count >= limits.maxVisitorsPerDay) {
              capped = true;
              break;
            }
            count += Number(seen.run(day, visitor).changes);
          }
          setDay.run({ day, visitors: count, capped: capped ? 1 : 0 });
        }
      }),
    sweepAnalytics: (today, keepFrom) =>
      write(() => {
        db.prepare('DELETE FROM analytics_salts WHERE day < ?').run(today);
        db.prepare('DELETE FROM analytics_seen WHERE day < ?').run(today);
        db.prepare('DELETE FROM analytics_reader_seen WHERE day < ?').run(today);
        db.prepare('DELETE FROM analytics_marks WHERE day < ?').run(today);
        db.prepare('DELETE FROM analytics_readers WHERE day < ?').run(keepFrom);
        db.prepare('DELETE FROM analytics_counts WHERE day < ?').run(keepFrom);
        db.prepare('DELETE FROM analytics_days WHERE day < ?').run(keepFrom);
      }),
    keyBareVariants: (page, experiment) =>
      write(() => {
        for (const variant of experiment.variants) {
          db.prepare(
            `INSERT INTO analytics_counts (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign, count, superseded)
             SELECT day, page, event, $key, from_page, landing, referrer, utm_source, utm_medium, utm_campaign, count, superseded
             FROM analytics_counts WHERE page = $page AND variant = $variant
             ON CONFLICT (day, page, event, variant, from_page, landing, referrer, utm_source, utm_medium, utm_campaign)
             DO UPDATE SET count = count + excluded.count, superseded = superseded + excluded.superseded`,
          ).run({ key: variantKey(experiment.id, variant), page, variant });
          db.prepare('DELETE FROM analytics_counts WHERE page = ? AND variant = ?').run(page, variant);
        }
      }),
    readDayMarks: (day) => Promise.resolve().then(() => (marksOf.all(day) as Row[]).map(dayMarkOf)),
    readVariantCounts: (page, variants) =>
      Promise.resolve().then(() =>
        variants.length === 0
          ? []
          : (
              db
                .prepare(
                  `SELECT * FROM analytics_counts WHERE page = ? AND variant IN (${variants.map(() => '?').join(', ')})
                   ORDER BY day, page, event`,
                )
                .all(page, ...variants) as Row[]
            ).map(countRowOf),
      ),
    readVariantReaders: (page, variants) =>
      Promise.resolve().then(() =>
        variants.length === 0
          ? []
          : (
              db
                .prepare(
                  `SELECT * FROM analytics_readers WHERE page = ? AND variant IN (${variants.map(() => '?').join(', ')})
                   ORDER BY day, event, variant`,
                )
                .all(page, ...variants) as Row[]
            ).map(readerRowOf),
      ),
    firstAnalyticsDay: () =>
      Promise.resolve().then(() => {
        const row = db
          .prepare(
            `SELECT MIN(day) AS day FROM (SELECT MIN(day) AS day FROM analytics_counts
             UNION ALL SELECT MIN(day) FROM analytics_days)`,
          )
          .get() as { day: string | null } | undefined;
        return row?.day ?? null;
      }),
    readAnalytics: (since = '0000-00-00') =>
      Promise.resolve().then(() => ({
        counts: (
          db.prepare('SELECT * FROM analytics_counts WHERE day >= ? ORDER BY day, page, event').all(since) as Row[]
        ).map(countRowOf),
        days: (db.prepare('SELECT * FROM analytics_days WHERE day >= ? ORDER BY day').all(since) as Row[]).map((r) => ({
          day: String(r.day),
          visitors: Number(r.visitors),
          capped: Number(r.capped) === 1,
        })),
      })),
  };
}
