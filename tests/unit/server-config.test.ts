import { isAbsolute, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/gate/config.ts';

const SECRET = 'f'.repeat(32);

/** The problems loadConfig reports for an environment, or [] when it accepts it. */
function problems(env: Record<string, string | undefined>): string[] {
  try {
    loadConfig(env);
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
}

describe('loadConfig defaults', () => {
  it('starts on localhost:4321 with week-long links and data in ./data when nothing is set', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      PORT: 4321,
      HOST: 'localhost',
      REPORT_LINK_TTL_DAYS: 7,
      LEAD_STORE: 'sqlite',
      RATE_LIMIT_MAX: 10,
      RATE_LIMIT_WINDOW_MINUTES: 10,
      TRUSTED_PROXIES: [],
      DOWNLOAD_LIMIT_MAX: 30,
      DOWNLOAD_LIMIT_WINDOW_MINUTES: 60,
      MAIL_LIMIT_MAX: 3,
      MAIL_DOMAIN_LIMIT_MAX: 50,
      MAIL_LIMIT_WINDOW_MINUTES: 60,
      production: false,
    });
    expect(config.REPORT_LINK_SECRET).toBeUndefined();
    expect(config.dataDir).toBe(resolve('data'));
    expect(config.reportDir).toBe(resolve('dist/report'));
  });

  it('treats empty variables as unset', () => {
    const config = loadConfig({
      PORT: '',
      HOST: '',
      DATA_DIR: '',
      REPORT_LINK_SECRET: '',
      REPORT_LINK_TTL_DAYS: '',
      RATE_LIMIT_MAX: '',
    });
    expect(config).toMatchObject({ PORT: 4321, HOST: 'localhost', REPORT_LINK_TTL_DAYS: 7, RATE_LIMIT_MAX: 10 });
    expect(config.REPORT_LINK_SECRET).toBeUndefined();
    expect(config.dataDir).toBe(resolve('data'));
  });

  it('ignores unrelated variables', () => {
    expect(loadConfig({ PATH: '/usr/bin', HOME: '/root' }).PORT).toBe(4321);
  });
});

describe('loadConfig with values', () => {
  it('reads numbers from their text and resolves directories to absolute paths', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: ' 0.0.0.0 ',
      DATA_DIR: 'var/leads',
      REPORT_DIR: '/srv/reports',
      REPORT_LINK_SECRET: SECRET,
      REPORT_LINK_TTL_DAYS: '30',
      RATE_LIMIT_MAX: '5',
      RATE_LIMIT_WINDOW_MINUTES: '1',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      HOST: '0.0.0.0',
      REPORT_LINK_SECRET: SECRET,
      REPORT_LINK_TTL_DAYS: 30,
      RATE_LIMIT_MAX: 5,
      RATE_LIMIT_WINDOW_MINUTES: 1,
    });
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.dataDir).toBe(resolve('var/leads'));
    expect(config.reportDir).toBe('/srv/reports');
  });

  it.each([
    ['1', 1],
    ['65535', 65535],
  ])('accepts the port %s', (port, expected) => {
    expect(loadConfig({ PORT: port }).PORT).toBe(expected);
  });

  it('is in production only when NODE_ENV is "production"', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).production).toBe(true);
    expect(loadConfig({ NODE_ENV: 'development' }).production).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test' }).production).toBe(false);
    expect(loadConfig({}).production).toBe(false);
  });
});

describe('loadConfig chooses the lead store', () => {
  it('keeps the leads in SQLite unless DATABASE_URL is set, and in PostgreSQL when it is', () => {
    expect(loadConfig({}).LEAD_STORE).toBe('sqlite');
    const url = 'postgres://leads:pw@db.internal:5432/leads';
    expect(loadConfig({ DATABASE_URL: url })).toMatchObject({
      LEAD_STORE: 'postgres',
      DATABASE_URL: url,
      DATABASE_POOL_MAX: 10,
    });
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/leads' }).LEAD_STORE).toBe('postgres');
  });

  it('keeps SQLite when LEAD_STORE says so, whatever DATABASE_URL holds', () => {
    expect(loadConfig({ LEAD_STORE: 'sqlite', DATABASE_URL: 'postgres://db/leads' }).LEAD_STORE).toBe('sqlite');
  });

  it('never repeats the database password in its messages', () => {
    const message = problems({ DATABASE_URL: 'mysql://ops:s3cret@db/leads' }).join('\n');
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('s3cret');
  });
});

