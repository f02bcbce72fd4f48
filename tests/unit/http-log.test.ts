import { describe, expect, it } from 'vitest';
import { loggedPath } from '../../src/gate/http/log.ts';

describe('loggedPath', () => {
  it('keeps an ordinary path as it is', () => {
    expect(loggedPath('/ml-trends-2021/governance/')).toBe('/ml-trends-2021/governance/');
  });

  it('drops the query string, where a form sent by GET would put an email', () => {
    expect(loggedPath('/ml-trends-2021/report/?email=ada%40example.com&x=1')).toBe('/ml-trends-2021/report/');
  });

  it('hides a segment holding an email or a signed link', () => {
    expect(loggedPath('/u/ada@example.com/')).toBe('/u/…/');
    expect(loggedPath('/u/ada%40example.com/')).toBe('/u/…/');
    expect(loggedPath(`/ml-trends-2021/report/download/${'a'.repeat(60)}/`)).toBe('/ml-trends-2021/report/download/…/');
  });
});
