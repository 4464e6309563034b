import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import type { NotificationsConfig } from '../deps.js';

export const MAX_URL_LENGTH = 2048;

const PRIVATE_RANGES = new Set(['private', 'loopback', 'carrierGradeNat', 'uniqueLocal']);
const METADATA = new Set(['169.254.169.254', 'fd00:ec2::254', '100.100.100.200']);

export type UrlVerdict = { ok: true; url: string } | { ok: false; message: string };

/**
 * The subscription-time check of an endpoint URL: https only (plain http for configured
 * hosts), no credentials or fragment, no IP literal or `localhost` name that points inside.
 * Names are resolved and checked again before every delivery (the worker's address guard):
 * what a name resolves to today says nothing of tomorrow.
 */
export function checkEndpointUrl(raw: string, config: NotificationsConfig): UrlVerdict {
  if (raw.length > MAX_URL_LENGTH)
    return { ok: false, message: `must be at most ${MAX_URL_LENGTH} characters` };
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: 'is not an absolute URL' };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const allowedHost = config.allowedHosts.includes(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowedHost)) {
    return { ok: false, message: 'must use https' };
  }
  if (url.username || url.password) return { ok: false, message: 'must not contain credentials' };
  if (url.hash) return { ok: false, message: 'must not contain a fragment' };
  if (!allowedHost && (host === 'localhost' || host.endsWith('.localhost'))) {
    return { ok: false, message: 'must not point to this machine' };
  }
  if (isIP(host)) {
    const parsed = ipaddr.process(host);
    const canonical = parsed.kind() === 'ipv6' ? parsed.toString() : parsed.toNormalizedString();
    const range = parsed.range();
    const inside = METADATA.has(canonical) || range !== 'unicast';
    const allowedInside =
      config.allowPrivateAddresses && PRIVATE_RANGES.has(range) && !METADATA.has(canonical);
    if (inside && !allowedInside) return { ok: false, message: `must not point to a ${range} address` };
  }
  return { ok: true, url: url.toString() };
}