describe('loadConfig refuses bad values, naming the variable', () => {
  it.each([
    ['PORT', 'abc', 'PORT must be a port number'],
    ['PORT', '0', 'PORT must be from 1 to 65535'],
    ['PORT', '70000', 'PORT must be from 1 to 65535'],
    ['PORT', '80.5', 'PORT must be a whole number'],
    ['REPORT_LINK_SECRET', 'too-short', 'REPORT_LINK_SECRET must be at least 32 characters'],
    ['REPORT_LINK_SECRET', 'f'.repeat(31), 'REPORT_LINK_SECRET must be at least 32 characters'],
    ['REPORT_LINK_TTL_DAYS', '0', 'REPORT_LINK_TTL_DAYS must be more than 0'],
    ['REPORT_LINK_TTL_DAYS', '-3', 'REPORT_LINK_TTL_DAYS must be more than 0'],
    ['REPORT_LINK_TTL_DAYS', '366', 'REPORT_LINK_TTL_DAYS must be at most 365'],
    ['REPORT_LINK_TTL_DAYS', 'a week', 'REPORT_LINK_TTL_DAYS must be a number of days'],
    ['HOST', '   ', 'HOST must not be empty'],
    ['LEAD_STORE', 'mysql', 'LEAD_STORE must be "sqlite" or "postgres"'],
    ['LEAD_STORE', 'postgres', 'DATABASE_URL must be set when LEAD_STORE is "postgres"'],
    ['DATABASE_URL', 'mysql://db/leads', 'DATABASE_URL must be a URL such as postgres://'],
    ['DATABASE_POOL_MAX', '0', 'DATABASE_POOL_MAX must be 1 or more'],
    ['RATE_LIMIT_MAX', '0', 'RATE_LIMIT_MAX must be 1 or more'],
    ['RATE_LIMIT_WINDOW_MINUTES', '0', 'RATE_LIMIT_WINDOW_MINUTES must be more than 0'],
    ['TRUSTED_PROXIES', '10.0.0.0/8,lb.internal', 'TRUSTED_PROXIES "lb.internal" is not an IP address'],
    ['DOWNLOAD_LIMIT_MAX', '0', 'DOWNLOAD_LIMIT_MAX must be 1 or more'],
    ['DOWNLOAD_LIMIT_WINDOW_MINUTES', 'hourly', 'DOWNLOAD_LIMIT_WINDOW_MINUTES must be a number of minutes'],
    ['MAIL_DOMAIN_LIMIT_MAX', '2.5', 'MAIL_DOMAIN_LIMIT_MAX must be a whole number'],
    ['REPORT_PDF', 'no', 'REPORT_PDF must be "on" (print the report PDF) or "off" (skip it)'],
  ])('%s=%j', (name, value, message) => {
    const found = problems({ [name]: value });
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(message);
  });

  it('throws a ConfigError whose message lists the problem for the operator', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow('Invalid configuration:\n  - PORT must be a port number');
  });

  it('suggests how to generate a link secret', () => {
    expect(problems({ REPORT_LINK_SECRET: 'short' })[0]).toContain('openssl rand -hex 32');
  });

  it('lists several problems together, one line each', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '70000', REPORT_LINK_SECRET: 'short', REPORT_LINK_TTL_DAYS: '0' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const { message, problems: listed } = error as ConfigError;
    expect(listed).toHaveLength(3);
    expect(message.split('\n')).toEqual([
      'Invalid configuration:',
      expect.stringMatching(/^ {2}- PORT /),
      expect.stringMatching(/^ {2}- REPORT_LINK_SECRET must be at least 32 characters/),
      expect.stringMatching(/^ {2}- REPORT_LINK_TTL_DAYS /),
    ]);
  });

  it('names the variable even where no custom message was written', () => {
    for (const problem of problems({ RATE_LIMIT_MAX: 'lots', RATE_LIMIT_WINDOW_MINUTES: 'soon' })) {
      expect(problem).toMatch(/^RATE_LIMIT_(MAX|WINDOW_MINUTES) /);
    }
    expect(problems({ RATE_LIMIT_MAX: 'lots', RATE_LIMIT_WINDOW_MINUTES: 'soon' })).toHaveLength(2);
  });
});

