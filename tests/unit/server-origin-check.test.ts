import { describe, expect, it } from 'vitest';
import { crossSiteForm, crossSiteMessage } from '../../src/gate/origin-check.ts';

const url = new URL('http://127.0.0.1:4321/ml-trends-2021/report/');
const post = (headers: Record<string, string>, method = 'POST') =>
  new Request(url, { method, headers, body: method === 'GET' ? undefined : 'email=a' });

describe('the origin check of form posts', () => {
  it('accepts a form from its own origin, any GET, and a JSON post (which a browser preflights)', () => {
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    expect(crossSiteForm(post({ ...form, Origin: 'http://127.0.0.1:4321' }), url)).toBeUndefined();
    expect(crossSiteForm(post({ Origin: 'https://evil.example' }, 'GET'), url)).toBeUndefined();
    expect(
      crossSiteForm(post({ 'Content-Type': 'application/json', Origin: 'https://evil.example' }), url),
    ).toBeUndefined();
  });

  it('refuses a form from another origin or with none, naming both', () => {
    expect(
      crossSiteForm(post({ 'Content-Type': 'multipart/form-data; boundary=x', Origin: 'https://127.0.0.1:4321' }), url),
    ).toEqual({
      expected: 'http://127.0.0.1:4321',
      got: '"https://127.0.0.1:4321"',
    });
    expect(crossSiteForm(post({ 'Content-Type': 'text/plain' }), url)).toEqual({
      expected: 'http://127.0.0.1:4321',
      got: 'no Origin header',
    });
  });

  it('says what to set when the browser is on https and the server sees http', () => {
    const message = crossSiteMessage('/ml-trends-2021/report/', {
      expected: 'http://127.0.0.1:4321',
      got: '"https://reports.example"',
    });
    expect(message).toContain('expected http://127.0.0.1:4321, got "https://reports.example"');
    expect(message).toMatch(/TLS proxy, set SITE_URL .* TRUSTED_PROXIES/);
  });
});
