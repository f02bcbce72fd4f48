import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, reportForm, startServer, type RunningServer } from './server.ts';
import { startMailbox, type Mailbox } from './smtp.ts';

/**
 * Email and the CRM webhook from one `npm start`: a webhook receiver that accepts every request and
 * never answers must not hold up the report emails (a real SMTP server in the test).
 */
const SERIES = 'ml-trends-2021';
let server: RunningServer;
let mailbox: Mailbox;
let receiver: Server;
let calls = 0;

beforeAll(async () => {
  mailbox = await startMailbox();
  const port = await freePort();
  receiver = createServer((req) => {
    calls++;
    req.resume();
  });
  await new Promise<void>((resolve) => receiver.listen(port, '127.0.0.1', resolve));
  server = await startServer({
    REPORT_DELIVERY: 'email',
    SMTP_URL: mailbox.url,
    MAIL_FROM: 'ML Trends <reports@ml-trends.example>',
    LEADS_WEBHOOK_URL: `http://127.0.0.1:${port}/hooks/leads`,
    LEADS_WEBHOOK_SECRET: 'outbox-delivery-test-secret-0123456789abcdef',
  });
}, 300_000);

afterAll(async () => {
  await server?.stop();
  receiver?.closeAllConnections();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  await mailbox?.close();
});

const submit = (email: string) =>
  fetch(`${server.origin}/${SERIES}/report/`, {
    method: 'POST',
    body: reportForm(email),
    headers: { Origin: server.origin },
  });

describe('the outbox with a webhook receiver that hangs', () => {
  it('sends a report email queued after the hung webhook calls within a couple of seconds', async () => {
    expect((await submit('first@analytical-engines.example')).status).toBe(200);
    await mailbox.next('first@analytical-engines.example', undefined, 5_000);
    for (let i = 0; i < 100 && calls === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toBeGreaterThan(0);
    // The webhook call is hanging now; the next reader's email must not wait for it.
    expect((await submit('second@analytical-engines.example')).status).toBe(200);
    const queued = Date.now();
    await mailbox.next('second@analytical-engines.example', undefined, 3_000);
    // The outbox is read every second: within two seconds of the form, not after the webhook's timeout.
    expect(Date.now() - queued).toBeLessThan(2_500);
  });
});
