import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './server.ts';

/**
 * Clients that open a request and never finish it (slowloris): each holds a connection and a file
 * descriptor. The real server (`npm start`) with short timeouts, so that the test waits seconds, not
 * the production 10 and 20.
 */
const SERIES = 'ml-trends-2021';
const HALF_SENT = 300;
let server: RunningServer;

beforeAll(async () => {
  server = await startServer({ HTTP_HEADERS_TIMEOUT_SECONDS: '1', HTTP_REQUEST_TIMEOUT_SECONDS: '2' });
}, 300_000);

afterAll(async () => {
  await server?.stop();
});

interface HalfSent {
  socket: Socket;
  /** What the server wrote before it closed the connection, and when it closed it (ms after opening). */
  closed: Promise<{ answer: string; afterMs: number }>;
}

/** Opens a connection and sends `head` (and no more) on it. */
function halfSend(head: string): Promise<HalfSent> {
  const { hostname, port } = new URL(server.origin);
  return new Promise((resolve, reject) => {
    const opened = Date.now();
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      socket.write(head);
      let answer = '';
      socket.on('data', (chunk: Buffer) => (answer += chunk.toString('latin1')));
      const closed = new Promise<{ answer: string; afterMs: number }>((done) =>
        socket.once('close', () => done({ answer, afterMs: Date.now() - opened })),
      );
      socket.on('error', () => {});
      resolve({ socket, closed });
    });
    socket.once('error', reject);
  });
}

const halfPost = () =>
  halfSend(
    `POST /${SERIES}/report/ HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nOrigin: ${server.origin}\r\n` +
      'Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nemail=slow',
  );
const halfHead = () => halfSend(`GET /${SERIES}/report/ HTTP/1.1\r\nHost: ${new URL(server.origin).host}\r\nX-Slow: `);

describe('slow clients', () => {
  it('answers /healthz while hundreds of requests hang half-sent, and closes them with 408 in time', async () => {
    const open: HalfSent[] = [];
    try {
      for (let i = 0; i < HALF_SENT; i++) open.push(await (i % 3 === 0 ? halfHead() : halfPost()));
      const health = await fetch(`${server.origin}/healthz`, { signal: AbortSignal.timeout(1_000) });
      expect(health.status).toBe(200);
      const results = await Promise.race([
        Promise.all(open.map((request) => request.closed)),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('still open after 8 s')), 8_000)),
      ]);
      for (const { answer, afterMs } of results) {
        expect(answer).toMatch(/^HTTP\/1\.1 408 /);
        expect(afterMs).toBeLessThan(8_000);
      }
      expect((await fetch(`${server.origin}/healthz`)).status).toBe(200);
      // Cut off requests are the client's doing: no stack trace in the log.
      expect(server.output()).not.toMatch(/^\s+at /m);
    } finally {
      for (const { socket } of open) socket.destroy();
    }
  }, 30_000);
});
