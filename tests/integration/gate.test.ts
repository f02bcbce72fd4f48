import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PDFDocument, PDFName } from 'pdf-lib';
import { readSeries, readSite } from '../../src/lib/content/files.ts';
import { reportLanguage } from '../../src/integrations/report-pdf/index.ts';
import { readOutline } from '../../src/integrations/report-pdf/pdf-outline.ts';
import { facingPages } from '../../src/integrations/report-pdf/typst/previews.ts';
import type { ReportManifestEntry } from '../../src/lib/report-manifest.ts';
import { signToken } from '../../src/gate/links.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { postForm, startServer, type RunningServer } from './server.ts';

/** The report gate over real HTTP: the built server, a real SQLite file, the real PDF. */
const SERIES = 'ml-trends-2021';
const config = readSeries(process.cwd(), SERIES);
let server: RunningServer;
let store: LeadStore;

beforeAll(async () => {
  server = await startServer();
  store = await server.openStore();
}, 300_000);

afterAll(async () => {
  await store?.close();
  await server?.stop();
});

const good = {
  series: SERIES,
  consentVersion: config.report.consent.version,
  firstName: 'Ada',
  lastName: 'Lovelace',
  email: 'ada@analytical-engines.example',
  company: 'Analytical Engines',
  jobRole: config.report.roles[2]!,
  consent: 'on',
  // A browser sends the (empty) honeypot field too.
  website: '',
};

type Fields = Partial<Record<keyof typeof good | 'marketingOptIn' | 'profile', string | null>>;

/** Posts the form as a browser without JavaScript does; `null` leaves a field out. */
function submit(fields: Fields = {}, origin?: string) {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...good, ...fields })) if (value !== null) body.set(key, value);
  return postForm(`${server.origin}/${SERIES}/report/`, {
    body,
    headers: { Origin: origin ?? server.origin, 'User-Agent': 'gate-test/1.0' },
  });
}

const fieldError = (html: string, field: string) =>
  new RegExp(`data-error-for="${field}"[^>]*>([^<]*)<`).exec(html)?.[1]?.trim() ?? '';
const downloadPath = (html: string) => /href="(\/ml-trends-2021\/report\/download\/[^"]+)"/.exec(html)?.[1];
const pdf = () => readFileSync(join(process.cwd(), 'dist/report', `${SERIES}.pdf`));

describe('the report form refuses bad input and stores nothing', () => {
  it.each<[string, Fields, string, string]>([
    ['a malformed email', { email: 'ada-at-example' }, 'email', 'Enter a valid email address, like name@company.com.'],
    [
      'a personal email',
      { email: 'ada@gmail.com' },
      'email',
      'Use your work email address rather than a personal one.',
    ],
    ['a missing consent', { consent: null }, 'consent', 'Tick the box to agree, so that we can send you the report.'],
    ['a consent of "off"', { consent: 'off' }, 'consent', 'Tick the box to agree, so that we can send you the report.'],
    ['an empty consent', { consent: '' }, 'consent', 'Tick the box to agree, so that we can send you the report.'],
    ['a line separator in a name', { lastName: 'Love\u2028lace' }, 'lastName', 'on one line'],
    ['a name of zero-width characters', { lastName: '\u200b\u200c' }, 'lastName', 'on one line'],
    ['a personal address at a subdomain', { email: 'ada@mail.gmail.com' }, 'email', 'rather than a personal one'],
    ['an oversize first name', { firstName: 'A'.repeat(81) }, 'firstName', 'Keep this under 81 characters.'],
    [
      'an empty company on a form that asked for it',
      { company: '   ', profile: 'ask' },
      'company',
      'Enter your company.',
    ],
    [
      'no last name with the marketing box ticked',
      { lastName: null, marketingOptIn: 'on' },
      'lastName',
      'Enter your last name.',
    ],
    ['a role not on the list', { jobRole: 'Astronaut' }, 'jobRole', 'Choose your role from the list.'],
    ['an outdated consent text', { consentVersion: '1999-01-01' }, 'consent', 'The consent text changed'],
  ])('answers 400 with the message next to the field for %s', async (_case, fields, field, message) => {
    const response = await submit({ ...fields, email: fields.email ?? `refused-${field}@analytical-engines.example` });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, field)).toContain(message);
    expect(html).toContain(`value="${fields.firstName ?? 'Ada'}"`);
    expect(downloadPath(html)).toBeUndefined();
    expect(
      (await store.listLeads()).filter((l) => l.email.startsWith('refused-') || l.email.startsWith('ada-at')),
    ).toEqual([]);
  });

  it('shows a consent box sent as "off" unticked again, as it did not count', async () => {
    const html = await (await submit({ email: 'consent-off@analytical-engines.example', consent: 'off' })).text();
    expect(html).toMatch(/<input[^>]*name="consent"[^>]*>/);
    expect(/<input[^>]*name="consent"[^>]*>/.exec(html)![0]).not.toMatch(/\bchecked\b/);
  });

  it('keeps what was typed when it shows the errors', async () => {
    const html = await (await submit({ email: 'not-an-email', consent: null })).text();
    expect(html).toContain('value="Ada"');
    expect(html).toContain('value="not-an-email"');
    expect(html).toMatch(/<option selected[^>]*>Data science or ML lead<\/option>/);
    expect(html).toMatch(/<title>Error \(2\):/);
  });

  it('refuses a form whose honeypot field a bot filled in', async () => {
    const response = await submit({ email: 'bot@spam.example', website: 'http://spam.example' });
    expect(response.status).toBe(400);
    expect(await store.listLeads()).not.toContainEqual(expect.objectContaining({ email: 'bot@spam.example' }));
  });

  it('refuses a cross-site post', async () => {
    const response = await submit({ email: 'csrf@victim.example' }, 'https://evil.example');
    expect(response.status).toBe(403);
    expect(await store.listLeads()).not.toContainEqual(expect.objectContaining({ email: 'csrf@victim.example' }));
  });
});

