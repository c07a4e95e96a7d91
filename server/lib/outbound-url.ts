// The rule for every URL the server connects to on someone's behalf (outbound webhooks, and
// later git repositories), DESIGN.md "Security rules": https only, and never an address that
// is not public unicast (loopback, private, link-local, CGNAT, unique-local, multicast,
// broadcast, unspecified, reserved, or an IPv6 form that wraps an IPv4 address). A name is
// checked by every address DNS gives for it, when the URL is saved (checkOutboundUrl) and
// again at connect time (guardedLookup), so a name whose answer changed since (DNS
// rebinding) is refused too. ALLOW_PRIVATE_TARGETS lifts both rules (tests, on-premises).
import { lookup } from 'node:dns';
import { lookup as lookupAsync } from 'node:dns/promises';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

export interface OutboundPolicy {
  /** ALLOW_PRIVATE_TARGETS: http and any address are allowed. */
  allowPrivate: boolean;
}

/** A URL or address the rule refuses; the message says why without repeating the URL. */
export class OutboundUrlRefused extends Error {
  override name = 'OutboundUrlRefused';
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'a loopback',
  private: 'a private',
  linkLocal: 'a link-local',
  carrierGradeNat: 'a carrier-grade NAT (100.64.0.0/10)',
  uniqueLocal: 'a unique-local',
  multicast: 'a multicast',
  broadcast: 'the broadcast',
  unspecified: 'the unspecified',
  reserved: 'a reserved',
};

// Every public IPv6 unicast address is in 2000::/3; outside it, even what ipaddr.js calls
// unicast (::/96, the deprecated IPv4-compatible form) is refused.
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** Why `ip` must not be connected to ("a loopback address"), or null when it is public unicast. */
export function addressProblem(ip: string): string | null {
  if (!isIP(ip)) return 'not an IP address';
  const parsed = ipaddr.parse(ip);
  // ::ffff:127.0.0.1 is 127.0.0.1 to the kernel.
  const addr =
    parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()
      ? (parsed as ipaddr.IPv6).toIPv4Address()
      : parsed;
  const range: string = addr.range();
  if (range === 'unicast' && addr.kind() === 'ipv6') {
    const v6 = addr as ipaddr.IPv6;
    if (v6.parts.slice(0, 6).every((p) => p === 0)) return 'an IPv4-compatible IPv6 address';
    if (!v6.match(GLOBAL_UNICAST_V6)) return 'not a public address (outside 2000::/3)';
  }
  if (range === 'unicast') return null;
  const words = RANGE_WORDS[range];
  return words ? `${words} address` : `not a public address (${range})`;
}

/** The WHATWG parse and the scheme rule: https (http too when private targets are allowed). */
export function parseOutboundUrl(text: string, policy: OutboundPolicy): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new OutboundUrlRefused('not a valid URL');
  }
  const schemes = policy.allowPrivate ? ['https:', 'http:'] : ['https:'];
  if (!schemes.includes(url.protocol)) {
    throw new OutboundUrlRefused(
      policy.allowPrivate
        ? 'must be an http or https URL'
        : 'must be an https URL (http is allowed only with ALLOW_PRIVATE_TARGETS=true)',
    );
  }
  return url;
}

/** The host as an address when it is one (IPv6 without its brackets), else null. */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
  return isIP(host) ? host : null;
}

/**
 * The whole rule for a URL about to be saved: parsed, scheme checked, the host's every address
 * checked (a literal as is, a name as DNS resolves it now). Throws OutboundUrlRefused.
 */
export async function checkOutboundUrl(text: string, policy: OutboundPolicy): Promise<URL> {
  const url = parseOutboundUrl(text, policy);
  if (policy.allowPrivate) return url;
  const literal = literalAddress(url);
  if (literal) {
    const problem = addressProblem(literal);
    if (problem) throw new OutboundUrlRefused(`${literal} is ${problem}, which the server never connects to`);
    return url;
  }
  let addresses: Array<{ address: string }>;
  try {
    addresses = await lookupAsync(url.hostname, { all: true, verbatim: true });
  } catch {
    throw new OutboundUrlRefused(`the host ${url.hostname} could not be resolved`);
  }
  refuseNonPublic(
    url.hostname,
    addresses.map((a) => a.address),
  );
  return url;
}

function refuseNonPublic(host: string, addresses: string[]): void {
  if (!addresses.length) throw new OutboundUrlRefused(`the host ${host} could not be resolved`);
  for (const address of addresses) {
    const problem = addressProblem(address);
    // The address itself is not repeated: what a name resolves to inside a network is not the caller's business.
    if (problem) throw new OutboundUrlRefused(`${host} resolves to ${problem}, which the server never connects to`);
  }
}

/**
 * A `lookup` for net/tls connections that resolves the name and refuses it when any of its
 * addresses is not public: the connection goes to an address this function checked, never
 * to one DNS gives later. (Node does not call lookup for an address literal: check those
 * first with addressProblem.)
 */
export const guardedLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
    if (err) return callback(err, '', 0);
    try {
      refuseNonPublic(
        hostname,
        addresses.map((a) => a.address),
      );
    } catch (refused) {
      return callback(refused as NodeJS.ErrnoException, '', 0);
    }
    if (options.all) return callback(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};
