import { randomUUID } from 'node:crypto';
import helmet from '@fastify/helmet';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  LogController,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import type { Redis } from 'ioredis';
import type pg from 'pg';
import type { Logger } from 'pino';
import { type AuthOptions, authPlugin } from './auth.js';
import { findErrorDefinition, listErrorDefinitions } from './errors.js';
import type { Lang } from './i18n.js';
import { compileWithLimits, limitsAjvOptions, rejectNulCharacters } from './input-rules.js';
import {
  clientErrorHandler,
  frameworkErrorHandler,
  negotiateRequestLanguage,
  notFoundHandler,
  problemPlugin,
  sendProblem,
} from './problem.js';
import { authFailureGuard, type RateLimitOptions, registerRateLimit } from './rate-limit.js';
import { ErrorCodeListSchema, ErrorCodeSchema, ProblemSchema, problemResponsesOf } from './schemas.js';

// ajv-formats is CommonJS with a default export.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface PlatformOptions {
  /** A pino logger (processes) or false (tests that want silence). */
  logger: Logger | false;
  auth: AuthOptions;
  /** PostgreSQL pool and Redis client used by readiness and rate limiting. */
  pool: pg.Pool;
  redis: Redis;
  rateLimit: RateLimitOptions | false;
  bodyLimit: number;
  docs: {
    title: string;
    version: string;
    description: string;
    uiEnabled: boolean;
    serverUrl?: string;
    /** OpenAPI 3.1 `webhooks`: the requests this API makes to its subscribers. */
    webhooks?: Record<string, unknown>;
  };
  defaultLanguage: Lang;
  /**
   * The load balancers in front (addresses or CIDRs, comma-separated), whose
   * X-Forwarded-For names the client; none by default, so the header cannot be forged.
   */
  trustProxy?: string;
}

declare module 'fastify' {
  interface FastifyRequest {
    lang: Lang;
  }
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
const MAX_PARAM_LENGTH = 200;

function buildAjv(strict: boolean): Ajv {
  const ajv = new Ajv({
    allErrors: true,
    // Unknown fields are errors (400), never silently dropped.
    removeAdditional: false,
    useDefaults: true,
    // Query strings and params arrive as text; bodies must have the right JSON types.
    coerceTypes: strict ? false : 'array',
    strict: false,
  });
  addFormats(ajv);
  return ajv;
}

/** The security headers: helmet's, with a policy for an API that serves JSON. */
const HELMET_OPTIONS = {
  // The API serves JSON; only the docs page needs scripts and styles of its own origin.
  contentSecurityPolicy: {
    directives: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      // Development runs on plain http on loopback; TLS is the load balancer's job.
      upgradeInsecureRequests: null,
    },
  },
  crossOriginResourcePolicy: { policy: 'same-site' as const },
};

/**
 * The headers @fastify/helmet sets with HELMET_OPTIONS, taken once from a throwaway app:
 * they depend on no request, but the plugin builds every middleware of helmet anew on each
 * request (3.5 % of the CPU of a routing read, issue 14).
 */
async function securityHeaders(): Promise<Record<string, string>> {
  const probe = Fastify({ logger: false });
  await probe.register(helmet, HELMET_OPTIONS);
  let headers: Record<string, string> = {};
  probe.get('/', async (_request, reply) => {
    headers = Object.fromEntries(
      Object.entries(reply.getHeaders()).map(([name, value]) => [name, String(value)]),
    );
    return '';
  });
  await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  if (!headers['content-security-policy'] || !headers['strict-transport-security']) {
    throw new Error('helmet set no security headers');
  }
  return headers;
}

async function readiness(pool: pg.Pool, redis: Redis) {
  const check = async (fn: () => Promise<unknown>) => {
    const started = performance.now();
    try {
      await Promise.race([
        fn(),
        new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 2_000).unref()),
      ]);
      return { status: 'up' as const, latencyMs: Math.round(performance.now() - started) };
    } catch {
      return { status: 'down' as const, latencyMs: Math.round(performance.now() - started) };
    }
  };
  const [database, redisCheck] = await Promise.all([
    check(() => pool.query('SELECT 1')),
    check(() => redis.ping()),
  ]);
  return { database, redis: redisCheck };
}

/**
 * The Fastify app every service plugs into: request ids, logging with redaction,
 * problem+json errors, strict validation, auth, security headers, body limit, rate limiting
 * on Redis (per token before validation, failed authentication per address), OpenAPI at
 * /docs, health, and 503 while shutting down.
 * It reads no environment and never listens.
 */
