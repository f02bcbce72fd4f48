import { leadsCliSuite } from './fixtures/leads-cli-suite.ts';

leadsCliSuite('SQLite');
