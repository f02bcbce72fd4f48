import type { IncomingMessage } from 'node:http';
import ipaddr from 'ipaddr.js';

/**
 * Who a request comes from. Forwarded headers are believed only when the socket peer is one of the
 * configured proxies (TRUSTED_PROXIES); the client is then the rightmost X-Forwarded-For hop that is not
 * a trusted proxy, since every hop left of it was written by someone we do not trust.
 */

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** The parsed TRUSTED_PROXIES: networks whose forwarded headers are believed. Empty: none, only the socket. */
export type TrustedProxies = readonly (readonly [Address, number])[];

/** The forwarded headers a client could send to pass for someone else, or for another site. */
const FORWARDED_HEADERS = ['forwarded', 'x-forwarded-for', 'x-forwarded-host', 'x-forwarded-proto', 'x-forwarded-port'];

/** An address in its plain form (IPv4-mapped IPv6 as IPv4), or undefined when it is not one. */
function parseAddress(text: string): Address | undefined {
  // Some proxies write a port: 203.0.113.7:5123, [2001:db8::1]:443.
  const bare = /^\[([^\]]+)\](?::\d+)?$/.exec(text)?.[1] ?? /^(\d+\.\d+\.\d+\.\d+):\d+$/.exec(text)?.[1] ?? text;
  if (!ipaddr.IPv4.isValidFourPartDecimal(bare) && !ipaddr.IPv6.isValid(bare)) return undefined;
  return ipaddr.process(bare);
}

/** Parses a list of addresses and CIDR networks, separated by commas or spaces; throws naming a bad entry. */
export function parseTrustedProxies(list: string): TrustedProxies {
  return list
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((entry) => {
      const [host = '', bits] = entry.split('/');
      const address = parseAddress(host);
      const max = address?.kind() === 'ipv4' ? 32 : 128;
      const prefix = bits === undefined ? max : /^\d{1,3}$/.test(bits) ? Number(bits) : NaN;
      if (!address || !(prefix >= 0 && prefix <= max)) {
        throw new Error(`"${entry}" is not an IP address or CIDR network (like 10.0.0.0/8 or 2001:db8::/32)`);
      }
      return [address, prefix] as const;
    });
}

function isTrusted(address: Address, trusted: TrustedProxies): boolean {
  return trusted.some(([network, bits]) => network.kind() === address.kind() && address.match(network, bits));
}

/**
 * The client's address: the socket peer, or, when that is a trusted proxy, the rightmost X-Forwarded-For
 * hop that is not one. A hop that is not an address ends the walk at the last proxy that wrote one.
 */
export function resolveClientAddress(
  socket: string | undefined,
  forwardedFor: string | null | undefined,
  trusted: TrustedProxies,
): string | undefined {
  const peer = socket ? parseAddress(socket) : undefined;
  if (!peer) return socket;
  const hops = (forwardedFor ?? '')
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean)
    .reverse();
  let client = peer;
  for (const hop of hops) {
    if (!isTrusted(client, trusted)) break;
    const next = parseAddress(hop);
    if (!next) break;
    client = next;
  }
  return client.toString();
}

/** The key a client is counted under: its IPv4 address, or its IPv6 /64 network (one household or host). */
export function rateLimitKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}

/**
 * The wider network a client is in, for limits that must hold against one operator with many addresses
 * but must not let anyone lock out networks they are not in: an IPv4 /16, an IPv6 /48 (one site's
 * allocation).
 */
export function wideNetworkKey(address: string): string {
  const parsed = parseAddress(address);
  if (!parsed) return address;
  if (parsed.kind() === 'ipv4') return `${(parsed as ipaddr.IPv4).octets.slice(0, 2).join('.')}.0.0/16`;
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 3).map((part) => part.toString(16));
  return `${network.join(':')}::/48`;
}

/**
 * Makes a Node request safe for Astro before it sees it: from a trusted proxy, X-Forwarded-For becomes
 * the one resolved client address (Astro reads the leftmost); from anyone else every forwarded header is
 * removed, so neither the client address nor the public host and protocol can be claimed.
 */
export function trustForwardedHeaders(request: IncomingMessage, trusted: TrustedProxies): void {
  const socket = trusted.length > 0 ? request.socket.remoteAddress : undefined;
  const peer = socket ? parseAddress(socket) : undefined;
  if (peer && isTrusted(peer, trusted)) {
    const header = request.headers['x-forwarded-for'];
    const client = resolveClientAddress(socket, Array.isArray(header) ? header.join(',') : header, trusted);
    if (header !== undefined && client) request.headers['x-forwarded-for'] = client;
    return;
  }
  for (const name of FORWARDED_HEADERS) if (name in request.headers) delete request.headers[name];
}