describe('a good submission', () => {
  let html: string;
  let cookie: string;
  let link: string;

  beforeAll(async () => {
    const response = await submit({ marketingOptIn: 'on' });
    expect(response.status).toBe(200);
    html = await response.text();
    cookie = response.headers.get('set-cookie') ?? '';
    link = downloadPath(html)!;
  });

  it('records no marketing opt-in for a box value other than "on"', async () => {
    const response = await submit({ email: 'opt-off@analytical-engines.example', marketingOptIn: 'off' });
    expect(response.status).toBe(200);
    const stored = (await store.listLeads()).find((l) => l.email === 'opt-off@analytical-engines.example');
    expect(stored?.marketingOptIn).toBe(false);
  });

  it('stores one lead with consent version and time, opt-in, user agent and a hashed address', async () => {
    const leads = (await store.listLeads()).filter((l) => l.email === good.email);
    expect(leads).toHaveLength(1);
    const [lead] = leads;
    expect(lead).toMatchObject({
      series: SERIES,
      firstName: 'Ada',
      consentVersion: config.report.consent.version,
      marketingOptIn: true,
      userAgent: 'gate-test/1.0',
    });
    expect(Date.now() - lead!.consentAt.getTime()).toBeLessThan(60_000);
    expect(lead!.ipHash).toMatch(/^[0-9a-f]{32}$/);
    expect(JSON.stringify(lead)).not.toContain('127.0.0.1');
  });

  it('returns a link that downloads the PDF with the right headers', async () => {
    expect(link).toBeDefined();
    const response = await fetch(server.origin + link);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(
      /^attachment; filename="2021-enterprise-trends-in-machine-learning\.pdf"/,
    );
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('etag')).toMatch(/^"[0-9a-f]{32}"$/);
    expect(Number(response.headers.get('content-length'))).toBe(pdf().length);
    const body = Buffer.from(await response.arrayBuffer());
    expect(body.subarray(0, 5).toString()).toBe('%PDF-');
    expect(body.equals(pdf())).toBe(true);
  });

  it('records each download, but not a HEAD request', async () => {
    const [lead] = (await store.listLeads()).filter((l) => l.email === good.email);
    const before = await store.countDownloads(lead!.id);
    const head = await fetch(server.origin + link, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(pdf().length));
    expect((await head.arrayBuffer()).byteLength).toBe(0);
    expect(await store.countDownloads(lead!.id)).toBe(before);
    await (await fetch(server.origin + link)).arrayBuffer();
    expect(await store.countDownloads(lead!.id)).toBe(before + 1);
  });

  it('answers byte ranges with 206 and exactly those bytes', async () => {
    const file = pdf();
    const cases: [string, number, number][] = [
      ['bytes=0-99', 0, 99],
      ['bytes=1000-1999', 1000, 1999],
      [`bytes=${file.length - 10}-`, file.length - 10, file.length - 1],
      ['bytes=-256', file.length - 256, file.length - 1],
    ];
    for (const [range, start, end] of cases) {
      const response = await fetch(server.origin + link, { headers: { Range: range } });
      expect(response.status, range).toBe(206);
      expect(response.headers.get('content-range'), range).toBe(`bytes ${start}-${end}/${file.length}`);
      expect(Buffer.from(await response.arrayBuffer()).equals(file.subarray(start, end + 1)), range).toBe(true);
    }
    const outside = await fetch(server.origin + link, { headers: { Range: `bytes=${file.length}-` } });
    expect(outside.status).toBe(416);
    expect(outside.headers.get('content-range')).toBe(`bytes */${file.length}`);
    const stale = await fetch(server.origin + link, { headers: { Range: 'bytes=0-9', 'If-Range': '"old"' } });
    expect(stale.status).toBe(200);
    await stale.arrayBuffer();
  });

  it('sets an HttpOnly, SameSite=Lax cookie that lets this browser download again without the form', async () => {
    expect(cookie).toMatch(/^mt_report_ml_trends_2021=[^;]+;/);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\/ml-trends-2021\/report\//);
    const again = await (
      await fetch(`${server.origin}/${SERIES}/report/`, { headers: { Cookie: cookie.split(';')[0]! } })
    ).text();
    // Whoever holds the cookie may not be the person the lead names: the page greets no one by name.
    expect(again).toContain('Welcome back. Your report is ready.');
    expect(again).not.toContain('Welcome back, Ada');
    // The link sent with the form is still valid for most of its life: the page gives it again.
    const fresh = downloadPath(again)!;
    expect(fresh).toBe(link);
    expect((await fetch(server.origin + fresh)).status).toBe(200);
  });

  it('writes at most one new link for 50 views with one stale access cookie, and gives each the same link', async () => {
    const email = 'stale-cookie@analytical-engines.example';
    expect((await submit({ email })).status).toBe(200);
    const [lead] = (await store.listLeads()).filter((l) => l.email === email);
    // A cookie issued five days ago (of seven), with the link it was given then: past half its life.
    const DAY = 24 * 60 * 60 * 1000;
    const issuedAt = new Date(Math.floor((Date.now() - 5 * DAY) / 1000) * 1000);
    const expiresAt = new Date(issuedAt.getTime() + 7 * DAY);
    await store.recordLink(lead!.id, issuedAt, expiresAt);
    const token = signToken(
      { purpose: 'access', lead: lead!.publicId, series: SERIES, expiresAt: expiresAt.getTime() / 1000 },
      server.secret,
      `t${issuedAt.getTime().toString(36)}`,
    );
    const links = async () => ((await store.findPerson(email)).rows.report_links ?? []).length;
    const before = await links();
    const views = [];
    // A client that never keeps the renewed cookie: every view sends the stale one again.
    for (let i = 0; i < 50; i++) {
      const page = await fetch(`${server.origin}/${SERIES}/report/`, {
        headers: { Cookie: `mt_report_ml_trends_2021=${token}` },
      });
      expect(page.status).toBe(200);
      views.push(downloadPath(await page.text()));
    }
    expect((await links()) - before).toBeLessThanOrEqual(1);
    expect(new Set(views).size).toBe(1);
    expect((await fetch(server.origin + views[0]!)).status).toBe(200);
  });

  it('renews an access token that does not say when it was issued once, not on every view', async () => {
    const email = 'undated-cookie@analytical-engines.example';
    expect((await submit({ email })).status).toBe(200);
    const [lead] = (await store.listLeads()).filter((l) => l.email === email);
    // A token from before tokens carried their time: a random nonce.
    const token = signToken(
      { purpose: 'access', lead: lead!.publicId, series: SERIES, expiresAt: Math.floor(Date.now() / 1000) + 86_400 },
      server.secret,
    );
    const links = async () => ((await store.findPerson(email)).rows.report_links ?? []).length;
    const before = await links();
    const views = [];
    for (let i = 0; i < 20; i++) {
      const page = await fetch(`${server.origin}/${SERIES}/report/`, {
        headers: { Cookie: `mt_report_ml_trends_2021=${token}` },
      });
      views.push(downloadPath(await page.text()));
    }
    expect((await links()) - before).toBeLessThanOrEqual(1);
    expect(new Set(views).size).toBe(1);
  });

  it('updates the same lead on a second submission, with a link of its own: a form never hands out an earlier one', async () => {
    const second = await (await submit({ email: good.email.toUpperCase(), company: 'Analytical Engines Ltd' })).text();
    const leads = (await store.listLeads()).filter((l) => l.email === good.email);
    expect(leads).toHaveLength(1);
    // Anyone can type an address: the lead stays as it was, and the second form is kept as its own.
    expect(leads[0]).toMatchObject({ company: 'Analytical Engines', submissions: 2 });
    expect((await store.listSubmissions(leads[0]!.id)).map((s) => s.company)).toEqual([
      'Analytical Engines',
      'Analytical Engines Ltd',
    ]);
    // Anyone can type an address: the earlier link (and when it was issued) stays with whoever got it.
    const again = downloadPath(second)!;
    expect(again).not.toBe(link);
    expect((await fetch(server.origin + again)).status).toBe(200);
    expect((await fetch(server.origin + link)).status).toBe(200);
    const exported = spawnSync(process.execPath, ['scripts/leads.ts', 'export'], {
      env: { ...process.env, DATA_DIR: server.dataDir },
      encoding: 'utf8',
    });
    expect(exported.status).toBe(0);
    const rows = exported.stdout.trim().split('\n');
    expect(rows[0]).toMatch(/^id,series,email,first_name,last_name,company,job_role,marketing_opt_in,consent_version/);
    expect(rows.filter((row) => row.includes(good.email))).toHaveLength(1);
  });
});

