import { resolve } from 'node:path';
import { z } from 'astro/zod';
import { parseTrustedProxies } from './client-address.ts';
import { reportPdfValue } from '../lib/report-pdf-setting.ts';
import { PASSWORD_HASH } from './admin/auth.ts';

/** How many requests a limit allows: a whole number, 1 or more. */
const limit = (fallback: number) =>
  z.coerce
    .number({ error: 'must be a whole number' })
    .int('must be a whole number')
    .positive('must be 1 or more')
    .default(fallback);

/** A timeout of the HTTP server, in seconds. */
const seconds = (fallback: number) =>
  z.coerce.number({ error: 'must be a number of seconds' }).positive('must be more than 0').default(fallback);

/** The window of a limit. */
const minutes = (fallback: number) =>
  z.coerce.number({ error: 'must be a number of minutes' }).positive('must be more than 0').default(fallback);

/**
 * Server configuration from the environment, validated once at start (`npm start`) and again when the
 * server first needs it. Every message names the variable.
 */
export const ConfigSchema = z
  .object({
    PORT: z.coerce
      .number({ error: 'must be a port number' })
      .int('must be a whole number')
      .min(1, 'must be from 1 to 65535')
      .max(65535, 'must be from 1 to 65535')
      .default(4321),
    HOST: z.string().trim().min(1, 'must not be empty').default('localhost'),
    /** Where the lead database and generated secrets live. */
    DATA_DIR: z.string().trim().min(1, 'must not be empty').default('./data'),
    /** Where the build put the report PDFs. */
    REPORT_DIR: z.string().trim().min(1, 'must not be empty').default('./dist/report'),
    /** Key of the signed download links and cookies. */
    REPORT_LINK_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters; generate one with: openssl rand -hex 32')
      .optional(),
    /** How long a download link stays valid. */
    REPORT_LINK_TTL_DAYS: z.coerce
      .number({ error: 'must be a number of days' })
      .positive('must be more than 0')
      .max(365, 'must be at most 365')
      .default(7),
    /** The lead store: "sqlite" (a file in DATA_DIR) unless DATABASE_URL is set, then "postgres". */
    LEAD_STORE: z.enum(['sqlite', 'postgres'], { error: 'must be "sqlite" or "postgres"' }).optional(),
    /** The PostgreSQL database of the leads, shared by every server of a deployment. */
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a URL such as postgres://user:password@host:5432/database')
      .optional(),
    /** Connections each server keeps open to PostgreSQL, at most. */
    DATABASE_POOL_MAX: limit(10),
    /** Submissions allowed per client address in RATE_LIMIT_WINDOW_MINUTES. */
    RATE_LIMIT_MAX: limit(10),
    RATE_LIMIT_WINDOW_MINUTES: minutes(10),
    /**
     * Addresses and CIDR networks of the reverse proxies in front of the server, separated by commas:
     * only their X-Forwarded-For/-Host/-Proto are believed. Empty: none, the socket address is the client.
     */
    TRUSTED_PROXIES: z
      .string()
      .default('')
      .transform((list, ctx) => {
        try {
          return parseTrustedProxies(list);
        } catch (error) {
          ctx.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** Whole reports a lead may download in DOWNLOAD_LIMIT_WINDOW_MINUTES, counted in bytes served (downloadCost). */
    DOWNLOAD_LIMIT_MAX: limit(30),
    DOWNLOAD_LIMIT_WINDOW_MINUTES: minutes(60),
    /**
     * Forms that send email allowed per recipient address in MAIL_LIMIT_WINDOW_MINUTES, whoever sends
     * them: anyone can type someone else's address, and many clients must not flood one inbox.
     */
    MAIL_LIMIT_MAX: limit(3),
    MAIL_LIMIT_WINDOW_MINUTES: minutes(60),
    /**
     * Forms that send email allowed per recipient domain in MAIL_LIMIT_WINDOW_MINUTES: a flood of distinct
     * addresses at one domain stops here, while a company's readers (a few an hour) never reach it.
     */
    MAIL_DOMAIN_LIMIT_MAX: limit(50),
    /** When set, leads last submitted more than this many days ago are erased, at start and daily. */
    LEAD_RETENTION_DAYS: z.coerce
      .number({ error: 'must be a whole number of days, 1 or more' })
      .int('must be a whole number of days, 1 or more')
      .positive('must be a whole number of days, 1 or more')
      .optional(),
    /** The funnel's daily counts (docs/funnel.md) older than this many days are deleted: 13 months by default. */
    ANALYTICS_RETENTION_DAYS: limit(395),
    /**
     * The scrypt hash of the team's dashboard password (`npm run admin:password` makes it); unset: no dashboard.
     * A new hash, even of the same password, signs everyone out.
     */
    ADMIN_PASSWORD_HASH: z
      .string()
      .trim()
      // `npm run admin:password` prints the whole line, name included: a copy of all of it lands here.
      .refine((value) => !value.startsWith('ADMIN_PASSWORD_HASH='), {
        message: 'holds "ADMIN_PASSWORD_HASH=" itself: set it to what follows the "=" (scrypt$…), without the name',
        abort: true,
      })
      .regex(PASSWORD_HASH, 'must be a hash made by `npm run admin:password` (scrypt$N$r$p$salt$hash)')
      .optional(),
    /** Where the dashboard lives: a path of one segment with slashes, like /admin/ (the default). */
    ADMIN_PATH: z
      .string()
      .trim()
      .regex(
        /^\/[a-z0-9][a-z0-9-]{0,62}\/$/,
        'must be a path like /admin/ or /team-stats/ (lower-case letters, digits, -)',
      )
      .default('/admin/'),
    /** "production" marks cookies Secure. */
    NODE_ENV: z.string().optional(),
    /** The public origin: emailed links start with it (without it, with HOST:PORT, never a request's Host header). */
    SITE_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL, like https://reports.example.com' })
      .optional(),
    /** Whether a build `npm start` runs prints the report PDF; checked here so a wrong value stops it at once. */
    REPORT_PDF: z
      .string()
      .refine((value) => reportPdfValue(value) !== undefined, {
        message: 'must be "on" (print the report PDF) or "off" (skip it)',
      })
      .optional(),
    /** Where the download link goes: shown on the page, sent by email, or both. */
    REPORT_DELIVERY: z.enum(['page', 'email', 'both'], { error: 'must be "page", "email" or "both"' }).default('page'),
    /** The mail server the outbox sends through: smtp://user:password@host:587 (STARTTLS) or smtps://…:465. */
    SMTP_URL: z
      .url({
        protocol: /^smtps?$/,
        error: 'must be an smtp:// or smtps:// URL, like smtp://user:password@mail.example.com:587',
      })
      .optional(),
    /** The sender of the emails, as "Name <address>". */
    MAIL_FROM: z
      .string()
      .trim()
      .regex(
        /^(?:[^<>]*<[^\s<>@]+@[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+)$/,
        'must be an address, like "ML Trends <reports@example.com>"',
      )
      .optional(),
    /** Where every stored lead, consent change and erasure is POSTed as JSON (the CRM hand-off); unset: nowhere. */
    LEADS_WEBHOOK_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http or https URL, like https://crm.example.com/hooks/leads' })
      // fetch refuses a URL with credentials: every delivery would fail.
      .refine((url) => !/^[a-z]+:\/\/[^/?#]*@/i.test(url), {
        message: 'must not hold a user or password: the receiver authenticates deliveries by their signature',
      })
      .optional(),
    /** Key of the HMAC-SHA256 signature of each webhook delivery. */
    LEADS_WEBHOOK_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters; generate one with: openssl rand -hex 32')
      .optional(),
    /** How long a client has to send a request's head (its headers); then 408 and the connection is closed. */
    HTTP_HEADERS_TIMEOUT_SECONDS: seconds(10),
    /** How long a client has to send a whole request, body included; then 408 and the connection is closed. */
    HTTP_REQUEST_TIMEOUT_SECONDS: seconds(20),
    /** How long an idle kept-alive connection stays open for the client's next request. */
    HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: seconds(5),
    /** Open connections at most; more are closed at once. Keep it under the open-file limit (LimitNOFILE). */
    HTTP_MAX_CONNECTIONS: limit(4000),
    /** The delay before the first retry of a failed email or webhook call; it doubles on each failure. */
    OUTBOX_RETRY_SECONDS: z.coerce
      .number({ error: 'must be a number of seconds' })
      .positive('must be more than 0')
      .default(30),
  })
  .superRefine((config, ctx) => {
    // Settings that only make sense together: each message names the variable to set.
    if (config.HTTP_HEADERS_TIMEOUT_SECONDS > config.HTTP_REQUEST_TIMEOUT_SECONDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['HTTP_HEADERS_TIMEOUT_SECONDS'],
        message: 'must not be more than HTTP_REQUEST_TIMEOUT_SECONDS: the head is part of the request',
      });
    }
    if (config.LEAD_STORE === 'postgres' && !config.DATABASE_URL) {
      ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'must be set when LEAD_STORE is "postgres"' });
    }
    if (config.REPORT_DELIVERY !== 'page' && !config.SMTP_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SMTP_URL'],
        message: `must be set when REPORT_DELIVERY is "${config.REPORT_DELIVERY}": the mail server the links are sent through, like smtp://user:password@mail.example.com:587`,
      });
    }
    if (config.SMTP_URL && !config.MAIL_FROM) {
      ctx.addIssue({
        code: 'custom',
        path: ['MAIL_FROM'],
        message: 'must be set with SMTP_URL: the sender of the emails, like "ML Trends <reports@example.com>"',
      });
    }
    if (config.LEADS_WEBHOOK_URL && !config.LEADS_WEBHOOK_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_WEBHOOK_SECRET'],
        message:
          'must be set with LEADS_WEBHOOK_URL: the key the receiver checks signatures with (openssl rand -hex 32)',
      });
    }
    if (config.LEADS_WEBHOOK_SECRET && config.LEADS_WEBHOOK_SECRET === config.REPORT_LINK_SECRET) {
      // The receiver holds the webhook key: with the link key too, it could sign any download or unsubscribe link.
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_WEBHOOK_SECRET'],
        message: 'must differ from REPORT_LINK_SECRET: the CRM holds it (openssl rand -hex 32)',
      });
    }
    if (config.LEADS_WEBHOOK_URL && config.NODE_ENV === 'production' && !encryptedOrLocal(config.LEADS_WEBHOOK_URL)) {
      // Each delivery carries a reader's name and email: in the clear, anyone on the path reads them.
      ctx.addIssue({
        code: 'custom',
        path: ['LEADS_WEBHOOK_URL'],
        message:
          'must be https in production: every delivery carries a name and an email (plain http only to this machine, like http://127.0.0.1:9000/leads)',
      });
    }
    if (config.SMTP_URL && config.NODE_ENV === 'production' && !config.SITE_URL) {
      ctx.addIssue({
        code: 'custom',
        path: ['SITE_URL'],
        message: 'must be set in production when emails are sent: the public origin their links start with',
      });
    }
  });

