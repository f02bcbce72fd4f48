import { mkdirSync, readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, findChromium } from '../../src/integrations/browser.ts';
import { readSeries } from '../../src/lib/content/files.ts';
import type { LeadStore } from '../../src/gate/store/index.ts';
import { rawRequest } from '../hostile/raw-http.ts';
import { reportForm, startServer, type RunningServer } from './server.ts';
import type { ParsedMail } from 'mailparser';
import { startMailbox, type Mailbox } from './smtp.ts';

/** The link by email: the built server (`npm start`), a real SMTP server in the test, the real PDF. */
const SERIES = 'ml-trends-2021';
const { report, author } = readSeries(process.cwd(), SERIES);
const FROM = 'ML Trends <reports@ml-trends.example>';
const pdf = () => readFileSync(join(process.cwd(), 'dist/report', `${SERIES}.pdf`));
const downloadLink = (text: string) =>
  /(http:\/\/127\.0\.0\.1:\d+\/ml-trends-2021\/report\/download\/\S+)/.exec(text)?.[1];

let mailbox: Mailbox;
beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox?.close();
});

/** Posts the form as a browser without JavaScript does, with the marketing box ticked when asked. */
function submit(server: RunningServer, email: string, marketing = false) {
  const body = reportForm(email);
  if (marketing) body.set('marketingOptIn', 'on');
  return fetch(`${server.origin}/${SERIES}/report/`, { method: 'POST', body, headers: { Origin: server.origin } });
}

/** A raw header line of a received email, as its sender wrote it. */
const header = (mail: ParsedMail, name: string) =>
  mail.headerLines
    .find((line) => line.key === name)
    ?.line.replace(/^[^:]+:\s*/, '')
    .replace(/\r?\n\s+/g, ' ');