describe('a form sent without JavaScript is answered on a page of its own (Post/Redirect/Get)', () => {
  let own: RunningServer;
  let ownStore: LeadStore;
  beforeAll(async () => {
    // Its webhook is unreachable: what it would send stays in the outbox, one row per call.
    own = await startServer({
      LEADS_WEBHOOK_URL: 'http://127.0.0.1:9/hooks/leads',
      LEADS_WEBHOOK_SECRET: 'gate-test-webhook-secret-0123456789abcdef',
      OUTBOX_RETRY_SECONDS: '3600',
    });
    ownStore = await own.openStore();
  }, 300_000);
  afterAll(async () => {
    await ownStore?.close();
    await own?.stop();
  });

  it('answers the POST with 303 to a GET page; reloading it sends nothing again', async () => {
    const email = 'reload@analytical-engines.example';
    const body = new URLSearchParams({ ...good, email });
    const posted = await fetch(`${own.origin}/${SERIES}/report/`, {
      method: 'POST',
      body,
      headers: { Origin: own.origin },
      redirect: 'manual',
    });
    expect(posted.status).toBe(303);
    const location = posted.headers.get('location')!;
    expect(location).toMatch(new RegExp(`^/${SERIES}/report/\\?answer=[A-Za-z0-9_.-]+$`));
    // Nothing of the reader in the address: no email, no name. The token's signature is random base64url and
    // can hold "ada" by chance, so the names are looked for in its readable payload (ids in lower case).
    const token = new URL(location, own.origin).searchParams.get('answer')!;
    const payload = Buffer.from(token.split('.')[0]!, 'base64url').toString('utf8');
    expect(payload).toMatch(new RegExp(`\\.${SERIES}\\.`));
    expect(payload).not.toMatch(/reload|analytical|Ada|Lovelace/);
    expect(decodeURIComponent(location)).not.toContain('analytical-engines');
    const leadRows = async () => {
      const [lead] = (await ownStore.listLeads()).filter((l) => l.email === email);
      const webhooks = (await ownStore.listOutbox()).filter(
        (row) => row.topic === 'webhook' && JSON.stringify(row.payload).includes(email),
      );
      return { submissions: lead ? (await ownStore.listSubmissions(lead.id)).length : 0, webhooks: webhooks.length };
    };
    expect(await leadRows()).toEqual({ submissions: 1, webhooks: 1 });
    // The answer, twice (a reload): the same thanks and a working link each time, and no second form stored.
    for (let i = 0; i < 2; i += 1) {
      const answer = await fetch(own.origin + location);
      expect(answer.status).toBe(200);
      const html = await answer.text();
      expect(html).toContain('Thank you, Ada');
      const link = downloadPath(html)!;
      expect(link).toBeDefined();
      expect((await fetch(own.origin + link, { method: 'HEAD' })).status).toBe(200);
    }
    expect(await leadRows()).toEqual({ submissions: 1, webhooks: 1 });
  });

  it('shows the plain page, with the form, for a forged or foreign answer token', async () => {
    for (const token of ['nonsense', `${'A'.repeat(20)}.${'B'.repeat(43)}`]) {
      const response = await fetch(`${own.origin}/${SERIES}/report/?answer=${token}`);
      expect(response.status).toBe(200);
      const html = await response.text();
      expect(downloadPath(html)).toBeUndefined();
      expect(html).toMatch(/<form method="post"/);
    }
  });
});

