/**
 * Where webhooks may be sent: http(s) URLs without credentials, to public unicast addresses.
 * Loopback, private, link-local (cloud metadata), unique-local, CGNAT, unspecified, multicast,
 * reserved and transition ranges are refused, in whatever spelling (WHATWG `new URL` already
 * normalises `0x7f000001`, `2130706433`, `127.1`; ipaddr.js classifies, and unwraps
 * `::ffff:127.0.0.1`), and so are local names (`localhost`, `*.local`, `*.internal`, names
 * without a dot). Checked at registration on the URL, and at delivery on every address the
 * host resolves to, in the lookup of the very connection that is made (no rebinding between
 * check and connect).
 *
 * EDITIONS_WEBHOOK_ALLOW_HOSTS names exceptions: an address or CIDR (`127.0.0.1`, `10.0.0.0/8`,
 * `::1`) allows those addresses, whatever name resolves to them; a host name allows that name
 * and whatever it resolves to.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { DomainError } from '../errors.ts';

export type RefusalReason = 'scheme' | 'credentials' | 'local_name' | 'address';

/** Resolves a host name to all its addresses (dns.lookup with `all: true` by default; tests inject their own). */
export type Resolve = (hostname: string) => Promise<LookupAddress[]>;

export const systemResolve: Resolve = (hostname) =>
  new Promise((resolve, reject) => dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))));

/** A delivery refused by the policy: recorded as failed at once, never retried. */
export class TargetRefused extends Error {
  constructor(
    message: string,
    readonly reason: RefusalReason,
    readonly range?: string,
  ) {
    super(message);
    this.name = 'TargetRefused';
  }
}

/** Suffixes (and whole names) that only mean something inside a network. */
const localSuffixes = ['localhost', 'localdomain', 'local', 'internal', 'intranet', 'lan', 'home.arpa', 'ip6-localhost', 'ip6-loopback'];

type Cidr = [ipaddr.IPv4 | ipaddr.IPv6, number];

export class WebhookTargetPolicy {
  private readonly names = new Set<string>();
  private readonly cidrs: Cidr[] = [];

  /** `allow`: EDITIONS_WEBHOOK_ALLOW_HOSTS, already split; a bad entry throws config_invalid. */
  constructor(allow: readonly string[] = []) {
    for (const raw of allow) {
      const entry = raw.trim().toLowerCase().replace(/^\[(.*)\]$/, '$1');
      if (!entry) continue;
      if (entry.includes('/')) {
        if (!ipaddr.isValidCIDR(entry)) throw new DomainError('config_invalid', `EDITIONS_WEBHOOK_ALLOW_HOSTS: not a CIDR: ${raw}`, { issues: [`EDITIONS_WEBHOOK_ALLOW_HOSTS: not a CIDR: ${raw}`] });
        const [address, bits] = ipaddr.parseCIDR(entry);
        this.cidrs.push([unwrap(address), address.kind() === 'ipv6' && unwrap(address).kind() === 'ipv4' ? Math.max(0, bits - 96) : bits]);
      } else if (isIP(entry)) {
        const address = unwrap(ipaddr.parse(entry));
        this.cidrs.push([address, address.kind() === 'ipv4' ? 32 : 128]);
      } else if (/^[a-z0-9_-]+(\.[a-z0-9_-]+)*\.?$/.test(entry)) {
        this.names.add(entry.replace(/\.$/, ''));
      } else {
        throw new DomainError('config_invalid', `EDITIONS_WEBHOOK_ALLOW_HOSTS: not a host, address or CIDR: ${raw}`, { issues: [`EDITIONS_WEBHOOK_ALLOW_HOSTS: not a host, address or CIDR: ${raw}`] });
      }
    }
  }

