import { describe } from 'vitest';
import { analyticsSuite } from '../unit/fixtures/analytics-suite.ts';
import { createSqlite } from '../unit/fixtures/stores.ts';

describe('the funnel on a SQLite file', () => {
  analyticsSuite(async () => {
    const db = createSqlite();
    const store = await db.open();
    return {
      store,
      rows: (table) => Promise.resolve(db.query(`SELECT * FROM ${table} ORDER BY 1, 2`) as Record<string, unknown>[]),
      dispose: () => db.dispose(),
    };
  });
});