describe('a form sent with an address someone else gave', () => {
  // A server of its own whose webhook and mail server are unreachable: what it would send stays in the outbox.
  let own: RunningServer;
  let ownStore: LeadStore;
  beforeAll(async () => {
    own = await startServer({
      LEADS_WEBHOOK_URL: 'http://127.0.0.1:9/hooks/leads',
      LEADS_WEBHOOK_SECRET: 'gate-test-webhook-secret-0123456789abcdef',
      SMTP_URL: 'smtp://127.0.0.1:9',
      MAIL_FROM: 'Reports <reports@example.com>',
      REPORT_DELIVERY: 'both',
      OUTBOX_RETRY_SECONDS: '3600',
      // Every form here comes from one client: the per-client limit is not what these tests are about.
      RATE_LIMIT_MAX: '100',
      MAIL_LIMIT_MAX: '3',
      MAIL_DOMAIN_LIMIT_MAX: '5',
    });
    ownStore = await own.openStore();
  }, 300_000);
  afterAll(async () => {
    await ownStore?.close();
    await own?.stop();
  });

  const send = (fields: Fields) => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...good, ...fields })) if (value !== null) body.set(key, value);
    return postForm(`${own.origin}/${SERIES}/report/`, { body, headers: { Origin: own.origin } });
  };
  const rowsFor = async (email: string) =>
    (await ownStore.listOutbox()).filter((row) => JSON.stringify(row.payload).includes(email) || row.topic === 'email');

  it('leaves the stored name as it was, tells the CRM no new name, and keeps the form as a submission', async () => {
    const email = 'grace@analytical-engines.example';
    expect((await send({ email, firstName: 'Grace', lastName: 'Hopper' })).status).toBe(200);
    const page = await (await send({ email, firstName: 'Mallory', lastName: 'Intruder', company: 'Evil' })).text();
    // The page thanks whoever sent the form by the name they typed, and shows nothing of the stored lead.
    expect(page).toContain('Thank you, Mallory.');
    expect(page).not.toContain('Grace');

    const [lead] = (await ownStore.listLeads()).filter((l) => l.email === email);
    expect(lead).toMatchObject({ firstName: 'Grace', lastName: 'Hopper', company: good.company, submissions: 2 });
    expect((await ownStore.listSubmissions(lead!.id)).map((s) => s.firstName)).toEqual(['Grace', 'Mallory']);

    const stored = (await rowsFor(email))
      .filter((row) => row.topic === 'webhook')
      .map(
        (row) => row.payload as { type: string; lead: Record<string, unknown>; submission?: Record<string, unknown> },
      );
    expect(stored.map((event) => event.type)).toEqual(['lead.stored', 'lead.stored']);
    // No event claims the lead is now Mallory; the second one says what the form said, as the form's.
    expect(stored.every((event) => event.lead.firstName === 'Grace' && event.lead.company === good.company)).toBe(true);
    expect(stored[1]!.submission).toMatchObject({ firstName: 'Mallory', lastName: 'Intruder', company: 'Evil' });
    expect(stored[1]!.lead.identityConfirmed).toBe(false);
  });

  /** The report-link emails waiting in the outbox for leads whose address ends with `suffix`. */
  const reportMailsTo = async (suffix: string) => {
    const ids = new Set((await ownStore.listLeads()).filter((l) => l.email.endsWith(suffix)).map((l) => l.id));
    return (await ownStore.listOutbox()).filter(
      (row) =>
        row.leadId !== null && ids.has(row.leadId) && (row.payload as { template?: string }).template === 'report-link',
    ).length;
  };

  it('counts plus addresses against the one mailbox they reach: no fresh mail limit per +tag', async () => {
    for (const email of [
      'victim@plus.example',
      'victim+1@plus.example',
      'VICTIM+2@plus.example',
      'victim+x@plus.example',
      'victim+y@plus.example',
    ]) {
      expect((await send({ email })).status).toBe(200);
    }
    // MAIL_LIMIT_MAX is 3: the other forms were answered on the page alone.
    expect(await reportMailsTo('@plus.example')).toBe(3);
  });

  it('stops a flood of distinct addresses at one domain at MAIL_DOMAIN_LIMIT_MAX', async () => {
    for (let i = 0; i < 8; i++) expect((await send({ email: `reader${i}@flood.example` })).status).toBe(200);
    expect(await reportMailsTo('@flood.example')).toBe(5);
    // Another domain has its own count.
    expect((await send({ email: 'reader@calm.example' })).status).toBe(200);
    expect(await reportMailsTo('@calm.example')).toBe(1);
  });

  it('keeps an unsubscribed reader unsubscribed when a form ticks the box, until a new confirmation link is followed', async () => {
    const email = 'left@analytical-engines.example';
    expect((await send({ email, marketingOptIn: 'on' })).status).toBe(200);
    const [lead] = (await ownStore.listLeads()).filter((l) => l.email === email);
    const beforeUnsubscribe = Date.now() - 1000;
    await ownStore.changeMarketing(lead!.publicId, 'unsubscribed', new Date());
    const confirmations = async () =>
      (await ownStore.listOutbox()).filter(
        (row) => row.leadId === lead!.id && (row.payload as { template?: string }).template === 'confirm-marketing',
      ).length;
    const before = await confirmations();

    // The box ticked again (by the reader, or by anyone who types the address): still unsubscribed, and
    // the one way back, a confirmation to the mailbox, is sent (within the mail limits).
    const page = await (await send({ email, marketingOptIn: 'on', firstName: 'Mallory' })).text();
    expect((await ownStore.findLead(lead!.publicId))?.marketingStatus).toBe('unsubscribed');
    expect(await confirmations()).toBe(before + 1);
    expect(page).toMatch(/data-confirm-email[^>]*>left@/);

    const confirmLink = (issuedAt: number) =>
      `${own.origin}/${SERIES}/report/confirm/${signToken(
        { purpose: 'confirm', lead: lead!.publicId, series: SERIES, expiresAt: Math.floor(Date.now() / 1000) + 3600 },
        own.secret,
        `t${issuedAt.toString(36)}`,
      )}/`;
    const press = (url: string) => fetch(url, { method: 'POST', headers: { Origin: own.origin } });
    // A confirmation link from before the unsubscribe (an old email) changes nothing.
    const old = confirmLink(beforeUnsubscribe);
    expect(await (await fetch(old)).text()).toContain('You are unsubscribed');
    await (await press(old)).arrayBuffer();
    expect((await ownStore.findLead(lead!.publicId))?.marketingStatus).toBe('unsubscribed');
    // The link the new form's email carries puts the reader back on the list when pressed.
    const fresh = confirmLink(Date.now());
    expect(await (await fetch(fresh)).text()).toMatch(/<button[^>]*>\s*Yes, send me these emails/);
    expect(await (await press(fresh)).text()).toContain('you are on the list');
    expect((await ownStore.findLead(lead!.publicId))?.marketingStatus).toBe('confirmed');
  });
});

