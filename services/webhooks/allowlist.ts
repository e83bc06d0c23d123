import { BlockList, isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Where webhooks may be sent, so the server cannot be turned against other hosts (SSRF).
 *
 * Entries (comma-separated): a host name (`hooks.example.org`), a `*.suffix` pattern (any
 * name below the suffix, not the suffix itself), an IP address (`::1`), a CIDR range
 * (`10.1.0.0/16`), or `*` (any host name). Two rules, checked at registration and again
 * before every delivery:
 * - the URL's host must match an entry (an IP literal matches an address or range entry,
 *   or `*` when the address is public);
 * - every address the host resolves to must be public, or inside an address or range entry.
 *   A listed name that resolves to a private, loopback or link-local address is refused
 *   unless that address is listed too, so DNS cannot point an allowed name inward.
 */
export const DEFAULT_ALLOWLIST = 'localhost,127.0.0.0/8,::1';

const familyOf = (address: string): 'ipv4' | 'ipv6' | null => {
  const version = isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : null;
};

/**
 * Whether an address is on the public internet: ipaddr.js classifies it against the IANA
 * IPv4 and IPv6 special-purpose registries (RFC 6890 and later), and only `unicast` — the
 * range left over once loopback, private, link-local, shared, documentation, benchmarking,
 * multicast, reserved, NAT64/6to4/Teredo and the rest are taken out — counts. An IPv6
 * address with an IPv4 address inside it (`::ffff:a.b.c.d`, and the deprecated IPv4-compatible
 * `::a.b.c.d`, which some stacks still route to IPv4) counts as that IPv4 address, so
 * `[::127.0.0.1]` and `[::169.254.169.254]` are not public. Anything `net.isIP` does not
 * accept as an address (`127.1`, `0x7f.0.0.1`) is not public either.
 */
export const isPublicAddress = (address: string): boolean => {
  if (familyOf(address) === null) return false;
  const parsed = ipaddr.parse(address);
  return (parsed.kind() === 'ipv6' ? (embeddedIPv4(parsed as ipaddr.IPv6) ?? parsed) : parsed).range() === 'unicast';
};

/** `::/96`, the deprecated IPv4-compatible addresses (RFC 4291 §2.5.5.1); ipaddr.js has no range for them. */
const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/** The IPv4 address an IPv4-mapped (`::ffff:0:0/96`) or IPv4-compatible (`::/96`) address stands for. */
const embeddedIPv4 = (address: ipaddr.IPv6): ipaddr.IPv4 | undefined => {
  if (address.isIPv4MappedAddress()) return address.toIPv4Address();
  if (address.match(IPV4_COMPATIBLE)) return ipaddr.fromByteArray(address.toByteArray().slice(12)) as ipaddr.IPv4;
  return undefined;
};

/** `[::1]` → `::1`, `Example.ORG.` → `example.org`. */
const normaliseHost = (host: string): string => {
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.toLowerCase().replace(/\.$/, '');
};

/** A name as the URL parser would write it (lowercase, punycode), or null when it is not a valid host name. */
const canonicalName = (name: string): string | null => {
  try {
    const { hostname } = new URL(`http://${name}/`);
    return hostname ? normaliseHost(hostname) : null;
  } catch {
    return null;
  }
};

export class AllowlistError extends Error {
  override readonly name = 'AllowlistError';
}

export class Allowlist {
  readonly #names = new Set<string>();
  readonly #suffixes: string[] = [];
  readonly #addresses = new BlockList();
  #anyName = false;

  private constructor(readonly entries: readonly string[]) {}

  /** Parse a comma-separated allowlist; throws `AllowlistError` naming the first bad entry. */
  static parse(text: string): Allowlist {
    const entries = text
      .split(',')
      .map((entry) => entry.trim())
      .filter(Boolean);
    const allowlist = new Allowlist(entries);
    for (const entry of entries) allowlist.#add(entry);
    return allowlist;
  }

  #add(entry: string): void {
    const bad = (why: string) => new AllowlistError(`allowlist entry "${entry}": ${why}`);
    if (entry === '*') {
      this.#anyName = true;
      return;
    }
    const slash = entry.indexOf('/');
    if (slash >= 0) {
      const network = normaliseHost(entry.slice(0, slash));
      const prefixText = entry.slice(slash + 1);
      const family = familyOf(network);
      const prefix = Number(prefixText);
      if (!family) throw bad('a range must be an IP address, a slash and a prefix length');
      if (!/^\d{1,3}$/.test(prefixText) || prefix > (family === 'ipv4' ? 32 : 128)) throw bad('bad prefix length');
      this.#addresses.addSubnet(network, prefix, family);
      return;
    }
    const host = normaliseHost(entry);
    const family = familyOf(host);
    if (family) {
      this.#addresses.addAddress(host, family);
      return;
    }
    if (host.startsWith('*.')) {
      const suffix = canonicalName(host.slice(2));
      if (!suffix || suffix.includes('*')) throw bad('a pattern must be *. followed by a host name');
      this.#suffixes.push(suffix);
      return;
    }
    const name = canonicalName(host);
    if (!name || name.includes('*')) throw bad('not a host name, pattern, address or range');
    this.#names.add(name);
  }

  /** Whether an address may be connected to: listed, or public. */
  permitsAddress(address: string): boolean {
    const family = familyOf(address);
    if (!family) return false;
    return this.#addresses.check(address, family) || isPublicAddress(address);
  }

  /** Whether a URL host (as `URL.hostname` gives it) matches an entry. */
  permitsHost(hostname: string): boolean {
    const host = normaliseHost(hostname);
    const family = familyOf(host);
    if (family) return this.#addresses.check(host, family) || (this.#anyName && isPublicAddress(host));
    if (this.#anyName || this.#names.has(host)) return true;
    return this.#suffixes.some((suffix) => host.endsWith(`.${suffix}`));
  }

  toString(): string {
    return this.entries.join(',');
  }
}

/** Why a webhook URL may not be used, or `null` when it may. Checks the form and the host; not DNS. */
export const destinationProblem = (url: string, allowlist: Allowlist): string | null => {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not an absolute URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must be an http or https URL';
  if (parsed.username || parsed.password) return 'must not carry credentials (the signature authenticates deliveries)';
  if (parsed.hash) return 'must not have a fragment';
  if (!allowlist.permitsHost(parsed.hostname)) {
    return `host ${parsed.hostname} is not in the webhook allowlist (SIJILL_WEBHOOK_ALLOW=${allowlist.toString()})`;
  }
  return null;
};
