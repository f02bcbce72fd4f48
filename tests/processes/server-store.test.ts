import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ErasedLead, LeadStore } from '../../src/gate/store/index.ts';
import { exportCsv } from '../../src/gate/lead-commands.ts';
import { lead, linkAndDownload, stores, type StoreUnderTest } from '../unit/fixtures/stores.ts';

/** The LeadStore contract, run over every store in `stores` on a fresh database per test. */
describe.each(stores)('$name lead store', ({ create }) => {
  let db: StoreUnderTest;
  beforeEach(async () => {
    db = await create();
  });
  afterEach(async () => {
    await db.dispose();
  });
  const openStore = () => db.open();

  describe('opening', () => {
    it('reports the applied migrations, oldest first', async () => {
      const versions = await (await openStore()).migrations();
      expect(versions.length).toBeGreaterThan(0);
      expect(versions).toEqual([...new Set(versions)].sort((a, b) => a - b));
    });

    it('applies nothing again when reopened, and keeps the data', async () => {
      const first = await openStore();
      const versions = await first.migrations();
      const { lead: stored } = await first.upsertLead(lead());
      await first.close();

      const second = await openStore();
      expect(await second.migrations()).toEqual(versions);
      expect(await second.findLead(stored.publicId)).toEqual(stored);
    });

    it('refuses a download for a lead that does not exist, as a rejected promise', async () => {
      const store = await openStore();
      const download = { leadId: 999, series: 'ml-trends', userAgent: null, ipHash: null, range: null, at: new Date() };
      await expect(store.recordDownload(download)).rejects.toThrow(/foreign key/i);
      expect(await store.countDownloads(999)).toBe(0);
    });
  });

  describe('upsertLead', () => {
    it('inserts a new lead with one submission and everything the reader sent', async () => {
      const store = await openStore();
      const before = Date.now();
      const { lead: stored, created } = await store.upsertLead(lead({ marketingOptIn: true }));
      expect(created).toBe(true);
      expect(stored).toMatchObject({ ...lead({ marketingOptIn: true }), submissions: 1 });
      expect(stored.id).toBeGreaterThan(0);
      expect(stored.createdAt.getTime()).toBeGreaterThanOrEqual(before - 1000);
      expect(stored.createdAt.getTime()).toBeLessThanOrEqual(Date.now() + 1000);
      expect(stored.updatedAt).toEqual(stored.createdAt);
    });

    it('keeps a lead without user agent or address hash as nulls', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead({ userAgent: null, ipHash: null }));
      expect(stored.userAgent).toBeNull();
      expect(stored.ipHash).toBeNull();
      expect(await store.findLead(stored.publicId)).toMatchObject({ userAgent: null, ipHash: null });
    });

    it('keeps who the lead is when the same email asks again: a later form adds a submission, never a new name', async () => {
      const store = await openStore();
      const first = await store.upsertLead(lead());
      const changes = {
        firstName: 'Augusta',
        lastName: 'King',
        company: 'Difference Engines plc',
        jobRole: 'CTO',
        marketingOptIn: true,
        consentVersion: '2026-03-01',
        consentAt: new Date('2026-03-05T08:30:00.000Z'),
        userAgent: 'Another browser',
        ipHash: 'ffffffffffffffffffffffffffffffff',
        // The experiment variant its page showed is kept with the form (none on the first).
        variant: 'short-form',
      };
      const second = await store.upsertLead(lead(changes));

      expect(second.created).toBe(false);
      // Anyone can type an address: name, company, role and consent stay as the lead was created.
      expect(second.lead).toMatchObject({
        id: first.lead.id,
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Analytical Engines Ltd',
        jobRole: 'Data scientist',
        consentVersion: '2026-01-15',
        consentAt: new Date('2026-02-01T10:00:00.000Z'),
        identityConfirmed: false,
        submissions: 2,
        createdAt: first.lead.createdAt,
      });
      expect(second.lead.updatedAt.getTime()).toBeGreaterThanOrEqual(first.lead.updatedAt.getTime());
      expect(await store.listLeads()).toEqual([second.lead]);
      // Each form is kept as it was sent, oldest first.
      const kept = await store.listSubmissions(first.lead.id);
      expect(kept).toHaveLength(2);
      // A submission is what the form said about the sender; the series and email are the lead's.
      const sent: Partial<ReturnType<typeof lead>> = lead();
      delete sent.series;
      delete sent.email;
      expect(kept[0]).toEqual({ ...sent, variant: '', submittedAt: first.lead.createdAt });
      expect(kept[1]).toEqual({ ...sent, ...changes, submittedAt: second.lead.updatedAt });
    });

    it("keeps a short first form with name and company empty, and lets only the lead's own browser fill them", async () => {
      const store = await openStore();
      const short = { firstName: '', lastName: '', company: '' };
      const first = await store.upsertLead(lead(short));
      expect(first.lead).toMatchObject(short);
      // Another browser with this address: kept as a submission, the lead's profile stays empty.
      const stranger = await store.upsertLead(lead({ firstName: 'Mallory', lastName: 'Intruder', company: 'Evil' }));
      expect(stranger.lead).toMatchObject(short);
      // The lead's own browser (its access cookie) answers on its second download: the lead takes it.
      const own = await store.upsertLead(lead({ fillProfile: true, lastName: '' }));
      expect(own.lead).toMatchObject({
        id: first.lead.id,
        firstName: 'Ada',
        lastName: '',
        company: 'Analytical Engines Ltd',
      });
      // A later answer fills what is still empty and never overwrites an earlier one.
      const later = await store.upsertLead(lead({ fillProfile: true, firstName: 'Augusta', lastName: 'King' }));
      expect(later.lead).toMatchObject({ firstName: 'Ada', lastName: 'King', company: 'Analytical Engines Ltd' });
      expect(await store.listLeads()).toHaveLength(1);
      expect((await store.listSubmissions(first.lead.id)).map((s) => s.firstName)).toEqual([
        '',
        'Mallory',
        'Ada',
        'Augusta',
      ]);
      // The export keeps every column, empty where the form did not ask.
      const [exported] = await store.exportLeads();
      expect(exported!.lead).toMatchObject({ firstName: 'Ada', lastName: 'King' });
    });

    it('keeps the stored name when a confirmed opt-in came from a form that did not ask for it', async () => {
      const store = await openStore();
      const formAt = new Date('2026-03-05T08:30:00.000Z');
      const { lead: ada } = await store.upsertLead(lead());
      await store.upsertLead(
        lead({ firstName: '', lastName: '', company: '', marketingOptIn: true, consentAt: formAt }),
      );
      const confirmed = await store.changeMarketing(ada.publicId, 'confirmed', new Date(), undefined, {
        formAt,
        adopt: true,
      });
      expect(confirmed?.lead).toMatchObject({
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Analytical Engines Ltd',
        identityConfirmed: true,
      });
    });

    it('counts every repeat submission', async () => {
      const store = await openStore();
      for (let i = 0; i < 4; i++) await store.upsertLead(lead());
      const { lead: fifth, created } = await store.upsertLead(lead());
      expect(created).toBe(false);
      expect(fifth.submissions).toBe(5);
    });

    it('records what the box said on a later submission, but no form takes anyone off the list', async () => {
      const store = await openStore();
      await store.upsertLead(lead({ marketingOptIn: true }));
      const { lead: again } = await store.upsertLead(lead({ marketingOptIn: false }));
      expect(again.marketingOptIn).toBe(false);
      expect(again.marketingStatus).toBe('pending');
      const stored = await (await openStore()).findLead(again.publicId);
      expect(stored).toMatchObject({ marketingOptIn: false, marketingStatus: 'pending' });
    });

    it('makes a second lead for the same email in another series', async () => {
      const store = await openStore();
      const first = await store.upsertLead(lead({ series: 'ml-trends' }));
      const second = await store.upsertLead(lead({ series: 'data-trends' }));
      expect(second.created).toBe(true);
      expect(second.lead.id).not.toBe(first.lead.id);
      expect(second.lead.submissions).toBe(1);
      expect(await store.listLeads()).toHaveLength(2);
    });
  });

  describe('export', () => {
    it('gives every lead with its download count and its latest form, in one call for any number of leads', async () => {
      const store = await openStore();
      const made = [];
      for (let i = 0; i < 30; i++) {
        made.push((await store.upsertLead(lead({ email: `r${i}@example.com`, series: i % 3 ? 'a' : 'b' }))).lead);
      }
      for (const [i, who] of made.entries()) {
        for (let d = 0; d < i % 4; d++) {
          await store.recordDownload({
            leadId: who.id,
            series: who.series,
            userAgent: null,
            ipHash: null,
            range: null,
            at: new Date(),
          });
        }
      }
      await store.upsertLead(lead({ email: 'r5@example.com', series: 'a', firstName: 'Later', company: 'Other' }));

      const rows = await store.exportLeads();
      expect(rows.map((row) => row.lead.email)).toEqual(made.map((l) => l.email));
      expect(rows.map((row) => row.downloads)).toEqual(made.map((_, i) => i % 4));
      const five = rows.find((row) => row.lead.email === 'r5@example.com')!;
      expect(five.lead).toMatchObject({ firstName: 'Ada', submissions: 2 });
      expect(five.latest).toMatchObject({ firstName: 'Later', company: 'Other', lastName: 'Lovelace' });
      expect(rows.find((row) => row.lead.email === 'r4@example.com')!.latest).toMatchObject({ firstName: 'Ada' });
      expect((await store.exportLeads('b')).map((row) => row.lead.email)).toEqual(
        made.filter((l) => l.series === 'b').map((l) => l.email),
      );
      expect(await store.exportLeads('none')).toEqual([]);
    });

    it('makes the CSV export with one read of the store, whatever the number of leads', async () => {
      const store = await openStore();
      for (let i = 0; i < 25; i++) {
        const { lead: who } = await store.upsertLead(lead({ email: `r${i}@example.com` }));
        await linkAndDownload(store, who);
      }
      // The real store, with each of its methods counted as it is called.
      const calls: string[] = [];
      const counted = new Proxy(store, {
        get(target, key, receiver) {
          const value = Reflect.get(target, key, receiver) as unknown;
          return typeof value === 'function'
            ? (...args: unknown[]) => {
                calls.push(String(key));
                return (value as (...a: unknown[]) => unknown).apply(target, args);
              }
            : value;
        },
      });
      const csv = await exportCsv(counted);
      expect(calls).toEqual(['exportLeads']);
      const lines = csv.trim().split('\n');
      expect(lines).toHaveLength(26);
      const header = lines[0]!.split(',');
      expect(lines.slice(1).every((line) => line.split(',')[header.indexOf('downloads')] === '1')).toBe(true);
    });
  });

  describe('reading leads', () => {
    it('lists the leads of one series, oldest first, and every lead without a series', async () => {
      const store = await openStore();
      const a = (await store.upsertLead(lead({ email: 'a@example.com' }))).lead;
      const b = (await store.upsertLead(lead({ email: 'b@example.com', series: 'other' }))).lead;
      const c = (await store.upsertLead(lead({ email: 'c@example.com' }))).lead;
      // A repeat submission updates A but does not move it in the list.
      const a2 = (await store.upsertLead(lead({ email: 'a@example.com', firstName: 'Anna' }))).lead;

      expect((await store.listLeads('ml-trends')).map((l) => l.email)).toEqual(['a@example.com', 'c@example.com']);
      expect(await store.listLeads('other')).toEqual([b]);
      expect(await store.listLeads('no-such-series')).toEqual([]);
      expect(await store.listLeads()).toEqual([a2, b, c]);
      expect(a2.id).toBe(a.id);
    });

    it('finds a lead by its random public id, and nothing for an unknown or numeric one', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      const { lead: other } = await store.upsertLead(lead({ email: 'grace@example.com' }));
      expect(stored.publicId).toMatch(/^[0-9a-f]{24}$/);
      expect(other.publicId).not.toBe(stored.publicId);
      expect(await store.findLead(stored.publicId)).toEqual(stored);
      expect(await store.findLead('0'.repeat(24))).toBeUndefined();
      expect(await store.findLead(String(stored.id))).toBeUndefined();
    });

    it('keeps the public id when the same reader submits again', async () => {
      const store = await openStore();
      const { lead: first } = await store.upsertLead(lead());
      const { lead: second } = await store.upsertLead(lead({ firstName: 'Augusta' }));
      expect(second.publicId).toBe(first.publicId);
    });

    it('gives back dates as the same instants that were stored', async () => {
      const store = await openStore();
      const consentAt = new Date('2026-02-28T23:59:59.999Z');
      const { lead: stored } = await store.upsertLead(lead({ consentAt }));
      const read = await store.findLead(stored.publicId);
      expect(read?.consentAt.toISOString()).toBe('2026-02-28T23:59:59.999Z');
      expect(Number.isNaN(read?.createdAt.getTime())).toBe(false);
    });
  });

  describe('links and downloads', () => {
    it('records each issued link for the lead', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      await store.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
      await store.recordLink(stored.id, new Date('2026-02-02T10:00:00.000Z'), new Date('2026-02-09T10:00:00.000Z'));
      expect(await db.links()).toEqual([
        {
          leadId: stored.id,
          issuedAt: new Date('2026-02-01T10:00:00.000Z'),
          expiresAt: new Date('2026-02-08T10:00:00.000Z'),
        },
        {
          leadId: stored.id,
          issuedAt: new Date('2026-02-02T10:00:00.000Z'),
          expiresAt: new Date('2026-02-09T10:00:00.000Z'),
        },
      ]);
    });

    it('records the link given with the lead in the same write, and neither when that write fails', async () => {
      const store = await openStore();
      const link = { issuedAt: new Date('2026-02-01T10:00:00.000Z'), expiresAt: new Date('2026-02-08T10:00:00.000Z') };
      const failing = () => {
        throw new Error('the outbox rows could not be made');
      };
      await expect(store.upsertLead(lead(), failing, link)).rejects.toThrow('the outbox rows could not be made');
      expect(await store.listLeads()).toEqual([]);
      expect(await db.links()).toEqual([]);

      const { lead: stored } = await store.upsertLead(lead(), undefined, link);
      expect(await db.links()).toEqual([{ leadId: stored.id, ...link }]);
    });

    it('gives the link that stays valid longest, while it is still valid at the time asked', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      expect(await store.currentLink(stored.id, new Date('2026-02-01T00:00:00.000Z'))).toBeUndefined();
      await store.recordLink(stored.id, new Date('2026-02-02T10:00:00.000Z'), new Date('2026-02-09T10:00:00.000Z'));
      await store.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
      expect(await store.currentLink(stored.id, new Date('2026-02-05T00:00:00.000Z'))).toEqual({
        issuedAt: new Date('2026-02-02T10:00:00.000Z'),
        expiresAt: new Date('2026-02-09T10:00:00.000Z'),
      });
      expect(await store.currentLink(stored.id, new Date('2026-02-09T10:00:00.000Z'))).toBeUndefined();
    });

    it('records one renewal per access token, however often it is asked for, and gives it again', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      const token = new Date('2026-02-01T10:00:00.000Z');
      const asked = Array.from({ length: 20 }, (_, i) => ({
        issuedAt: new Date(Date.parse('2026-02-05T10:00:00.000Z') + i * 1000),
        expiresAt: new Date(Date.parse('2026-02-12T10:00:00.000Z') + i * 1000),
      }));
      // Asked at once, as parallel page views with one stale cookie are.
      const renewals = await Promise.all(asked.map((link) => store.renewLink(stored.id, token, link)));
      expect(new Set(renewals.map((r) => r.issuedAt.getTime())).size).toBe(1);
      expect(await db.links()).toHaveLength(1);
      expect(await store.renewLink(stored.id, token, asked[5]!)).toEqual(renewals[0]);
      // Another token of the lead gets its own renewal.
      await store.renewLink(stored.id, new Date('2026-02-02T10:00:00.000Z'), asked[0]!);
      expect(await db.links()).toHaveLength(2);
    });

    it('removes the links that expired before a moment, and keeps the others', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      await store.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
      await store.recordLink(stored.id, new Date('2026-02-05T10:00:00.000Z'), new Date('2026-02-12T10:00:00.000Z'));
      expect(await store.pruneLinks(new Date('2026-02-10T00:00:00.000Z'))).toBe(1);
      expect((await db.links()).map((link) => link.expiresAt)).toEqual([new Date('2026-02-12T10:00:00.000Z')]);
      expect(await store.pruneLinks(new Date('2026-02-10T00:00:00.000Z'))).toBe(0);
      expect(await store.listLeads()).toHaveLength(1);
    });

    it('keeps a signed-out dashboard session refused until it expires, then forgets it', async () => {
      const store = await openStore();
      expect(await store.sessionRevoked('session-one-aaaa')).toBe(false);
      await store.revokeSession('session-one-aaaa', new Date('2026-03-01T12:00:00Z'), new Date('2026-03-01T10:00:00Z'));
      await store.revokeSession('session-one-aaaa', new Date('2026-03-01T12:00:00Z'), new Date('2026-03-01T10:00:00Z'));
      expect(await store.sessionRevoked('session-one-aaaa')).toBe(true);
      expect(await store.sessionRevoked('session-two-bbbb')).toBe(false);
      // A later sign-out, past the first session's expiry, prunes its record (its token is refused by then anyway).
      await store.revokeSession('session-two-bbbb', new Date('2026-03-01T15:00:00Z'), new Date('2026-03-01T13:00:00Z'));
      expect(await store.sessionRevoked('session-one-aaaa')).toBe(false);
      expect(await store.sessionRevoked('session-two-bbbb')).toBe(true);
    });

    it('gives only a link issued by a given time, when asked: never one issued to a later form', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      await store.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
      await store.recordLink(stored.id, new Date('2026-02-02T10:00:00.000Z'), new Date('2026-02-09T10:00:00.000Z'));
      const validAt = new Date('2026-02-03T00:00:00.000Z');
      expect(await store.currentLink(stored.id, validAt, new Date('2026-02-01T10:00:00.000Z'))).toEqual({
        issuedAt: new Date('2026-02-01T10:00:00.000Z'),
        expiresAt: new Date('2026-02-08T10:00:00.000Z'),
      });
      expect(await store.currentLink(stored.id, validAt, new Date('2026-02-01T09:59:59.000Z'))).toBeUndefined();
    });

    it('refuses to store a range that is not "start-end", such as a raw Range header', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      const download = (range: string) =>
        store.recordDownload({
          leadId: stored.id,
          series: 'ml-trends',
          userAgent: null,
          ipHash: null,
          range,
          at: new Date(),
        });
      await expect(download(`bytes=${'0'.repeat(15_000)}-99`)).rejects.toThrow(/range must be "start-end"/);
      expect(await store.countDownloads(stored.id)).toBe(0);
    });

    it('counts the downloads of each lead separately', async () => {
      const store = await openStore();
      const ada = (await store.upsertLead(lead())).lead;
      const bob = (await store.upsertLead(lead({ email: 'bob@example.com' }))).lead;
      const download = (leadId: number, range: string | null = null) =>
        store.recordDownload({
          leadId,
          series: 'ml-trends',
          userAgent: 'PDF viewer',
          ipHash: 'abc',
          range,
          at: new Date('2026-02-03T12:00:00.000Z'),
        });

      expect(await store.countDownloads(ada.id)).toBe(0);
      await download(ada.id);
      await download(ada.id, '0-1023');
      await download(bob.id);
      expect(await store.countDownloads(ada.id)).toBe(2);
      expect(await store.countDownloads(bob.id)).toBe(1);
      expect(await db.downloads(ada.id)).toEqual([
        { range: null, at: new Date('2026-02-03T12:00:00.000Z') },
        { range: '0-1023', at: new Date('2026-02-03T12:00:00.000Z') },
      ]);
    });
  });

  describe('consent history', () => {
    it('adds one entry per submission and never rewrites an earlier one', async () => {
      const store = await openStore();
      const { lead: first } = await store.upsertLead(
        lead({ consentVersion: 'v1', consentAt: new Date('2026-01-01T00:00:00Z') }),
      );
      await store.upsertLead(
        lead({ consentVersion: 'v2', consentAt: new Date('2026-03-01T00:00:00Z'), marketingOptIn: true }),
      );
      expect(await store.consentHistory(first.id)).toEqual([
        { event: 'form', version: 'v1', at: new Date('2026-01-01T00:00:00Z'), marketingOptIn: false },
        { event: 'form', version: 'v2', at: new Date('2026-03-01T00:00:00Z'), marketingOptIn: true },
      ]);
      // What the box said last; the consent version the lead was created with stays until a confirmation.
      expect((await store.listLeads())[0]).toMatchObject({ consentVersion: 'v1', marketingOptIn: true });
    });
  });

  describe('double opt-in', () => {
    const at = new Date('2026-02-02T09:00:00.000Z');

    it('records a ticked marketing box as pending, and an unticked one as none', async () => {
      const store = await openStore();
      expect((await store.upsertLead(lead({ marketingOptIn: true }))).lead.marketingStatus).toBe('pending');
      const other = await store.upsertLead(lead({ email: 'grace@example.com' }));
      expect(other.lead.marketingStatus).toBe('none');
    });

    it('confirms a pending opt-in once, adding it to the consent history', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      expect(await store.changeMarketing(ada.publicId, 'confirmed', at)).toMatchObject({
        changed: true,
        lead: { marketingStatus: 'confirmed' },
      });
      expect(await store.changeMarketing(ada.publicId, 'confirmed', at)).toMatchObject({ changed: false });
      expect(await store.consentHistory(ada.id)).toEqual([
        expect.objectContaining({ event: 'form', marketingOptIn: true }),
        { event: 'marketing-confirmed', version: ada.consentVersion, at, marketingOptIn: true },
      ]);
      expect((await store.findLead(ada.publicId))?.marketingStatus).toBe('confirmed');
    });

    it('keeps a confirmed reader confirmed whatever a later form says: anyone can type their address', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      await store.changeMarketing(ada.publicId, 'confirmed', at);
      expect((await store.upsertLead(lead({ marketingOptIn: true }))).lead.marketingStatus).toBe('confirmed');
      expect((await store.upsertLead(lead({ marketingOptIn: false }))).lead.marketingStatus).toBe('confirmed');
      // Only the unsubscribe link, which comes to the mailbox, takes a reader off.
      await store.changeMarketing(ada.publicId, 'unsubscribed', at);
      expect((await store.upsertLead(lead({ marketingOptIn: false }))).lead.marketingStatus).toBe('unsubscribed');
      // Nor does a form put anyone back on: a ticked box leaves an unsubscribed reader unsubscribed.
      expect((await store.upsertLead(lead({ marketingOptIn: true }))).lead.marketingStatus).toBe('unsubscribed');
      expect((await store.findLead(ada.publicId))?.marketingStatus).toBe('unsubscribed');
    });

    it('keeps an unsubscribed reader unsubscribed when a form ticks the box, with no event but the form', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      await store.changeMarketing(ada.publicId, 'unsubscribed', at);
      const { lead: again } = await store.upsertLead(lead({ marketingOptIn: true, firstName: 'Mallory' }));
      expect(again).toMatchObject({ marketingStatus: 'unsubscribed', firstName: 'Ada' });
      expect((await store.consentHistory(ada.id)).map((entry) => entry.event)).toEqual([
        'form',
        'marketing-unsubscribed',
        'form',
      ]);
    });

    it('takes the details of the ticked form the link names, when the reader says they are theirs', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead());
      expect(ada.identityConfirmed).toBe(false);
      // The same mailbox asks again, with the box ticked and new details; the emailed link names that form.
      const formAt = new Date('2026-02-01T11:00:00.000Z');
      await store.upsertLead(
        lead({
          marketingOptIn: true,
          firstName: 'Augusta',
          company: 'Difference Engines plc',
          consentVersion: 'v9',
          consentAt: formAt,
        }),
      );
      expect((await store.findLead(ada.publicId))?.firstName).toBe('Ada');
      const confirmed = await store.changeMarketing(ada.publicId, 'confirmed', at, undefined, { formAt, adopt: true });
      expect(confirmed?.lead).toMatchObject({
        firstName: 'Augusta',
        lastName: 'Lovelace',
        company: 'Difference Engines plc',
        consentVersion: 'v9',
        identityConfirmed: true,
        marketingStatus: 'confirmed',
      });
      expect(await store.findLead(ada.publicId)).toEqual(confirmed?.lead);
      expect((await store.consentHistory(ada.id)).at(-1)).toMatchObject({
        event: 'marketing-confirmed',
        version: 'v9',
      });
      // An unsubscribe proves the mailbox too, but adopts nothing and keeps what was confirmed.
      const { lead: off } = (await store.changeMarketing(ada.publicId, 'unsubscribed', at))!;
      expect(off).toMatchObject({ firstName: 'Augusta', identityConfirmed: true });
    });

    it("adopts the named form's details, never a later ticked form's (an attacker's), whichever link is pressed", async () => {
      const store = await openStore();
      const vicAt = new Date('2026-02-01T10:00:00.000Z');
      const malloryAt = new Date('2026-02-01T10:05:00.000Z');
      const { lead: vic } = await store.upsertLead(
        lead({ marketingOptIn: true, firstName: 'Vic', lastName: 'Tim', company: 'VicCo', consentAt: vicAt }),
      );
      // Someone else sends the form with the same address and their own details, ticked: a second email.
      await store.upsertLead(
        lead({ marketingOptIn: true, firstName: 'Mallory', lastName: 'Evil', company: 'EvilCo', consentAt: malloryAt }),
      );
      // The reader follows the first email's link, which names their own form.
      const confirmed = await store.changeMarketing(vic.publicId, 'confirmed', at, undefined, {
        formAt: vicAt,
        adopt: true,
      });
      expect(confirmed?.lead).toMatchObject({
        firstName: 'Vic',
        lastName: 'Tim',
        company: 'VicCo',
        identityConfirmed: true,
        marketingStatus: 'confirmed',
      });
    });

    it('confirms emails only, keeping who the lead is, when the reader says the named details are not theirs', async () => {
      const store = await openStore();
      const malloryAt = new Date('2026-02-01T10:05:00.000Z');
      const { lead: vic } = await store.upsertLead(lead({ marketingOptIn: true, firstName: 'Vic', company: 'VicCo' }));
      await store.upsertLead(
        lead({
          marketingOptIn: true,
          firstName: 'Mallory',
          company: 'EvilCo',
          consentVersion: 'v6',
          consentAt: malloryAt,
        }),
      );
      // The newest email's link names Mallory's form; the reader says "not my details".
      const confirmed = await store.changeMarketing(vic.publicId, 'confirmed', at, undefined, {
        formAt: malloryAt,
        adopt: false,
      });
      expect(confirmed).toMatchObject({ changed: true });
      expect(confirmed?.lead).toMatchObject({
        firstName: 'Vic',
        company: 'VicCo',
        consentVersion: '2026-01-15',
        identityConfirmed: false,
        marketingStatus: 'confirmed',
      });
      expect(await store.findLead(vic.publicId)).toEqual(confirmed?.lead);
      expect((await store.consentHistory(vic.id)).at(-1)).toMatchObject({
        event: 'marketing-confirmed',
        version: '2026-01-15',
      });
    });

    it('adopts nothing from a link that names no form (an older email), nor from one naming a form it cannot tell apart', async () => {
      const store = await openStore();
      const { lead: vic } = await store.upsertLead(lead({ marketingOptIn: true, firstName: 'Vic' }));
      const malloryAt = new Date('2026-02-01T10:05:00.000Z');
      await store.upsertLead(lead({ marketingOptIn: true, firstName: 'Mallory', consentAt: malloryAt }));
      // An older link says only when it was issued (after both forms): it confirms, and adopts nothing.
      const old = await store.changeMarketing(vic.publicId, 'confirmed', at, undefined, {
        issuedAt: new Date(Date.now() + 1000),
      });
      expect(old?.lead).toMatchObject({ firstName: 'Vic', identityConfirmed: false, marketingStatus: 'confirmed' });

      const { lead: grace } = await store.upsertLead(lead({ email: 'grace@example.com', marketingOptIn: true }));
      // Two ticked forms sent at the same moment: the link's time names neither alone.
      const both = new Date('2026-02-01T10:07:00.000Z');
      await store.upsertLead(
        lead({ email: 'grace@example.com', marketingOptIn: true, firstName: 'X', consentAt: both }),
      );
      await store.upsertLead(
        lead({ email: 'grace@example.com', marketingOptIn: true, firstName: 'Y', consentAt: both }),
      );
      const twice = await store.changeMarketing(grace.publicId, 'confirmed', at, undefined, {
        formAt: both,
        adopt: true,
      });
      expect(twice?.lead).toMatchObject({ firstName: 'Ada', identityConfirmed: false, marketingStatus: 'confirmed' });
      // Nor from an unticked form, or a time no form of this lead was sent at.
      const { lead: hedy } = await store.upsertLead(lead({ email: 'hedy@example.com', marketingOptIn: true }));
      const unticked = new Date('2026-02-01T10:09:00.000Z');
      await store.upsertLead(lead({ email: 'hedy@example.com', firstName: 'Z', consentAt: unticked }));
      for (const formAt of [unticked, new Date('2026-02-01T10:10:00.000Z')]) {
        const result = await store.changeMarketing(hedy.publicId, 'confirmed', at, undefined, { formAt, adopt: true });
        expect(result?.lead).toMatchObject({ firstName: 'Ada', identityConfirmed: false });
      }
    });

    it('unsubscribes a confirmed or a pending reader once, adding it to the consent history', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      await store.changeMarketing(ada.publicId, 'confirmed', at);
      expect(await store.changeMarketing(ada.publicId, 'unsubscribed', at)).toMatchObject({
        changed: true,
        lead: { marketingStatus: 'unsubscribed' },
      });
      expect(await store.changeMarketing(ada.publicId, 'unsubscribed', at)).toMatchObject({ changed: false });
      expect((await store.consentHistory(ada.id)).map((entry) => [entry.event, entry.marketingOptIn])).toEqual([
        ['form', true],
        ['marketing-confirmed', true],
        ['marketing-unsubscribed', false],
      ]);
      const { lead: grace } = await store.upsertLead(lead({ email: 'grace@example.com', marketingOptIn: true }));
      expect((await store.changeMarketing(grace.publicId, 'unsubscribed', at))?.lead.marketingStatus).toBe(
        'unsubscribed',
      );
    });

    it('does not put back on the list a reader who unsubscribed and then follows an old confirmation link', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      await store.changeMarketing(ada.publicId, 'unsubscribed', at);
      expect(await store.changeMarketing(ada.publicId, 'confirmed', at)).toMatchObject({
        changed: false,
        lead: { marketingStatus: 'unsubscribed' },
      });
    });

    it('puts an unsubscribed reader back on the list only by a link of a form sent after the unsubscribe', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      await store.changeMarketing(ada.publicId, 'unsubscribed', new Date('2026-02-02T09:00:00.000Z'));
      const later = new Date('2026-02-03T09:00:00.000Z');
      // A link issued before the unsubscribe (an old email), one naming a form sent before it, or one that
      // does not say when: nothing.
      const old = new Date('2026-02-01T09:00:00.000Z');
      for (const link of [{ issuedAt: old }, { formAt: ada.consentAt, adopt: true }, undefined]) {
        expect(await store.changeMarketing(ada.publicId, 'confirmed', later, undefined, link)).toMatchObject({
          changed: false,
          lead: { marketingStatus: 'unsubscribed' },
        });
      }
      // The reader asks again with the box ticked, and follows the link that form's email carried.
      const formAt = new Date('2026-02-02T10:00:00.000Z');
      await store.upsertLead(lead({ marketingOptIn: true, firstName: 'Augusta', consentAt: formAt }));
      expect(
        await store.changeMarketing(ada.publicId, 'confirmed', later, undefined, { formAt, adopt: true }),
      ).toMatchObject({
        changed: true,
        lead: { marketingStatus: 'confirmed', firstName: 'Augusta', identityConfirmed: true },
      });
      expect((await store.consentHistory(ada.id)).map((entry) => entry.event)).toEqual([
        'form',
        'marketing-unsubscribed',
        'form',
        'marketing-confirmed',
      ]);
    });

    it('puts an unsubscribed reader back on the list by an older link issued after the unsubscribe, adopting nothing', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      await store.changeMarketing(ada.publicId, 'unsubscribed', new Date('2026-02-02T09:00:00.000Z'));
      await store.upsertLead(lead({ marketingOptIn: true, firstName: 'Augusta', consentAt: new Date() }));
      const issuedAt = new Date(Date.now() + 1000);
      expect(await store.changeMarketing(ada.publicId, 'confirmed', new Date(), undefined, { issuedAt })).toMatchObject(
        {
          changed: true,
          lead: { marketingStatus: 'confirmed', firstName: 'Ada', identityConfirmed: false },
        },
      );
    });

    it('does not confirm or unsubscribe a reader who never ticked the box, and knows no unknown lead', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead());
      expect(await store.changeMarketing(ada.publicId, 'confirmed', at)).toMatchObject({ changed: false });
      expect(await store.changeMarketing(ada.publicId, 'unsubscribed', at)).toMatchObject({ changed: false });
      expect(await store.consentHistory(ada.id)).toHaveLength(1);
      expect(await store.changeMarketing('0'.repeat(24), 'confirmed', at)).toBeUndefined();
    });

    it('enqueues the outbox rows of a change with it, and none when nothing changed', async () => {
      const store = await openStore();
      const { lead: ada } = await store.upsertLead(lead({ marketingOptIn: true }));
      const enqueue = (saved: { marketingStatus: string }) => [
        { topic: 'webhook', payload: { status: saved.marketingStatus } },
      ];
      await store.changeMarketing(ada.publicId, 'confirmed', at, enqueue);
      await store.changeMarketing(ada.publicId, 'confirmed', at, enqueue);
      expect(await store.listOutbox()).toMatchObject([
        { topic: 'webhook', payload: { status: 'confirmed' }, leadId: ada.id },
      ]);
    });
  });

  describe('outbox', () => {
    const at = (iso: string) => new Date(`2026-02-01T${iso}Z`);
    const email = (what: string) => [{ topic: 'email', payload: { what } }];

    it('keeps the rows a lead write enqueues, tied to the lead, each with its own idempotency key', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead(), (saved, created) => [
        { topic: 'email', payload: { to: saved.email, created } },
        { topic: 'webhook', payload: { lead: saved.publicId } },
      ]);
      const items = await store.listOutbox();
      expect(items).toMatchObject([
        { topic: 'email', payload: { to: 'ada@example.com', created: true }, leadId: stored.id, attempts: 0 },
        { topic: 'webhook', payload: { lead: stored.publicId }, leadId: stored.id, attempts: 0 },
      ]);
      expect(new Set(items.map((item) => item.idempotencyKey)).size).toBe(2);
      expect(items.every((item) => item.doneAt === null && item.gaveUpAt === null)).toBe(true);
    });

    it('stores neither the lead nor its outbox rows when deciding the rows fails', async () => {
      const store = await openStore();
      const failing = () => {
        throw new Error('no template');
      };
      await expect(store.upsertLead(lead(), failing)).rejects.toThrow('no template');
      expect(await store.listLeads()).toEqual([]);
      expect(await store.listOutbox()).toEqual([]);
    });

    it('leases a due row to one worker at a time, across connections, and counts the attempt', async () => {
      const first = await openStore();
      const second = await openStore();
      await first.upsertLead(lead(), () => email('one'));
      await first.upsertLead(lead({ email: 'grace@example.com' }), () => email('two'));
      const later = new Date(Date.now() + 1000);
      const [a, b] = await Promise.all([
        first.claimOutbox('worker-a', later, 60_000, 10),
        second.claimOutbox('worker-b', later, 60_000, 10),
      ]);
      expect([...a, ...b].map((item) => item.payload.what).sort()).toEqual(['one', 'two']);
      expect([...a, ...b].every((item) => item.attempts === 1)).toBe(true);
      expect(await first.claimOutbox('worker-c', later, 60_000, 10)).toEqual([]);
    });

    it('claims no more than asked, oldest first', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => [...email('one'), ...email('two'), ...email('three')]);
      const claimed = await store.claimOutbox('worker', new Date(Date.now() + 1000), 60_000, 2);
      expect(claimed.map((item) => item.payload.what)).toEqual(['one', 'two']);
    });

    it('claims only rows of the topic asked for, so that each topic is delivered on its own', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => [{ topic: 'webhook', payload: { what: 'hook' } }, ...email('mail')]);
      const soon = new Date(Date.now() + 1000);
      expect((await store.claimOutbox('worker', soon, 60_000, 10, 'email')).map((i) => i.payload.what)).toEqual([
        'mail',
      ]);
      expect((await store.claimOutbox('worker', soon, 60_000, 10, 'email')).length).toBe(0);
      expect((await store.claimOutbox('worker', soon, 60_000, 10)).map((i) => i.topic)).toEqual(['webhook']);
    });

    it('frees the row of a worker whose lease ran out, and then ignores that worker', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => email('one'));
      const now = new Date(Date.now() + 1000);
      const [item] = await store.claimOutbox('crashed', now, 5_000, 10);
      expect(await store.claimOutbox('other', new Date(now.getTime() + 4_000), 5_000, 10)).toEqual([]);
      const again = await store.claimOutbox('other', new Date(now.getTime() + 5_000), 5_000, 10);
      expect(again).toMatchObject([{ id: item!.id, attempts: 2, idempotencyKey: item!.idempotencyKey }]);
      expect(await store.completeOutbox(item!.id, 'crashed', new Date())).toBe(false);
      expect(await store.completeOutbox(item!.id, 'other', new Date())).toBe(true);
    });

    it('retries a failed row from the time given, keeping its error, and never before', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => email('one'));
      const [item] = await store.claimOutbox('worker', new Date(Date.now() + 1000), 60_000, 10);
      const retry = new Date(Date.now() + 60_000);
      expect(await store.failOutbox(item!.id, 'worker', 'connection refused', retry, new Date())).toBe(true);
      expect(await store.listOutbox()).toMatchObject([{ lastError: 'connection refused', nextAttemptAt: retry }]);
      expect(await store.claimOutbox('worker', new Date(retry.getTime() - 1), 60_000, 10)).toEqual([]);
      expect(await store.claimOutbox('worker', retry, 60_000, 10)).toMatchObject([{ id: item!.id, attempts: 2 }]);
    });

    it('lists a row given up on, and never claims it again', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => email('one'));
      const [item] = await store.claimOutbox('worker', new Date(Date.now() + 1000), 60_000, 10);
      await store.failOutbox(item!.id, 'worker', 'mailbox unavailable', null, at('12:00:00.000'));
      expect(await store.listOutbox()).toMatchObject([
        { gaveUpAt: at('12:00:00.000'), lastError: 'mailbox unavailable' },
      ]);
      expect(await store.claimOutbox('worker', new Date(Date.now() + 86_400_000), 60_000, 10)).toEqual([]);
    });

    it('leaves a delivered row out of the list and never delivers it again', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => email('one'));
      const [item] = await store.claimOutbox('worker', new Date(Date.now() + 1000), 60_000, 10);
      expect(await store.completeOutbox(item!.id, 'worker', new Date())).toBe(true);
      expect(await store.listOutbox()).toEqual([]);
      expect(await store.claimOutbox('worker', new Date(Date.now() + 86_400_000), 1, 10)).toEqual([]);
      expect(await store.failOutbox(item!.id, 'worker', 'late', null, new Date())).toBe(false);
    });

    it('keeps no copy of the person in a delivered row, only its key and times', async () => {
      const store = await openStore();
      const snapshot = {
        type: 'lead.stored',
        lead: { email: 'ada@example.com', firstName: 'Ada', company: 'Engines' },
      };
      await store.upsertLead(lead(), () => [{ topic: 'webhook', payload: snapshot }]);
      const [item] = await store.claimOutbox('worker', new Date(Date.now() + 1000), 60_000, 10);
      expect(await store.completeOutbox(item!.id, 'worker', new Date())).toBe(true);
      const [row] = (await store.findPerson('ada@example.com')).rows.outbox ?? [];
      expect(row?.idempotency_key).toBe(item!.idempotencyKey);
      expect(JSON.stringify(row)).not.toMatch(/ada@example\.com|Engines/);
    });

    it('erases the outbox rows of a person with the person, and of purged leads with them', async () => {
      const store = await openStore();
      await store.upsertLead(lead(), () => email('ada'));
      await store.upsertLead(lead({ email: 'grace@example.com' }), () => email('grace'));
      expect((await store.findPerson('ada@example.com')).rows.outbox).toHaveLength(1);
      await store.erasePerson('ada@example.com');
      expect((await store.listOutbox()).map((item) => item.payload.what)).toEqual(['grace']);
      await store.purgeLeads(new Date(Date.now() + 1000));
      expect(await store.listOutbox()).toEqual([]);
    });
  });

  describe('data-subject rights', () => {
    /** Ada in two series, with a link, a download and two consents; Grace beside her. */
    async function twoPeople(store: LeadStore) {
      const ada = (await store.upsertLead(lead())).lead;
      await store.upsertLead(lead({ marketingOptIn: true }));
      const adaOther = (await store.upsertLead(lead({ series: 'data-trends' }))).lead;
      const grace = (await store.upsertLead(lead({ email: 'grace@example.com', firstName: 'Grace' }))).lead;
      for (const who of [ada, grace]) await linkAndDownload(store, who);
      return { ada, adaOther, grace };
    }

    it('shows everything kept about a person: every lead, consent, link and download, and nobody else', async () => {
      const store = await openStore();
      const { ada, adaOther } = await twoPeople(store);
      const record = await store.findPerson('ada@example.com');
      expect(record.email).toBe('ada@example.com');
      expect(record.leads.map((l) => l.id)).toEqual([ada.id, adaOther.id]);
      expect(record.rows.consent_events).toHaveLength(3);
      expect(record.rows.report_links).toEqual([
        expect.objectContaining({ lead_id: ada.id, issued_at: '2026-02-01T10:00:00.000Z' }),
      ]);
      expect(record.rows.downloads).toEqual([expect.objectContaining({ lead_id: ada.id, user_agent: 'PDF viewer' })]);
      expect(JSON.stringify(record)).not.toContain('grace');
    });

    it('finds a person whatever the case of the email asked for', async () => {
      const store = await openStore();
      await twoPeople(store);
      expect((await store.findPerson(' Ada@Example.COM ')).leads).toHaveLength(2);
    });

    it('shows an empty record for an email it does not hold', async () => {
      const store = await openStore();
      await twoPeople(store);
      const record = await store.findPerson('nobody@example.com');
      expect(record.leads).toEqual([]);
      expect(Object.values(record.rows).flat()).toEqual([]);
    });

    it('erases a person: their leads, links, downloads and consent events, and keeps everyone else', async () => {
      const store = await openStore();
      const { ada, grace } = await twoPeople(store);
      const erased = await store.erasePerson('ada@example.com');
      expect(erased).toMatchObject({ leads: 2, consent_events: 3, report_links: 1, downloads: 1 });

      expect((await store.findPerson('ada@example.com')).leads).toEqual([]);
      expect(await store.findLead(ada.publicId)).toBeUndefined();
      expect(await store.countDownloads(ada.id)).toBe(0);
      expect(await store.consentHistory(ada.id)).toEqual([]);
      expect((await db.links()).map((l) => l.leadId)).toEqual([grace.id]);
      expect((await store.listLeads()).map((l) => l.email)).toEqual(['grace@example.com']);
      expect(await store.countDownloads(grace.id)).toBe(1);
    });

    it("enqueues the erasure's notices with it: one per erased lead, by public id and series, nothing personal", async () => {
      const store = await openStore();
      const { ada, adaOther } = await twoPeople(store);
      const notice = (l: ErasedLead) => ({
        topic: 'webhook' as const,
        payload: { erased: l.publicId, series: l.series },
      });
      await store.erasePerson('ada@example.com', (leads) => leads.map(notice));
      const outbox = await store.listOutbox();
      expect(outbox.map((item) => item.payload)).toEqual([
        { erased: ada.publicId, series: 'ml-trends' },
        { erased: adaOther.publicId, series: 'data-trends' },
      ]);
      // A later erasure of the same email finds nothing of her in the outbox, and announces nothing.
      expect((await store.findPerson('ada@example.com')).rows.outbox ?? []).toEqual([]);
      await store.erasePerson('ada@example.com', (leads) => leads.map(notice));
      expect(await store.listOutbox()).toHaveLength(2);
    });

    it('erases nothing, and enqueues nothing, when its notice cannot be stored', async () => {
      const store = await openStore();
      await twoPeople(store);
      // A payload that JSON cannot hold: the notice's insert throws inside the erasure's transaction.
      const unstorable = () => [
        { topic: 'webhook' as const, payload: { n: 1n } as unknown as Record<string, unknown> },
      ];
      await expect(store.erasePerson('ada@example.com', unstorable)).rejects.toThrow();
      expect((await store.findPerson('ada@example.com')).leads).toHaveLength(2);
      expect(await store.listOutbox()).toEqual([]);
    });

    it("finds the address in other people's leads, and erases it there without erasing those leads", async () => {
      const store = await openStore();
      const { grace } = await twoPeople(store);
      const third = (
        await store.upsertLead(
          lead({ email: 'third@example.com', company: 'ada@example.com', lastName: 'Ada@Example.com; Ltd' }),
        )
      ).lead;
      // Its CRM notice (an outbox row of its own) carries the address too.
      const other = (
        await store.upsertLead(lead({ email: 'other@example.com', userAgent: 'bot ada@example.com.' }), () => [
          { topic: 'webhook', payload: { userAgent: 'bot ada@example.com.' } },
        ])
      ).lead;
      // A longer address is someone else's.
      await store.upsertLead(lead({ email: 'fourth@example.com', company: 'grace.ada@example.com' }));

      const shown = await store.findPerson('ada@example.com');
      expect(shown.leads).toHaveLength(2);
      expect(shown.rows.other_leads!.map((row) => row.email)).toEqual(['third@example.com', 'other@example.com']);

      const erased = await store.erasePerson('ada@example.com');
      expect(erased).toMatchObject({ leads: 2, other_leads: 2 });
      const kept = await store.listLeads();
      expect(kept.map((l) => l.email)).toEqual([
        'grace@example.com',
        'third@example.com',
        'other@example.com',
        'fourth@example.com',
      ]);
      expect(kept.find((l) => l.id === third.id)).toMatchObject({ company: '[erased]', lastName: '[erased]; Ltd' });
      expect((await store.findPerson('other@example.com')).rows.leads![0]).toMatchObject({
        user_agent: 'bot [erased].',
      });
      expect(kept.find((l) => l.email === 'fourth@example.com')!.company).toBe('grace.ada@example.com');
      // Their own rows (the submission the form made) are scrubbed too, not deleted.
      expect((await store.findPerson('third@example.com')).rows.submissions).toEqual([
        expect.objectContaining({ company: '[erased]', last_name: '[erased]; Ltd' }),
      ]);
      expect(erased).toMatchObject({ 'scrubbed:submissions': 2, 'scrubbed:outbox': 1 });
      expect((await store.listOutbox()).map((item) => item.payload)).toEqual([{ userAgent: 'bot [erased].' }]);
      expect(await exportCsv(store)).not.toMatch(/(^|[^.])ada@example\.com/im);
      expect(Object.values((await store.findPerson('ada@example.com')).rows).flat()).toEqual([]);
      expect(await store.countDownloads(grace.id)).toBe(1);
      expect(other.id).toBeGreaterThan(third.id);
    });

    it('erases nothing for an email it does not hold', async () => {
      const store = await openStore();
      await twoPeople(store);
      const erased = await store.erasePerson('nobody@example.com');
      expect(Object.values(erased).every((n) => n === 0)).toBe(true);
      expect(await store.listLeads()).toHaveLength(3);
    });
  });

  describe('retention', () => {
    it('purges the leads last submitted before a moment, with their links, downloads and consents', async () => {
      vi.useFakeTimers({ toFake: ['Date'] });
      try {
        const store = await openStore();
        vi.setSystemTime(new Date('2026-01-01T00:00:00.000Z'));
        const old = (await store.upsertLead(lead({ email: 'old@example.com' }))).lead;
        await store.recordLink(old.id, new Date(), new Date('2026-01-08T00:00:00.000Z'));
        await store.recordDownload({
          leadId: old.id,
          series: old.series,
          userAgent: null,
          ipHash: null,
          range: null,
          at: new Date(),
        });
        const renewed = (await store.upsertLead(lead({ email: 'renewed@example.com' }))).lead;
        vi.setSystemTime(new Date('2026-03-01T00:00:00.000Z'));
        await store.upsertLead(lead({ email: 'renewed@example.com' }));
        const recent = (await store.upsertLead(lead({ email: 'recent@example.com' }))).lead;

        expect(await store.purgeLeads(new Date('2026-02-01T00:00:00.000Z'))).toBe(1);
        expect((await store.listLeads()).map((l) => l.email)).toEqual(['renewed@example.com', 'recent@example.com']);
        expect(await store.countDownloads(old.id)).toBe(0);
        expect(await store.consentHistory(old.id)).toEqual([]);
        expect(await db.links()).toEqual([]);
        expect(await store.consentHistory(renewed.id)).toHaveLength(2);
        expect(await store.findLead(recent.publicId)).toBeDefined();
      } finally {
        vi.useRealTimers();
      }
    });

    it('enqueues the notices of what it purged with it, naming each lead by public id and series', async () => {
      const store = await openStore();
      const ada = (await store.upsertLead(lead())).lead;
      const notice = (l: ErasedLead) => ({
        topic: 'webhook' as const,
        payload: { erased: l.publicId, series: l.series },
      });
      expect(await store.purgeLeads(new Date(Date.now() + 1000), (leads) => leads.map(notice))).toBe(1);
      expect((await store.listOutbox()).map((item) => item.payload)).toEqual([
        { erased: ada.publicId, series: ada.series },
      ]);
      expect(await store.purgeLeads(new Date(Date.now() + 1000), (leads) => leads.map(notice))).toBe(0);
      expect(await store.listOutbox()).toHaveLength(1);
    });
  });

  describe('rate limits', () => {
    it('refuses a key past its limit with the time until its window ends, and counts other keys and names apart', async () => {
      const store = await openStore();
      const form = store.limiter('form', { limit: 2, windowMs: 60_000 });
      const download = store.limiter('download', { limit: 2, windowMs: 60_000 });
      expect(await form.consume('client-a')).toEqual({ allowed: true });
      expect(await form.consume('client-a')).toEqual({ allowed: true });
      const refused = await form.consume('client-a');
      expect(refused.allowed).toBe(false);
      expect(refused.allowed === false && refused.retryAfterMs).toBeGreaterThan(50_000);
      expect(refused.allowed === false && refused.retryAfterMs).toBeLessThanOrEqual(60_000);
      expect(await form.consume('client-b')).toEqual({ allowed: true });
      expect(await download.consume('client-a')).toEqual({ allowed: true });
    });
  });

  describe('health', () => {
    it('finds no problem in a sound database', async () => {
      const store = await openStore();
      await store.upsertLead(lead());
      expect(await store.checkIntegrity()).toEqual([]);
    });

    it('passes the write check of /healthz on a sound database, as often as asked', async () => {
      const store = await openStore();
      await store.checkWrite();
      await Promise.all([store.checkWrite(), store.checkWrite(), store.upsertLead(lead())]);
      expect(await store.listLeads()).toHaveLength(1);
    });
  });

  describe('persistence', () => {
    it('keeps leads, links and downloads after the store is closed and opened again', async () => {
      const first = await openStore();
      const { lead: stored } = await first.upsertLead(lead());
      await first.recordLink(stored.id, new Date('2026-02-01T10:00:00.000Z'), new Date('2026-02-08T10:00:00.000Z'));
      await first.recordDownload({
        leadId: stored.id,
        series: 'ml-trends',
        userAgent: null,
        ipHash: null,
        range: null,
        at: new Date('2026-02-01T10:05:00.000Z'),
      });
      await first.close();

      const second = await openStore();
      expect(await second.listLeads()).toEqual([stored]);
      expect(await second.countDownloads(stored.id)).toBe(1);
      expect(await db.links()).toHaveLength(1);
    });

    it('makes writes visible to another connection as soon as they return', async () => {
      const store = await openStore();
      const { lead: stored } = await store.upsertLead(lead());
      const other = await openStore();
      expect(await other.listLeads()).toEqual([stored]);
      await store.upsertLead(lead());
      expect(await other.findLead(stored.publicId)).toMatchObject({ submissions: 2 });
    });
  });
});