/** The form's controls that are required, as the page sends them (name and role of each). */
const requiredControls = (html: string) => {
  const form = /<form[^>]*data-report-form[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
  return [...form.matchAll(/<(input|select)\b[^>]*>/g)]
    .map((m) => m[0])
    .filter((tag) => /\srequired(\s|=|>|\/)/.test(tag))
    .map((tag) => /name="([^"]+)"/.exec(tag)?.[1]);
};
const profileFields = (html: string) => /name="profile" value="([^"]+)"/.exec(html)?.[1];

describe('a shorter form, with name and company asked later', () => {
  // A server of its own: these forms are many, and the per-client limit is not what they are about.
  let own: RunningServer;
  let ownStore: LeadStore;
  beforeAll(async () => {
    own = await startServer({ RATE_LIMIT_MAX: '100' });
    ownStore = await own.openStore();
  }, 300_000);
  afterAll(async () => {
    await ownStore?.close();
    await own?.stop();
  });
  const short: Fields = { firstName: null, lastName: null, company: null };
  const asCookie = (response: Response) => response.headers.get('set-cookie')?.split(';')[0] ?? '';
  const page = async (cookie = '', query = '') =>
    (await fetch(`${own.origin}/${SERIES}/report/${query}`, { headers: cookie ? { Cookie: cookie } : {} })).text();
  const send = (fields: Fields, cookie = '') => {
    const body = new URLSearchParams();
    for (const [key, value] of Object.entries({ ...good, ...fields })) if (value !== null) body.set(key, value);
    return postForm(`${own.origin}/${SERIES}/report/`, {
      body,
      headers: { Origin: own.origin, ...(cookie ? { Cookie: cookie } : {}) },
    });
  };
  const leadOf = async (email: string) => (await ownStore.listLeads()).filter((l) => l.email === email);

  it('the form has three required fields for a new reader: work email, role and consent', async () => {
    const html = await page();
    expect(requiredControls(html)).toEqual(['email', 'jobRole', 'consent']);
    expect(profileFields(html)).toBe('with-marketing');
    // The consent version is the record's, not the reader's.
    expect(html).not.toMatch(/consent version/i);
  });

  it("takes a new reader's form without name and company, and stores them empty", async () => {
    const email = 'short@analytical-engines.example';
    const response = await send({ ...short, email });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Thank you. Your report is ready.');
    const [lead] = await leadOf(email);
    expect(lead).toMatchObject({ firstName: '', lastName: '', company: '', jobRole: good.jobRole });
    expect(lead!.consentVersion).toBe(config.report.consent.version);
    // The export keeps the columns, empty.
    const csv = spawnSync(process.execPath, ['scripts/leads.ts', 'export'], {
      env: { ...process.env, DATA_DIR: own.dataDir },
      encoding: 'utf8',
    }).stdout;
    const [header, ...rows] = csv.trim().split('\n');
    const columns = header!.split(',');
    const row = rows.find((line) => line.includes(email))!.split(',');
    expect(row[columns.indexOf('first_name')]).toBe('');
    expect(row[columns.indexOf('company')]).toBe('');
    expect(row[columns.indexOf('consent_version')]).toBe(config.report.consent.version);
  });

  it.each<[string, Fields, string]>([
    ['a bad email', { email: 'short-at-example' }, 'email'],
    ['a role not on the list', { jobRole: 'Astronaut' }, 'jobRole'],
  ])('refuses a short form with %s, naming the field, and stores nothing', async (_case, fields, field) => {
    const email = `refused-${field}@analytical-engines.example`;
    const response = await send({ ...short, email, ...fields });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(fieldError(html, field)).not.toBe('');
    expect(fieldError(html, 'firstName')).toBe('');
    expect(await leadOf(email)).toEqual([]);
  });

  it('asks for name and company on the second download, fills the lead with them, and never again', async () => {
    const email = 'second@analytical-engines.example';
    const first = await send({ ...short, email });
    const cookie = asCookie(first);
    expect(cookie).toMatch(/^mt_report_ml_trends_2021=/);

    // The second visit: the form, with name and company required, and no link yet.
    const second = await page(cookie);
    expect(requiredControls(second)).toEqual(['email', 'jobRole', 'firstName', 'lastName', 'company', 'consent']);
    expect(profileFields(second)).toBe('ask');
    expect(second).toContain('For this second download, tell us your name and company.');
    // The address this browser gave is filled in; nothing else of the lead's is shown.
    expect(second).toMatch(new RegExp(`name="email"[^>]*value="${email}"`));
    expect(downloadPath(second)).toBeUndefined();
    // Without them the form is refused, naming each.
    const missing = await (await send({ ...short, email, profile: 'ask' }, cookie)).text();
    expect(['firstName', 'lastName', 'company'].map((field) => fieldError(missing, field))).toEqual([
      'Enter your first name.',
      'Enter your last name.',
      'Enter your company.',
    ]);

    const answered = await send({ email, profile: 'ask', firstName: 'Mary', lastName: 'Somerville' }, cookie);
    expect(answered.status).toBe(200);
    expect(downloadPath(await answered.text())).toBeDefined();
    const leads = await leadOf(email);
    expect(leads).toHaveLength(1);
    expect(leads[0]).toMatchObject({
      firstName: 'Mary',
      lastName: 'Somerville',
      company: good.company,
      submissions: 2,
    });

    // Known now: the link without the form, and a form opened anyway asks for neither.
    const third = await page(asCookie(answered) || cookie);
    expect(third).toContain('Welcome back. Your report is ready.');
    expect(downloadPath(third)).toBeDefined();
    const again = await page(asCookie(answered) || cookie, '?form');
    expect(profileFields(again)).toBe('never');
    expect(requiredControls(again)).toEqual(['email', 'jobRole', 'consent']);
    expect(again).not.toContain('name="firstName"');
  });

  it('never lets a form from another browser fill or change the profile of a lead', async () => {
    const email = 'elsewhere@analytical-engines.example';
    await send({ ...short, email });
    // A form with names from a browser without this lead's cookie (the marketing box asks for them).
    const other = await send({
      email,
      firstName: 'Mallory',
      lastName: 'Intruder',
      company: 'Evil',
      marketingOptIn: 'on',
    });
    expect(other.status).toBe(200);
    const [lead] = await leadOf(email);
    expect(lead).toMatchObject({ firstName: '', lastName: '', company: '', submissions: 2 });
    expect((await ownStore.listSubmissions(lead!.id)).map((s) => s.firstName)).toEqual(['', 'Mallory']);
  });
});

