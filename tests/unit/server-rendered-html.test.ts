import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { writeResponse } from 'astro/app/node';
import { afterEach, describe, expect, it } from 'vitest';
import { hashRenderedHtml } from '../../src/gate/http/rendered-html.ts';

/**
 * hashRenderedHtml on a real Node server, with Astro's own writeResponse (what the Node adapter calls)
 * writing a rendered page, as `npm start` does for every on-demand route.
 */
let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
});

async function serving(body: () => ReadableStream<Uint8Array>): Promise<string> {
  server = createServer((req, res) => {
    hashRenderedHtml(res, (hashes) => `script-src ${hashes.join(' ') || "'none'"}`);
    void writeResponse(new Response(body(), { headers: { 'Content-Type': 'text/html; charset=utf-8' } }), res);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
}

describe('an on-demand HTML page', () => {
  it('arrives whole with the hashes of its inline scripts', async () => {
    const url = await serving(
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode('<p>one</p>'));
            controller.enqueue(new TextEncoder().encode('<script>go()</script>'));
            controller.close();
          },
        }),
    );
    const response = await fetch(url);
    expect(await response.text()).toBe('<p>one</p><script>go()</script>');
    expect(response.headers.get('content-security-policy')).toMatch(/^script-src 'sha256-/);
  });

  it('gets the hashes of its own scripts, never those of another page, and none for a look-alike', async () => {
    let page = '';
    const url = await serving(
      () =>
        new ReadableStream({
          start(controller) {
            controller.enqueue(new TextEncoder().encode(page));
            controller.close();
          },
        }),
    );
    const policyOf = async (html: string) => {
      page = html;
      const response = await fetch(url);
      await response.text();
      return response.headers.get('content-security-policy');
    };
    const one = await policyOf('<p>Ada</p><script>one()</script>');
    expect(one).toMatch(/^script-src 'sha256-[^ ]+$/);
    expect(await policyOf('<p>Grace</p><script>one()</script>')).toBe(one);
    const two = await policyOf('<p>Ada</p><script>two()</script>');
    expect(two).toMatch(/^script-src 'sha256-[^ ]+$/);
    expect(two).not.toBe(one);
    expect(await policyOf('<input value="&lt;script>x()</script>"><!-- <script>y()</script> -->')).toBe(
      "script-src 'none'",
    );
  });

  it('that fails half-way is cut off at once, not left hanging', async () => {
    const url = await serving(() => {
      let sent = false;
      return new ReadableStream({
        pull(controller) {
          if (sent) return controller.error(new Error('a component threw half-way'));
          sent = true;
          controller.enqueue(new TextEncoder().encode('<p>half a page'));
        },
      });
    });
    const started = Date.now();
    const outcome = await fetch(url, { signal: AbortSignal.timeout(3_000) })
      .then((response) => response.text())
      .then(
        (text) => `answered: ${text}`,
        (error: Error) => error.name,
      );
    // Before: the client waited until its own timeout.
    expect(outcome).not.toBe('TimeoutError');
    expect(outcome).not.toContain('half a page');
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
