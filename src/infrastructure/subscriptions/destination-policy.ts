import { lookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { promises as dns } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import type { DestinationPolicy } from '../../application/subscriptions/webhooks.service';
import { InvalidValue } from '../../domain/shared/errors';

/** Loopback, private, link-local (cloud metadata included), carrier-grade NAT, multicast and reserved ranges. */
const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) PRIVATE.addSubnet(network, prefix, 'ipv4');
// BlockList checks IPv4-mapped IPv6 addresses against the IPv4 rules itself; NAT64 addresses could reach any IPv4 address, so they are refused whole.
for (const [network, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  PRIVATE.addSubnet(network, prefix, 'ipv6');
}

export const isPrivateAddress = (address: string): boolean => PRIVATE.check(address, isIP(address) === 6 ? 'ipv6' : 'ipv4');

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