describe('REPORT_DELIVERY=email', () => {
  let server: RunningServer;
  let store: LeadStore;
  beforeAll(async () => {
    server = await startServer({
      REPORT_DELIVERY: 'email',
      SMTP_URL: mailbox.url,
      MAIL_FROM: FROM,
      OUTBOX_RETRY_SECONDS: '0.2',
    });
    store = await server.openStore();
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('says "check your inbox" on the page, with no link on it and no browser remembered', async () => {
    const response = await submit(server, 'inbox@analytical-engines.example');
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Check your inbox.');
    expect(html).toContain('inbox@analytical-engines.example');
    expect(html).not.toMatch(/\/report\/download\//);
    expect(response.headers.get('set-cookie')).toBeNull();
  });

  it('says "check your inbox" without a reload in a browser running the form script, and that a confirmation comes', async () => {
    const browser = await chromium.launch({ executablePath: findChromium()!.path, args: CHROMIUM_ARGS });
    try {
      const page = await browser.newPage();
      await page.goto(`${server.origin}/${SERIES}/report/`);
      await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'same page'));
      await page.getByLabel('Work email', { exact: true }).fill('script@analytical-engines.example');
      await page.getByLabel('Job role', { exact: true }).selectOption(report.roles[0]!);
      await page.getByLabel(/I agree that/).check();
      // The marketing box asks for name and company: they show once it is ticked.
      await page.getByLabel(/future ML Trends series/).check();
      await page.getByLabel('First name', { exact: true }).fill('Ada');
      await page.getByLabel('Last name', { exact: true }).fill('Lovelace');
      await page.getByLabel('Company', { exact: true }).fill('Analytical Engines');
      await page.getByRole('button', { name: 'Get the report' }).click();
      const heading = page.getByRole('heading', { name: 'Thank you, Ada. Check your inbox.' });
      await heading.waitFor();
      expect(await heading.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { marker?: string }).marker)).toBe('same page');
      expect(await page.locator('[data-report-form]').isHidden()).toBe(true);
      expect(await page.locator('[data-sent-email]').textContent()).toBe('script@analytical-engines.example');
      expect(await page.locator('[data-confirm-note]').isVisible()).toBe(true);
      expect(await page.getByRole('link', { name: 'Download the report (PDF)' }).isVisible()).toBe(false);
    } finally {
      await browser.close();
    }
    const mail = await mailbox.next('script@analytical-engines.example', (m) => m.subject?.startsWith('Your') === true);
    expect(downloadLink(mail.text ?? '')).toBeDefined();
  });

  it('sends the link in a plain-text and an HTML part, with the report title, the expiry, the sender and why', async () => {
    const before = Date.now();
    await submit(server, 'ada@analytical-engines.example');
    const mail = await mailbox.next('ada@analytical-engines.example');
    expect(mail.from?.text).toBe('"ML Trends" <reports@ml-trends.example>');
    expect(mail.subject).toBe(`Your report: ${report.title}`);
    const text = mail.text ?? '';
    // A form alone proves nothing about the name (anyone can type this address): no name until confirmed.
    expect(text.startsWith('Hello,\n')).toBe(true);
    expect(text).not.toContain('Hello Ada');
    expect(text).toContain(report.title);
    expect(text).toMatch(/The link works until [A-Z][a-z]+ \d{1,2}, \d{4}\./);
    expect(author).toMatch(/^The /);
    expect(text).toContain(`It was sent by the ${author.slice(4)} (ML Trends).`);
    expect(text).toContain(`asked for "${report.title}" on ${server.origin}/${SERIES}/report/`);
    const link = downloadLink(text);
    expect(link).toBeDefined();
    expect(mail.html).toContain(`href="${link}"`);
    expect(mail.html).toContain('Download the report (PDF)');
    // Not on any list: no unsubscribe header on a transactional email.
    expect(mail.headers.has('list-unsubscribe')).toBe(false);

    const download = await fetch(link!);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await download.arrayBuffer()).equals(pdf())).toBe(true);
    const [lead] = (await store.listLeads()).filter((l) => l.email === 'ada@analytical-engines.example');
    expect(await store.countDownloads(lead!.id)).toBe(1);
    expect(Date.now() - before).toBeLessThan(20_000);
  });

  it('answers the form at once while the mail server refuses, and sends the email when it accepts again', async () => {
    mailbox.refusing = true;
    const refusedBefore = mailbox.refused;
    const started = Date.now();
    const response = await submit(server, 'busy@analytical-engines.example');
    expect(response.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2000);
    for (let i = 0; i < 200 && mailbox.refused < refusedBefore + 2; i++) await new Promise((r) => setTimeout(r, 50));
    const [failing] = await store.listOutbox();
    expect(failing?.topic).toBe('email');
    expect(failing?.lastError).toMatch(/451/);
    expect(failing!.attempts).toBeGreaterThanOrEqual(2);

    mailbox.refusing = false;
    const mail = await mailbox.next('busy@analytical-engines.example');
    expect(mail.messageId).toBe(`<${failing!.idempotencyKey}@ml-trends.example>`);
    for (let i = 0; i < 100 && (await store.listOutbox()).length > 0; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await store.listOutbox()).toEqual([]);
  });

  describe('double opt-in', () => {
    const EMAIL = 'lovelace@analytical-engines.example';
    let html: string;
    let confirmation: ParsedMail;
    let reportMail: ParsedMail;
    const leadNow = async () => (await store.listLeads()).find((l) => l.email === EMAIL)!;

    beforeAll(async () => {
      html = await (await submit(server, EMAIL, true)).text();
      confirmation = await mailbox.next(EMAIL, (mail) => mail.subject?.startsWith('Confirm') === true);
      reportMail = await mailbox.next(EMAIL, (mail) => mail.subject?.startsWith('Your report') === true);
    });

    it('records the ticked box as pending, says so on the page, and emails a confirmation link', async () => {
      expect(html).toContain('follow the confirmation link we are sending to');
      expect((await leadNow()).marketingStatus).toBe('pending');
      expect(confirmation.subject).toBe(`Confirm: emails about future editions of ${report.title}`);
      expect(confirmation.text).toMatch(/\/ml-trends-2021\/report\/confirm\/\S+\//);
      expect(confirmation.html).toContain('Check the details and confirm</a>');
    });

    it('puts a signed one-click unsubscribe in the headers and the text of every email to a reader on the list', () => {
      for (const mail of [confirmation, reportMail]) {
        const list = header(mail, 'list-unsubscribe');
        expect(list).toMatch(/^<http:\/\/127\.0\.0\.1:\d+\/ml-trends-2021\/report\/unsubscribe\/[\w-]+\.[\w-]{43}\/>$/);
        expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
        expect(mail.text).toContain(`unsubscribe: ${list!.slice(1, -1)}`);
      }
    });

    it('confirms nothing from a form on another site, even with the link', async () => {
      const link = /(http:\S+\/report\/confirm\/\S+\/)/.exec(confirmation.text ?? '')![1]!;
      const body = new URLSearchParams();
      const crossSite = await fetch(link, {
        method: 'POST',
        body,
        headers: { Origin: 'https://attacker.example' },
      });
      expect(crossSite.status).toBe(403);
      expect((await leadNow()).marketingStatus).toBe('pending');
    });

    it('confirms only when the reader presses the button behind the link, and records it', async () => {
      const link = /(http:\S+\/report\/confirm\/\S+\/)/.exec(confirmation.text ?? '')![1]!;
      const page = await fetch(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('Yes, these are my details — send me emails');
      // Following the link (as a mail scanner does) confirms nothing.
      expect((await leadNow()).marketingStatus).toBe('pending');

      const confirmed = await fetch(link, {
        method: 'POST',
        headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'details=mine',
      });
      expect(confirmed.status).toBe(200);
      expect(await confirmed.text()).toContain('you are on the list');
      const lead = await leadNow();
      expect(lead.marketingStatus).toBe('confirmed');
      expect(lead.identityConfirmed).toBe(true);
      expect((await store.consentHistory(lead.id)).map((e) => e.event)).toEqual(['form', 'marketing-confirmed']);
    });

    it('refuses a confirmation link that was tampered with', async () => {
      const link = /(http:\S+\/report\/confirm\/)(\S+)\//.exec(confirmation.text ?? '')!;
      const tampered = `${link[1]}${link[2]!.slice(0, -2)}AA/`;
      expect((await fetch(tampered, { method: 'POST', headers: { Origin: server.origin } })).status).toBe(400);
    });

    it('unsubscribes with the one-click POST a mail client sends, records it, and says so on the page', async () => {
      const url = header(reportMail, 'list-unsubscribe')!.slice(1, -1);
      const response = await fetch(url, {
        method: 'POST',
        body: 'List-Unsubscribe=One-Click',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(200);
      expect(await response.text()).toBe('Unsubscribed.');
      const lead = await leadNow();
      expect(lead.marketingStatus).toBe('unsubscribed');
      expect((await store.consentHistory(lead.id)).map((e) => [e.event, e.marketingOptIn])).toEqual([
        ['form', true],
        ['marketing-confirmed', true],
        ['marketing-unsubscribed', false],
      ]);
      expect(await (await fetch(url)).text()).toContain('You are unsubscribed');
    });

    it('unsubscribes with the button of the unsubscribe page, and sends the browser back to it', async () => {
      const other = 'babbage@analytical-engines.example';
      await submit(server, other, true);
      const mail = await mailbox.next(other, (m) => m.subject?.startsWith('Confirm') === true);
      const url = header(mail, 'list-unsubscribe')!.slice(1, -1);
      expect(await (await fetch(url)).text()).toMatch(/<button[^>]*>\s*Unsubscribe\s*<\/button>/);
      const response = await fetch(url, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: server.origin, Accept: 'text/html', 'Content-Type': 'application/x-www-form-urlencoded' },
      });
      expect(response.status).toBe(303);
      expect(response.headers.get('location')).toBe(new URL(url).pathname);
      expect((await store.listLeads()).find((l) => l.email === other)?.marketingStatus).toBe('unsubscribed');
    });

    it('refuses an unsubscribe link that was tampered with, and changes nothing', async () => {
      const url = header(reportMail, 'list-unsubscribe')!
        .slice(1, -1)
        .replace(/\.[\w-]{43}\/$/, `.${'A'.repeat(43)}/`);
      const response = await fetch(url, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
      expect(response.status).toBe(400);
    });
  });
});

describe('a confirmation link, when someone else sent a form with the same address', () => {
  let server: RunningServer;
  let store: LeadStore;
  beforeAll(async () => {
    server = await startServer({
      REPORT_DELIVERY: 'email',
      SMTP_URL: mailbox.url,
      MAIL_FROM: FROM,
      RATE_LIMIT_MAX: '100',
      MAIL_LIMIT_MAX: '20',
    });
    store = await server.openStore();
  }, 300_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  const MALLORY = { firstName: '<b>Mallory</b>', lastName: 'Evil', company: 'EvilCo <script>alert(1)</script>' };
  /** The reader's own ticked form, then a stranger's with the same address; both confirmation emails. */
  async function twoForms(email: string) {
    const send = async (fields: Record<string, string>) => {
      const body = reportForm(email);
      body.set('marketingOptIn', 'on');
      for (const [name, value] of Object.entries(fields)) body.set(name, value);
      const response = await fetch(`${server.origin}/${SERIES}/report/`, {
        method: 'POST',
        body,
        headers: { Origin: server.origin },
      });
      expect(response.status).toBe(200);
    };
    const isConfirm = (mail: ParsedMail) => mail.subject?.startsWith('Confirm') === true;
    await send({ firstName: 'Vic', lastName: 'Tim', company: 'VicCo' });
    const own = await mailbox.next(email, isConfirm);
    await send(MALLORY);
    const strangers = await mailbox.next(email, (mail) => isConfirm(mail) && mail !== own);
    const link = (mail: ParsedMail) => /(http:\S+\/report\/confirm\/\S+\/)/.exec(mail.text ?? '')![1]!;
    return { own, strangers, ownLink: link(own), strangersLink: link(strangers) };
  }
  const leadOf = async (email: string) => (await store.listLeads()).find((l) => l.email === email)!;
  const press = (link: string, details?: string) =>
    fetch(link, {
      method: 'POST',
      headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: details === undefined ? '' : new URLSearchParams({ details }).toString(),
    });

  it("never makes the stranger's details the reader's, whichever link is pressed, and keeps them out of the emails", async () => {
    const email = 'vic@poison-corp.example';
    const { own, strangers, strangersLink } = await twoForms(email);
    for (const mail of [own, strangers]) {
      expect(`${mail.text}${mail.html}`).not.toMatch(/Mallory|EvilCo|VicCo/);
      expect(mail.text?.startsWith('Hello,\n')).toBe(true);
    }
    // The newest email's link (the stranger's form), pressed without a choice, as a plain POST does.
    const confirmed = await press(strangersLink);
    expect(confirmed.status).toBe(200);
    expect(await leadOf(email)).toMatchObject({
      firstName: 'Vic',
      lastName: 'Tim',
      company: 'VicCo',
      marketingStatus: 'confirmed',
      identityConfirmed: false,
    });
  });

  it("shows the form's details, escaped, before the button, and confirms emails only when they are not the reader's", async () => {
    const email = 'vic2@poison-corp.example';
    const { strangersLink } = await twoForms(email);
    const page = await (await fetch(strangersLink)).text();
    expect(page).toContain('&lt;b&gt;Mallory&lt;/b&gt;');
    expect(page).toContain('EvilCo &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page).not.toContain('<b>Mallory');
    expect(page).not.toContain('<script>alert(1)');
    expect(page).not.toContain('VicCo');
    expect(page).toMatch(/<button[^>]*name="details"[^>]*value="mine"[^>]*>\s*Yes, these are my details/);
    expect(page).toMatch(/<button[^>]*name="details"[^>]*value="not-mine"[^>]*>\s*These are not my details/);
    expect((await leadOf(email)).marketingStatus).toBe('pending');

    const after = await press(strangersLink, 'not-mine');
    expect(after.status).toBe(200);
    const text = await after.text();
    expect(text).toContain('you are on the list');
    expect(text).not.toContain('Mallory');
    const lead = await leadOf(email);
    expect(lead).toMatchObject({
      firstName: 'Vic',
      company: 'VicCo',
      marketingStatus: 'confirmed',
      identityConfirmed: false,
    });
    expect((await store.consentHistory(lead.id)).map((e) => e.event)).toEqual(['form', 'form', 'marketing-confirmed']);
  });

  it('puts an unsubscribed reader back on the list only by the link of a form sent after the unsubscribe', async () => {
    const email = 'vic5@poison-corp.example';
    const { own, ownLink } = await twoForms(email);
    expect((await press(ownLink, 'mine')).status).toBe(200);
    const unsubscribe = header(own, 'list-unsubscribe')!.slice(1, -1);
    const off = await fetch(unsubscribe, { method: 'POST', body: 'List-Unsubscribe=One-Click' });
    expect(off.status).toBe(200);
    // The old email's link shows no button and changes nothing.
    expect(await (await fetch(ownLink)).text()).not.toContain('name="details"');
    await press(ownLink, 'mine');
    expect((await leadOf(email)).marketingStatus).toBe('unsubscribed');
    // A new ticked form: its email's link shows that form and puts the reader back on, keeping them confirmed.
    const seen = new Set(mailbox.received);
    const body = reportForm(email);
    body.set('marketingOptIn', 'on');
    body.set('company', 'VicCo Two');
    await fetch(`${server.origin}/${SERIES}/report/`, { method: 'POST', body, headers: { Origin: server.origin } });
    const again = await mailbox.next(email, (mail) => mail.subject?.startsWith('Confirm') === true && !seen.has(mail));
    const link = /(http:\S+\/report\/confirm\/\S+\/)/.exec(again.text ?? '')![1]!;
    const page = await (await fetch(link)).text();
    expect(page).toContain('VicCo Two');
    expect((await press(link, 'not-mine')).status).toBe(200);
    expect(await leadOf(email)).toMatchObject({
      company: 'VicCo',
      marketingStatus: 'confirmed',
      identityConfirmed: true,
    });
  });

  it('lays out the details and both buttons at phone and desktop widths, light and dark, with no axe violation', async () => {
    const { strangersLink } = await twoForms('vic4@poison-corp.example');
    // SHOTS_DIR=/tmp/confirm-shots keeps a screenshot of each, to look at.
    const shots = process.env.SHOTS_DIR;
    if (shots) mkdirSync(shots, { recursive: true });
    const browser = await chromium.launch({ executablePath: findChromium()!.path, args: CHROMIUM_ARGS });
    try {
      for (const width of [390, 1280]) {
        for (const colorScheme of ['light', 'dark'] as const) {
          const context = await browser.newContext({ viewport: { width, height: 900 }, colorScheme });
          const page = await context.newPage();
          await page.goto(strangersLink);
          const mine = page.getByRole('button', { name: 'Yes, these are my details — send me emails' });
          const notMine = page.getByRole('button', { name: 'These are not my details — send me emails only' });
          const details = page.locator('[data-form-details]');
          expect(await details.textContent()).toContain('<b>Mallory</b> Evil');
          // Both buttons and the details fit the width, with no sideways scroll.
          for (const box of [await mine.boundingBox(), await notMine.boundingBox(), await details.boundingBox()]) {
            expect(box!.x).toBeGreaterThanOrEqual(0);
            expect(box!.x + box!.width).toBeLessThanOrEqual(width);
          }
          expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
          expect((await new AxeBuilder({ page }).analyze()).violations.map((v) => v.id)).toEqual([]);
          if (shots)
            await page.screenshot({ path: join(shots, `confirm-${width}-${colorScheme}.png`), fullPage: true });
          await context.close();
        }
      }
    } finally {
      await browser.close();
    }
    expect((await leadOf('vic4@poison-corp.example')).marketingStatus).toBe('pending');
  });

  it("adopts the details of the reader's own form, shown on its link's page, when they say they are theirs", async () => {
    const email = 'vic3@poison-corp.example';
    const { ownLink } = await twoForms(email);
    const page = await (await fetch(ownLink)).text();
    expect(page).toContain('VicCo');
    expect(page).not.toContain('Mallory');
    expect((await press(ownLink, 'mine')).status).toBe(200);
    expect(await leadOf(email)).toMatchObject({
      firstName: 'Vic',
      lastName: 'Tim',
      company: 'VicCo',
      marketingStatus: 'confirmed',
      identityConfirmed: true,
    });
  });
});

describe('REPORT_DELIVERY=both', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ REPORT_DELIVERY: 'both', SMTP_URL: mailbox.url, MAIL_FROM: FROM });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('shows the link on the page and sends the same link by email', async () => {
    const html = await (await submit(server, 'grace@analytical-engines.example')).text();
    expect(html).toContain('Your report is ready.');
    expect(html).toContain('We also sent the link to');
    const onPage = /href="(\/ml-trends-2021\/report\/download\/[^"]+)"/.exec(html)?.[1];
    const mail = await mailbox.next('grace@analytical-engines.example');
    expect(downloadLink(mail.text ?? '')).toBe(`${server.origin}${onPage}`);
  });
});

