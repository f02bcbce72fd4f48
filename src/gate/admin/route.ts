import { randomBytes } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { resolveClientAddress, wideNetworkKey } from '../client-address.ts';
import {
  earlierDay,
  firstDay,
  readExperimentCounts,
  readExperimentReaders,
  readRepeatForms,
  summarise,
  withinDays,
} from '../analytics/summary.ts';
import { pageTitles } from '../analytics/titles.ts';
import type { Experiment } from '../../lib/schema/series.ts';
import type { Services } from '../services.ts';
import { createSessions, SESSION_MS, verifyPassword } from './auth.ts';
import { adminPolicy, dashboardPage, signInPage, styleHash, type SiteStyle } from './page.ts';

const SESSION_COOKIE = 'mt_admin';
const FORM_COOKIE = 'mt_admin_form';
/** A sign-in form is a password and a token: well under this. */
const BODY_LIMIT = 4096;
const minutes = (n: number) => n * 60_000;

export interface AdminOptions {
  /** ADMIN_PATH: where the dashboard lives, with its trailing slash (`/admin/`). */
  path: string;
  /** ADMIN_PASSWORD_HASH; unset: no dashboard, its path answers 404. */
  passwordHash: string | undefined;
  linkSecret: string;
  https: boolean;
  /** The built site: its stylesheets are the dashboard's. */
  clientDir: string;
  /** The experiments the published series declare. */
  experiments: () => readonly { series: string; experiment: Experiment }[];
  /** The published series. */
  series: readonly string[];
  /** A trend page's short name (series.yaml `report.parts[].heads`, see `shortNames`), when it has one. */
  shortName?: (page: string) => string | undefined;
  now?: () => Date;
}

function cookies(req: IncomingMessage): Map<string, string> {
  const jar = new Map<string, string>();
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) jar.set(part.slice(0, at).trim(), part.slice(at + 1).trim());
  }
  return jar;
}

function readBody(req: IncomingMessage): Promise<URLSearchParams | undefined> {
  return new Promise((resolve) => {
    if (Number(req.headers['content-length'] ?? 0) > BODY_LIMIT) {
      req.resume();
      return resolve(undefined);
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('error', () => resolve(undefined));
    req.on('end', () =>
      resolve(size > BODY_LIMIT ? undefined : new URLSearchParams(Buffer.concat(chunks).toString('utf8'))),
    );
  });
}

/**
 * The built site's stylesheets, as its home page links them, and its @font-face rules (an inline style
 * block in every page, which the dashboard's CSP allows by its hash); read again when a build rewrites the page.
 */
function siteStyle(clientDir: string): () => SiteStyle & { hashes: string[] } {
  let known: { stamp: string; style: SiteStyle & { hashes: string[] } } | undefined;
  return () => {
    const file = join(clientDir, 'index.html');
    const stat = statSync(file, { throwIfNoEntry: false });
    const stamp = stat ? `${stat.size}:${stat.mtimeMs}` : '';
    if (known?.stamp !== stamp) {
      const html = stat ? readFileSync(file, 'utf8') : '';
      const stylesheets = [...html.matchAll(/<link rel="stylesheet" href="(\/_astro\/[^"]+\.css)">/g)].map(
        (m) => m[1]!,
      );
      const fontFaces = [...html.matchAll(/<style>([^<]*@font-face[^<]*)<\/style>/g)].map((m) => m[1]!).join('');
      // The site's name as its header links it home: the dashboard's own header says whose dashboard it is.
      const name = /<a class="brand[^"]*" href="\/"[^>]*>([^<]+)<\/a>/.exec(html)?.[1];
      const named = name ? { name } : {};
      known = {
        stamp,
        style: fontFaces
          ? { stylesheets, fontFaces, hashes: [styleHash(fontFaces)], ...named }
          : { stylesheets, hashes: [], ...named },
      };
    }
    return known.style;
  };
}