describe('LEAD_RETENTION_DAYS', () => {
  it('keeps leads for ever when it is not set', () => {
    expect(loadConfig({}).LEAD_RETENTION_DAYS).toBeUndefined();
  });

  it('reads a number of days', () => {
    expect(loadConfig({ LEAD_RETENTION_DAYS: '730' }).LEAD_RETENTION_DAYS).toBe(730);
  });

  it.each(['0', '-5', '1.5', 'two years'])('refuses %j, naming the variable', (value) => {
    expect(problems({ LEAD_RETENTION_DAYS: value })).toEqual([
      expect.stringMatching(/^LEAD_RETENTION_DAYS must be a whole number of days, 1 or more/),
    ]);
  });
});

describe('email delivery settings', () => {
  const MAIL = { SMTP_URL: 'smtp://user:pw@mail.example.com:587', MAIL_FROM: 'ML Trends <reports@example.com>' };

  it('shows the link on the page and sends no email when nothing is set', () => {
    expect(loadConfig({})).toMatchObject({ REPORT_DELIVERY: 'page', OUTBOX_RETRY_SECONDS: 30 });
    expect(loadConfig({}).SMTP_URL).toBeUndefined();
  });

  it.each(['email', 'both'])('accepts REPORT_DELIVERY=%s with a mail server and a sender', (delivery) => {
    expect(loadConfig({ REPORT_DELIVERY: delivery, ...MAIL })).toMatchObject({ REPORT_DELIVERY: delivery, ...MAIL });
  });

  it.each(['email', 'both'])('refuses REPORT_DELIVERY=%s without SMTP_URL, naming SMTP_URL', (delivery) => {
    expect(problems({ REPORT_DELIVERY: delivery })).toEqual([
      expect.stringMatching(new RegExp(`^SMTP_URL must be set when REPORT_DELIVERY is "${delivery}"`)),
    ]);
  });

  it('refuses a delivery it does not know, and a mail server that is not smtp:// or smtps://', () => {
    expect(problems({ REPORT_DELIVERY: 'post' })).toEqual(['REPORT_DELIVERY must be "page", "email" or "both"']);
    expect(problems({ ...MAIL, SMTP_URL: 'https://mail.example.com' })).toEqual([
      expect.stringMatching(/^SMTP_URL must be an smtp:\/\/ or smtps:\/\/ URL/),
    ]);
  });

  it('refuses a sender with no address in it, naming MAIL_FROM', () => {
    expect(problems({ ...MAIL, MAIL_FROM: 'ML Trends' })).toEqual([
      expect.stringMatching(/^MAIL_FROM must be an address/),
    ]);
    expect(problems({ ...MAIL, MAIL_FROM: 'reports@example.com' })).toEqual([]);
  });

  it('asks for MAIL_FROM with SMTP_URL, and for SITE_URL in production', () => {
    expect(problems({ SMTP_URL: MAIL.SMTP_URL })).toEqual([
      expect.stringMatching(/^MAIL_FROM must be set with SMTP_URL/),
    ]);
    expect(problems({ ...MAIL, NODE_ENV: 'production', REPORT_LINK_SECRET: SECRET })).toEqual([
      expect.stringMatching(/^SITE_URL must be set in production when emails are sent/),
    ]);
    expect(problems({ ...MAIL, NODE_ENV: 'production', SITE_URL: 'https://reports.example.com' })).toEqual([]);
  });
});

