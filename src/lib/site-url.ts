/**
 * The public origin of the site: the one place it is derived, for the build (canonical URLs, og:image, the
 * feed, the sitemap: astro.config.mjs), the build stamp `npm start` compares, and emailed links.
 */

/** How this machine reaches a server listening on HOST:PORT: `localhost` for a wildcard HOST. */
export function ownOrigin(host: string, port: number | string): string {
  const shown = ['0.0.0.0', '::', '[::]'].includes(host) ? 'localhost' : host;
  return new URL(`http://${shown.includes(':') && !shown.startsWith('[') ? `[${shown}]` : shown}:${port}`).origin;
}

/**
 * SITE_URL, else the server's own origin as `npm start` serves it (HOST and PORT; http://localhost:4321 by
 * default), so that a server on another port links to itself. TEST_BUILD_ORIGIN is for the test harness
 * alone: servers it starts on many ports without SITE_URL share one build made for that origin.
 */
export function siteUrl(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SITE_URL) return env.SITE_URL;
  if (env.TEST_BUILD_ORIGIN) return env.TEST_BUILD_ORIGIN;
  const port = env.PORT?.trim() ?? '';
  // A PORT that is no port stops `npm start` (its configuration check); a bare build keeps the default.
  return ownOrigin(env.HOST?.trim() || 'localhost', /^\d{1,5}$/.test(port) ? Number(port) : 4321);
}

/** Whether a host (as in `URL.host`) is this machine: an address no reader elsewhere can open. */
export function isLocalHost(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return (
    name === 'localhost' || name.endsWith('.localhost') || /^127\./.test(name) || name === '::1' || name === '0.0.0.0'
  );
}