describe('the report page shows the report', () => {
  const report = () =>
    (JSON.parse(readFileSync(join(process.cwd(), 'dist/report/manifest.json'), 'utf8')) as ReportManifestEntry[])[0]!;

  it('shows the cover and two spreads drawn from the PDF, with their size and what they show', async () => {
    const html = await (await fetch(`${server.origin}/${SERIES}/report/`)).text();
    const images = [...html.matchAll(/<img\b[^>]*>/g)]
      .map((m) => m[0])
      .filter((tag) => tag.includes('/report/preview/'));
    expect(images).toHaveLength(3);
    for (const tag of images) {
      expect(tag).toMatch(/\swidth="\d+"/);
      expect(tag).toMatch(/\sheight="\d+"/);
      const src = /src="([^"]+)"/.exec(tag)![1]!;
      const response = await fetch(server.origin + src);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('image/webp');
      expect(response.headers.get('cache-control')).toContain('immutable');
      const bytes = Buffer.from(await response.arrayBuffer());
      expect(bytes.subarray(8, 12).toString('latin1')).toBe('WEBP');
    }
    // The cover and the first spread load at once (round 10: the first spread, lazy, showed an empty frame);
    // the second, further down, when scrolled to.
    expect(images[0]).toMatch(/alt="The cover of the report/);
    expect(images[0]).not.toContain('loading="lazy"');
    expect(images[1]).toContain('loading="eager"');
    expect(images[1]).toContain('fetchpriority="high"');
    expect(images[2]).toContain('loading="lazy"');
    // Two facing pages each, an even page on the left (previews.ts, `facingPages`), chosen by where sections
    // start and never by the report's length: where the executive summary starts, then where part 1 opens.
    const { previews } = report();
    const summary = report().contents.find((c) => c.title === 'Executive summary')!.page;
    const opener = report().contents.find((c) => c.title.startsWith('Part 1:'))!.page;
    const [first, second] = previews!.spreads.map((s) => s.pages);
    expect(first).toEqual(facingPages(summary));
    expect(first![0]! % 2).toBe(0);
    expect(images[1]).toContain(`page ${summary}, “Executive summary”`);
    expect(second).toEqual(facingPages(opener));
    expect(images[2]).toMatch(/alt="Two facing pages of the report: page \d+, [^"]*part 1/);
  });

  it('lists the contents expanded: parts with their chapters, each with its page', async () => {
    const html = await (await fetch(`${server.origin}/${SERIES}/report/`)).text();
    expect(html).not.toContain('<details class="contents"');
    const part = report().contents.find((c) => c.title.startsWith('Part 1:'))!;
    const chapter = report().contents.find((c) => c.title.startsWith('1. '))!;
    const list = /<ol class="contents"[\s\S]*?<\/ol>\s*<\/li>/.exec(html)?.[0] ?? '';
    expect(list).toContain(part.title);
    expect(html).toMatch(
      new RegExp(`${part.title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</span> <span[^>]*>page ${part.page}<`),
    );
    expect(html).toContain(`page ${chapter.page}<`);
  });

  it('serves no picture the manifest does not name, and nothing outside the pictures folder', async () => {
    for (const path of [
      `/${SERIES}/report/preview/${SERIES}-cover-000000000000.webp`,
      `/${SERIES}/report/preview/manifest.json`,
      `/${SERIES}/report/preview/..%2F${SERIES}.pdf`,
    ]) {
      expect((await fetch(server.origin + path)).status).toBe(404);
    }
  });
});

