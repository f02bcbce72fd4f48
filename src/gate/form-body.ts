/**
 * The form a request posts, read up to a size: a client that sends its body in chunks, without a
 * Content-Length, is held to the same limit as one that declares it.
 */
export async function formWithin(request: Request, limit: number): Promise<FormData | 'too-large' | undefined> {
  if (Number(request.headers.get('content-length') ?? 0) > limit) return 'too-large';
  const reader = request.body?.getReader();
  if (!reader) return undefined;
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel().catch(() => undefined);
        return 'too-large';
      }
      chunks.push(value);
    }
  } catch {
    return undefined;
  }
  // The bytes read, parsed as the request would parse them (URL-encoded or multipart, by its type).
  const copy = new Request('http://form.invalid/', {
    method: 'POST',
    headers: { 'Content-Type': request.headers.get('content-type') ?? '' },
    body: Buffer.concat(chunks),
  });
  return copy.formData().catch(() => undefined);
}
