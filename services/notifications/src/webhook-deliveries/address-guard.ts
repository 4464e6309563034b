import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF guard of webhook delivery. A partner chooses the URL, so before each attempt its
 * host is resolved here and the attempt connects to the very address that was checked (no
 * second lookup, so no DNS-rebinding window).
 *
 * Only public unicast addresses are allowed. `allowPrivateAddresses` (tests, closed
 * networks) also lets through loopback, RFC 1918, CGNAT and IPv6 unique-local addresses;
 * cloud metadata, link-local, multicast, broadcast, unspecified and reserved ranges are
 * refused always.
 */
export interface AddressPolicy {
  allowPrivateAddresses: boolean;
}

const PRIVATE_RANGES = new Set(['private', 'loopback', 'carrierGradeNat', 'uniqueLocal']);

/** Instance metadata services (AWS/GCP/Azure IPv4, AWS IPv6, Alibaba). */
const METADATA_ADDRESSES = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

export type AddressVerdict = { allowed: true } | { allowed: false; reason: string };

export function classifyAddress(address: string, policy: AddressPolicy): AddressVerdict {
  if (!ipaddr.isValid(address)) return { allowed: false, reason: `${address} is not an IP address` };
  const parsed = ipaddr.process(address);
  const normalised = parsed.toNormalizedString();
  const canonical = parsed.kind() === 'ipv6' ? ipaddr.IPv6.parse(normalised).toString() : normalised;
  if (METADATA_ADDRESSES.has(canonical)) {
    return { allowed: false, reason: `${canonical} is a cloud metadata address` };
  }
  const range = parsed.range();
  if (range === 'unicast') return { allowed: true };
  if (policy.allowPrivateAddresses && PRIVATE_RANGES.has(range)) return { allowed: true };
  return { allowed: false, reason: `${canonical} is a ${range} address` };
}

export class AddressRefusedError extends Error {
  override name = 'AddressRefusedError';
}

export interface ResolvedTarget {
  address: string;
  family: 4 | 6;
}

export type Lookup = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

const systemLookup: Lookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Resolves a URL host and checks every address it has: if any is refused the host is
 * refused (a name that also points inside is not a public receiver). Returns the address to
 * connect to.
 */
export async function resolveTarget(
  hostname: string,
  policy: AddressPolicy,
  lookup: Lookup = systemLookup,
): Promise<ResolvedTarget> {
  const host = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host);
  if (!addresses.length) throw new AddressRefusedError(`${host} has no address`);
  for (const a of addresses) {
    const verdict = classifyAddress(a.address, policy);
    if (!verdict.allowed) throw new AddressRefusedError(`address refused: ${verdict.reason}`);
  }
  const first = addresses[0] as { address: string; family: number };
  return { address: first.address, family: first.family === 6 ? 6 : 4 };
}