describe('a link that cannot be used', () => {
  let link: string;
  beforeAll(async () => {
    link = downloadPath(await (await submit({ email: 'grace@analytical-engines.example' })).text())!;
  });

  it('answers 403 with a page offering a new link when one character is changed', async () => {
    const token = link.split('/').at(-2)!;
    const last = token.at(-1) === 'A' ? 'B' : 'A';
    for (const tampered of [token.slice(0, -1) + last, `x${token.slice(1)}`]) {
      const response = await fetch(`${server.origin}/${SERIES}/report/download/${tampered}/`);
      expect(response.status).toBe(403);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await response.text();
      expect(html).not.toContain('%PDF');
      expect(html).toContain('This download link is not valid');
      expect(html).toContain(`href="/${SERIES}/report/"`);
    }
  });

  it('answers 410 with a page offering a new link when it has expired', async () => {
    const [lead] = (await store.listLeads()).filter((l) => l.email === 'grace@analytical-engines.example');
    const expired = signToken(
      { purpose: 'download', lead: lead!.publicId, series: SERIES, expiresAt: Math.floor(Date.now() / 1000) - 60 },
      server.secret,
    );
    const response = await fetch(`${server.origin}/${SERIES}/report/download/${expired}/`);
    expect(response.status).toBe(410);
    expect(await response.text()).toContain('This download link has expired');
  });

  it('answers 403 for a link of a lead that does not exist, or for the access cookie token', async () => {
    const future = Math.floor(Date.now() / 1000) + 3600;
    const [lead] = (await store.listLeads()).filter((l) => l.email === 'grace@analytical-engines.example');
    for (const token of [
      signToken({ purpose: 'download', lead: '0'.repeat(24), series: SERIES, expiresAt: future }, server.secret),
      signToken({ purpose: 'access', lead: lead!.publicId, series: SERIES, expiresAt: future }, server.secret),
      signToken(
        { purpose: 'download', lead: lead!.publicId, series: SERIES, expiresAt: future },
        'another-secret-of-32-characters!!',
      ),
    ]) {
      expect((await fetch(`${server.origin}/${SERIES}/report/download/${token}/`)).status).toBe(403);
    }
  });
});

describe('what the public can reach', () => {
  it('serves neither the PDF nor its print page at any public URL', async () => {
    for (const path of [
      `/${SERIES}/report/print/`,
      `/${SERIES}.pdf`,
      `/${SERIES}/report/${SERIES}.pdf`,
      `/report/${SERIES}.pdf`,
      `/${SERIES}/report/link-problem/`,
    ]) {
      const response = await fetch(server.origin + path);
      expect(response.status, path).toBe(404);
      expect(response.headers.get('content-type'), path).not.toBe('application/pdf');
    }
  });
});

