/**
 * The production HTTP server `npm start` runs: one Node server that dresses every response once (request
 * id and log line, security headers, CSP), answers `/healthz` and unsubscribe POSTs, serves the built files (`static.ts`) and
 * hands everything else to Astro's on-demand routes (the Node adapter in middleware mode). On SIGTERM it
 * stops accepting connections, lets requests in flight finish, and exits 0.
 */
import { existsSync, readFileSync } from 'node:fs';
import { trustForwardedHeaders } from '../client-address.ts';
import { refuseBadHost, refuseUnsupportedMethod } from '../fetch-methods.ts';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { SCRIPT_HASHES_FILE } from '../../lib/inline-scripts.ts';
import type { Services } from '../services.ts';
import { contentSecurityPolicy, FRAME_HEADER, frameable, securityHeaders } from '../../lib/http-headers.ts';
import { healthz, storeDisk } from './health.ts';
import { limitConnections, serverOptions } from './limits.ts';
import { logRequest } from './log.ts';
import { hashRenderedHtml } from './rendered-html.ts';
import { staticFiles } from './static.ts';
import { unsubscribeRoute } from './unsubscribe.ts';
import { downloadRoute } from './download.ts';
import { BEACON_PATH, beaconRoute } from '../analytics/route.ts';
import { reportPage } from '../analytics/counter.ts';
import { experimentOnPage } from '../analytics/experiment.ts';
import { shortNames } from '../analytics/titles.ts';
import { adminRoute } from '../admin/route.ts';
import { linkSecret } from '../secrets.ts';
import { readSeries } from '../../lib/content/files.ts';
import type { Experiment } from '../../lib/schema/series.ts';

export interface ServeOptions {
  /** The project: its build is under dist/. */
  root: string;
  /** The gate's services (src/gate/gate.ts): its one store, given to every on-demand route as `locals`. */
  services: Services;
  /** Whether the public origin (SITE_URL) is https: adds HSTS and upgrade-insecure-requests. */
  https: boolean;
  /** The series whose report `/healthz` checks. */
  series: string[];
  /** How long requests in flight get to finish after SIGTERM before their connections are cut. */
  graceMs?: number;
}

export interface RunningHttpServer {
  server: Server;
  /** Stops accepting connections, waits for requests in flight (up to `graceMs`); true when none was cut. */
  close(): Promise<boolean>;
}

/** The Node adapter's handler in middleware mode: without `next`, Astro answers what it has no route for. */
type AstroHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next: undefined,
  locals: Pick<App.Locals, 'services'>,
) => Promise<void>;

/** A path that a directory with this name would serve: redirected to its trailing-slash form, as Astro does. */
const needsSlash = (path: string) => /^\/[^/\\_.@]/.test(path) && !path.endsWith('/') && !/\.[^/]*$/.test(path);

