"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.HttpDestinations = exports.isPrivateAddress = void 0;
const node_dns_1 = require("node:dns");
const node_dns_2 = require("node:dns");
const node_net_1 = require("node:net");
const errors_1 = require("../../domain/shared/errors");
/** Loopback, private, link-local (cloud metadata included), carrier-grade NAT, multicast and reserved ranges. */
const PRIVATE = new node_net_1.BlockList();
for (const [network, prefix] of [
    ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
    ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
])
    PRIVATE.addSubnet(network, prefix, 'ipv4');
// BlockList checks IPv4-mapped IPv6 addresses against the IPv4 rules itself; NAT64 addresses could reach any IPv4 address, so they are refused whole.
for (const [network, prefix] of [['::', 128], ['::1', 128], ['64:ff9b::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]]) {
    PRIVATE.addSubnet(network, prefix, 'ipv6');
}
const isPrivateAddress = (address) => PRIVATE.check(address, (0, node_net_1.isIP)(address) === 6 ? 'ipv6' : 'ipv4');
exports.isPrivateAddress = isPrivateAddress;
/**
 * Where the ledger may send: https only and public addresses only, unless the
 * operator allows otherwise. Checked when a URL is registered and again at
 * every connection, on the addresses the connection actually uses (so a name
 * that later resolves somewhere private is refused too).
 */
class HttpDestinations {
    rules;
    constructor(rules) {
        this.rules = rules;
    }
    async check(url, field) {
        const parsed = this.parse(url, field);
        const host = hostOf(parsed);
        const addresses = (0, node_net_1.isIP)(host) ? [host] : await node_dns_2.promises.lookup(host, { all: true }).then((found) => found.map((entry) => entry.address), () => {
            throw new errors_1.InvalidValue(field, `${field} names a host, ${host}, that does not resolve`);
        });
        const refused = this.rules.allowPrivate ? undefined : addresses.find(exports.isPrivateAddress);
        if (refused)
            throw new errors_1.InvalidValue(field, `${field} resolves to ${refused}, a loopback, private or link-local address`);
    }
    /** The URL, or an InvalidValue when its scheme is not allowed. */
    parse(url, field) {
        let parsed;
        try {
            parsed = new URL(url);
        }
        catch {
            throw new errors_1.InvalidValue(field, `${field} must be an absolute URL`);
        }
        const schemes = this.rules.allowHttp ? ['https:', 'http:'] : ['https:'];
        if (!schemes.includes(parsed.protocol))
            throw new errors_1.InvalidValue(field, `${field} must use ${schemes.map((s) => s.slice(0, -1)).join(' or ')}`);
        return parsed;
    }
    /** A DNS lookup for http.request that refuses private addresses at connection time. */
    lookup = (hostname, options, callback) => {
        (0, node_dns_1.lookup)(hostname, { ...options, all: true }, (error, addresses) => {
            if (error)
                return callback(error, []);
            const refused = this.rules.allowPrivate ? undefined : addresses.find((entry) => (0, exports.isPrivateAddress)(entry.address));
            if (refused)
                return callback(Object.assign(new Error(`${hostname} resolves to ${refused.address}, a private address`), { code: 'EPRIVATE' }), []);
            if (options.all)
                return callback(null, addresses);
            callback(null, addresses[0].address, addresses[0].family);
        });
    };
    /** Refuses a literal private address, which http.request connects to without a lookup. */
    refuseLiteral(url) {
        const host = hostOf(url);
        return (0, node_net_1.isIP)(host) && !this.rules.allowPrivate && (0, exports.isPrivateAddress)(host) ? `${host} is a loopback, private or link-local address` : null;
    }
}
exports.HttpDestinations = HttpDestinations;
const hostOf = (url) => url.hostname.replace(/^\[(.*)\]$/, '$1');
//# sourceMappingURL=destination-policy.js.map