import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

/** A real SMTP server in the test process (smtp-server), keeping what it receives parsed (mailparser). */
export interface Mailbox {
  /** smtp://user:password@127.0.0.1:port, for SMTP_URL. */
  url: string;
  /** Every message received, in order. */
  received: ParsedMail[];
  /** While true, every message is refused with a temporary error (451), as a busy mail server does. */
  refusing: boolean;
  /** How many messages were refused. */
  refused: number;
  /** The first message to `to` that `match` accepts, waiting for it up to `timeoutMs`. */
  next(to: string, match?: (mail: ParsedMail) => boolean, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

const USER = 'gate';
const PASSWORD = 'mail-test-password';

/** Starts the server on a free loopback port; it asks for the user and password in SMTP_URL. */
export async function startMailbox(): Promise<Mailbox> {
  const received: ParsedMail[] = [];
  const box = { refusing: false, refused: 0 };
  const server = new SMTPServer({
    // Plain SMTP on loopback: the test certifies nothing, so no STARTTLS; AUTH is still required.
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === USER && auth.password === PASSWORD) callback(null, { user: USER });
      else callback(new Error('Invalid username or password'));
    },
    onMailFrom(_address, _session, callback) {
      if (!box.refusing) return callback();
      box.refused++;
      callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
    },
    onData(stream, _session, callback) {
      simpleParser(stream)
        .then((mail) => {
          received.push(mail);
          callback();
        })
        .catch((error: Error) => callback(error));
    },
  });
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.server.address() as { port: number }).port));
  });
  const to = (mail: ParsedMail) => (Array.isArray(mail.to) ? mail.to : mail.to ? [mail.to] : []).map((a) => a.text);
  return Object.assign(box, {
    url: `smtp://${USER}:${PASSWORD}@127.0.0.1:${port}`,
    received,
    async next(address: string, match: (mail: ParsedMail) => boolean = () => true, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = received.find((mail) => to(mail).some((t) => t.includes(address)) && match(mail));
        if (found) return found;
        if (Date.now() > deadline) throw new Error(`no email to ${address} within ${timeoutMs} ms`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}