describe('the leads webhook settings', () => {
  it('asks for LEADS_WEBHOOK_SECRET with LEADS_WEBHOOK_URL, naming it', () => {
    expect(problems({ LEADS_WEBHOOK_URL: 'https://crm.example.com/hooks/leads' })).toEqual([
      expect.stringMatching(/^LEADS_WEBHOOK_SECRET must be set with LEADS_WEBHOOK_URL/),
    ]);
    expect(
      problems({ LEADS_WEBHOOK_URL: 'https://crm.example.com/hooks/leads', LEADS_WEBHOOK_SECRET: SECRET }),
    ).toEqual([]);
  });

  it('refuses a webhook URL with a user and password in it, which no delivery could send', () => {
    expect(
      problems({ LEADS_WEBHOOK_URL: 'https://user:pw@crm.example.com/hooks/leads', LEADS_WEBHOOK_SECRET: SECRET }),
    ).toEqual([expect.stringMatching(/^LEADS_WEBHOOK_URL must not hold a user or password/)]);
  });

  it('refuses a webhook secret that is also the link secret, which would let the CRM sign download links', () => {
    expect(
      problems({
        LEADS_WEBHOOK_URL: 'https://crm.example.com/hooks/leads',
        LEADS_WEBHOOK_SECRET: SECRET,
        REPORT_LINK_SECRET: SECRET,
      }),
    ).toEqual([expect.stringMatching(/^LEADS_WEBHOOK_SECRET must differ from REPORT_LINK_SECRET/)]);
  });

  it('refuses a webhook URL that is not http or https, and a short secret', () => {
    expect(problems({ LEADS_WEBHOOK_URL: 'ftp://crm.example.com', LEADS_WEBHOOK_SECRET: 'short' })).toEqual([
      expect.stringMatching(/^LEADS_WEBHOOK_URL must be an http or https URL/),
      expect.stringMatching(/^LEADS_WEBHOOK_SECRET must be at least 32 characters/),
    ]);
  });

  it('refuses plain http to another machine in production, where every delivery carries a name and an email', () => {
    const production = { NODE_ENV: 'production', REPORT_LINK_SECRET: SECRET, LEADS_WEBHOOK_SECRET: 'e'.repeat(32) };
    for (const url of [
      'http://crm.example.com/hooks/leads',
      'http://10.0.0.7:8080/leads',
      'http://[2001:db8::1]/leads',
    ]) {
      expect(problems({ ...production, LEADS_WEBHOOK_URL: url }), url).toEqual([
        expect.stringMatching(/^LEADS_WEBHOOK_URL must be https in production/),
      ]);
    }
    // A relay on the same machine, https anywhere, and http outside production are all fine.
    for (const url of ['http://127.0.0.1:9000/leads', 'http://localhost:9000/leads', 'http://[::1]:9000/leads']) {
      expect(problems({ ...production, LEADS_WEBHOOK_URL: url }), url).toEqual([]);
    }
    expect(problems({ ...production, LEADS_WEBHOOK_URL: 'https://crm.example.com/hooks/leads' })).toEqual([]);
    // Not a URL at all: named as such, not a crash of the https rule.
    expect(problems({ ...production, LEADS_WEBHOOK_URL: 'crm.example.com/hooks' })).toEqual([
      expect.stringMatching(/^LEADS_WEBHOOK_URL must be an http or https URL/),
    ]);
    expect(problems({ LEADS_WEBHOOK_URL: 'http://crm.example.com/hooks/leads', LEADS_WEBHOOK_SECRET: SECRET })).toEqual(
      [],
    );
  });
});

describe('loadConfig: the HTTP server against slow clients', () => {
  it('closes unfinished requests after 10 s (head) and 20 s (whole), with room for 4000 connections', () => {
    expect(loadConfig({})).toMatchObject({
      HTTP_HEADERS_TIMEOUT_SECONDS: 10,
      HTTP_REQUEST_TIMEOUT_SECONDS: 20,
      HTTP_KEEP_ALIVE_TIMEOUT_SECONDS: 5,
      HTTP_MAX_CONNECTIONS: 4000,
    });
  });

  it('names a timeout that is no number, and a head timeout longer than the whole request', () => {
    expect(problems({ HTTP_REQUEST_TIMEOUT_SECONDS: 'soon' })).toEqual([
      'HTTP_REQUEST_TIMEOUT_SECONDS must be a number of seconds',
    ]);
    expect(problems({ HTTP_HEADERS_TIMEOUT_SECONDS: '30' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_SECONDS must not be more than HTTP_REQUEST_TIMEOUT_SECONDS: the head is part of the request',
    ]);
    expect(problems({ HTTP_MAX_CONNECTIONS: '0' })).toEqual(['HTTP_MAX_CONNECTIONS must be 1 or more']);
  });
});

describe('loadConfig: the dashboard password hash', () => {
  const HASH = `scrypt$32768$8$1$${'A'.repeat(22)}$${'B'.repeat(43)}`;

  it('says to drop the "ADMIN_PASSWORD_HASH=" the line of `npm run admin:password` starts with', () => {
    expect(problems({ ADMIN_PASSWORD_HASH: `ADMIN_PASSWORD_HASH=${HASH}` })).toEqual([
      'ADMIN_PASSWORD_HASH holds "ADMIN_PASSWORD_HASH=" itself: set it to what follows the "=" (scrypt$…), without the name',
    ]);
  });
});
