import { createServer, request, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refuseUnsupportedMethod } from '../../src/gate/fetch-methods.ts';

describe('refuseUnsupportedMethod', () => {
  let server: Server;
  let origin: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      if (!refuseUnsupportedMethod(request, response)) response.end('rendered');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers TRACE with 405 and the methods allowed, before anything renders', async () => {
    for (const method of ['TRACE', 'trace']) {
      const answer = await new Promise<{ status?: number; allow?: string; body: string }>((resolve, reject) => {
        const sent = request(`${origin}/`, { method }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode, allow: response.headers.allow, body }));
        });
        sent.on('error', reject);
        sent.end();
      });
      expect(answer, method).toEqual({ status: 405, allow: 'GET, HEAD, POST', body: 'Method not allowed.' });
    }
  });

  it('lets every method the Fetch API carries through', async () => {
    for (const method of ['GET', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS']) {
      const response = await fetch(`${origin}/`, { method });
      expect(await response.text(), method).toBe('rendered');
    }
  });
});