/** An https URL, or plain http to this machine (a loopback address or localhost). */
function encryptedOrLocal(url: string): boolean {
  // A value that is no URL has its own problem (the field's format); this rule has nothing to add.
  if (!URL.canParse(url)) return true;
  const { protocol, hostname } = new URL(url);
  if (protocol === 'https:') return true;
  const host = hostname.replace(/^\[|\]$/g, '');
  return host === 'localhost' || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

export type Config = Omit<z.output<typeof ConfigSchema>, 'LEAD_STORE'> & {
  /** Chosen: LEAD_STORE when set, else PostgreSQL with a DATABASE_URL, else SQLite. */
  LEAD_STORE: 'sqlite' | 'postgres';
  dataDir: string;
  reportDir: string;
  production: boolean;
};

export class ConfigError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
    this.problems = problems;
  }
}

/** Reads the environment; unset and empty variables take their defaults. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const result = ConfigSchema.safeParse(present);
  if (!result.success) {
    throw new ConfigError(result.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`));
  }
  const config = result.data;
  return {
    ...config,
    LEAD_STORE: config.LEAD_STORE ?? (config.DATABASE_URL ? 'postgres' : 'sqlite'),
    dataDir: resolve(config.DATA_DIR),
    reportDir: resolve(config.REPORT_DIR),
    production: config.NODE_ENV === 'production',
  };
}