  /**
   * At registration: the URL parsed and checked, or a DomainError (`validation_failed` for
   * what is not a URL, `webhook_target_refused` for a URL the policy refuses).
   */
  checkUrl(input: string): URL {
    let url: URL;
    try {
      url = new URL(input);
    } catch {
      throw new DomainError('validation_failed', `Not a URL: ${JSON.stringify(input)}`, { field: 'url', problem: 'not a URL' });
    }
    const refusal = this.refusalOfUrl(url);
    if (refusal) {
      // The target without credentials, path or query: safe to echo.
      const target = url.host ? `${url.protocol}//${url.host}` : url.protocol;
      throw new DomainError('webhook_target_refused', `Webhook target refused (${target}): ${refusal.message}`, {
        field: 'url',
        target,
        reason: refusal.reason,
        ...(refusal.range ? { range: refusal.range } : {}),
      });
    }
    return url;
  }

  /** The refusal of a URL by its scheme, credentials and host (no name resolution), if any. */
  refusalOfUrl(url: URL): TargetRefused | undefined {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return new TargetRefused('a webhook URL is http or https', 'scheme');
    if (url.username || url.password) return new TargetRefused('a webhook URL carries no credentials (the signature authenticates the sender)', 'credentials');
    const host = hostOf(url);
    if (this.names.has(host)) return undefined;
    if (isIP(host)) return this.refusalOfAddress(host);
    if (!host.includes('.') || localSuffixes.some((s) => host === s || host.endsWith(`.${s}`))) {
      return new TargetRefused(`${host} is a local name`, 'local_name');
    }
    return undefined;
  }

  /** The refusal of one address (a literal in the URL or a resolved one), if any. */
  refusalOfAddress(address: string): TargetRefused | undefined {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = unwrap(ipaddr.parse(address));
    } catch {
      return new TargetRefused(`${address} is not an address`, 'address');
    }
    if (this.cidrs.some(([net, bits]) => net.kind() === parsed.kind() && parsed.match(net, bits))) return undefined;
    const range = parsed.range();
    // IPv4-compatible IPv6 (::a.b.c.d, deprecated) is not in ipaddr's table: refuse it too.
    const compatible = range === 'unicast' && parsed.kind() === 'ipv6' && parsed.match(ipaddr.parse('::'), 96);
    if (range === 'unicast' && !compatible) return undefined;
    const named = compatible ? 'ipv4Compatible' : range;
    return new TargetRefused(`${parsed.toString()} is a ${named} address`, 'address', named);
  }

  /** Whether a host name was allowed by name (then whatever it resolves to is trusted). */
  allowsName(host: string): boolean {
    return this.names.has(host);
  }

  /**
   * A `lookup` for http.request: resolves the host, refuses the connection (with a
   * TargetRefused) when any address is disallowed, and hands the checked addresses to the
   * socket, so the connection goes to an address that was checked.
   */
  lookup(resolve: Resolve = systemResolve): LookupFunction {
    return (hostname, options, callback) => {
      resolve(hostname).then(
        (addresses) => {
          const host = hostname.toLowerCase().replace(/\.$/, '');
          const family = options.family === 4 || options.family === 'IPv4' ? 4 : options.family === 6 || options.family === 'IPv6' ? 6 : 0;
          const usable = addresses.filter((a) => family === 0 || a.family === family);
          if (!this.allowsName(host)) {
            for (const a of usable) {
              const refused = this.refusalOfAddress(a.address);
              if (refused) return callback(new TargetRefused(`${host} resolves to ${refused.message}`, refused.reason, refused.range), '', 0);
            }
          }
          if (usable.length === 0) return callback(Object.assign(new Error(`${host} has no address`), { code: 'ENOTFOUND' }), '', 0);
          if (options.all) return callback(null, usable);
          return callback(null, usable[0]!.address, usable[0]!.family);
        },
        (error: NodeJS.ErrnoException) => callback(error, '', 0),
      );
    };
  }
}

/** The URL's host name, lower case, without IPv6 brackets or a trailing dot. */
export function hostOf(url: URL): string {
  return url.hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1').replace(/\.$/, '');
}

/** An IPv4-mapped IPv6 address as the IPv4 address it is. */
function unwrap(address: ipaddr.IPv4 | ipaddr.IPv6): ipaddr.IPv4 | ipaddr.IPv6 {
  return address.kind() === 'ipv6' && (address as ipaddr.IPv6).isIPv4MappedAddress() ? (address as ipaddr.IPv6).toIPv4Address() : address;
}
