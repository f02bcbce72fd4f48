import { rmSync, statSync, truncateSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { signToken, type TokenPurpose } from '../../src/gate/links.ts';
import { accessCookie } from '../../src/gate/services.ts';
import { reportForm, startServer, submitAction, type RunningServer } from '../integration/server.ts';
import { fillDisk, smallDisk } from '../setup/small-disk.ts';

/**
 * The real server (`npm start`) with DATA_DIR on a small tmpfs that is (nearly) full: `/healthz` must fail
 * whenever a form could not be stored, and a reader who holds a valid download link still gets the report.
 */
const SERIES = 'ml-trends-2021';
let server: RunningServer | undefined;
const cleanup: (() => void)[] = [];
afterEach(async () => {
  if (server) {
    await server.stop().catch(() => {});
    server = undefined;
  }
  for (const step of cleanup.splice(0).reverse()) step();
});

/** One form through the Action, as the enhanced form sends it. */
const submit = (origin: string, email: string) => submitAction(origin, email, SERIES);

/** A tmpfs of `size` as DATA_DIR, unmounted after the test. */
function smallDataDir(size: string): string {
  const { dir, unmount } = smallDisk(size, 'mt-nearly-full-');
  cleanup.push(unmount);
  return dir;
}

async function health(origin: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${origin}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe.skipIf(process.getuid?.() !== 0)('the server on a nearly full disk', () => {
  it('fails /healthz ("disk nearly full") whenever forms are refused for want of room, and recovers', async () => {
    const dataDir = smallDataDir('2m');
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000' });
    expect((await submit(server.origin, 'before@analytical-engines.example')).status).toBe(200);
    expect((await health(server.origin)).status).toBe(200);

    // Full, then 12 KB given back: room for the one-row probe, not for a form's transaction.
    const filler = join(dataDir, 'filler');
    fillDisk(filler);
    truncateSync(filler, statSync(filler).size - 12 * 1024);
    const seen: { form: number; health: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const form = await submit(server.origin, `f${i}@analytical-engines.example`);
      const checked = await health(server.origin);
      seen.push({ form: form.status, health: checked.status });
      if (checked.status === 503) expect(checked.body).toMatchObject({ status: 'failing', store: 'disk nearly full' });
    }
    // Whenever a form was turned away, /healthz said so too.
    expect(seen.filter((s) => s.form === 503 && s.health !== 503)).toEqual([]);
    expect(seen.every((s) => s.health === 503)).toBe(true);

    rmSync(filler);
    expect(await health(server.origin)).toMatchObject({ status: 200, body: { status: 'ok', store: 'ok' } });
    expect((await submit(server.origin, 'after@analytical-engines.example')).status).toBe(200);
  });

  it('serves the report to a valid download link on a full disk, and logs the download it could not record', async () => {
    const dataDir = smallDataDir('4m');
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000' });
    const answer = await submit(server.origin, 'reader@analytical-engines.example');
    const path = new RegExp(`/${SERIES}/report/download/[A-Za-z0-9_.-]+/`).exec(answer.body)?.[0];
    expect(path).toBeDefined();
    const filler = join(dataDir, 'filler');
    fillDisk(filler);

    const whole = await fetch(`${server.origin}${path}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBe(Number(whole.headers.get('content-length')));

    const ranged = await fetch(`${server.origin}${path}`, { headers: { Range: 'bytes=1-' } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(1))).toBe(true);
    expect(server.output()).toContain('download served but not recorded');
    expect(server.output()).not.toContain('reader@analytical-engines.example');

    // With room again, downloads are recorded as before.
    rmSync(filler);
    expect((await fetch(`${server.origin}${path}`)).status).toBe(200);
    const store = await server.openStore();
    try {
      const person = await store.findPerson('reader@analytical-engines.example');
      expect(person.rows.downloads).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('answers 503, not 500, to confirm, unsubscribe and a returning reader when the store cannot write', async () => {
    const dataDir = smallDataDir('4m');
    server = await startServer({ DATA_DIR: dataDir, RATE_LIMIT_MAX: '1000000' });
    const form = reportForm('reader@analytical-engines.example', SERIES);
    form.set('marketingOptIn', 'on');
    const answer = await fetch(`${server.origin}/_actions/requestReport/`, {
      method: 'POST',
      body: form,
      headers: { Origin: server.origin, 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(200);
    const store = await server.openStore();
    const [lead] = await store.listLeads();
    await store.close();
    const token = (purpose: TokenPurpose) =>
      signToken(
        { purpose, lead: lead!.publicId, series: SERIES, expiresAt: Date.now() / 1000 + 86_400 },
        server!.secret,
      );
    fillDisk(join(dataDir, 'filler'));

    // The one-click unsubscribe of a mail client (src/gate/http/unsubscribe.ts).
    const oneClick = await fetch(`${server.origin}/${SERIES}/report/unsubscribe/${token('unsubscribe')}/`, {
      method: 'POST',
      body: 'List-Unsubscribe=One-Click',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    expect(oneClick.status).toBe(503);
    expect(oneClick.headers.get('retry-after')).toBeTruthy();
    expect(await oneClick.text()).toContain('cannot take requests right now');

    // The confirmation page's button.
    const confirm = await fetch(`${server.origin}/${SERIES}/report/confirm/${token('confirm')}/`, {
      method: 'POST',
      headers: { Origin: server.origin },
    });
    expect(confirm.status).toBe(503);
    expect(await confirm.text()).toContain('cannot take requests right now');

    // A returning reader whose browser's token is renewed (one that does not say when it was issued).
    const returning = await fetch(`${server.origin}/${SERIES}/report/`, {
      headers: { Cookie: `${accessCookie(SERIES)}=${token('access')}` },
    });
    expect(returning.status).toBe(503);
    expect(await returning.text()).toContain('cannot take requests right now');
    expect(server.output()).not.toMatch(/^\s+at /m);
  });
});