export async function serve({
  root,
  services,
  https,
  series,
  graceMs = 10_000,
}: ServeOptions): Promise<RunningHttpServer> {
  const dist = join(root, 'dist');
  // The built pages' inline-script hashes, read once with the file list (static.ts): a build is served by
  // a server started after it. Each page's policy is made once; any other path gets one of two.
  const hashesFile = join(dist, SCRIPT_HASHES_FILE);
  let pageHashes: Record<string, string[]> = {};
  try {
    if (existsSync(hashesFile)) pageHashes = JSON.parse(readFileSync(hashesFile, 'utf8')) as Record<string, string[]>;
  } catch (error) {
    throw new Error(`${hashesFile} cannot be read (${(error as Error).message}): build the site again.`, {
      cause: error,
    });
  }
  const policies = new Map(
    Object.entries(pageHashes).map(([path, hashes]) => [
      path,
      contentSecurityPolicy(hashes, https, { frameable: frameable(path) }),
    ]),
  );
  const noScripts = contentSecurityPolicy([], https);
  const noScriptsFramed = contentSecurityPolicy([], https, { frameable: true });
  const policyOf = (pathname: string, embed: boolean) =>
    policies.get(pathname) ?? (embed ? noScriptsFramed : noScripts);
  const entry = (await import(pathToFileURL(join(dist, 'server/entry.mjs')).href)) as { handler: AstroHandler };
  const { config, store } = services;
  const serveStatic = staticFiles(join(dist, 'client'));
  const unsubscribe = unsubscribeRoute({ store, links: services, config });
  const download = downloadRoute(services, series);
  const clientDir = join(dist, 'client');
  const pages = new Map<string, { known: boolean; at: number }>();
  /** The experiments of the published series, read from the content once, when first needed. */
  let declared: { series: string; experiment: Experiment }[] | undefined;
  const experiments = () =>
    (declared ??= series.flatMap((id) => {
      const experiment = readSeries(root, id).report.experiment;
      return experiment ? [{ series: id, experiment }] : [];
    }));
  // Variants are counted keyed by their experiment; counts kept before that under a bare id are keyed now
  // as the experiment each series declares (see keyBareVariants).
  const onPage = experimentOnPage(experiments);
  services.analytics.declare(onPage, series);
  for (const { series: id } of experiments())
    await store.analytics.keyBareVariants(reportPage(id), onPage(reportPage(id))!);
  const beacon = beaconRoute(services.analytics, {
    siteHost: config.SITE_URL ? new URL(config.SITE_URL).host : undefined,
    trustedProxies: config.TRUSTED_PROXIES,
    // A built page, or a report page (rendered on demand); the path is checked for its form first. Looked up
    // on disk at most once a minute per path (a build under the running server adds and removes pages).
    knownPage: (path) => {
      const now = Date.now();
      const cached = pages.get(path);
      if (cached && cached.at > now - 60_000) return cached.known;
      const known = series.some((id) => path === `/${id}/report/`) || existsSync(join(clientDir, path, 'index.html'));
      if (pages.size >= 10_000) pages.clear();
      pages.set(path, { known, at: now });
      return known;
    },
    variants: (path) => onPage(path)?.variants ?? [],
  });
  const admin = adminRoute(services, {
    path: config.ADMIN_PATH,
    passwordHash: config.ADMIN_PASSWORD_HASH,
    linkSecret: linkSecret(config),
    https,
    clientDir,
    series,
    experiments,
    // Trends by their short names in the pages table: series.yaml's report.parts[].heads, read once.
    shortName: shortNames(series.map((id) => ({ id, parts: readSeries(root, id).report.parts }))),
  });
  const dress = Object.entries(securityHeaders(https));
  const policy = (hashes: string[]) => contentSecurityPolicy(hashes, https);
  let closing = false;

  const server = createServer(serverOptions(config), (req, res) => {
    // Before anything reads the request: forwarded headers count only from TRUSTED_PROXIES.
    trustForwardedHeaders(req, config.TRUSTED_PROXIES);
    logRequest(req, res, undefined, countedBeacon);
    for (const [name, value] of dress) res.setHeader(name, value);
    if (refuseUnsupportedMethod(req, res) || refuseBadHost(req, res)) return;
    if (closing) res.setHeader('Connection', 'close');
    const [path = '/', query] = (req.url ?? '/').split(/\?(.*)/s);
    let pathname: string;
    try {
      pathname = decodeURI(path);
    } catch {
      res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Bad request.');
      return;
    }
    // The funnel's beacon before the page headers: its 204 has no body to protect, and at 1,000 a second the
    // CSP header is worth saving.
    if (beacon(req, res, pathname)) return;
    // A figure's embed page alone may be framed by other sites (src/lib/http-headers.ts).
    const embed = frameable(pathname);
    if (embed) res.removeHeader(FRAME_HEADER);
    res.setHeader('Content-Security-Policy', policyOf(pathname, embed));
    if (pathname === '/healthz')
      return void healthz(res, { store, reportDir: config.reportDir, series, disk: storeDisk(config) });
    if (unsubscribe(req, res, pathname)) return;
    if (admin(req, res, pathname)) return;
    if (needsSlash(path) && (req.method === 'GET' || req.method === 'HEAD')) {
      res.writeHead(301, { Location: `${path}/${query ? `?${query}` : ''}` }).end();
      return;
    }
    const astro = () => {
      hashRenderedHtml(res, policy);
      // Every on-demand answer is for one reader (a form's result, a link, the Action's JSON): not stored,
      // unless a route says otherwise.
      res.setHeader('Cache-Control', 'no-store');
      // A locals object of its own per request: routes write to it (the page's language, a link's problem).
      void entry.handler(req, res, undefined, { services });
    };
    if (download(req, res, pathname, astro)) return;
    serveStatic(req, res, pathname, astro);
  });
  limitConnections(server, config);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.PORT, config.HOST, resolve);
  });

  return {
    server,
    close: () =>
      new Promise<boolean>((resolve) => {
        closing = true;
        let cut = false;
        const idle = setInterval(() => server.closeIdleConnections(), 50);
        const deadline = setTimeout(() => {
          cut = true;
          server.closeAllConnections();
        }, graceMs);
        server.close(() => {
          clearInterval(idle);
          clearTimeout(deadline);
          resolve(!cut);
        });
        server.closeIdleConnections();
      }),
  };
}

/**
 * A beacon answered 204 (counted, or left uncounted as GPC asks) writes no log line: at 1,000 a second they
 * would be most of the log and say nothing its counts do not. A refused beacon is logged like any request.
 */
const countedBeacon = (req: IncomingMessage, res: ServerResponse) =>
  res.statusCode === 204 && (req.url ?? '').split('?')[0] === BEACON_PATH;

/** On SIGTERM or SIGINT: close gracefully, then exit 0 (1 when requests had to be cut off). */
export function exitOnSignals(running: RunningHttpServer, log = console.log): void {
  const stop = (signal: string) => {
    log(`${signal}: no new connections; finishing the requests in flight.`);
    void running.close().then((clean) => process.exit(clean ? 0 : 1));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
