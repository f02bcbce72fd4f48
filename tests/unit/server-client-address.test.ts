import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  parseTrustedProxies,
  rateLimitKey,
  resolveClientAddress,
  trustForwardedHeaders,
  wideNetworkKey,
} from '../../src/gate/client-address.ts';

const proxies = parseTrustedProxies('10.0.0.0/8, 127.0.0.1 2001:db8:ffff::/48');

describe('resolveClientAddress', () => {
  it('is the socket address when no proxy is trusted, whatever X-Forwarded-For says', () => {
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1', [])).toBe('198.51.100.7');
    expect(resolveClientAddress('198.51.100.7', '203.0.113.1', proxies)).toBe('198.51.100.7');
  });

  it('is the rightmost hop a trusted proxy did not add', () => {
    expect(resolveClientAddress('127.0.0.1', '203.0.113.1', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('127.0.0.1', '6.6.6.6, 203.0.113.1, 10.1.2.3', proxies)).toBe('203.0.113.1');
  });

  it('stops at a hop that is not an address, at the proxy that wrote it', () => {
    expect(resolveClientAddress('127.0.0.1', '203.0.113.1, unknown', proxies)).toBe('127.0.0.1');
  });

  it('reads IPv4-mapped IPv6 as IPv4, and hops written with a port', () => {
    expect(resolveClientAddress('::ffff:127.0.0.1', '203.0.113.1:5123', proxies)).toBe('203.0.113.1');
    expect(resolveClientAddress('2001:db8:ffff::2', '[2001:db8:1::5]:443', proxies)).toBe('2001:db8:1::5');
  });

  it('is the leftmost hop when every hop is a trusted proxy', () => {
    expect(resolveClientAddress('127.0.0.1', '10.0.0.1, 10.0.0.2', proxies)).toBe('10.0.0.1');
  });
});

describe('rateLimitKey', () => {
  it('counts an IPv4 client by its address and an IPv6 client by its /64 network', () => {
    expect(rateLimitKey('198.51.100.7')).toBe('198.51.100.7');
    expect(rateLimitKey('2001:db8:aa:bb::1')).toBe(rateLimitKey('2001:db8:aa:bb:ffff:1:2:3'));
    expect(rateLimitKey('2001:db8:aa:bb::1')).toBe('2001:db8:aa:bb::/64');
    expect(rateLimitKey('2001:db8:aa:bc::1')).not.toBe(rateLimitKey('2001:db8:aa:bb::1'));
  });
});

describe('wideNetworkKey', () => {
  it('puts an IPv4 client in its /16 and an IPv6 client in its /48', () => {
    expect(wideNetworkKey('198.51.100.7')).toBe('198.51.0.0/16');
    expect(wideNetworkKey('198.51.3.9')).toBe(wideNetworkKey('198.51.100.7'));
    expect(wideNetworkKey('198.52.100.7')).not.toBe(wideNetworkKey('198.51.100.7'));
    expect(wideNetworkKey('2001:db8:aa:bb::1')).toBe('2001:db8:aa::/48');
    expect(wideNetworkKey('2001:db8:aa:ffff::9')).toBe(wideNetworkKey('2001:db8:aa:bb::1'));
    expect(wideNetworkKey('2001:db8:ab:bb::1')).not.toBe(wideNetworkKey('2001:db8:aa:bb::1'));
  });
});

describe('parseTrustedProxies', () => {
  it('names the entry that is not an address or network', () => {
    expect(() => parseTrustedProxies('10.0.0.0/8, proxy.internal')).toThrow(/"proxy\.internal" is not an IP address/);
    expect(() => parseTrustedProxies('10.0.0.0/33')).toThrow(/"10\.0\.0\.0\/33"/);
    expect(parseTrustedProxies('')).toEqual([]);
  });
});

describe('trustForwardedHeaders', () => {
  const request = (remoteAddress: string, headers: Record<string, string>) =>
    ({ socket: { remoteAddress }, headers: { ...headers } }) as unknown as IncomingMessage;
  const forwarded = {
    'x-forwarded-for': '6.6.6.6, 203.0.113.1',
    'x-forwarded-host': 'reports.example',
    'x-forwarded-proto': 'https',
    forwarded: 'for=6.6.6.6',
  };

  it('removes every forwarded header a client that is not a trusted proxy sends', () => {
    const direct = request('198.51.100.7', { ...forwarded, host: 'reports.example' });
    trustForwardedHeaders(direct, proxies);
    expect(direct.headers).toEqual({ host: 'reports.example' });
  });

  it('leaves a trusted proxy its headers, with X-Forwarded-For narrowed to the client it resolves', () => {
    const proxied = request('127.0.0.1', forwarded);
    trustForwardedHeaders(proxied, proxies);
    expect(proxied.headers).toMatchObject({ 'x-forwarded-for': '203.0.113.1', 'x-forwarded-proto': 'https' });
  });
});