describe('the server bundle', () => {
  it('holds no article: the on-demand routes read the series manifest, not the content collections', () => {
    const serverDir = join(process.cwd(), 'dist/server');
    const bundle = readdirSync(serverDir, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith('.mjs'))
      .map((f) => readFileSync(join(serverDir, f), 'utf8'))
      .join('\n');
    const trendsDir = join(process.cwd(), 'content/series', SERIES, 'trends');
    for (const file of readdirSync(trendsDir)) {
      // The first sentence of each article's prose, up to its first markup.
      const body = readFileSync(join(trendsDir, file), 'utf8').split(/^---$/m)[2]!;
      const sentence = /^[A-Z][^<{\n]{40,}/m.exec(body)![0].slice(0, 40);
      expect(bundle, file).not.toContain(sentence);
    }
  });
});

describe('the report built from the series', () => {
  const reportDir = join(process.cwd(), 'dist/report');
  const manifest = () =>
    (JSON.parse(readFileSync(join(reportDir, 'manifest.json'), 'utf8')) as ReportManifestEntry[]).find(
      (m) => m.series === SERIES,
    )!;

  it('is a tagged PDF of more than 12 pages with title, author, subject and language', async () => {
    const doc = await PDFDocument.load(pdf(), { updateMetadata: false });
    expect(doc.getPageCount()).toBeGreaterThan(12);
    expect(doc.getPageCount()).toBe(manifest().pages);
    expect(doc.getTitle()).toBe(config.report.title);
    expect(doc.getAuthor()).toBe(config.author);
    expect(doc.getSubject()).toBe(config.report.subtitle);
    // The series' language with the site's region (round 18: "en-US", as the content is spelt).
    const language = reportLanguage(config.language, readSite(process.cwd()).locale);
    expect(language).toMatch(/^en-[A-Z]{2}$/);
    expect(String(doc.catalog.get(PDFName.of('Lang')))).toBe(`(${language})`);
    expect(doc.catalog.get(PDFName.of('StructTreeRoot'))).toBeDefined();
  });

  it('has a bookmark for every trend, and its contents give the pages the bookmarks point to', async () => {
    const { entries } = await readOutline(pdf());
    const squash = (text: string) => text.replace(/\s+/g, '');
    const trendTitles = readdirSync(join(process.cwd(), 'content/series', SERIES, 'trends')).length;
    const chapters = manifest().contents;
    expect(chapters.length).toBeGreaterThanOrEqual(trendTitles + 2);
    for (const chapter of chapters) {
      const bookmark = entries.find((e) => squash(e.title) === squash(chapter.title));
      expect(bookmark, chapter.title).toBeDefined();
      expect(bookmark!.page, chapter.title).toBe(chapter.page);
    }
  });

  it('leaves no PDF and no print page in the public output', () => {
    const files = readdirSync(join(process.cwd(), 'dist/client'), { recursive: true }).map(String);
    expect(files.filter((f) => f.endsWith('.pdf'))).toEqual([]);
    expect(files.filter((f) => f.includes('print'))).toEqual([]);
    // The sitemap names the report page (the form), never the print page or a PDF.
    const sitemap = readFileSync(join(process.cwd(), 'dist/client/sitemap-0.xml'), 'utf8');
    const reportUrls = [...sitemap.matchAll(/<loc>([^<]*\/report\/[^<]*)<\/loc>/g)].map((m) => new URL(m[1]!).pathname);
    expect(reportUrls).toEqual([`/${SERIES}/report/`]);
    expect(sitemap).not.toMatch(/print|\.pdf/);
  });
});

describe('requests the form does not expect', () => {
  it('refuses a body larger than any form with 413, before reading it', async () => {
    const body = new URLSearchParams({
      ...good,
      email: 'big@analytical-engines.example',
      company: 'x'.repeat(200_000),
    });
    // On a connection of its own: the server closes it rather than read the rest of the body.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(
        `${server.origin}/${SERIES}/report/`,
        {
          method: 'POST',
          agent: false,
          headers: {
            Origin: server.origin,
            'Content-Type': 'application/x-www-form-urlencoded',
            'Content-Length': Buffer.byteLength(body.toString()),
          },
        },
        (response) => {
          response.resume();
          resolve(response.statusCode ?? 0);
        },
      );
      request.on('error', reject);
      request.end(body.toString());
    });
    expect(status).toBe(413);
    expect(await store.listLeads()).not.toContainEqual(
      expect.objectContaining({ email: 'big@analytical-engines.example' }),
    );
  });

  it('answers a body that is not a form with 400, not a server error', async () => {
    const response = await fetch(`${server.origin}/${SERIES}/report/`, {
      method: 'POST',
      body: '{"email":"json@analytical-engines.example"}',
      headers: { Origin: server.origin, 'Content-Type': 'text/plain' },
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('The form could not be read');
  });

  it('runs the action once when the post names it in the query string', async () => {
    const body = new URLSearchParams({ ...good, email: 'once@analytical-engines.example' });
    const response = await fetch(`${server.origin}/${SERIES}/report/?_action=requestReport`, {
      method: 'POST',
      body,
      headers: { Origin: server.origin },
    });
    expect(response.status).toBe(200);
    const [lead] = (await store.listLeads()).filter((l) => l.email === 'once@analytical-engines.example');
    expect(lead?.submissions).toBe(1);
  });

  it('shows the consent box unticked again when the consent text changed', async () => {
    const html = await (
      await submit({ email: 'stale@analytical-engines.example', consentVersion: '1999-01-01' })
    ).text();
    expect(fieldError(html, 'consent')).toContain('The consent text changed');
    expect(html).not.toMatch(/<input[^>]*name="consent"[^>]*checked/);
    expect(html).toContain(`name="consentVersion" value="${config.report.consent.version}"`);
  });

  it('keeps each consent given, in order, when a reader submits twice', async () => {
    const [lead] = (await store.listLeads()).filter((l) => l.email === good.email);
    const history = await store.consentHistory(lead!.id);
    expect(history).toHaveLength(lead!.submissions);
    expect(history.every((entry) => entry.version === config.report.consent.version)).toBe(true);
  });
});

describe('when the report has not been built', () => {
  let empty: RunningServer;
  let emptyStore: LeadStore;
  beforeAll(async () => {
    const reportDir = join(server.dataDir, 'no-report-here');
    empty = await startServer({ REPORT_DIR: reportDir });
    emptyStore = await empty.openStore();
  }, 120_000);
  afterAll(async () => {
    await emptyStore?.close();
    await empty?.stop();
  });

  it('shows the report page without pictures of the report, rather than broken ones', async () => {
    const html = await (await fetch(`${empty.origin}/${SERIES}/report/`)).text();
    expect(html).toContain('What is inside');
    expect(html).not.toContain('/report/preview/');
  });

  it('takes no lead and says the report is being prepared', async () => {
    const body = new URLSearchParams({ ...good, email: 'early@analytical-engines.example' });
    const response = await fetch(`${empty.origin}/${SERIES}/report/`, {
      method: 'POST',
      body,
      headers: { Origin: empty.origin },
    });
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('The report is being prepared');
    expect(await emptyStore.listLeads()).toEqual([]);
  });

  it('answers 503 and logs the file when the report manifest is corrupt, instead of waiting forever', async () => {
    const reportDir = join(server.dataDir, 'no-report-here');
    mkdirSync(reportDir, { recursive: true });
    writeFileSync(join(reportDir, 'manifest.json'), '[{"series": "ml-trends-2021", "file"');
    try {
      const body = new URLSearchParams({ ...good, email: 'corrupt@analytical-engines.example' });
      const response = await fetch(`${empty.origin}/${SERIES}/report/`, {
        method: 'POST',
        body,
        headers: { Origin: empty.origin },
      });
      expect(response.status).toBe(503);
      const html = await response.text();
      expect(html).not.toContain('The report is being prepared');
      expect(html).toContain('The report cannot be sent right now');
      expect(empty.output()).toContain(`The report manifest ${join(reportDir, 'manifest.json')} is corrupt`);
      expect(await emptyStore.listLeads()).toEqual([]);
    } finally {
      rmSync(join(reportDir, 'manifest.json'));
    }
  });
});

describe('the leads export', () => {
  it('refuses to export from a data directory without a database, instead of printing nothing', () => {
    const result = spawnSync(process.execPath, ['scripts/leads.ts', 'export'], {
      env: { ...process.env, DATA_DIR: join(server.dataDir, 'typo') },
      encoding: 'utf8',
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('No lead database at');
  });
});
