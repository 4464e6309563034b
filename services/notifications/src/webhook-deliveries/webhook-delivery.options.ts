import type { Lookup } from './address-guard.js';

/** How the worker delivers webhooks. Defaults are production values. */
export interface WebhookDeliveryOptions {
  /** Hosts an endpoint may use plain `http` for (tests: 127.0.0.1, localhost). */
  allowedHosts: string[];
  /** Lets loopback and private addresses through the SSRF guard (tests, closed networks). */
  allowPrivateAddresses: boolean;
  /** One attempt's whole budget: DNS, connect, TLS, request and answer. */
  timeoutMs: number;
  /** How much of an answer is read and stored. */
  maxResponseBytes: number;
  /** An endpoint failing without one success for this long is disabled (5 days). */
  disableAfterMs: number;
  /** A claim older than this lost its worker (crash between sending and recording). */
  staleClaimMs: number;
  /** Rows the sweep handles per round. */
  sweepBatchSize: number;
  /** `webhook.fanout`: requests of one job in flight at once, over all its endpoints. */
  fanoutConcurrency: number;
  /**
   * `webhook.fanout`: requests of one job in flight to one endpoint (each endpoint's in
   * position order); at most the sender's connections per target (16).
   */
  fanoutPerEndpoint: number;
  /** Name resolution (tests replace it). */
  lookup?: Lookup;
  /** Jitter source (tests make it exact). */
  random?: () => number;
}

export const DEFAULT_WEBHOOK_DELIVERY_OPTIONS: WebhookDeliveryOptions = {
  allowedHosts: [],
  allowPrivateAddresses: false,
  timeoutMs: 10_000,
  maxResponseBytes: 4_096,
  disableAfterMs: 5 * 24 * 3_600_000,
  staleClaimMs: 2 * 60_000,
  sweepBatchSize: 500,
  fanoutConcurrency: 64,
  fanoutPerEndpoint: 8,
};

/** Plain http only to configured hosts; everything else must be https. */
export function schemeAllowed(url: URL, allowedHosts: string[]): boolean {
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && allowedHosts.includes(url.hostname.replace(/^\[|\]$/g, ''));
}
