import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { DestinationPolicy } from '../../application/subscriptions/webhooks.service';
import { InvalidValue } from '../../domain/shared/errors';

/**
 * Every address but a public unicast one, by ipaddr.js's ranges of the IANA
 * special-purpose registries: loopback, private, link-local (cloud metadata
 * included), carrier-grade NAT, multicast, documentation and other reserved
 * ranges, and the IPv6 forms that carry an IPv4 address elsewhere (6to4,
 * Teredo, NAT64), refused whole since they could reach any. An IPv4-mapped
 * IPv6 address is judged as its IPv4 address.
 */
export const isPrivateAddress = (address: string): boolean => {
  const parsed = ipaddr.parse(address);
  const judged = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return judged.range() !== 'unicast';
};

export type DestinationRules = Readonly<{ allowPrivate: boolean; allowHttp: boolean }>;

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * Where the ledger may send: https only and public addresses only, unless the
 * operator allows otherwise. Checked when a URL is registered and again at
 * every connection, on the addresses the connection actually uses (so a name
 * that later resolves somewhere private is refused too).
 */
export class HttpDestinations implements DestinationPolicy {
  constructor(private readonly rules: DestinationRules) {}

  async check(url: string, field: string): Promise<void> {
    const parsed = this.parse(url, field);
    const host = hostOf(parsed);
    const addresses = isIP(host) ? [host] : await dns.lookup(host, { all: true }).then(
      (found) => found.map((entry) => entry.address),
      () => {
        throw new InvalidValue(field, `${field} names a host, ${host}, that does not resolve`);
      },
    );
    const refused = this.rules.allowPrivate ? undefined : addresses.find(isPrivateAddress);
    if (refused) throw new InvalidValue(field, `${field} resolves to ${refused}, a loopback, private or link-local address`);
  }

  /** The URL, or an InvalidValue when its scheme is not allowed or Node could not send to it. */
  parse(url: string, field: string): URL {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new InvalidValue(field, `${field} must be an absolute URL`);
    }
    const schemes = this.rules.allowHttp ? ['https:', 'http:'] : ['https:'];
    if (!schemes.includes(parsed.protocol)) throw new InvalidValue(field, `${field} must use ${schemes.map((s) => s.slice(0, -1)).join(' or ')}`);
    // Node sends a URL's user name and password, percent-decoded, as the Authorization header; one that does
    // not decode it refuses to send at all, so no delivery to the URL could ever be made.
    try {
      decodeURIComponent(parsed.username);
      decodeURIComponent(parsed.password);
    } catch {
      throw new InvalidValue(field, `${field} has a user name or password that is not percent-encoded UTF-8`);
    }
    return parsed;
  }

  /** A DNS lookup for http.request that refuses private addresses at connection time. */
  readonly lookup = (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      const refused = this.rules.allowPrivate ? undefined : addresses.find((entry) => isPrivateAddress(entry.address));
      if (refused) return callback(Object.assign(new Error(`${hostname} resolves to ${refused.address}, a private address`), { code: 'EPRIVATE' }), []);
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };

  /** Refuses a literal private address, which http.request connects to without a lookup. */
  refuseLiteral(url: URL): string | null {
    const host = hostOf(url);
    return isIP(host) && !this.rules.allowPrivate && isPrivateAddress(host) ? `${host} is a loopback, private or link-local address` : null;
  }
}

const hostOf = (url: URL): string => url.hostname.replace(/^\[(.*)\]$/, '$1');