describe('a mail configuration that cannot work', () => {
  it('stops the server at start, naming SMTP_URL, when REPORT_DELIVERY=email has no mail server', async () => {
    await expect(startServer({ REPORT_DELIVERY: 'email' })).rejects.toThrow(
      /SMTP_URL must be set when REPORT_DELIVERY is "email"/,
    );
  });
});

describe('emails to one address, whoever sends the form', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({
      REPORT_DELIVERY: 'email',
      SMTP_URL: mailbox.url,
      MAIL_FROM: FROM,
      MAIL_LIMIT_MAX: '2',
      RATE_LIMIT_MAX: '100',
    });
  }, 300_000);
  afterAll(async () => {
    await server?.stop();
  });

  it('sends one address at most MAIL_LIMIT_MAX report emails in the window, and then says to check the inbox', async () => {
    const victim = 'victim@analytical-engines.example';
    const sentTo = () => mailbox.received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(victim));
    expect((await submit(server, victim)).status).toBe(200);
    expect((await submit(server, victim, true)).status).toBe(200);
    const refused = await submit(server, victim, true);
    expect(refused.status).toBe(429);
    expect(await refused.text()).toContain('We sent several emails to this address recently');
    // Another address is not held back by it.
    expect((await submit(server, 'bystander@analytical-engines.example')).status).toBe(200);
    await mailbox.next('bystander@analytical-engines.example');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    // Two report links and the one confirmation the second form asked for; nothing for the third.
    expect(
      sentTo()
        .map((mail) => mail.subject?.split(':')[0])
        .sort(),
    ).toEqual(['Confirm', 'Your report', 'Your report']);
  });

  it('sends no second confirmation to a pending reader whose next form leaves the box unticked', async () => {
    const reader = 'changed-mind@analytical-engines.example';
    const sentTo = () => mailbox.received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(reader));
    const noteFor = /data-confirm-email[^>]*>changed-mind@analytical-engines\.example</;
    const first = await submit(server, reader, true);
    expect(await first.text()).toMatch(noteFor);
    await mailbox.next(reader, (mail) => mail.subject?.startsWith('Confirm') === true);
    const second = await submit(server, reader, false);
    expect(second.status).toBe(200);
    expect(await second.text()).not.toMatch(noteFor);
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(sentTo().filter((mail) => mail.subject?.startsWith('Confirm'))).toHaveLength(1);
  });

  it("writes the links of an email with the server's own origin, not the Host header a client made up", async () => {
    const target = 'phished@analytical-engines.example';
    const body = Buffer.from(reportForm(target).toString());
    const answer = await rawRequest(server.origin, {
      method: 'POST',
      target: `/${SERIES}/report/`,
      headers: [
        ['Host', 'attacker.example'],
        ['Origin', 'http://attacker.example'],
        ['Content-Type', 'application/x-www-form-urlencoded'],
      ],
      body,
    });
    // Accepted: redirected to its answer page (Post/Redirect/Get), on this site, by path.
    expect(answer.status).toBe(303);
    const mail = await mailbox.next(target);
    expect(`${mail.text}${mail.html}`).not.toContain('attacker.example');
    expect(downloadLink(mail.text ?? '')).toMatch(new RegExp(`^${server.origin}/`));
  });
});
