import { randomUUID } from 'node:crypto';
import { STATUS_CODES as HTTP_STATUS_TEXT } from 'node:http';
import type { Socket } from 'node:net';
import { isDatabaseUnavailable } from '@tym/db';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError, findErrorDefinition, type InvalidField } from './errors.js';
import { type Lang, negotiateLanguage } from './i18n.js';

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  code: string;
  requestId: string;
  errors?: InvalidField[];
  [extension: string]: unknown;
}

interface AjvLikeError {
  instancePath?: string;
  keyword?: string;
  message?: string;
  params?: Record<string, unknown>;
}

const CONTEXT_NAMES: Record<string, string> = {
  body: 'body',
  querystring: 'query',
  params: 'params',
  headers: 'header',
};

/** `/actions/2/dueOn` → `body.actions[2].dueOn`. */
export function toLocation(context: string, instancePath: string, extra?: string): string {
  let out = CONTEXT_NAMES[context] ?? context;
  const segments = instancePath.split('/').slice(1);
  if (extra !== undefined) segments.push(extra);
  for (const raw of segments) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (/^\d+$/.test(seg)) out += `[${seg}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(seg)) out += `.${seg}`;
    else out += `[${JSON.stringify(seg)}]`;
  }
  return out;
}

function validationErrors(context: string, errors: AjvLikeError[]): InvalidField[] {
  const out: InvalidField[] = [];
  const seen = new Set<string>();
  for (const e of errors) {
    const params = e.params ?? {};
    let extra: string | undefined;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required' && typeof params.missingProperty === 'string') {
      extra = params.missingProperty;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties' && typeof params.additionalProperty === 'string') {
      extra = params.additionalProperty;
      message = 'is not a known field';
    }
    const location = toLocation(context, e.instancePath ?? '', extra);
    const key = `${location}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ location, message, ...(e.keyword ? { rule: e.keyword } : {}) });
  }
  return out;
}

/** The language of the caller, negotiated once per request. */
export function requestLanguage(request: FastifyRequest): Lang {
  return request.lang;
}

function problemFor(
  request: FastifyRequest,
  code: string,
  detail?: string,
  errors?: InvalidField[],
  extensions?: Record<string, unknown>,
): ProblemBody {
  const def = findErrorDefinition(code) ?? findErrorDefinition('INTERNAL_ERROR');
  const status = def?.status ?? 500;
  const lang = request.lang;
  const body: ProblemBody = {
    ...(extensions ?? {}),
    type: `/problems/${code}`,
    title: def?.title[lang] ?? code,
    status,
    instance: request.url.split('?')[0] ?? request.url,
    code,
    requestId: String(request.id),
  };
  if (detail) body.detail = detail;
  if (errors?.length) body.errors = errors;
  return body;
}

export function sendProblem(
  request: FastifyRequest,
  reply: FastifyReply,
  code: string,
  options: { detail?: string; errors?: InvalidField[]; extensions?: Record<string, unknown> } = {},
): FastifyReply {
  const body = problemFor(request, code, options.detail, options.errors, options.extensions);
  return reply.code(body.status).type(PROBLEM_CONTENT_TYPE).serializer(JSON.stringify).send(body);
}

/** Retry-After (seconds) of a 503 answered while the database is away. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const JWT_CODES: Record<string, string> = {
  FST_JWT_NO_AUTHORIZATION_IN_HEADER: 'AUTH_REQUIRED',
  FST_JWT_BAD_REQUEST: 'AUTH_TOKEN_INVALID',
  FST_JWT_AUTHORIZATION_TOKEN_EXPIRED: 'AUTH_TOKEN_EXPIRED',
  FST_JWT_AUTHORIZATION_TOKEN_INVALID: 'AUTH_TOKEN_INVALID',
  FST_JWT_AUTHORIZATION_TOKEN_UNTRUSTED: 'AUTH_TOKEN_INVALID',
  FST_JWT_AUTHORIZATION_TOKEN_UNSIGNED: 'AUTH_TOKEN_INVALID',
  FST_JWT_BAD_COOKIE_REQUEST: 'AUTH_TOKEN_INVALID',
};

const STATUS_CODES: Record<number, string> = {
  400: 'VALIDATION_FAILED',
  401: 'AUTH_REQUIRED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  412: 'PRECONDITION_FAILED',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  428: 'PRECONDITION_REQUIRED',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

/**
 * RFC 9457 problem+json for every error of the app: domain errors, validation, bad JSON,
 * auth, unknown routes. A 5xx answers a fixed text; the real error goes to the log with
 * the request id.
 */
