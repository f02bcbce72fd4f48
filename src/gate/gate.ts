/**
 * The gate's composition root: everything one server process shares, made once. One lead store (one
 * SQLite connection, or one PostgreSQL pool of at most DATABASE_POOL_MAX connections), the services the
 * routes use (limiters, link issuer), the outbox worker and the retention job, all on that store.
 * `npm start` opens it, hands `services` to the HTTP server and through it to Astro's `locals`, and
 * closes it last on SIGTERM.
 */
import { loadConfig, type Config } from './config.ts';
import { startDelivery } from './outbox/start.ts';
import { createServices, type Services } from './services.ts';
import { experimentOnPage } from './analytics/experiment.ts';
import { readSummaries } from '../lib/content/summaries.ts';
import { openCheckedStore, startRetention } from './start-checks.ts';
import { openStore } from './store/index.ts';

export interface Gate {
  services: Services;
  /**
   * Starts the background work on the store: the outbox worker (emails, the CRM webhook) and, with
   * LEAD_RETENTION_DAYS, the retention job. Once, when the server serves: not during a build.
   */
  startWork(root: string, log?: (line: string) => void): Promise<void>;
  /** Stops the outbox worker (after the delivery in hand) and the retention job, then closes the store. */
  close(): Promise<void>;
}

/**
 * Opens the lead store, checking it (a damaged one rejects with StoreUnusable, a link secret that cannot
 * be used with its error), and makes the services on it.
 */
export async function openGate(config: Config): Promise<Gate> {
  const store = await openCheckedStore(config);
  let services: Services;
  try {
    services = createServices(config, store);
  } catch (error) {
    await store.close();
    throw error;
  }
  let stopDelivery = () => Promise.resolve();
  let stopRetention = () => {};
  return {
    services,
    async startWork(root, log = console.log) {
      stopDelivery = startDelivery(services, root);
      stopRetention = await startRetention(config, store, log);
    },
    async close() {
      stopRetention();
      await stopDelivery();
      await services.analytics.close();
      await store.close();
    },
  };
}

/** The services `astro dev` uses (no outbox, no retention): see route-services.ts. */
export async function openDevServices(): Promise<Services> {
  const config = loadConfig();
  const services = createServices(config, await openStore(config));
  const declared = readSummaries(process.cwd(), true).summaries.flatMap((s) =>
    s.data.report.experiment ? [{ series: s.id, experiment: s.data.report.experiment }] : [],
  );
  services.analytics.declare(experimentOnPage(() => declared));
  return services;
}
