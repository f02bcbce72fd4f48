import { leadsCliSuite } from '../unit/fixtures/leads-cli-suite.ts';

leadsCliSuite('SQLite');
