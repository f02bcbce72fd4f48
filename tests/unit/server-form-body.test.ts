import { describe, expect, it } from 'vitest';
import { formWithin } from '../../src/gate/form-body.ts';

/** A POST whose body arrives in `parts` chunks and declares no length, as a chunked upload does. */
function chunked(body: string, parts = 4, type = 'application/x-www-form-urlencoded'): Request {
  const bytes = new TextEncoder().encode(body);
  const size = Math.ceil(bytes.length / parts);
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += size) controller.enqueue(bytes.slice(i, i + size));
      controller.close();
    },
  });
  return new Request('http://x/', {
    method: 'POST',
    body: stream,
    headers: { 'Content-Type': type },
    duplex: 'half',
  } as RequestInit);
}

describe('formWithin', () => {
  it('reads a form sent in chunks', async () => {
    const form = await formWithin(chunked('email=a%40b.example&company=Acme'), 1024);
    expect(form).toBeInstanceOf(FormData);
    expect((form as FormData).get('email')).toBe('a@b.example');
  });

  it('refuses a form past the limit whether or not it declares its length', async () => {
    const body = `company=${'x'.repeat(2000)}`;
    expect(await formWithin(chunked(body), 1024)).toBe('too-large');
    const declared = new Request('http://x/', {
      method: 'POST',
      body,
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(await formWithin(declared, 1024)).toBe('too-large');
  });

  it('reads a multipart form, and gives undefined for a body that is not a form', async () => {
    const data = new FormData();
    data.set('email', 'c@d.example');
    const multipart = new Request('http://x/', { method: 'POST', body: data });
    expect(((await formWithin(multipart, 4096)) as FormData).get('email')).toBe('c@d.example');
    expect(await formWithin(chunked('--broken', 1, 'multipart/form-data; boundary=zzz'), 4096)).toBeUndefined();
  });
});
