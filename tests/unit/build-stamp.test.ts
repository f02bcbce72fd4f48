import { describe, expect, it } from 'vitest';
import { buildSettings, readStamp, stampText } from '../../src/integrations/build-stamp.ts';

describe('the build stamp', () => {
  it('reads back the moment and the settings it was written with', () => {
    const now = new Date('2026-11-27T20:30:00.000Z');
    const settings = buildSettings({ SITE_URL: 'https://reports.example.com', REPORT_PDF: 'off' });
    expect(readStamp(stampText(now, settings))).toEqual({
      builtAt: now,
      site: 'https://reports.example.com',
      report: false,
    });
    expect(readStamp(stampText(now, buildSettings({})))).toEqual({ builtAt: now, site: '', report: true });
  });

  it('does not say whether an older stamp, written before it said so, had the report', () => {
    expect(readStamp('2026-11-27T20:30:00.000Z\nhttps://reports.example.com').report).toBeUndefined();
  });
});
