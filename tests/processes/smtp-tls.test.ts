import { networkInterfaces } from 'node:os';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { smtpSender } from '../../src/gate/mail/outbox-email.ts';

/**
 * smtp:// is documented as STARTTLS: a mail server that offers no STARTTLS must not get the reader's
 * address and link in plaintext, except on this machine's loopback (a local relay). A real SMTP server
 * (smtp-server) without STARTTLS, reached through loopback and through this machine's own other address.
 */
const received: string[] = [];
let server: SMTPServer | undefined;
afterEach(async () => {
  await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
  server = undefined;
  received.length = 0;
});

async function plainServer(): Promise<number> {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    logger: false,
    onData(stream, _session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString()));
      stream.on('end', () => {
        received.push(data);
        callback();
      });
    },
  });
  return new Promise<number>((resolve, reject) => {
    server!.server.once('error', reject);
    server!.listen(0, '0.0.0.0', () => resolve((server!.server.address() as { port: number }).port));
  });
}

const email = {
  to: 'reader@example.com',
  subject: 'Your report',
  text: 'The link: https://example.com/r/secret-link/',
  html: '<p>The link</p>',
  headers: {},
};
const MAIL_FROM = 'Reports <reports@example.com>';
/** An IPv4 address of this machine that is not loopback, when it has one. */
const outside = Object.values(networkInterfaces())
  .flat()
  .find((a) => a && !a.internal && a.family === 'IPv4')?.address;

describe('SMTP_URL smtp:// (STARTTLS)', () => {
  it.skipIf(!outside)('refuses to send in plaintext to a mail server that offers no STARTTLS', async () => {
    const port = await plainServer();
    const send = smtpSender({ SMTP_URL: `smtp://${outside}:${port}`, MAIL_FROM });
    await expect(send(email, 'a1')).rejects.toThrow(/STARTTLS/);
    expect(received).toEqual([]);
  });

  it('sends without TLS to a relay on loopback', async () => {
    const port = await plainServer();
    for (const host of ['127.0.0.1', 'localhost']) {
      await smtpSender({ SMTP_URL: `smtp://${host}:${port}`, MAIL_FROM })(email, `b-${host}`);
    }
    expect(received).toHaveLength(2);
    expect(received[0]).toContain('secret-link');
  });
});
