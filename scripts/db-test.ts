/**
 * `npm run db:test-start` / `npm run db:test-stop`: a throwaway PostgreSQL cluster on a free loopback port
 * (tests/setup/postgres-cluster.ts), recorded in node_modules/.cache/mt-postgres/cluster.json, where the
 * tests, `npm run bench:gate` and `npm test` find it; prints its DATABASE_URL. Stopping deletes it.
 */
import { recordCluster, recordedCluster, RECORD, startCluster, stopCluster } from '../tests/setup/postgres-cluster.ts';

const command = process.argv[2];
if (command === 'start') {
  const running = recordedCluster();
  const cluster =
    running ??
    (await startCluster().catch((error: unknown) => {
      console.error((error as Error).message);
      process.exit(1);
    }));
  recordCluster(cluster);
  console.log(running ? `A test cluster is already running (${RECORD}).` : `Started a test cluster (${RECORD}).`);
  console.log(`DATABASE_URL=${cluster.url}`);
} else if (command === 'stop') {
  const running = recordedCluster();
  if (running) stopCluster(running);
  recordCluster(undefined);
  console.log(running ? 'Stopped the test cluster and deleted its files.' : 'No test cluster was running.');
} else {
  console.error('Usage: node scripts/db-test.ts start|stop');
  process.exit(2);
}