/** The periods the dashboard offers, in days; the first is shown when none is asked for. */
const PERIODS = [30, 7, 90] as const;
const DAY_MS = 24 * 60 * 60 * 1000;
const dayOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The team's dashboard at ADMIN_PATH, answered by the gate before Astro: a sign-in form (the team password,
 * checked against its scrypt hash), then the funnel. Every response: `Cache-Control: no-store`,
 * `X-Robots-Tag: noindex`, a CSP of its own with no script. Without a valid session every path under it
 * answers 401 with the sign-in form (GET) or nothing (other methods), whatever the path: nothing is revealed.
 * The path without its slash (`/admin`) redirects (308) to ADMIN_PATH.
 * Sign-in is rate-limited (5 tries per client network in 15 minutes, and 20 per wider network: an IPv4 /16,
 * an IPv6 /48; no limit on everyone, which anyone could use up to lock the team out) and CSRF-protected (a
 * form token bound to a SameSite=Strict cookie, and the request's Origin). Returns false for other paths.
 */
export function adminRoute(services: Services, options: AdminOptions) {
  const now = options.now ?? (() => new Date());
  const site = siteStyle(options.clientDir);
  const titles = pageTitles(options.clientDir);
  const sessions = options.passwordHash ? createSessions(options.linkSecret, options.passwordHash) : undefined;
  const perClient = services.store.limiter('admin-sign-in', { limit: 5, windowMs: minutes(15) });
  const perWideNetwork = services.store.limiter('admin-sign-in-wide', { limit: 20, windowMs: minutes(15) });
  const base = options.path;
  const cookie = (name: string, value: string, maxAge: number) =>
    `${name}=${value}; Path=${base}; Max-Age=${maxAge}; HttpOnly; Secure; SameSite=Strict`;
  const html = (res: ServerResponse, status: number, body: string, setCookies: string[] = []) => {
    if (setCookies.length > 0) res.setHeader('Set-Cookie', setCookies);
    res.writeHead(status, { 'Content-Type': 'text/html; charset=utf-8' }).end(body);
  };
  const text = (res: ServerResponse, status: number, body: string, extra: Record<string, string> = {}) =>
    res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...extra }).end(body);

  /** The sign-in page, with a form token bound to this browser's form cookie (made when it has none). */
  const signIn = (req: IncomingMessage, res: ServerResponse, status: number, problem?: string) => {
    const jar = cookies(req);
    let nonce = jar.get(FORM_COOKIE);
    const set: string[] = [];
    if (!nonce || !/^[A-Za-z0-9_-]{22}$/.test(nonce)) {
      nonce = randomBytes(16).toString('base64url');
      set.push(cookie(FORM_COOKIE, nonce, 3600));
    }
    html(
      res,
      status,
      req.method === 'HEAD'
        ? ''
        : signInPage({
            action: `${base}sign-in`,
            formToken: sessions!.formToken(nonce),
            site: site(),
            ...(problem ? { problem } : {}),
          }),
      set,
    );
  };

  /** The request's Origin is this site's: the public origin when SITE_URL is set, else its Host. */
  const sameOrigin = (req: IncomingMessage) => {
    const origin = req.headers.origin;
    if (!origin || !URL.canParse(origin)) return false;
    const site = services.config.SITE_URL;
    return site ? new URL(origin).origin === new URL(site).origin : new URL(origin).host === req.headers.host;
  };

  const dashboard = async (req: IncomingMessage, res: ServerResponse, session: string, query: URLSearchParams) => {
    const asked = Number(query.get('days'));
    const days = (PERIODS as readonly number[]).includes(asked) ? asked : PERIODS[0];
    const today = now();
    const to = dayOf(today);
    const from = dayOf(new Date(today.getTime() - (days - 1) * DAY_MS));
    const before = {
      from: dayOf(new Date(today.getTime() - (2 * days - 1) * DAY_MS)),
      to: dayOf(new Date(today.getTime() - days * DAY_MS)),
    };
    // The counts of this period and the one before; the experiments' own counts from their first day, whatever
    // the period; and the first day anything was counted: no request reads every count stored.
    const experiments = options.experiments();
    const [{ counts, days: visitors }, leads, experimentCounts, experimentReaders, firstCounted] = await Promise.all([
      services.store.analytics.readAnalytics(before.from),
      services.store.listLeads(),
      readExperimentCounts(services.store.analytics, experiments),
      readExperimentReaders(services.store.analytics, experiments),
      services.store.analytics.firstAnalyticsDay(),
    ]);
    const repeatForms = await readRepeatForms(services.store, leads);
    const all = {
      counts,
      repeatForms,
      experimentCounts,
      experimentReaders,
      days: visitors,
      leads,
      confirmationEmails: Boolean(services.config.SMTP_URL),
      experiments,
      seriesIds: options.series,
      title: titles,
      shortName: options.shortName,
      today: to,
      period: { from, to, days },
      // Whatever the period: the chart leaves out the days before it (not counted, not zero).
      countingBegan: earlierDay(firstCounted, firstDay({ counts: [], days: [], leads })),
    };
    // Counting had begun by the period before when it holds any count, visitor or lead; else it has no data.
    const earlier = withinDays(all, before.from, before.to);
    const counted =
      earlier.counts.length > 0 || earlier.days.length > 0 || leads.some((l) => dayOf(l.createdAt) < from);
    html(
      res,
      200,
      req.method === 'HEAD'
        ? ''
        : dashboardPage({
            summary: summarise(withinDays(all, from, to)),
            previous: counted ? summarise(earlier).totals : null,
            period: { days, from, to, choices: [...PERIODS].sort((a, b) => a - b), path: base },
            site: site(),
            signOut: { action: `${base}sign-out`, formToken: sessions!.formToken(session) },
            rateLimit: {
              max: services.config.RATE_LIMIT_MAX,
              windowMinutes: services.config.RATE_LIMIT_WINDOW_MINUTES,
            },
          }),
    );
  };

  const handle = async (req: IncomingMessage, res: ServerResponse, pathname: string, query: URLSearchParams) => {
    const jar = cookies(req);
    const session = jar.get(SESSION_COOKIE);
    const read = sessions!.read(session, now());
    // A signed-out session stays refused: its id is kept in the lead store until it would have expired.
    const signedIn = read !== undefined && !(await services.store.sessionRevoked(read.id));
    const method = req.method ?? 'GET';
    if (signedIn) {
      if ((method === 'GET' || method === 'HEAD') && pathname === base) return dashboard(req, res, session!, query);
      if (method === 'POST' && pathname === `${base}sign-out`) {
        const body = await readBody(req);
        if (!sameOrigin(req) || !sessions!.formTokenValid(session, body?.get('form') ?? undefined)) {
          return text(res, 403, 'Refused: this form did not come from the dashboard.');
        }
        await services.store.revokeSession(read.id, read.expiresAt, now());
        res.setHeader('Set-Cookie', cookie(SESSION_COOKIE, '', 0));
        return res.writeHead(303, { Location: base }).end();
      }
      if (method === 'POST' && pathname === `${base}sign-in`) {
        req.resume();
        return res.writeHead(303, { Location: base }).end();
      }
      req.resume();
      return text(res, 404, 'Not found.');
    }
    if (method === 'POST' && pathname === `${base}sign-in`) {
      const body = await readBody(req);
      if (!body) return text(res, 413, 'Too large.', { Connection: 'close' });
      if (!sameOrigin(req) || !sessions!.formTokenValid(jar.get(FORM_COOKIE), body.get('form') ?? undefined)) {
        return signIn(req, res, 403, 'This form has expired or did not come from this site. Sign in again.');
      }
      const address = resolveClientAddress(
        req.socket.remoteAddress,
        [req.headers['x-forwarded-for']].flat().join(', ') || undefined,
        services.config.TRUSTED_PROXIES,
      );
      const clientKey = services.limitKey(address);
      const mine = await perClient.consume(clientKey);
      const wideKey = address ? services.hashIp(wideNetworkKey(address))! : 'unknown';
      const all = mine.allowed ? await perWideNetwork.consume(wideKey) : mine;
      if (!all.allowed) {
        const wait = Math.max(1, Math.ceil(all.retryAfterMs / 60_000));
        res.setHeader('Retry-After', String(Math.ceil(all.retryAfterMs / 1000)));
        return signIn(req, res, 429, `Too many sign-in attempts. Try again in ${wait} minute${wait === 1 ? '' : 's'}.`);
      }
      if (!(await verifyPassword(body.get('password') ?? '', options.passwordHash!))) {
        return signIn(req, res, 401, 'That is not the password.');
      }
      // Only wrong passwords count: a team behind one address signs in as often as it needs.
      await Promise.all([perClient.reward(clientKey), perWideNetwork.reward(wideKey)]);
      const issued = sessions!.issue(now());
      res.setHeader('Set-Cookie', [
        cookie(SESSION_COOKIE, issued.token, SESSION_MS / 1000),
        cookie(FORM_COOKIE, '', 0),
      ]);
      return res.writeHead(303, { Location: base }).end();
    }
    req.resume();
    if (method === 'GET' || method === 'HEAD') return signIn(req, res, 401);
    return text(res, 401, 'Sign in first.');
  };

  return (req: IncomingMessage, res: ServerResponse, pathname: string): boolean => {
    if (pathname !== base.slice(0, -1) && !pathname.startsWith(base)) return false;
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('X-Robots-Tag', 'noindex, nofollow');
    // Not no-referrer: under it a browser sends `Origin: null` with the sign-in form, which the origin check refuses.
    res.setHeader('Referrer-Policy', 'same-origin');
    res.setHeader('Content-Security-Policy', adminPolicy(options.https, site().hashes));
    if (!sessions) {
      req.resume();
      text(res, 404, 'Not found.');
      return true;
    }
    if (pathname === base.slice(0, -1)) {
      // A browser sends the session cookie (Path=ADMIN_PATH) only under the slash: without this, a signed-in
      // member typing `/admin` would get the sign-in form.
      req.resume();
      res.writeHead(308, { Location: base }).end();
      return true;
    }
    handle(req, res, pathname, new URLSearchParams((req.url ?? '').split('?')[1] ?? '')).catch((error: unknown) => {
      console.error('admin:', error);
      if (!res.headersSent) text(res, 500, 'Something went wrong on our side.');
      else res.destroy();
    });
    return true;
  };
}