export const problemPlugin = fp(
  async (app: FastifyInstance) => {
    app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
      if (error instanceof AppError) {
        if (error.headers) reply.headers(error.headers);
        const def = findErrorDefinition(error.code);
        if (!def || def.status >= 500) request.log.error({ err: error }, 'request failed');
        return sendProblem(request, reply, def ? error.code : 'INTERNAL_ERROR', {
          ...(def && error.detail ? { detail: error.detail } : {}),
          ...(def && error.errors ? { errors: error.errors } : {}),
          ...(def && error.extensions ? { extensions: error.extensions } : {}),
        });
      }
      if (isDatabaseUnavailable(error)) {
        // PostgreSQL away (restarting, unreachable): the same request works when it is back.
        // Logged without the error itself, whose text can carry the query's parameters.
        request.log.warn('database unavailable; answered 503');
        reply.header('retry-after', String(DATABASE_RETRY_AFTER_SECONDS));
        return sendProblem(request, reply, 'SERVICE_UNAVAILABLE', {
          detail: 'The database cannot be reached right now. Try again shortly.',
        });
      }
      const fe = error as FastifyError & { validationContext?: string };
      if (fe.validation) {
        const errors = validationErrors(fe.validationContext ?? 'body', fe.validation as AjvLikeError[]);
        return sendProblem(request, reply, 'VALIDATION_FAILED', {
          detail: errors.map((e) => `${e.location} ${e.message}`).join('; '),
          errors,
        });
      }
      const jwtCode = fe.code ? JWT_CODES[fe.code] : undefined;
      if (jwtCode) {
        reply.header('www-authenticate', 'Bearer');
        return sendProblem(request, reply, jwtCode);
      }
      if (
        fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
        (fe instanceof SyntaxError && fe.statusCode === 400)
      ) {
        return sendProblem(request, reply, 'MALFORMED_JSON', {
          detail: 'The body could not be parsed as JSON.',
        });
      }
      if (fe.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
        return sendProblem(request, reply, 'MALFORMED_JSON', {
          detail: 'The content type is application/json but the body is empty.',
        });
      }
      const status = fe.statusCode ?? 500;
      if (status >= 500 || !STATUS_CODES[status]) {
        request.log.error({ err: error }, 'request failed');
        return sendProblem(request, reply, status === 503 ? 'SERVICE_UNAVAILABLE' : 'INTERNAL_ERROR');
      }
      if (status === 429) {
        return sendProblem(request, reply, 'RATE_LIMITED', { detail: fe.message });
      }
      return sendProblem(request, reply, STATUS_CODES[status] ?? 'INTERNAL_ERROR');
    });

    // The not-found answer is set by the app (createPlatformApp) once the rate limiter is
    // registered, so that requests to unknown paths count against the limit too.
  },
  { name: 'tym-problem' },
);

/** The answer to a path no route serves: 404 problem+json naming the method and path (no query). */
export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return sendProblem(request, reply, 'NOT_FOUND', {
    detail: `No route ${request.method} ${request.url.split('?')[0]}.`,
  });
}

/**
 * Errors of the router before any hook runs (Fastify's `frameworkErrors`): a path it cannot
 * decode, a parameter over its length limit. Answered like a validation error of the path.
 */
export function frameworkErrorHandler(defaultLanguage: Lang, maxParamLength: number) {
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    request.lang = negotiateRequestLanguage(request, defaultLanguage);
    reply.header('x-request-id', request.id);
    reply.header('content-language', request.lang);
    if (error.code === 'FST_ERR_BAD_URL' || error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
      const message =
        error.code === 'FST_ERR_BAD_URL'
          ? 'is not a valid URL component'
          : `is longer than ${maxParamLength} characters`;
      return sendProblem(request, reply, 'VALIDATION_FAILED', {
        detail: `A path parameter ${message}.`,
        errors: [
          { location: 'params', message, rule: error.code === 'FST_ERR_BAD_URL' ? 'url' : 'maxLength' },
        ],
      });
    }
    request.log.error({ err: error }, 'request failed');
    return sendProblem(request, reply, 'INTERNAL_ERROR');
  };
}

/**
 * Bytes that are not HTTP (Fastify's `clientErrorHandler`; no request exists, so no hook or
 * error handler runs): a malformed request line or header, headers over the size limit, a
 * request that did not arrive in time. Answered with problem+json and a fresh request id,
 * which the log line carries too; then the connection is closed.
 */
export function clientErrorHandler(defaultLanguage: Lang) {
  return function (
    this: FastifyInstance,
    err: Error & { code?: string; rawPacket?: unknown },
    socket: Socket,
  ) {
    if (err.code === 'ECONNRESET' || socket.destroyed) return;
    const code =
      err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? 'REQUEST_TIMEOUT'
        : err.code === 'HPE_HEADER_OVERFLOW'
          ? 'HEADERS_TOO_LARGE'
          : 'MALFORMED_REQUEST';
    const def = findErrorDefinition(code);
    const status = def?.status ?? 400;
    const requestId = randomUUID();
    // The path only (never the query), when the request line could be read at all.
    const path = /^[A-Z]{3,10} (\/[^\s?#]{0,200})/.exec(
      Buffer.isBuffer(err.rawPacket) ? err.rawPacket.toString('latin1') : '',
    )?.[1];
    const body = JSON.stringify({
      type: `/problems/${code}`,
      title: def?.title[defaultLanguage] ?? code,
      status,
      detail: 'The request could not be read as HTTP/1.1.',
      instance: path ?? '',
      code,
      requestId,
    });
    this.log.info({ requestId, parserError: err.code, status }, 'client error');
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(
      `HTTP/1.1 ${status} ${HTTP_STATUS_TEXT[status] ?? 'Bad Request'}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n` +
        `Content-Language: ${defaultLanguage}\r\n` +
        `X-Request-Id: ${requestId}\r\n` +
        'Connection: close\r\n\r\n' +
        body,
    );
  };
}

export function negotiateRequestLanguage(request: FastifyRequest, fallback: Lang): Lang {
  const header = request.headers['accept-language'];
  return negotiateLanguage(Array.isArray(header) ? header[0] : header, fallback);
}
