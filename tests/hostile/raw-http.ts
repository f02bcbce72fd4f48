import { connect } from 'node:net';

/**
 * HTTP/1.1 over a bare socket, so a request can carry what `fetch` refuses to send: CR/LF and NUL in
 * header values, raw bytes in the path, invalid UTF-8, duplicated headers. One request per connection
 * (`Connection: close`); the answer is read to the end of the connection.
 */
export interface RawRequest {
  method: string;
  /** The request target, sent as given (it may hold any byte). */
  target: string | Buffer;
  /** Header lines as sent: a name and a value, which may hold any byte. */
  headers?: [string, string | Buffer][];
  body?: Buffer;
}

export interface RawAnswer {
  status: number;
  /** Header names in lower case, each with every value it came with. */
  headers: Record<string, string[]>;
  body: Buffer;
}

/** The `\r\n\r\n` between head and body. */
const END_OF_HEAD = Buffer.from('\r\n\r\n');

export function rawRequest(origin: string, request: RawRequest, timeoutMs = 15_000): Promise<RawAnswer> {
  const { hostname, port } = new URL(origin);
  const body = request.body ?? Buffer.alloc(0);
  const lines: Buffer[] = [
    Buffer.from(`${request.method} `),
    Buffer.from(request.target),
    Buffer.from(' HTTP/1.1\r\n'),
  ];
  const headers = request.headers ?? [];
  if (!headers.some(([name]) => name.toLowerCase() === 'host')) headers.unshift(['Host', `${hostname}:${port}`]);
  for (const [name, value] of headers) lines.push(Buffer.from(`${name}: `), Buffer.from(value), Buffer.from('\r\n'));
  if (!headers.some(([name]) => name.toLowerCase() === 'content-length') && body.length > 0) {
    lines.push(Buffer.from(`Content-Length: ${body.length}\r\n`));
  }
  lines.push(Buffer.from('Connection: close\r\n\r\n'), body);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect({ host: hostname, port: Number(port) });
    socket.setTimeout(timeoutMs, () => socket.destroy(new Error(`no answer in ${timeoutMs} ms`)));
    // The server may answer and close before it has read a large body: that is an answer, not an error.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (chunks.length > 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) finish();
      else reject(error);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('end', finish);
    socket.write(Buffer.concat(lines));
    let done = false;
    function finish() {
      if (done) return;
      done = true;
      socket.destroy();
      try {
        resolve(parse(Buffer.concat(chunks), request.method === 'HEAD'));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    }
  });
}

function parse(raw: Buffer, head: boolean): RawAnswer {
  const split = raw.indexOf(END_OF_HEAD);
  if (split < 0) throw new Error(`no complete answer: ${JSON.stringify(raw.subarray(0, 200).toString('latin1'))}`);
  const [statusLine = '', ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) throw new Error(`not an HTTP status line: ${JSON.stringify(statusLine)}`);
  const headers: Record<string, string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    const name = line.slice(0, colon).toLowerCase();
    (headers[name] ??= []).push(line.slice(colon + 1).trim());
  }
  let body = head || status === 304 || status === 204 ? Buffer.alloc(0) : raw.subarray(split + END_OF_HEAD.length);
  if (headers['transfer-encoding']?.some((value) => /chunked/i.test(value))) body = unchunk(body);
  return { status, headers, body };
}

/** The payload of a chunked body (what arrived of it). */
function unchunk(body: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  while (at < body.length) {
    const lineEnd = body.indexOf('\r\n', at);
    if (lineEnd < 0) break;
    const size = parseInt(body.subarray(at, lineEnd).toString('latin1'), 16);
    if (!size) break;
    parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
