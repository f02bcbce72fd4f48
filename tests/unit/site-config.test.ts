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
    expect(() => parseSite('locale: en-US\naudience: readers\ncontact: a@b.example')).toThrow(
      /^content\/site\.yaml: field "name" is required/,
    );
  });

  it('requires a contact address for the privacy page, and names the field when it is not an address', () => {
    expect(readSite(process.cwd()).contact).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(() => parseSite('name: X\nlocale: en-US\naudience: readers')).toThrow(/field "contact" is required/);
    expect(() => parseSite('name: X\nlocale: en-US\naudience: readers\ncontact: nobody')).toThrow(
      /^content\/site\.yaml: field "contact"/,
    );
  });
});
