import { describe, expect, it } from 'vitest';
import { buildSettings, readStamp, stampText } from '../../src/lib/build-stamp.ts';

describe('the build stamp', () => {
  it('reads back the moment and the settings it was written with', () => {
    const now = new Date('2026-11-27T20:30:00.000Z');
    const settings = buildSettings({ SITE_URL: 'https://reports.example.com', REPORT_PDF: 'off' });
    expect(readStamp(stampText(now, settings))).toEqual({
      builtAt: now,
      site: 'https://reports.example.com',
      report: false,
    });
    expect(readStamp(stampText(now, buildSettings({})))).toEqual({
      builtAt: now,
      site: 'http://localhost:4321',
      report: true,
    });
  });

  it("without SITE_URL, is made for the server's own address: another PORT or HOST means another build", () => {
    expect(buildSettings({ PORT: '4600' }).site).toBe('http://localhost:4600');
    expect(buildSettings({ PORT: '4600', HOST: '0.0.0.0' }).site).toBe('http://localhost:4600');
    expect(buildSettings({ PORT: '4600', HOST: '::' }).site).toBe('http://localhost:4600');
    expect(buildSettings({ PORT: '8080', HOST: '127.0.0.1' }).site).toBe('http://127.0.0.1:8080');
    expect(buildSettings({ PORT: '8080', HOST: '::1' }).site).toBe('http://[::1]:8080');
    expect(buildSettings({ PORT: '8080', SITE_URL: 'https://reports.example.com' }).site).toBe(
      'https://reports.example.com',
    );
  });

  it('does not say whether an older stamp, written before it said so, had the report', () => {
    expect(readStamp('2026-11-27T20:30:00.000Z\nhttps://reports.example.com').report).toBeUndefined();
  });
});
