import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.ts';

/**
 * The privacy note states the periods the server runs with (docs/design.md, "Privacy note"): an operator who
 * sets a retention period for leads sees it on the page, and so do readers. The default (no period) is
 * checked in tests/e2e/report.spec.ts.
 */
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({
    LEAD_RETENTION_DAYS: '180',
    REPORT_LINK_TTL_DAYS: '3',
    ANALYTICS_RETENTION_DAYS: '90',
    // Leads are passed on to a CRM: the page says so (the default, none, is checked in tests/e2e/report.spec.ts).
    LEADS_WEBHOOK_URL: 'http://127.0.0.1:9/hooks/leads',
    LEADS_WEBHOOK_SECRET: 'webhook-secret-for-the-privacy-test-0123456',
  });
}, 600_000);

afterAll(async () => {
  await server?.stop();
});

/** The page's text, tags removed and spaces collapsed. */
const pageText = (html: string) =>
  html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');

describe('the privacy note', () => {
  it('states the retention period the operator set, the links’ lifetime and the counts’', async () => {
    const answer = await fetch(`${server.origin}/privacy/`);
    expect(answer.status).toBe(200);
    const text = pageText(await answer.text());
    // One retention statement, in plain words: no setting's name, no word about configuration.
    expect(text).toContain(
      'We keep your record for 180 days after your last request, or until you ask us to delete it if that comes first.',
    );
    expect(text).not.toMatch(/retention period set|operator can set|LEAD_RETENTION_DAYS/);
    expect(text).toContain('A download link works for 3 days');
    expect(text).toContain('Counts are kept for 90 days (about 3 months).');
  });

  it('names the data controller, and says that the details are passed to a CRM where the server sends them to one', async () => {
    const text = pageText(await (await fetch(`${server.origin}/privacy/`)).text());
    expect(text).toContain('The data controller is The ML Trends editorial team');
    expect(text).toContain('Your details are passed to our CRM');
    expect(text).not.toContain('stay on this server');
  });
});