export async function createPlatformApp(options: PlatformOptions): Promise<App> {
  const app = Fastify({
    loggerInstance: options.logger || undefined,
    logger: options.logger ? undefined : false,
    bodyLimit: options.bodyLimit,
    requestIdHeader: false,
    logController: new LogController({ requestIdLogLabel: 'requestId' }),
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    ...(options.trustProxy ? { trustProxy: options.trustProxy } : {}),
    return503OnClosing: false,
    forceCloseConnections: 'idle',
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    // Errors before any hook runs are problem+json too (bad URLs; bytes that are not HTTP).
    frameworkErrors: frameworkErrorHandler(options.defaultLanguage, MAX_PARAM_LENGTH),
    clientErrorHandler: clientErrorHandler(options.defaultLanguage),
  }).withTypeProvider<TypeBoxTypeProvider>() as unknown as App;

  const strictAjv = buildAjv(true);
  const coercingAjv = buildAjv(false);
  // Size bounds are checked before everything else, and NUL characters are refused
  // everywhere (input-rules.ts).
  const limitsAjv = new Ajv(limitsAjvOptions());
  app.setValidatorCompiler(({ schema, httpPart }) =>
    compileWithLimits(httpPart === 'body' ? strictAjv : coercingAjv, limitsAjv, schema as object, httpPart),
  );
  app.addHook('preValidation', rejectNulCharacters);

  let closing = false;
  app.decorateRequest('lang', 'fi');
  app.addHook('onRequest', async (request, reply) => {
    request.lang = negotiateRequestLanguage(request, options.defaultLanguage);
    reply.header('x-request-id', request.id);
    reply.header('content-language', request.lang);
    if (closing) {
      reply.header('connection', 'close');
      reply.header('retry-after', '5');
      return sendProblem(request, reply, 'SERVICE_UNAVAILABLE', { detail: 'The service is shutting down.' });
    }
  });
  app.addHook('preClose', async () => {
    closing = true;
  });

  // JSON only: any other body (text/plain included) is 415, never parsed as a string.
  app.removeContentTypeParser('text/plain');

  await app.register(problemPlugin);
  // Helmet's headers, the same on every response: computed once (securityHeaders).
  const headers = await securityHeaders();
  app.addHook('onRequest', (_request, reply, done) => {
    reply.headers(headers);
    done();
  });

  // One shared problem schema: routes reference it instead of copying it per status.
  app.addSchema(ProblemSchema);
  await app.register(swagger, {
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
    openapi: {
      openapi: '3.1.0',
      info: {
        title: options.docs.title,
        version: options.docs.version,
        description: options.docs.description,
      },
      ...(options.docs.serverUrl ? { servers: [{ url: options.docs.serverUrl }] } : {}),
      ...(options.docs.webhooks ? { webhooks: options.docs.webhooks } : {}),
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        },
      },
      security: [{ bearer: [] }],
    },
  });
  // The docs are public; the hook must exist before swagger-ui registers its routes.
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/docs')) route.config = { ...(route.config ?? {}), public: true };
  });
  if (options.docs.uiEnabled) {
    await app.register(swaggerUi, {
      routePrefix: '/docs',
      staticCSP: true,
      transformStaticCSP: (header) => header.replace(/;?\s*upgrade-insecure-requests/g, ''),
      uiConfig: { deepLinking: true },
    });
  } else {
    app.get('/docs/json', { schema: { hide: true }, config: { public: true } }, async () => app.swagger());
  }

  await app.register(authPlugin, {
    ...options.auth,
    ...(options.rateLimit ? { failures: authFailureGuard(options.redis, options.rateLimit) } : {}),
  });
  if (options.rateLimit) await registerRateLimit(app, options.redis, options.rateLimit);
  // Unknown paths are answered by the problem 404 and count against the same limit (a flood
  // of made-up paths gets 429 like any other): the limiter's global hook covers routes only.
  app.setNotFoundHandler(options.rateLimit ? { preHandler: app.rateLimit() } : {}, notFoundHandler);

  app.get(
    '/health/live',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Liveness: the process answers',
        security: [],
        response: { 200: { type: 'object', properties: { status: { type: 'string' } } } },
      },
    },
    async () => ({ status: 'ok' }),
  );
  app.get(
    '/health/ready',
    {
      config: { public: true, rateLimit: false },
      schema: {
        tags: ['health'],
        summary: 'Readiness: PostgreSQL and Redis answer',
        security: [],
      },
    },
    async (_request, reply) => {
      const checks = await readiness(options.pool, options.redis);
      const ok = checks.database.status === 'up' && checks.redis.status === 'up';
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', checks });
    },
  );

  app.get(
    '/problems/:code',
    {
      config: { public: true },
      schema: {
        tags: ['problems'],
        summary: 'Describes an error code of this API in fi, sv and en',
        security: [],
        params: {
          type: 'object',
          properties: { code: { type: 'string', maxLength: 80 } },
          required: ['code'],
        },
        response: {
          200: ErrorCodeSchema,
          ...problemResponsesOf([400, 'The code is longer than 80 characters'], [404, 'No such code']),
        },
      },
    },
    async (request, reply) => {
      const { code } = request.params as { code: string };
      const def = findErrorDefinition(code);
      if (!def) return sendProblem(request, reply, 'NOT_FOUND', { detail: `No error code ${code}.` });
      return { code, status: def.status, title: def.title };
    },
  );
  app.get(
    '/problems',
    {
      config: { public: true },
      schema: {
        tags: ['problems'],
        summary: 'Every error code',
        security: [],
        response: { 200: ErrorCodeListSchema },
      },
    },
    async () => listErrorDefinitions().map(([code, def]) => ({ code, status: def.status, title: def.title })),
  );

  return app;
}
