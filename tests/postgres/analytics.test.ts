import { describe } from 'vitest';
import { analyticsSuite } from '../unit/fixtures/analytics-suite.ts';
import { createPostgres } from '../unit/fixtures/postgres.ts';

describe('the funnel on PostgreSQL', () => {
  analyticsSuite(async () => {
    const db = await createPostgres();
    const store = await db.open();
    return {
      store,
      rows: (table) => db.query(`SELECT * FROM ${table} ORDER BY 1, 2`),
      dispose: () => db.dispose(),
    };
  });
});
