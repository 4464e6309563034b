import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { type AddressPolicy, AddressRefusedError, type Lookup, resolveTarget } from './address-guard.js';

export interface SendOptions extends AddressPolicy {
  url: string;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  /** At most this many bytes of the answer are read and kept. */
  maxResponseBytes: number;
  lookup?: Lookup;
}

export interface SendResult {
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** Why it failed, in words for the delivery log; null on success. Never contains secrets. */
  error: string | null;
  responseExcerpt: string | null;
  retryAfter: string | null;
}

const USER_AGENT = 'TYM-Webhooks/1.0 (+https://www.standardwebhooks.com)';

/**
 * Kept-alive connections, pooled per checked address, port and TLS server name (the agents'
 * own keys): consecutive attempts to one endpoint reuse a connection instead of a TCP (and
 * TLS) handshake each. A socket idle for 4 s is closed (receivers commonly close at 5 s);
 * at most `MAX_SOCKETS_PER_TARGET` requests run in parallel to one address, the rest queue.
 */
const MAX_SOCKETS_PER_TARGET = 16;
const agentOptions = {
  keepAlive: true,
  keepAliveMsecs: 1_000,
  maxSockets: MAX_SOCKETS_PER_TARGET,
  timeout: 4_000,
};
const httpAgent = new http.Agent(agentOptions);
const httpsAgent = new https.Agent(agentOptions);

/**
 * POSTs one webhook attempt: resolves and checks the host, then connects to exactly that
 * address (TLS still verifies the certificate against the host name). Redirects are not
 * followed — a 3xx is a failure — and the answer is cut at `maxResponseBytes`. Never throws:
 * every outcome is a SendResult for the log.
 */
export async function sendWebhook(options: SendOptions): Promise<SendResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const fail = (error: string, statusCode: number | null = null): SendResult => ({
    ok: false,
    statusCode,
    latencyMs: elapsed(),
    error,
    responseExcerpt: null,
    retryAfter: null,
  });

  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    return fail('the endpoint URL is not valid');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return fail('only http(s) URLs are delivered to');

  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${options.timeoutMs} ms`)), options.timeoutMs);
  });
  try {
    const target = await Promise.race([resolveTarget(url.hostname, options, options.lookup), deadline]);
    const hostname = url.hostname.replace(/^\[|\]$/g, '');
    const isHttps = url.protocol === 'https:';
    return await new Promise<SendResult>((resolve) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const finish = (result: SendResult) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const request = (isHttps ? https : http).request({
        method: 'POST',
        host: target.address,
        family: target.family,
        port: url.port || (isHttps ? 443 : 80),
        path: `${url.pathname}${url.search}`,
        // The checked address is used as is; nothing resolves the name again.
        ...(isHttps && !isIP(hostname) ? { servername: hostname } : {}),
        agent: isHttps ? httpsAgent : httpAgent,
        headers: {
          ...options.headers,
          host: url.host,
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(options.body)),
          'user-agent': USER_AGENT,
        },
      });
      deadline.catch((err: Error) => {
        request.destroy(err);
        finish(fail(err.message));
      });
      request.on('error', (err: NodeJS.ErrnoException) => finish(fail(describeNetworkError(err))));
      request.on('response', (response) => {
        const statusCode = response.statusCode ?? 0;
        const retryAfter = headerValue(response.headers['retry-after']);
        const done = () => {
          const excerpt = Buffer.concat(chunks).subarray(0, options.maxResponseBytes).toString('utf8');
          const ok = statusCode >= 200 && statusCode < 300;
          finish({
            ok,
            statusCode,
            latencyMs: elapsed(),
            error: ok
              ? null
              : statusCode >= 300 && statusCode < 400
                ? `HTTP ${statusCode}: redirects are not followed`
                : `HTTP ${statusCode}`,
            responseExcerpt: excerpt.length ? excerpt : null,
            retryAfter,
          });
        };
        response.on('data', (chunk: Buffer) => {
          if (size >= options.maxResponseBytes) return;
          chunks.push(chunk);
          size += chunk.length;
          if (size >= options.maxResponseBytes) {
            // Enough to explain the answer; the rest is not read.
            done();
            response.destroy();
          }
        });
        response.on('end', done);
        response.on('error', done);
        response.on('close', done);
      });
      request.end(options.body);
    });
  } catch (err) {
    if (err instanceof AddressRefusedError) return fail(err.message);
    return fail(describeNetworkError(err as NodeJS.ErrnoException));
  } finally {
    clearTimeout(timer);
  }
}

function headerValue(v: string | string[] | undefined): string | null {
  if (Array.isArray(v)) return v[0] ?? null;
  return v ?? null;
}

function describeNetworkError(err: NodeJS.ErrnoException): string {
  switch (err.code) {
    case 'ECONNREFUSED':
      return 'connection refused';
    case 'ECONNRESET':
      return 'connection reset by the receiver';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'the host name does not resolve';
    case 'ETIMEDOUT':
      return 'connection timed out';
    default:
      if (err.code?.startsWith('ERR_TLS') || err.code?.includes('CERT')) return `TLS failed: ${err.code}`;
      return err.message === 'socket hang up' ? 'the receiver closed the connection' : err.message;
  }
}
