import { describe, expect, it } from 'vitest';
import { parseSite, readSite } from '../../src/lib/content/files.ts';

describe('the site configuration (content/site.yaml)', () => {
  it('gives the real site its name, locale and report keywords', () => {
    const site = readSite(process.cwd());
    expect(site.name).toBe('ML Trends');
    expect(site.locale).toBe('en-US');
    expect(site.keywords.length).toBeGreaterThan(0);
  });

  it('names the file and the field when the name is missing', () => {
    expect(() => parseSite('locale: en-US\naudience: readers')).toThrow(
      /^content\/site\.yaml: field "name" is required/,
    );
  });
});
